"""The sample documents gaoxin-2022 and changli-2021 against the seed texts they transcribe.

The seeds (``/work/shared/seeds``) are the original Word documents saved as text: table cells start
with a tab, a blank line followed by a tab line starts a new table row, and a cell may continue on
lines without a tab.  The checks below re-read the seeds on their own and compare every project,
every indicator row, every amount and every text item with the JSON samples.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from perfdesk.models.codec import to_plain
from perfdesk.models.document import (
    Document,
    Framework,
    MeasuresKind,
    ProjectTableStyle,
    project_title,
)
from perfdesk.models.jsonio import document_from_json, document_to_json

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_000 = SEEDS / "000_c63293d27d52a2ff.txt"
SEED_001 = SEEDS / "001_1f4d866ce0771806.txt"

CN_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
GRID_HEADER = [
    "一级指标",
    "二级指标",
    "三级指标",
    "绩效指标描述",
    "指标值",
    "指标值确定依据",
]


# ----------------------------------------------------------------------------- seed reading


def _seed_lines(path: Path) -> list[str]:
    if not path.exists():
        pytest.skip(f"seed text not available: {path}")
    return path.read_text(encoding="utf-8").split("\n")


def _blank(text: str) -> bool:
    return text.strip().strip("\u3000").strip() == ""


def _text(cell: str) -> str:
    """A data cell: surrounding whitespace (and a lone full-width space) removed."""
    return "" if _blank(cell) else cell.strip()


def _label(cell: str) -> str:
    """A label cell: line breaks and spaces inside removed ("产出\\n\\n指标 " -> "产出指标")."""
    return re.sub(r"\s+", "", cell).replace("\u3000", "")


def _rows(lines: list[str]) -> list[list[str]]:
    """Table rows of a section: lists of cell texts (continuation lines kept inside the cell)."""
    rows: list[list[list[str]]] = []
    after_blank = True
    for line in lines:
        if line.startswith("\t"):
            if after_blank or not rows:
                rows.append([])
            rows[-1].append([line[1:]])
            after_blank = False
        else:
            if rows and rows[-1]:
                rows[-1][-1].append(line)
            after_blank = line.strip() == ""
    return [["\n".join(cell) for cell in row] for row in rows]


def _tables(lines: list[str]) -> list[tuple[str, list[list[str]]]]:
    """(printed title, rows) of every 绩效目标表 in the seed, in order."""
    starts = [i for i, line in enumerate(lines) if not line.startswith("\t") and line.strip().endswith("绩效目标表")]
    out = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        out.append((lines[start].strip(), _rows(lines[start + 1 : end])))
    return out


def _row(rows: list[list[str]], first_label: str) -> list[str]:
    """The row whose first cell is the label ``first_label``."""
    found = [r for r in rows if _label(r[0]) == first_label]
    assert len(found) == 1, first_label
    return found[0]


def _row_after(rows: list[list[str]], first_label: str) -> list[str]:
    """The row printed directly below the row labelled ``first_label``."""
    return rows[rows.index(_row(rows, first_label)) + 1]


def _grid(rows: list[list[str]]) -> list[list[str]]:
    """The indicator rows below the six-column header, without the empty separator row."""
    header = next(i for i, r in enumerate(rows) if [_label(c) for c in r] == GRID_HEADER)
    grid = rows[header + 1 :]
    assert all(len(r) == 6 for r in grid)
    if grid and all(_blank(c) for c in grid[0]):
        grid = grid[1:]
    assert not any(all(_blank(c) for c in r) for r in grid)
    return grid


def _between(lines: list[str], start_prefix: str, end_prefix: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(start_prefix))
    end = next(i for i, line in enumerate(lines) if i > start and line.strip().startswith(end_prefix))
    return [line.strip() for line in lines[start + 1 : end] if line.strip()]


def _percent(cell: str) -> str | None:
    """The printed cumulative percentage as the sample must store it ("30%" -> "30", "25.00" -> "25.00")."""
    return None if _blank(cell) else cell.strip().removesuffix("%")


def _plan(project: object) -> list[str | None]:
    """The stored plan as strings, so that 100 and 100.00 differ (printed decimals are kept)."""
    values = [getattr(project, f"plan_{m}") for m in ("mar", "jun", "oct", "dec")]
    return [None if v is None else str(v) for v in values]


def _load(name: str) -> Document:
    return document_from_json((SAMPLES / name).read_text(encoding="utf-8"))


def _strings(value: object) -> list[str]:
    """Every string stored anywhere in a plain (JSON) value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.fixture(scope="module")
def gaoxin() -> Document:
    return _load("gaoxin-2022.json")


