"""Files and JSON written by the first release (schema 3, JSON format 1) open unchanged in meaning,
and the fields added since (issue 11) survive save → reopen → JSON → load."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from perfdesk.models import document as m
from perfdesk.models.codec import to_plain
from perfdesk.models.jsonio import FORMAT_VERSION, document_from_json, document_to_json
from perfdesk.samples import samples
from perfdesk.store.file import open_document, save_document

RELEASE1 = Path(__file__).parent / "data" / "release1"
NAMES = [s.name for s in samples()]


def _without_new_defaults(plain: object, old: object) -> object:
    """``plain`` restricted to the keys that exist in ``old`` (the release-1 JSON)."""
    if isinstance(plain, dict) and isinstance(old, dict):
        return {k: _without_new_defaults(plain[k], old[k]) for k in old}
    if isinstance(plain, list) and isinstance(old, list):
        return [_without_new_defaults(p, o) for p, o in zip(plain, old, strict=True)]
    return plain


@pytest.mark.parametrize("name", NAMES)
def test_release1_file_opens_with_the_same_content(name: str) -> None:
    old_json = json.loads((RELEASE1 / f"{name}.json").read_text(encoding="utf-8"))
    assert old_json["version"] == 1
    opened = open_document(RELEASE1 / f"{name}.perfdesk")
    assert opened.schema_version == 3
    plain = to_plain(opened.document)
    assert _without_new_defaults(plain, old_json["document"]) == old_json["document"]
    # the new fields take the defaults that keep the old meaning
    assert opened.document.unit.layout is m.Layout.HEBEI
    for project in opened.document.projects:
        assert project.money_unit == "万元"
        assert project.long_term_indicators == []


@pytest.mark.parametrize("name", NAMES)
def test_release1_json_loads_as_the_same_document(name: str) -> None:
    text = (RELEASE1 / f"{name}.json").read_text(encoding="utf-8")
    from_v1 = document_from_json(text)
    opened = open_document(RELEASE1 / f"{name}.perfdesk").document
    assert from_v1 == opened
    assert json.loads(document_to_json(from_v1))["version"] == FORMAT_VERSION == 2


def _structured_document() -> m.Document:
    doc = m.Document(unit=m.UnitInfo(name="广元市昭化区民政局", fiscal_year=2022, layout=m.Layout.SPLIT))
    doc.unit.indicator_columns = ["kind", "operator", "number", "unit", "weight", "direction"]
    project = m.Project(
        name="特困家庭再扶助",
        money_unit="元",
        attribute="延续",
        nature="经常性项目",
        category="专项业务费",
        start_date="2022-01",
        end_date="2022-12",
        period="1年",
        manager="张三",
        phone="0839-1234567",
        overview="概况",
        legal_basis="依据",
        feasibility="可行",
        necessity="必要",
        schedule=[m.ScheduleItem("发放", "2022年1月", "2022年12月")],
        period_total=Decimal("1200000"),
        budget_total=Decimal("400000.50"),
        budget_fiscal=Decimal("300000"),
        budget_carryover=Decimal("100000.50"),
        fund_lines=[
            m.FundLine("政府性基金", Decimal("5"), None),
            m.FundLine("1、一般公共预算", None, Decimal("6.30"), level=1),
        ],
        long_term_goal="长期目标",
        goals=["年度目标一"],
        indicators=[
            m.Indicator(
                "产出指标",
                "数量指标",
                "救助人数",
                kind="定量",
                operator="≥",
                number="95",
                unit="人",
                weight=Decimal("10.3"),
                direction="正向指标",
            ),
        ],
        long_term_indicators=[m.Indicator("效益指标", "社会效益指标", "生活改善", value="有效改善", note="备注")],
        filled_by="李四",
        filled_date="2022-01-10",
        review_department="同意",
        heading="附件2-1",
        measures_text="专款专用",
    )
    project.evaluation = m.ProjectEval(
        rows=[
            m.EvalRow(
                "产出指标",
                "数量指标",
                "救助人数",
                target="≥95人",
                operator="大于等于",
                unit="人",
                stated_score=Decimal("9.5"),
            )
        ],
        stated_total=Decimal("95.5"),
        stated_grade="优",
        conclusion="良好",
        filled_date="2023年4月15日",
        remark="无",
        fund_lines=[
            m.EvalFundLine("其中：本年财政拨款", Decimal(880), Decimal(880), Decimal("879.5"), Decimal("99.94"))
        ],
        stated_execution_points=Decimal(10),
        stated_execution_rate=Decimal(100),
        stated_execution_score=Decimal(10),
        stated_points_total=Decimal(100),
        title="2022年度项目支出绩效自评表",
        process="按计划实施",
    )
    doc.projects.append(project)
    doc.dept_table = m.DeptTable(
        layout=m.DeptLayout.HUNAN,
        duties="职责",
        annual_goal="目标",
        title="部门整体支出绩效目标申报表",
        filled_by="南春锋",
        filled_date="2021年1月28日",
        indicators=[m.DeptIndicator(level3="x", weight=Decimal(5), actual="168起", stated_score=Decimal(10))],
        executed=Decimal("1268.72"),
        fund_lines=[m.EvalFundLine("基本支出", Decimal(900), Decimal(950), Decimal("949.5"))],
        stated_total=Decimal("97.93"),
        deviation_reason="无",
    )
    return doc


def test_structured_fields_survive_file_and_json(tmp_path: Path) -> None:
    doc = _structured_document()
    path = tmp_path / "a.perfdesk"
    save_document(doc, path)
    reopened = open_document(path).document
    assert reopened == doc
    assert reopened.projects[0].long_term_indicators[0].note == "备注"
    assert reopened.projects[0].indicators[0].weight == Decimal("10.3")
    assert reopened.projects[0].fund_lines[1].level == 1
    assert reopened.projects[0].evaluation is not None
    assert reopened.projects[0].evaluation.fund_lines[0].executed == Decimal("879.5")
    assert reopened.dept_table is not None and reopened.dept_table.fund_lines[0].executed == Decimal("949.5")
    again = document_from_json(document_to_json(reopened))
    assert again == doc
