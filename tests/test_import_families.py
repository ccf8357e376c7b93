"""Real tables typed by clerks in other provinces: labels read whole, units read, nothing dropped silently."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.importer.reader import import_workbook
from perfdesk.importer.result import ImportResult, Level
from perfdesk.models.document import Layout


def put(ws: Worksheet, row: int, col: int, *values: Any) -> None:
    """Write values from (row, col) to the right; None leaves a cell untouched."""
    for i, value in enumerate(values):
        if value is not None:
            ws.cell(row=row, column=col + i, value=value)


def save(book: openpyxl.Workbook, tmp_path: Path, name: str = "表.xlsx") -> Path:
    path = tmp_path / name
    book.save(path)
    return path


def unread(result: ImportResult) -> dict[str, str]:
    """未导入 cells: address → value."""
    return {m.cell: m.value for m in result.problems if m.level is Level.UNREAD}


def shenbao_sheet(ws: Worksheet, money_label: str = "项目资金（元）") -> None:
    """A 申报表 typed by hand: title with the year, 填报单位 caption, header fields, a money block in 元."""
    put(ws, 1, 1, "2023年项目支出绩效目标申报表")
    ws.merge_cells("A1:F1")
    put(ws, 2, 1, "填报单位：某县农业农村局")
    put(ws, 3, 1, "项目名称", "高标准农田建设", None, "项目性质", "经常性项目")
    put(ws, 4, 1, "业务主管部门", "某县农业农村局", None, "项目类别", "专项业务费")
    put(ws, 5, 1, "计划开始日期", "2023-01", None, "计划完成日期", "2023-12")
    put(ws, 6, 1, money_label, "项目资金总额", 12_000_000, None, "年度资金总额", 3_500_000)
    put(ws, 7, 2, "其中：财政资金", 10_000_000, None, "其中：财政资金", 3_000_000)
    put(ws, 8, 2, "上年结转财政资金", 500_000)
    ws.merge_cells("A6:A8")
    put(ws, 9, 1, "总体目标", "三年建成高标准农田5万亩。", None, "年度目标", "建成高标准农田1.5万亩。")
    put(ws, 10, 1, "一级指标", "二级指标", "三级指标", "指标值")
    put(ws, 11, 1, "产出指标（50分）", "数量指标（20分）", "建成面积", "≥1.5万亩")
    put(ws, 12, 2, "质量指标", "验收合格率", "100%")
    ws.merge_cells("A11:A12")
    put(ws, 13, 1, "满意度指标(10分)", "服务对象满意度指标", "农户满意度", "≥90%")


def test_shenbao_in_yuan_every_field_or_listed(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    shenbao_sheet(book.active)
    result = import_workbook(save(book, tmp_path))
    doc = result.document
    (p,) = doc.projects
    assert doc.unit.fiscal_year == 2023  # from the title ending 申报表
    assert doc.unit.name == "某县农业农村局"  # the 填报单位： prefix is not part of the name
    assert (p.nature, p.category, p.start_date, p.end_date) == ("经常性项目", "专项业务费", "2023-01", "2023-12")
    assert p.department_name == "某县农业农村局"
    # amounts as typed, in the unit the label states: never multiplied or divided
    assert p.money_unit == "元" and doc.unit.money_unit == "元"  # the captions print 单位：元
    assert (p.period_total, p.budget_total) == (Decimal(12_000_000), Decimal(3_500_000))
    assert (p.period_fiscal, p.budget_fiscal) == (Decimal(10_000_000), Decimal(3_000_000))
    assert (p.long_term_goal, p.goals) == ("三年建成高标准农田5万亩。", ["建成高标准农田1.5万亩。"])
    # a label that merely contains 财政资金 is not 财政资金: a named line of the 项目资金 block
    assert p.budget_carryover is None
    assert [(f.label, f.period_amount) for f in p.fund_lines] == [
        ("上年结转财政资金", Decimal(500000))
    ]  # under 项目资金总额
    assert not unread(result)
    # points split from the 一级/二级 names
    first = p.indicators[0]
    assert (first.level1, first.level1_points, first.level2, first.level2_points) == (
        "产出指标", Decimal(50), "数量指标", Decimal(20),
    )  # fmt: skip
    assert p.indicators[1].level1 == "产出指标" and p.indicators[1].level2_points is None
    assert (p.indicators[2].level1, p.indicators[2].level1_points) == ("满意度指标", Decimal(10))
    assert doc.unit.layout is Layout.SHENBAO
    assert not result.questions


def test_amounts_without_a_unit_are_asked_about_never_converted(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    shenbao_sheet(book.active, money_label="项目资金")
    result = import_workbook(save(book, tmp_path))
    (p,) = result.document.projects
    assert p.money_unit == "万元" and p.budget_total == Decimal(3_500_000)  # kept as typed
    (question,) = result.questions
    assert (question.project, question.likely, question.assumed) == (0, "元", "万元")
    assert any("没有写明单位" in m.message and m.level is Level.PROBLEM for m in result.problems)


def test_unit_caption_in_two_cells(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    put(ws, 1, 1, "项目绩效目标表")
    put(ws, 2, 1, "金额单位", "元")
    put(ws, 3, 1, "项目名称", "村道维护")
    put(ws, 4, 1, "预算数", 250000, "其中：财政资金", 250000)
    put(ws, 5, 1, "一级指标", "二级指标", "三级指标", "指标值")
    put(ws, 6, 1, "产出指标", "数量指标", "维护里程", "≥20公里")
    result = import_workbook(save(book, tmp_path), year=2024)
    (p,) = result.document.projects
    assert (p.money_unit, p.budget_total, p.budget_fiscal) == ("元", Decimal(250000), Decimal(250000))
    assert not result.questions and not unread(result)


def test_split_columns_two_row_header(tmp_path: Path) -> None:
    """四川/云南: 年度指标值 over 指标性质 | 指标值 | 度量单位, 权重 and 指标方向 columns."""
    book = openpyxl.Workbook()
    ws = book.active
    put(ws, 1, 1, "项目支出绩效目标表")
    put(ws, 2, 1, "（2026年度）")
    put(ws, 3, 1, "项目名称", "特困人员救助")
    put(ws, 4, 1, "年度目标", "按时足额发放救助金。")
    put(ws, 5, 1, "一级指标", "二级指标", "三级指标", "年度指标值", None, None, "权重", "指标方向")
    ws.merge_cells("D5:F5")
    for col in "ABCGH":
        ws.merge_cells(f"{col}5:{col}6")
    put(ws, 6, 4, "指标性质", "指标值", "度量单位")
    put(ws, 7, 1, "产出指标", "数量指标", "救助人数", "≥", 95, "人", 10, "正向指标")
    put(ws, 8, 1, "产出指标", "时效指标", "发放及时率", "＝", 100, "%", 10.5, "正向指标")
    put(ws, 9, 1, "效益指标", "社会效益指标", "生活改善", "定性", "明显", None, 20, None)
    result = import_workbook(save(book, tmp_path))
    doc = result.document
    assert doc.unit.fiscal_year == 2026
    first, second, third = doc.projects[0].indicators
    assert (first.operator, first.number, first.unit, first.weight, first.direction) == (
        "≥", "95", "人", Decimal(10), "正向指标",
    )  # fmt: skip
    assert first.value == ""  # the split columns are the truth; the one-cell value is composed from them
    assert (second.operator, second.weight) == ("＝", Decimal("10.5"))
    assert (third.kind, third.number) == ("定性", "明显")
    assert doc.unit.layout is Layout.SPLIT
    assert {"operator", "number", "unit", "weight", "direction"} <= set(doc.unit.indicator_columns)
    assert not unread(result)


def test_header_words_split_over_two_rows_make_no_junk_row(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    put(ws, 1, 1, "项目名称", "道路养护")
    put(ws, 2, 1, "一级", "二级", "三级", "指标")
    put(ws, 3, 1, "指标", "指标", "指标", "值")
    put(ws, 4, 1, "产出指标", "数量指标", "养护里程", "≥20公里")
    result = import_workbook(save(book, tmp_path), year=2025)
    (ind,) = result.document.projects[0].indicators
    assert (ind.level1, ind.level3, ind.value) == ("产出指标", "养护里程", "≥20公里")
    assert not unread(result)


def test_two_blocks_long_term_and_annual(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    put(ws, 1, 1, "项目名称", "村级道路")
    put(ws, 2, 1, "长期绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注")
    put(ws, 3, 2, "产出指标", "数量指标", "新建道路", "≥10公里", "分三年")
    put(ws, 4, 1, "年度绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注")
    put(ws, 5, 2, "产出指标", "数量指标", "新建道路", "≥3公里", "")
    result = import_workbook(save(book, tmp_path), year=2025)
    (p,) = result.document.projects
    assert [(i.level3, i.value, i.note) for i in p.long_term_indicators] == [("新建道路", "≥10公里", "分三年")]
    assert [(i.level3, i.value) for i in p.indicators] == [("新建道路", "≥3公里")]
    assert result.document.unit.layout is Layout.TWO_BLOCK
    assert not unread(result)


def test_unknown_labels_are_listed_with_cell_label_and_value(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    put(ws, 1, 1, "项目名称", "道路养护", "资金性质", "一般公共预算")
    put(ws, 2, 1, "一级指标", "二级指标", "三级指标", "指标值")
    put(ws, 3, 1, "产出指标", "数量指标", "养护里程", "≥20公里")
    put(ws, 5, 1, "注：本表由乡镇填报")
    result = import_workbook(save(book, tmp_path), year=2025)
    found = {(m.cell, m.label, m.value) for m in result.problems if m.level is Level.UNREAD}
    assert ("C1", "道路养护", "资金性质") in found or ("C1", "", "资金性质") in {(c, "", v) for c, _, v in found}
    assert ("D1", "资金性质", "一般公共预算") in found
    # a 注 line under the table is its 表注 now (brief 11c), no longer an unread cell
    assert not any(cell == "A5" for cell, _, _ in found)
    assert result.document.projects[0].table_note == "注：本表由乡镇填报"


def test_flat_list_gives_one_project_per_merged_block(tmp_path: Path) -> None:
    """四川-style: 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级 | 二级 | 三级 | 指标值, merged over each project's rows."""
    book = openpyxl.Workbook()
    ws = book.active
    put(ws, 1, 1, "2024年项目支出绩效目标表")
    put(ws, 2, 1, "单位名称", "项目名称", "预算数（万元）", "年度目标", "一级指标", "二级指标", "三级指标", "指标值")
    put(
        ws,
        3,
        1,
        "某县民政局",
        "特困人员救助",
        120.5,
        "保障特困人员基本生活。",
        "产出指标",
        "数量指标",
        "救助人数",
        "≥300人",
    )
    put(ws, 4, 5, None, "时效指标", "发放及时率", "100%")
    put(ws, 5, 5, "满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%")
    for col in "ABCD":
        ws.merge_cells(f"{col}3:{col}5")
    ws.merge_cells("E3:E4")
    put(ws, 6, 1, None, "临时救助", 30, "及时救助困难群众。", "产出指标", "数量指标", "救助人次", "≥100人次")
    put(ws, 7, 5, "效益指标", "社会效益指标", "困难群众生活改善", "明显")
    for col in "ABCD":
        ws.merge_cells(f"{col}6:{col}7")
    result = import_workbook(save(book, tmp_path))
    doc = result.document
    assert doc.unit.fiscal_year == 2024
    assert [(p.name, p.budget_total, p.goals) for p in doc.projects] == [
        ("特困人员救助", Decimal("120.5"), ["保障特困人员基本生活。"]),
        ("临时救助", Decimal(30), ["及时救助困难群众。"]),
    ]
    assert [len(p.indicators) for p in doc.projects] == [3, 2]
    assert doc.projects[0].indicators[1].level1 == "产出指标" and doc.projects[1].indicators[1].level1 == "效益指标"
    assert doc.projects[0].implementer == "某县民政局"
    assert not unread(result)