@pytest.fixture(scope="module")
def changli() -> Document:
    return _load("changli-2021.json")


# ----------------------------------------------------------------------------- both samples


@pytest.mark.parametrize("name", ["gaoxin-2022.json", "changli-2021.json"])
def test_sample_is_canonical_json(name: str) -> None:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    assert document_to_json(document_from_json(text)) == text


def _check_grid(doc: Document, tables: list[tuple[str, list[list[str]]]]) -> None:
    """Every indicator row, in order, exactly as in the seed (一级/二级 filled down)."""
    assert len(doc.projects) == len(tables)
    for project, (_title, rows) in zip(doc.projects, tables, strict=True):
        grid = _grid(rows)
        assert len(project.indicators) == len(grid), project.name
        level1 = level2 = ""
        for ind, cells in zip(project.indicators, grid, strict=True):
            level1 = _label(cells[0]) or level1
            level2 = _label(cells[1]) or level2
            assert (ind.level1, ind.level2) == (level1, level2)
            assert ind.level3 == _text(cells[2])
            assert ind.description == _text(cells[3])
            assert ind.value == _text(cells[4])
            assert ind.basis == _text(cells[5])
            assert ind.level3 and ind.value and ind.basis


def _check_titles(doc: Document, tables: list[tuple[str, list[list[str]]]]) -> None:
    for project, (printed, rows) in zip(doc.projects, tables, strict=True):
        assert project_title(project) == re.sub(r"^\d+、", "", printed)
        if project.table_title:
            assert project.table_title != f"{project.name}绩效目标表"
        name_row = next(r for r in rows if len(r) >= 4 and _label(r[2]) == "项目名称")
        assert _label(name_row[0]) == "项目编码"
        assert project.code == _text(name_row[1])
        assert project.name == _text(name_row[3])
        assert not project.caption
        assert project.evaluation is None


def _check_coverage(doc: Document, lines: list[str], labels: set[str]) -> None:
    """Every piece of text in the seed is either a label or found in the sample."""
    corpus = "\n".join(_strings(to_plain(doc)) + [project_title(p) for p in doc.projects])
    numbering = r"^(\d+[.、]|(十一|[一二三四五六七八九十])、|（[一二三四五六七八九十]）|绩效目标：|绩效指标：)"
    for raw in lines:
        whole = re.sub(r"\{ TC .*? \}", "", raw).strip().strip("\u3000").strip()
        text = re.sub(numbering, "", whole).strip()
        if not text or _label(whole) in labels or re.fullmatch(r"[\d.]+\s*(万|%)?", text):
            continue
        assert text in corpus, raw


# ----------------------------------------------------------------------------- seed 000


def test_gaoxin_unit(gaoxin: Document) -> None:
    lines = _seed_lines(SEED_000)
    unit = gaoxin.unit
    assert unit.name == lines[0].strip() == "高新区应急局"
    assert gaoxin.display_title() == lines[2].strip() == "2022部门预算绩效文本"
    assert (unit.code, unit.department, unit.compiler) == ("", "", "")
    assert unit.fiscal_year == 2022
    assert unit.framework is Framework.Y2015
    assert unit.project_table_style is ProjectTableStyle.AMOUNTS
    assert unit.grade_table == "90-80-60"
    assert gaoxin.dept_table is None and gaoxin.self_report is None


def test_gaoxin_overall(gaoxin: Document) -> None:
    lines = _seed_lines(SEED_000)
    overall = gaoxin.overall
    assert overall.summary == "\n".join(_between(lines, "一、总体绩效目标", "二、分项绩效目标"))
    assert overall.sub_targets_text == ""

    part = _between(lines, "二、分项绩效目标", "三、工作保障措施")
    titles = [re.sub(r"^（[一二三四五六七八九十]）", "", s) for s in part if s.startswith("（")]
    targets = [s.removeprefix("绩效目标：") for s in part if s.startswith("绩效目标：")]
    indicators = [s.removeprefix("绩效指标：") for s in part if s.startswith("绩效指标：")]
    assert len(part) == 9
    assert [s.title for s in overall.sub_targets] == titles
    assert titles == ["安全生产综合监督管理", "应急预案及应急处置", "防灾减灾能力"]
    assert [s.target for s in overall.sub_targets] == targets
    assert [s.indicators for s in overall.sub_targets] == indicators

    measures = overall.measures
    assert measures.kind is MeasuresKind.GROUPED and measures.text == ""
    part = _between(lines, "三、工作保障措施", "安全生产专项经费项目绩效目标表")
    assert [g.title for g in measures.groups] == ["业务层面", "财务层面"]
    assert [len(g.items) for g in measures.groups] == [6, 7]
    split = part.index("（二）财务层面")
    assert part[0] == "（一）业务层面"
    for group, seed_part in zip(measures.groups, [part[1:split], part[split + 1 :]], strict=True):
        assert [f"{i}.{item}" for i, item in enumerate(group.items, 1)] == seed_part


