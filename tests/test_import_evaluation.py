"""项目支出绩效自评表 in: typed by hand in the corpus layouts, and perfdesk's own export without its hidden copy."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.export.service import export_document
from perfdesk.importer.embedded import SHEET as EMBEDDED_SHEET
from perfdesk.importer.reader import import_workbook
from perfdesk.importer.result import Level
from perfdesk.models.scoring import start_evaluation
from perfdesk.samples import sample


def put(ws: Worksheet, row: int, col: int, *values: Any) -> None:
    for i, value in enumerate(values):
        if value is not None:
            ws.cell(row=row, column=col + i, value=value)


def f_family(ws: Worksheet) -> None:
    """The MOF-2020 自评表 (family F): funds block, 预期目标/实际完成情况, scored grid, 总分."""
    put(ws, 1, 1, "项目支出绩效自评表")
    ws.merge_cells("A1:H1")
    put(ws, 2, 1, "（2022年度）")
    put(ws, 3, 1, "项目名称", None, "水旱灾害防御经费")
    put(ws, 4, 1, "主管部门", None, "", None, "实施单位", None, "天长市水利局")
    put(
        ws,
        5,
        1,
        "项目资金（万元）",
        None,
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "分值",
        "执行率（B/A）",
        "得分",
    )
    ws.merge_cells("A5:A9")
    put(ws, 6, 2, "年度资金总额：", 880, 880, 860, 10, "97.73%", 9.77)
    put(ws, 7, 2, "其中：本年财政拨款", 880, 880, 860, "-", None, "-")
    put(ws, 8, 2, "上年结转资金")
    put(ws, 9, 2, "其他资金")
    put(ws, 10, 1, "年度总体目标完成情况", None, "预期目标", None, None, "实际完成情况")
    put(ws, 11, 3, "完成年度防汛工作。", None, None, "完成年度目标。")
    put(
        ws,
        12,
        1,
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    )
    put(ws, 13, 1, "产出指标（50分）", "数量指标", "指标1:完成中型灌区节水改造项目数量", 1, 1, 25, 25)
    put(ws, 14, 2, None, "指标2:")
    put(ws, 15, 2, "质量指标", "工程质量合格率", "100%", "100%", 25, 25)
    ws.merge_cells("A13:A15")
    put(
        ws,
        16,
        1,
        "满意度指标（10分）",
        "服务对象满意度指标",
        "服务对象满意度",
        "≥90%",
        "85%",
        10,
        8,
        "个别农户对进度不满意",
    )
    put(ws, 17, 1, "效益指标（30分）", "社会效益指标", "全市安全度汛", "安全", "安全", 30, 30)
    put(ws, 18, 1, "总分", None, None, None, None, 100, 92.77)
    put(ws, 19, 1, "评价结论", "优")


def test_hand_typed_f_family(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    f_family(book.active)
    path = tmp_path / "自评.xlsx"
    book.save(path)
    result = import_workbook(path)
    doc = result.document
    assert doc.unit.fiscal_year == 2022
    (project,) = doc.projects  # created from the 自评表: the document had no such project
    ev = project.evaluation
    assert ev is not None
    assert (ev.initial_budget, ev.annual_budget, ev.executed) == (Decimal(880), Decimal(880), Decimal(860))
    assert (ev.stated_execution_points, ev.stated_execution_rate, ev.stated_execution_score) == (
        Decimal(10), Decimal("97.73"), Decimal("9.77"),
    )  # fmt: skip
    assert project.budget_fiscal == Decimal(880) and project.implementer == "天长市水利局"
    assert (ev.annual_goal, ev.actual_summary) == ("完成年度防汛工作。", "完成年度目标。")
    rows = ev.rows
    # the template's placeholder row stays a row, as typed (the checks point it out)
    assert [r.level3 for r in rows] == [
        "指标1:完成中型灌区节水改造项目数量",
        "指标2:",
        "工程质量合格率",
        "服务对象满意度",
        "全市安全度汛",
    ]
    sat = rows[3]
    assert (sat.level1, sat.level1_points, sat.target, sat.actual, sat.points, sat.stated_score, sat.reason) == (
        "满意度指标", Decimal(10), "≥90%", "85%", Decimal(10), Decimal(8), "个别农户对进度不满意",
    )  # fmt: skip
    assert (ev.stated_total, ev.conclusion) == (Decimal("92.77"), "优")
    assert [i.value for i in project.indicators] == ["1", "", "100%", "≥90%", "安全"]
    unread = {m.cell: m.value for m in result.problems if m.level is Level.UNREAD}
    # the sub-line is a fund line of the 自评表 (its 全年预算数 is also the project's 财政资金); its “-” marks
    # under 分值/得分 are no scores
    assert unread == {}
    assert [(f.label, f.initial, f.annual, f.executed, f.points, f.stated_score) for f in ev.fund_lines] == [
        ("其中：本年财政拨款", Decimal(880), Decimal(880), Decimal(860), None, None),
        ("上年结转资金", None, None, None, None, None),  # printed blank, kept as printed
        ("其他资金", None, None, None, None, None),
    ]
    assert any("已由自评表新建" in m.message for m in result.notes)


def g_family(ws: Worksheet) -> None:
    """“20分 budget execution + 80分 indicators” (family G): 预算数(A) | 执行数(B) | 执行率 | 得分."""
    put(ws, 1, 1, "项目支出绩效自评表")
    put(ws, 2, 1, "单位名称：昌宁县供销合作社联合社", None, None, "填报日期：2023年4月15日")
    put(ws, 3, 1, "项目名称", "生猪养殖场建设项目")
    put(ws, 4, 1, "主管部门", "昌宁县供销合作社联合社", "项目实施单位", "昌宁县昌龙鸿运牧业专业合作社")
    put(ws, 5, 1, "预算执行情况（万元）（20分）", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分（20分*执行率）")
    put(ws, 6, 1, "年度财政资金总额", 50, 10, 20, 4)
    put(ws, 7, 1, "一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分")
    put(ws, 8, 1, "产出指标（40分）", "数量指标", "公猪舍（≥**平方米）", 22.8, 22.8, 1)


def test_hand_typed_g_family(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    g_family(book.active)
    path = tmp_path / "自评G.xlsx"
    book.save(path)
    result = import_workbook(path, year=2022)
    doc = result.document
    assert doc.unit.name == "昌宁县供销合作社联合社"
    ev = doc.projects[0].evaluation
    assert ev is not None
    assert (ev.annual_budget, ev.executed, ev.stated_execution_rate, ev.stated_execution_score) == (
        Decimal(50), Decimal(10), Decimal(20), Decimal(4),
    )  # fmt: skip
    assert ev.stated_execution_points == Decimal(20)
    (row,) = ev.rows
    assert (row.level1, row.level1_points, row.target, row.actual, row.stated_score) == (
        "产出指标", Decimal(40), "22.8", "22.8", Decimal(1),
    )  # fmt: skip


def test_perfdesk_export_without_hidden_copy_brings_the_evaluation_back(tmp_path: Path) -> None:
    doc = sample("lunan-2025").load()
    project = doc.projects[0]
    project.evaluation = start_evaluation(project)
    project.evaluation.annual_budget = project.budget_total
    project.evaluation.executed = project.budget_total
    for row in project.evaluation.rows:
        row.actual = row.target
    path = tmp_path / "路南.xlsx"
    export_document(doc, path)
    book = openpyxl.load_workbook(path)
    del book[EMBEDDED_SHEET]
    book.save(path)
    result = import_workbook(path)
    back = result.document.projects[0].evaluation
    assert back is not None
    assert [(r.level1, r.level2, r.level3, r.target, r.actual) for r in back.rows] == [
        (r.level1, r.level2, r.level3, r.target, r.actual) for r in project.evaluation.rows
    ]
    assert back.executed == project.budget_total
    assert len(result.document.projects) == len(doc.projects)  # joined to its project, not a new one


def test_perfdesk_export_with_hidden_copy_takes_the_clerks_changes_to_the_evaluation(tmp_path: Path) -> None:
    doc = sample("lunan-2025").load()
    project = doc.projects[0]
    project.evaluation = start_evaluation(project)
    for row in project.evaluation.rows:
        row.actual = row.target
    path = tmp_path / "路南.xlsx"
    export_document(doc, path)
    unchanged = import_workbook(path)
    assert unchanged.document.projects[0].evaluation == project.evaluation  # kept exactly
    assert not unchanged.problems
    book = openpyxl.load_workbook(path)
    sheet = next(ws for ws in book.worksheets if ws.title.startswith("自评"))
    cell = next(
        c for r in sheet.iter_rows() for c in r if c.value == project.evaluation.rows[0].actual and c.column == 5
    )
    cell.value = "未完成"
    book.save(path)
    changed = import_workbook(path)
    back = changed.document.projects[0].evaluation
    assert back is not None and back.rows[0].actual == "未完成"
    assert back.rows[1:] == project.evaluation.rows[1:]
    assert any("自评表内容" in m.message for m in changed.notes)


def test_project_tables_chooser_offers_a_hand_typed_evaluation(tmp_path: Path) -> None:
    """项目 › 从工作簿导入项目表…: a workbook holding only a 自评表 offers its project, evaluation included."""
    from perfdesk.importer.reader import import_project_tables

    book = openpyxl.Workbook()
    f_family(book.active)
    path = tmp_path / "自评.xlsx"
    book.save(path)
    (found,) = import_project_tables(path)
    assert found.project.name == "水旱灾害防御经费" and found.project.evaluation is not None


def test_evaluation_in_yuan_keeps_its_unit(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    f_family(book.active)
    ws = book.active
    ws["A5"] = "项目资金（元）"
    ws["C6"], ws["D6"], ws["E6"] = 8_800_000, 8_800_000, 8_600_000
    path = tmp_path / "元.xlsx"
    book.save(path)
    project = import_workbook(path).document.projects[0]
    assert project.money_unit == "元"
    assert project.evaluation is not None and project.evaluation.executed == Decimal(8_600_000)  # as typed