def test_merge_totals_a_table_typed_in_yuan_in_wan(tmp_path: Path) -> None:
    """The 汇总 reads each project's amounts in its own unit: 3,500,000 元 is 350 万元, never 3,500,000 万元."""
    from perfdesk.merge.core import merge_files
    from perfdesk.merge.load import load_any

    book = openpyxl.Workbook()
    shenbao_sheet(book.active)
    merge, failures = merge_files([save(book, tmp_path)], load_any)
    assert not failures
    (row,) = merge.project_rows()
    assert (row.total, row.fiscal) == (Decimal(350), Decimal(300))
    assert merge.totals().total == Decimal(350)


def test_long_term_and_annual_halves_side_by_side(tmp_path: Path) -> None:
    """Family B (湖北): 一级 | 二级(长期) | 三级(长期) | 指标值(长期) | 二级(年度) | 三级(年度) | 指标值(年度)."""
    book = openpyxl.Workbook()
    ws = book.active
    put(ws, 1, 1, "项目名称", "教育基础设施")
    put(ws, 2, 1, "一级指标", "二级指标(长期)", "三级指标(长期)", "指标值(长期)", "二级指标(年度)", "三级指标(年度)",
        "指标值(年度)")  # fmt: skip
    put(ws, 3, 1, "产出指标", "数量指标", None, None, "数量指标", "重点建设工程安排数量", 2)
    put(ws, 4, 1, "产出指标", "质量指标", "验收合格率", "100%", "质量指标", "重点建设工程验收合格率", "100%")
    result = import_workbook(save(book, tmp_path), year=2020)
    (p,) = result.document.projects
    assert [(i.level1, i.level2, i.level3, i.value) for i in p.long_term_indicators] == [
        ("产出指标", "数量指标", "", ""), ("产出指标", "质量指标", "验收合格率", "100%"),
    ]  # fmt: skip
    assert [(i.level2, i.level3, i.value) for i in p.indicators] == [
        ("数量指标", "重点建设工程安排数量", "2"), ("质量指标", "重点建设工程验收合格率", "100%"),
    ]  # fmt: skip
    assert result.document.unit.layout is Layout.TWO_BLOCK
    assert not unread(result)