def test_gaoxin_projects(gaoxin: Document) -> None:
    lines = _seed_lines(SEED_000)
    tables = _tables(lines)
    assert len(tables) == 3
    assert [len(p.indicators) for p in gaoxin.projects] == [7, 9, 6]
    _check_titles(gaoxin, tables)
    _check_grid(gaoxin, tables)
    for project, (_title, rows) in zip(gaoxin.projects, tables, strict=True):
        money = _row(rows, "预算规模及资金用途")
        assert [_label(money[i]) for i in (1, 3, 5)] == [
            "预算数",
            "其中：财政资金",
            "其他资金",
        ]
        assert str(project.budget_total) == _text(money[2]).removesuffix("万")
        assert str(project.budget_fiscal) == _text(money[4]).removesuffix("万")
        assert project.budget_other is None and _blank(money[6])
        assert project.purpose == _text(_row_after(rows, "预算规模及资金用途")[1])
        assert (
            project.department_name,
            project.department_code,
            project.implementer,
        ) == ("", "", "")

        plan = _row_after(rows, "资金支出计划（%）")
        assert _plan(project) == [_percent(c) for c in plan[1:5]]
        goals = next(r for r in rows if _label(r[0]) == "绩效目标")
        assert [_label(c) for c in goals[1::2]] == [f"目标{i}" for i in range(1, len(project.goals) + 1)]
        assert project.goals == [_text(c) for c in goals[2::2]]

    p2, p3 = gaoxin.projects[1:]
    assert [str(p.budget_total) for p in gaoxin.projects] == ["69.2", "500", "143"]
    assert [str(p.budget_fiscal) for p in gaoxin.projects] == ["69.2", "500", "143"]
    assert [_plan(p) for p in gaoxin.projects] == [
        ["30", "60", "80", "100"],
        ["10", "60", "95", "100"],
        ["100", None, None, None],
    ]
    assert [p.table_title for p in gaoxin.projects] == [
        "安全生产专项经费项目绩效目标表",
        "城市生命线工程项目绩效目标表",
        "",
    ]
    assert p3.indicators[4].value == "当年不发生重大生产安全"
    assert p2.indicators[6].level2 == "可持续发展"
    assert {i.level1 for p in gaoxin.projects for i in p.indicators} == {
        "产出指标",
        "效果指标",
        "满意度指标",
    }


def test_gaoxin_covers_seed(gaoxin: Document) -> None:
    labels = {
        "高新区应急局编制",
        "2022年部门整体绩效目标",
        "一、总体绩效目标",
        "二、分项绩效目标",
        "三、工作保障措施",
        "项目",
        "编码",
        "项目名称",
        "预算规模及资金用途",
        "预算数",
        "其中：财政资金",
        "其他资金",
        "资金支出计划（%）",
        "3月底",
        "6月底",
        "10月底",
        "12月底",
        "绩效",
        "目标",
        "绩效目标",
        "目标1",
        "一级",
        "指标",
        "二级指标",
        "三级指标",
        "绩效指标描述",
        "指标值",
        "指标值确定依据",
        "产出",
        "效果",
    }
    _check_coverage(gaoxin, _seed_lines(SEED_000), labels)


# ----------------------------------------------------------------------------- seed 001


def test_changli_unit(changli: Document) -> None:
    unit = changli.unit
    assert (unit.name, unit.code, unit.department) == ("昌黎县应急管理局", "426003", "")
    assert unit.fiscal_year == 2021
    assert (unit.title, unit.compiler) == ("", "")
    assert unit.framework is Framework.Y2015
    assert unit.project_table_style is ProjectTableStyle.DEPARTMENT
    assert changli.dept_table is None and changli.self_report is None


