"""The printed values of real project tables that had no place (issue 11, brief 11a).

成本构成 lines with two prior years and the printed 合计 (15 湖北), a distributed project's
资金安排表 and per-recipient values (12 福建), the 总分 row (02 河北), and the covering 下达 notice
(01, 12, 30): each prints (PDF, workbook, Word), survives save → reopen → JSON → load → xlsx
export → import, and reads back from the visible tables alone.
"""

from __future__ import annotations

import re
from decimal import Decimal as D
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from roundtrip import round_trip

from perfdesk.export.service import export_document
from perfdesk.importer.embedded import SHEET
from perfdesk.importer.reader import import_workbook
from perfdesk.models import document as m
from perfdesk.models.jsonio import document_from_json
from perfdesk.models.money import convert_money
from perfdesk.store.file import open_document, save_document

REALTABLES = Path(__file__).parent / "data" / "realtables"
NEW = ("cost_lines", "cost_total", "cost_prior1_total", "cost_prior2_total", "recipients", "recipients_title",
       "stated_points_total", "notice_title", "notice_number", "notice_subject", "notice_code", "notice_date",
       "notice_text", "heading")  # fmt: skip
CASES = {
    "15-hubei-ezhou-dalou.json": ("项目预算成本构成", "2020年实际执行数", "保安服务费", "水电气、维修维护费", "662.98", "814.00"),
    "12-fujian-xiuyu-shuili.json": ("闽财农指〔2025〕58号", "2025年9月19日", "属地", "笏石街道办", "20.00",
                                    "埭头镇西坡排洪闸水毁修复工程", "秀屿区2025年省级第七批水利专项资金安排表"),
    "02-hebei-ningjin-zhuxuejin.json": ("总分", "100"),
    "01-tianjin-baodi-fenwu.json": ("津财基指〔2022〕23号", "2022年5月27日", "专项用于2022年天津市宝坻区"),
    "30-xinjiang-bingtuan-baoxianku.json": ("关于下达2021年兵团本级财政衔接推进乡村振兴补助资金预算指标的通知",
                                            "兵财农〔2021〕18号", "第一师阿拉尔市财政局", "2021年5月17日"),
}  # fmt: skip


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _shown(value: object) -> str:
    """A workbook value as text; a number also with two decimals, as its format shows it."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value}|{D(str(value)):.2f}"
    return "" if value is None else str(value)


def _load(name: str) -> m.Document:
    return document_from_json((REALTABLES / name).read_text(encoding="utf-8"))


def _without_kept_document(path: Path) -> Path:
    book = openpyxl.load_workbook(path)
    del book[SHEET]
    book.save(path)
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_printed_in_pdf_xlsx_and_docx(tmp_path: Path, name: str) -> None:
    doc = _load(name)
    for ext in ("pdf", "xlsx", "docx"):
        export_document(doc, tmp_path / f"a.{ext}")
    pdf = _squash("".join(p.extract_text() for p in PdfReader(tmp_path / "a.pdf").pages))
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    cells = _squash("|".join(_shown(c.value) for ws in book.worksheets[:-1] for row in ws.iter_rows() for c in row))
    word = docx.Document(str(tmp_path / "a.docx"))
    texts = [p.text for p in word.paragraphs] + [c.text for t in word.tables for r in t.rows for c in r.cells]
    words = _squash("".join(texts))
    for wanted in CASES[name]:
        assert _squash(wanted) in pdf, wanted
        assert _squash(wanted) in words, wanted
        assert _squash(wanted) in cells, wanted


@pytest.mark.parametrize("name", sorted(CASES))
def test_save_reopen_json_load_export_import(tmp_path: Path, name: str) -> None:
    result = round_trip(_load(name), tmp_path)
    assert not result.unread()  # 02 has no 项目名称: that one problem is said


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_visible_tables_alone_give_the_new_fields(tmp_path: Path, name: str) -> None:
    doc = _load(name)
    export_document(doc, tmp_path / "a.xlsx")
    result = import_workbook(_without_kept_document(tmp_path / "a.xlsx"))
    got, want = result.document.projects[0], doc.projects[0]
    for field in NEW:
        assert getattr(got, field) == getattr(want, field), field
    assert [i.recipient_values for i in got.indicators] == [i.recipient_values for i in want.indicators]
    assert not result.unread()


def test_the_fujian_grid_prints_one_value_column_per_recipient_and_no_empty_value_column(tmp_path: Path) -> None:
    doc = _load("12-fujian-xiuyu-shuili.json")
    export_document(doc, tmp_path / "a.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets[1]
    header = next(r for r in ws.iter_rows(values_only=True) if "一级指标" in r)
    titles = [v for v in header if v]
    assert titles[titles.index("指标性质") + 1 : titles.index("指标性质") + 3] == ["笏石街道办", "埭头镇"]
    assert "指标值" not in titles


NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)  # an export per example: shrinking would take minutes
AMOUNT = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], phases=NO_SHRINK)
@given(
    lines=st.lists(
        st.tuples(AMOUNT, st.one_of(st.none(), AMOUNT), st.one_of(st.none(), AMOUNT)), min_size=1, max_size=5
    ),
    stated=st.one_of(st.none(), AMOUNT),
    layout=st.sampled_from([m.Layout.SHENBAO, m.Layout.SPLIT, m.Layout.TWO_BLOCK]),
)
def test_cost_lines_read_back_exactly_from_any_family(
    tmp_path: Path, lines: list[tuple[D, D | None, D | None]], stated: D | None, layout: m.Layout
) -> None:
    doc = m.Document(unit=m.UnitInfo(name="某局", layout=layout, fiscal_year=2024))
    project = m.Project(name="运行保障", money_unit=m.MoneyUnit.YUAN if layout is m.Layout.SHENBAO else m.MoneyUnit.WAN)
    project.indicators = [m.Indicator("产出指标", "数量指标", "次数", value="10次")]
    project.cost_lines = [m.CostLine(f"费用{i}", a, f"依据{i}", p1, p2) for i, (a, p1, p2) in enumerate(lines)]
    project.cost_total = stated
    doc.projects.append(project)
    path = tmp_path / "c.xlsx"
    export_document(doc, path)
    got = import_workbook(_without_kept_document(path)).document.projects[0]
    assert got.cost_lines == project.cost_lines
    total = stated if stated is not None else sum((a for a, _, _ in lines), D(0))
    assert got.cost_total == total  # the 合计 printed: as stated, else the sum


def test_a_line_above_the_title_that_is_no_notice_is_left_alone(tmp_path: Path) -> None:
    doc = _load("01-tianjin-baodi-fenwu.json")
    p = doc.projects[0]
    p.notice_title = p.notice_number = p.notice_subject = p.notice_code = p.notice_date = ""
    p.notice_text = "本表由县财政局汇总"  # not a notice: no 文号, no title, no 下达
    export_document(doc, tmp_path / "a.xlsx")
    got = import_workbook(_without_kept_document(tmp_path / "a.xlsx")).document.projects[0]
    assert got.notice_text == "" and got.heading == p.heading


NAMES = st.lists(
    st.sampled_from(["笏石街道办", "埭头镇", "东峤镇", "月塘镇", "南日镇"]), min_size=1, max_size=3, unique=True
)
VALUE = st.sampled_from(["", "1", "100%", "否", "≥95%", "3处"])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], phases=NO_SHRINK)
@given(names=NAMES, data=st.data(), layout=st.sampled_from([m.Layout.SHENBAO, m.Layout.SPLIT, m.Layout.TWO_BLOCK]))
def test_recipients_and_their_values_read_back_from_any_family(
    tmp_path: Path, names: list[str], data: st.DataObject, layout: m.Layout
) -> None:
    doc = m.Document(unit=m.UnitInfo(name="秀屿区水利局", layout=layout, fiscal_year=2025))
    project = m.Project(
        name="水利专项", recipients=[m.Recipient(n, D(10 + i), f"{n}修复工程") for i, n in enumerate(names)]
    )
    rows = []
    for level3 in ("修复工程(个)", "开展率(%)"):
        values = data.draw(st.lists(VALUE, min_size=len(names), max_size=len(names)))
        while values and not values[-1]:
            values.pop()
        rows.append(m.Indicator("产出指标", "数量指标", level3, value="1", recipient_values=values))
    project.indicators = rows
    doc.projects.append(project)
    path = tmp_path / "r.xlsx"
    export_document(doc, path)
    got = import_workbook(_without_kept_document(path)).document.projects[0]
    amounts = [convert_money(r.amount, got.money_unit, project.money_unit) for r in got.recipients]
    assert amounts == [r.amount for r in project.recipients]  # a 申报表 prints 元: kept as printed, with its unit
    assert [(r.name, r.project_name) for r in got.recipients] == [(r.name, r.project_name) for r in project.recipients]
    assert [i.recipient_values for i in got.indicators] == [i.recipient_values for i in rows]


SCHEMA6 = Path(__file__).parent / "data" / "schema6"


@pytest.mark.parametrize("name", ["12-fujian-xiuyu-shuili", "15-hubei-ezhou-dalou"])
def test_a_schema6_file_opens_unchanged_in_meaning(tmp_path: Path, name: str) -> None:
    opened = open_document(SCHEMA6 / f"{name}.perfdesk")
    assert opened.schema_version == 6
    doc = opened.document
    assert doc == document_from_json((SCHEMA6 / f"{name}.json").read_text(encoding="utf-8"))
    project = doc.projects[0]
    assert project.cost_lines == [] and project.recipients == [] and project.notice_text == ""
    assert all(i.recipient_values == [] for i in project.indicators)
    save_document(doc, tmp_path / "b.perfdesk")  # saved again in today's format, it reads the same
    assert open_document(tmp_path / "b.perfdesk").document == doc


def test_a_long_grid_under_a_funds_allocation_keeps_its_print_titles(tmp_path: Path) -> None:
    """The 资金安排表 above is no header run: the sheet repeats the indicator header, which reads as one block."""
    doc = _load("12-fujian-xiuyu-shuili.json")
    project = doc.projects[0]
    project.indicators = [project.indicators[i % 4] for i in range(40)]
    export_document(doc, tmp_path / "a.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets[1]
    title_row = int(sheet.print_title_rows.split(":")[0].strip("$"))
    assert sheet.cell(row=title_row, column=1).value == "一级指标"
    result = import_workbook(_without_kept_document(tmp_path / "a.xlsx")).document
    assert result.unit.layout is m.Layout.SPLIT
    assert len(result.projects[0].indicators) == 40 and not result.projects[0].long_term_indicators