def test_t1_style_labels_each_land_in_their_field(tmp_path: Path) -> None:
    """A 项目绩效目标申报表 of template T1 (宁乡, 佳县): 主管部门编码, 项目起止时间, 项目立项情况, 审核意见 boxes."""
    book = openpyxl.Workbook()
    ws = book.active
    put(ws, 1, 1, "项目名称", "村级道路硬化", "项目属性", "延续项目")
    put(ws, 2, 1, "主管部门", "某县交通运输局", "主管部门 编码", "426003")
    put(ws, 3, 1, "项目实施单位", "某县公路站", "项目负责人", "张三")
    put(ws, 4, 1, "联系电话", "0731-1234567", "项目起止时间", "2023年1月至2023年12月")
    put(ws, 5, 1, "项目资金申请（万元）", "资金总额：", 120)
    put(ws, 6, 2, "其中：上级财政资金", 100)
    put(ws, 7, 2, "本级财政", 20)
    ws.merge_cells("A5:A7")
    put(ws, 8, 1, "项目立项情况", "项目立项的依据（450字内）", "《公路法》")
    put(ws, 9, 2, "项目申报的可行性", "资金已落实")
    put(ws, 10, 2, "项目申报的必要性", "群众出行需要")
    ws.merge_cells("A8:A10")
    put(ws, 11, 1, "项目绩效目标", "长期目标", "年度目标")
    put(ws, 12, 2, "三年内硬化道路30公里", "硬化道路10公里")
    ws.merge_cells("A11:A12")
    put(ws, 13, 1, "年度绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注")
    put(ws, 14, 2, "产出指标", "数量指标", "硬化里程", "≥10公里")
    put(ws, 15, 1, "填报人", "李四", "填报日期", "2023年3月1日")
    put(ws, 16, 1, "主管部门审核意见", "（盖章）\n审核人：\u3000\u3000日期：\u3000年\u3000月\u3000日")
    put(ws, 17, 1, "市财政局审核意见", "同意。\n审核人：王五 日期：2023年3月5日")
    put(ws, 18, 1, "第三方机构审核意见", "审核人：\u3000日期：")
    put(ws, 19, 1, "主管部门编码说明", "按预算单位编码填写")
    result = import_workbook(save(book, tmp_path), year=2023)
    (p,) = result.document.projects
    assert (p.department_name, p.department_code, p.implementer, p.manager) == (
        "某县交通运输局",
        "426003",
        "某县公路站",
        "张三",
    )
    assert (p.start_date, p.end_date) == ("2023年1月", "2023年12月")
    assert (p.legal_basis, p.feasibility, p.necessity) == ("《公路法》", "资金已落实", "群众出行需要")
    assert p.budget_total == Decimal(120)
    assert [(f.label, f.annual_amount) for f in p.fund_lines] == [("其中：上级财政资金", 100), ("本级财政", 20)]
    assert (p.long_term_goal, p.goals) == ("三年内硬化道路30公里", ["硬化道路10公里"])
    assert [(i.level3, i.value) for i in p.indicators] == [("硬化里程", "≥10公里")]
    assert (p.filled_by, p.filled_date) == ("李四", "2023年3月1日")
    # an unfilled signature template is an empty box; a filled one is what the clerk typed
    assert (p.review_department, p.review_finance) == ("", "同意。\n审核人：王五 日期：2023年3月5日")
    # a label merely containing a known one (主管部门编码说明), and one with no field, are listed, not taken
    assert set(unread(result)) == {"A18", "B18", "A19", "B19"}