def test_changli_overall(changli: Document) -> None:
    lines = _seed_lines(SEED_001)
    overall = changli.overall
    part = _between(lines, "一、总体绩效目标", "二、分项绩效目标")
    assert part[0] == "总体绩效目标："
    assert overall.summary == "\n".join(part[1:])
    assert overall.summary.startswith("2021年，昌黎县应急管理局针对全县19个乡镇")
    assert overall.summary.endswith("保障全局41名事业自筹人员的工资发放和稳定工作。")

    part = _between(lines, "二、分项绩效目标", "三、工作保障措施")
    assert part[0] == "分项绩效目标："
    titles = [re.sub(r"^（[一二三四五六七八九十]）", "", s) for s in part if s.startswith("（")]
    assert len(titles) == 5 == len(overall.sub_targets)
    assert [s.title for s in overall.sub_targets] == titles
    assert [s.target for s in overall.sub_targets] == [
        s.removeprefix("绩效目标：") for s in part if s.startswith("绩效目标：")
    ]
    assert [s.indicators for s in overall.sub_targets] == [
        s.removeprefix("绩效指标：") for s in part if s.startswith("绩效指标：")
    ]

    measures = overall.measures
    part = _between(lines, "三、工作保障措施", "第二部分")
    assert measures.kind is MeasuresKind.LIST
    assert measures.text == part[0]
    assert len(measures.groups) == 1 and measures.groups[0].title == ""
    items = measures.groups[0].items
    assert len(items) == 11
    assert [f"{n}、{item}" for n, item in zip(CN_NUMBERS, items, strict=True)] == part[1:]
    assert "四是抓政风行风不懈怠" in items[1]


def test_changli_projects(changli: Document) -> None:
    lines = _seed_lines(SEED_001)
    tables = _tables(lines)
    assert len(tables) == 6
    assert [len(p.indicators) for p in changli.projects] == [9] * 6
    _check_titles(changli, tables)
    _check_grid(changli, tables)
    amounts = re.compile(r"预算数\s*([\d.]+)\s*万元。其中，财政资金\s*([\d.]+)\s*万元，其它资金\s*([\d.]+)\s*万元")
    for project, (_title, rows) in zip(changli.projects, tables, strict=True):
        dept = _row(rows, "主管部门及预算编码")
        assert project.department_name + project.department_code == _text(dept[1])
        assert (project.department_name, project.department_code) == (
            "昌黎县应急管理局",
            "426003",
        )
        assert _label(dept[2]) == "实施单位" and project.implementer == _text(dept[3])

        purpose = _row(rows, "资金用途")[1]
        assert project.purpose == purpose.strip()
        written = list(amounts.match(purpose.strip()).groups())
        assert [
            str(project.budget_total),
            str(project.budget_fiscal),
            str(project.budget_other),
        ] == written

        plan = _row_after(rows, "资金支出计划（累计进度%）")
        assert _plan(project) == [_percent(c) for c in plan[1:5]]
        goal_lines = [s.strip() for s in _row(rows, "绩效目标")[1].split("\n") if s.strip()]
        assert [f"{i}.{g}" for i, g in enumerate(project.goals, 1)] == goal_lines

    budgets = [(str(p.budget_total), str(p.budget_fiscal), str(p.budget_other)) for p in changli.projects]
    assert budgets == [
        ("20", "20", "0"),
        ("104", "104", "0"),
        ("12", "12", "0"),
        ("60", "0", "60"),
        ("24", "24", "0"),
        ("10", "10", "0"),
    ]
    full = ["25.00", "50.00", "75.00", "100.00"]
    june = [None, "100.00", None, None]
    assert [_plan(p) for p in changli.projects] == [
        full,
        full,
        [None, None, None, "100.00"],
        june,
        june,
        full,
    ]
    assert [p.table_title for p in changli.projects] == [
        "非税安排解决历史遗留问题（解决拖欠奖励绩效工资）绩效目标表",
        "",
        "",
        "提前下达2021年自然灾害救助专项资金绩效目标表",
        "",
        "",
    ]
    assert changli.projects[0].name == "非税收入安排解决历史遗留问题"
    assert changli.projects[3].name == changli.projects[4].name == "农房保险县级配套资金项目"
    assert changli.projects[4].goals[0].startswith('"增强农村群众')
    assert changli.projects[5].indicators[-1].value == "≥90.09%"
    assert all(len(p.goals) == 2 for p in changli.projects)
    assert all(p.code == "" for p in changli.projects)


def test_changli_covers_seed(changli: Document) -> None:
    labels = {
        "第一部分",
        "部门整体绩效目标",
        "一、总体绩效目标",
        "总体绩效目标：",
        "二、分项绩效目标",
        "分项绩效目标：",
        "三、工作保障措施",
        "第二部分",
        "预算项目绩效目标",
        "项目编码",
        "项目名称",
        "主管部门及预算编码",
        "实施单位",
        "资金",
        "用途",
        "资金支出计划（累计进度%）",
        "3月底",
        "6月底",
        "10月底",
        "12月底",
        "绩效目标",
        "昌黎县应急管理局426003",
        *GRID_HEADER,
    }
    lines = _seed_lines(SEED_001)
    _check_coverage(changli, lines, labels)
    # the 主管部门及预算编码 cell is stored split in two fields
    assert sum("昌黎县应急管理局426003" in line for line in lines) == 6