def test_dept_budget_block_lines_under_group_words(tmp_path: Path) -> None:
    """A 湖南/湖北 部门整体 table: 其中：基本支出 and 收入来源：财政拨款 are lines of the budget block, 填报人 closes it."""
    book = openpyxl.Workbook()
    ws = book.active
    put(ws, 1, 1, "部门整体支出绩效目标申报表")
    put(ws, 2, 1, "部门名称", "某县政府办", "部门编码", "101")
    put(ws, 3, 1, "年度预算（万元）", "年度预算总额", 500)
    put(ws, 4, 2, "其中：基本支出", 300)
    put(ws, 5, 2, "项目支出", 200)
    put(ws, 6, 2, "收入来源：财政拨款", 450)
    put(ws, 7, 2, "其他资金", 50)
    put(ws, 8, 2, "其中：基本支出说明", "人员经费")
    ws.merge_cells("A3:A8")
    put(ws, 9, 1, "一级指标", "二级指标", "三级指标", "指标值")
    put(ws, 10, 1, "产出指标", "数量指标", "发文数量", "≥100件")
    put(ws, 11, 1, "填报人：李四", None, "填报日期", "2023年3月1日")
    result = import_workbook(save(book, tmp_path), year=2023)
    dept = result.document.dept_table
    assert dept is not None
    amounts = (dept.budget_total, dept.basic_expense, dept.project_expense, dept.income_fiscal, dept.income_other)
    assert amounts == (500, 300, 200, 450, 50)
    assert [(i.level3, i.annual_value) for i in dept.indicators] == [("发文数量", "≥100件")]
    assert (dept.filled_by, dept.filled_date) == ("李四", "2023年3月1日")
    assert set(unread(result)) == {"B8", "C8"}  # merely containing 基本支出 does not make it that line


def test_a_header_repeated_after_a_page_break_does_not_start_a_block(tmp_path: Path) -> None:
    """A 长期 block cut by a page break repeats its header (no caption): the rows after it are still 长期."""
    book = openpyxl.Workbook()
    ws = book.active
    put(ws, 1, 1, "项目名称", "村级道路")
    put(ws, 2, 1, "长期绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注")
    put(ws, 3, 2, "产出指标", "数量指标", "新建道路", "≥10公里", "分三年")
    put(ws, 4, 2, "一级指标", "二级指标", "指标内容", "指标值", "备注")  # the copy on the next page
    put(ws, 5, 2, "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "")
    put(ws, 6, 1, "年度绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注")
    put(ws, 7, 2, "产出指标", "数量指标", "新建道路", "≥3公里", "")
    result = import_workbook(save(book, tmp_path), year=2025)
    (p,) = result.document.projects
    assert [i.level3 for i in p.long_term_indicators] == ["新建道路", "群众满意度"]
    assert [(i.level3, i.value) for i in p.indicators] == [("新建道路", "≥3公里")]
    assert not unread(result)
