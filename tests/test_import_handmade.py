"""Official tables typed by hand in Excel/WPS (written here with openpyxl, not by the exporter)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.importer.reader import import_project_tables, import_workbook
from perfdesk.importer.result import ImportResult, NoTablesFound
from perfdesk.models.checks import check_document
from perfdesk.models.document import Framework, Indicator, ProjectTableStyle


def put(ws: Worksheet, row: int, col: int, *values: Any) -> None:
    """Write values from (row, col) to the right; None leaves a cell untouched."""
    for i, value in enumerate(values):
        if value is not None:
            ws.cell(row=row, column=col + i, value=value)


def fmt(ws: Worksheet, ref: str, number_format: str) -> None:
    ws[ref].number_format = number_format


def messages(result: ImportResult) -> list[str]:
    return [str(m) for m in result.all_messages()]


# ---------------------------------------------------------------- seed 000 shape: two tables on a sheet


def seed000_sheet(ws: Worksheet) -> None:
    """Labels merged or not, 预算规模及资金用途 over two rows, amounts typed as 69.2万, 目标1 rows."""
    put(ws, 1, 1, "安全生产专项经费项目绩效目标表")
    ws.merge_cells("A1:F1")
    put(ws, 2, 1, "项目\n编码", None, "项目名称", "安全生产专项经费")
    ws.merge_cells("D2:F2")
    put(ws, 3, 1, "预算规模及资金用途", "预算数    ", "69.2万", "其中：财政资金", "69.2万", "其他资金", "  ")
    ws.merge_cells("A3:A4")
    put(ws, 4, 2, "按照文件精神，安全生产专项经费主要用于应急体系建设。")
    ws.merge_cells("B4:G4")
    put(ws, 5, 1, "资金支出计划（%）", "3月底", "6月底", "10月底", "12月底")
    put(ws, 6, 2, "30%", "60%", "80%", "100%")
    put(ws, 7, 1, "绩效目标", "目标1", "通过督导检查宣传培训，确保全区安全生产形势持续稳定好转。")
    put(ws, 8, 1, "一级\n指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
    put(ws, 9, 1, "", "", "", "", "", "")  # the blank row under the header in seed 000
    put(ws, 10, 1, "产出指标", "数量指标", "安全月宣传活动", "宣传活动的次数", "≥2次", "安全月活动方案")
    put(ws, 11, 3, "宣教活动", "宣教培训次数", "≥2次", "宣教工作方案")
    put(ws, 12, 2, "成本指标", "培训费用", "各类业务培训的相关费用", "4万", "2021年工作要点")
    ws.merge_cells("A10:A12")
    put(ws, 13, 1, "效果\n指标", "可持续性影响", "企业达标", "企业达标率", "≥90%", "2021年工作要点")
    put(ws, 14, 1, "满意度指标", "服务对象满意度指标", "企业满意度", "满意度", "≥90%", "日常检查工作")
    # blank rows, then the second table, numbers typed as numbers
    put(ws, 18, 1, "城市生命线工程项目绩效目标表")
    put(ws, 19, 1, "项目编码", None, "项目名称", "城市生命线工程")
    put(ws, 20, 1, "预算规模及资金用途", "预算数", 500, "其中：财政资金", 500, "其他资金")
    put(ws, 21, 2, "利用物联网技术提升城市智慧水平。")
    put(ws, 22, 1, "资金支出计划（%）", "3月底", "6月底", "10月底", "12月底")
    put(ws, 23, 2, 0.1, 0.6, 0.95, 1)
    for col in "BCDE":
        fmt(ws, f"{col}23", "0%")
    put(ws, 24, 1, "绩效目标", "目标1", "初步完成监测预警系统建设。")
    put(ws, 25, 2, "目标2", "建成城市安全风险综合监测预警平台。")
    ws.merge_cells("A24:A25")
    put(ws, 26, 1, "一级\n指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
    put(ws, 27, 1, "产出指标", "数量指标", "前端感知监测设施建设", "安装数量", 200, "项目验收")
    put(ws, 28, 1, "效益指标", "社会效益指标", "事故下降率", "下降率", 0.95, "日常检查工作")
    fmt(ws, "E28", "0%")
    put(ws, 29, 1, "满意度指标", "服务对象满意度指标", "满意度", "满意率", "100%", "日常检查工作")


def test_seed000_shape_two_tables_on_one_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    seed000_sheet(book.active)
    path = tmp_path / "高新区.xlsx"
    book.save(path)
    result = import_workbook(path, year=2022)
    doc = result.document
    assert doc.unit.fiscal_year == 2022 and doc.unit.framework is Framework.Y2015
    first, second = doc.projects
    assert (first.code, first.name, first.table_title) == ("", "安全生产专项经费", "安全生产专项经费项目绩效目标表")
    assert (first.budget_total, first.budget_fiscal, first.budget_other) == (Decimal("69.2"), Decimal("69.2"), None)
    assert first.purpose == "按照文件精神，安全生产专项经费主要用于应急体系建设。"
    plans = (first.plan_mar, first.plan_jun, first.plan_oct, first.plan_dec)
    assert plans == (Decimal(30), Decimal(60), Decimal(80), Decimal(100))
    assert first.goals == ["通过督导检查宣传培训，确保全区安全生产形势持续稳定好转。"]
    assert first.indicators == [
        Indicator("产出指标", "数量指标", "安全月宣传活动", "宣传活动的次数", "≥2次", "安全月活动方案"),
        Indicator("产出指标", "数量指标", "宣教活动", "宣教培训次数", "≥2次", "宣教工作方案"),
        Indicator("产出指标", "成本指标", "培训费用", "各类业务培训的相关费用", "4万", "2021年工作要点"),
        Indicator("效果\n指标", "可持续性影响", "企业达标", "企业达标率", "≥90%", "2021年工作要点"),
        Indicator("满意度指标", "服务对象满意度指标", "企业满意度", "满意度", "≥90%", "日常检查工作"),
    ]
    assert second.table_title == "城市生命线工程项目绩效目标表"
    assert second.budget_total == Decimal(500) and second.purpose == "利用物联网技术提升城市智慧水平。"
    assert (second.plan_mar, second.plan_dec) == (Decimal(10), Decimal(100))
    assert second.goals == ["初步完成监测预警系统建设。", "建成城市安全风险综合监测预警平台。"]
    assert [i.value for i in second.indicators] == ["200", "95%", "100%"]
    assert result.problems[0].message.startswith("工作簿中没有单位名称")
    assert not [p for p in check_document(doc) if p.code.startswith("amount")]


def test_without_a_year_the_problem_says_so(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    seed000_sheet(book.active)
    path = tmp_path / "表.xlsx"
    book.save(path)
    result = import_workbook(path)
    assert any("没有预算年度" in m and "--year" in m for m in messages(result))


# ---------------------------------------------------------------- seed 001 shape: 主管部门 style, nothing merged


def seed001_table(ws: Worksheet, top: int, number: int, name: str, title: str, amount: int, plans: list[str]) -> int:
    """A table with labels typed on every row, full-width colons, numbered goals in one cell."""
    put(ws, top, 1, f"{number}、{title}")
    put(ws, top + 1, 1, "项目编码：", "　", "项目名称：", name)
    put(ws, top + 2, 1, "主管部门及预算编码", "昌黎县应急管理局426003", "实施单位", "昌黎县应急管理局")
    purpose = f"预算数 {amount}万元。其中，财政资金{amount}万元，其它资金  0  万元。主要用于{name}的支出。"
    put(ws, top + 3, 1, "资金\n用途", purpose)
    put(ws, top + 4, 1, "资金支出计划（累计进度%）", "3月底", "6月底", "10月底", "12月底")
    put(ws, top + 5, 1, "", *plans)
    put(ws, top + 6, 1, "绩效目标", "1.保障自筹职工的利益。\n\n2.补发拖欠自筹人员奖励性绩效工资，\n确保情绪稳定\n")
    put(ws, top + 7, 1, "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
    rows = [
        ("产出指标", "数量指标", "自筹职工人数", "在职自筹职工人数", "41人", "在职自筹职工人数"),
        ("产出指标", "质量指标", "工资发放覆盖率", "补发人数/全部人数×100%", "≥９５％", "工作计划"),
        ("效益指标", "社会效益指标", "保障自筹职工生活", "保障自筹职工生活", "保持稳定", "工作计划"),
        ("满意度指标", "服务对象满意度指标", "职工满意度指标", "问卷调查", "≥95%", "历史经验"),
    ]
    for i, row in enumerate(rows):
        put(ws, top + 8 + i, 1, *row)
    return top + 8 + len(rows) + 2


def test_seed001_shape_department_style_on_two_sheets(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "表1"
    seed001_table(first, 1, 1, "非税收入安排解决历史遗留问题", "提前下达2021年解决历史遗留问题绩效目标表", 20,
                  ["25.00", "50.00", "75.00", "100.00"])  # fmt: skip
    second = book.create_sheet("表2")
    end = seed001_table(second, 2, 2, "安全生产三年专项行动项目", "安全生产三年专项行动项目绩效目标表", 104,
                        ["　", "100.00", "　", ""])  # fmt: skip
    seed001_table(second, end + 3, 3, "更新救灾应急车辆", "更新救灾应急车辆绩效目标表", 12, ["", "", "", "100"])
    path = tmp_path / "昌黎.xlsx"
    book.save(path)
    result = import_workbook(path)
    doc = result.document
    unit = doc.unit
    assert (unit.name, unit.code, unit.fiscal_year) == ("昌黎县应急管理局", "426003", 2021)
    assert unit.project_table_style is ProjectTableStyle.DEPARTMENT
    assert [p.name for p in doc.projects] == [
        "非税收入安排解决历史遗留问题",
        "安全生产三年专项行动项目",
        "更新救灾应急车辆",
    ]
    p1, p2, p3 = doc.projects
    assert p1.table_title == "提前下达2021年解决历史遗留问题绩效目标表" and p2.table_title == ""
    assert (p1.department_name, p1.department_code, p1.implementer) == (
        "昌黎县应急管理局",
        "426003",
        "昌黎县应急管理局",
    )
    assert (p2.budget_total, p2.budget_fiscal, p2.budget_other) == (Decimal(104), Decimal(104), Decimal(0))
    assert (p1.plan_mar, p1.plan_dec) == (Decimal("25.00"), Decimal("100.00"))
    assert (p2.plan_mar, p2.plan_jun, p2.plan_oct, p2.plan_dec) == (None, Decimal("100.00"), None, None)
    assert p3.plan_dec == Decimal(100)
    assert p1.goals == ["保障自筹职工的利益。", "补发拖欠自筹人员奖励性绩效工资，\n确保情绪稳定"]
    assert p1.indicators[1].value == "≥９５％"  # kept exactly as typed
    assert [i.level1 for i in p3.indicators] == ["产出指标", "产出指标", "效益指标", "满意度指标"]
    assert any("资金用途文字" in m and "表1" in m for m in messages(result))
    assert any("年度 2021" in m for m in messages(result))


# ---------------------------------------------------------------- seed 003 shape + 2021 framework


def seed003_sheet(ws: Worksheet) -> None:
    """A blank column A, a caption line, numbers with formats, 一级 only on the first row, 2021 framework."""
    put(ws, 2, 2, "[bookmark: _Toc_4_4_0000000004]1.2025年安全生产专项经费绩效目标表")
    put(ws, 3, 2, "450001唐山市路南区应急管理局本级", None, None, None, None, "单位：万元")
    put(ws, 4, 2, "项目编码", "13020225P00001210004M", "项目名称", "2025年安全生产专项经费")
    put(ws, 5, 2, "预算规模及资金用途", "预算数", 50, "其中：财政    资金", 12.165, "其他资金", None)
    fmt(ws, "D5", "0.00")
    fmt(ws, "F5", "0.00")
    put(ws, 6, 3, "保障全区安全生产体系建设")
    put(ws, 7, 2, "资金支出计划（%）", "3月底", "6月底", "10月底", "12月底")
    put(ws, 8, 3, 0.25, 0.5, 0.75, 1)
    for col in "CDEF":
        fmt(ws, f"{col}8", "0%")
    put(ws, 9, 2, "绩效目标", "目标1：保障全区安全生产体系建设\n目标2：完成检查")
    put(ws, 10, 2, "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
    put(ws, 11, 2, "成本指标", "经济成本指标", "不超过年初预算数", "不超过预算50万元", "≤50万元", "唐字【2014】21号")
    put(ws, 12, 2, "产出指标", "数量指标", "每年检查企业个数", "不低于1000家", "≥1000家", "唐字【2014】21号")
    put(ws, 13, 2, None, "质量指标", "保障安全生产体系", "完成预案", 0.95, "唐字【2014】21号")
    fmt(ws, "F13", "0%")
    put(ws, 14, 2, None, "时效指标", "时效性", "12月31日前完成", "≤2025年", "唐字【2014】21号")
    put(ws, 15, 2, "效益指标", "社会效益指标", "企业安全率", "提升全区企业安全率", "≥95%", "唐字【2014】21号")
    put(ws, 16, 2, "满意度指标", "服务对象满意度指标", "服务对象满意度", "服务企业满意度", "≥95%", "唐字【2014】21号")


def test_seed003_shape_caption_formats_and_2021_framework(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    seed003_sheet(book.active)
    path = tmp_path / "路南.xlsx"
    book.save(path)
    result = import_workbook(path)
    doc = result.document
    assert (doc.unit.code, doc.unit.name, doc.unit.fiscal_year) == ("450001", "唐山市路南区应急管理局本级", 2025)
    assert doc.unit.framework is Framework.Y2021
    (p,) = doc.projects
    assert p.caption is True and p.table_title == "" and p.code == "13020225P00001210004M"
    assert p.budget_total == Decimal("50.00") and str(p.budget_total) == "50.00"
    assert p.budget_fiscal == Decimal("12.17")  # as displayed, and said so
    assert any("F5" in m and "12.165" in m for m in messages(result))
    assert (p.plan_mar, p.plan_dec) == (Decimal(25), Decimal(100))
    assert p.goals == ["保障全区安全生产体系建设", "完成检查"]
    assert [(i.level1, i.level2) for i in p.indicators[:4]] == [
        ("成本指标", "经济成本指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"),
    ]  # fmt: skip
    assert p.indicators[2].value == "95%"
    assert "成本指标" in " ".join(messages(result))


# ---------------------------------------------------------------- seed 004: the Guangdong table


def seed004_sheet(ws: Worksheet) -> None:
    put(ws, 2, 1, "东莞市部门整体预算绩效目标表")
    put(ws, 4, 1, "(2024年)")
    put(ws, 6, 1, "部门名称", "东莞市应急管理局")
    put(ws, 7, 1, "基本信息", "财政供养人员数", "124", "下属二级单位数", 3)
    put(ws, 8, 1, "预算整体情况", "部门预算支出", "预算金额(万元)", "收入来源", "预算金额(万元)")
    put(ws, 9, 2, "基本支出", "4,393.85", "财政拨款", "8,864.78")
    put(ws, 10, 2, "项目支出", 2804.13, "其他资金", "0.00")
    fmt(ws, "C10", "#,##0.00")
    put(ws, 11, 2, "事业发展性支出", "预算金额(万元)", "按预算级次划分", "预算金额(万元)")
    put(ws, 12, 2, "财政专项资金", "1,662.00", "市本级使用资金", None)
    put(ws, 13, 2, "其他事业发展性支出", "4.80", "拟用于对下转移支付资金", "0.00")
    goals = "<p>目标1: 持续深化“七个一”建设。</p> <p>目标2: 抓好安全生产、应急管理工作。</p>"
    put(ws, 14, 1, "总体绩效目标", goals)
    put(ws, 15, 1, "年度重点工作任务", "名称", "主要实施内容", "拟投入的资金(元)", "期望达到的目标(概述)")
    put(ws, 16, 2, "东莞市巨灾保险续保工作", "完成东莞市巨灾保险续保工作。", "9,674,500.00", "保障社会稳定运行。")
    put(ws, 17, 2, "应急管理宣传项目", "完成应急管理宣传。", 3325000, "提高安全意识。")
    put(ws, 18, 1, "其他需完成的任务(可选填)", "名称", "目标内容", "拟投入的资金(元)")
    put(ws, 20, 2, "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值")
    put(ws, 21, 1, "绩效指标", "产出指标", "数量指标", "参加考试人数", "约25000-27400人", "约25000-27400人")
    put(ws, 22, 4, "宣传推广工作完成率", "100%", "100%")
    put(ws, 23, 3, "成本指标")  # an empty 二级 kept as a blank row, as in seed 004
    put(ws, 24, 2, "效益指标", "经济效益指标", "理赔额达标率", "100%", "100%")
    put(ws, 25, 3, "服务对象满意度指标", "培训对象的满意度（%）", "≥90%", "≥90%")


def test_seed004_guangdong_table(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    seed004_sheet(book.active)
    path = tmp_path / "东莞.xlsx"
    book.save(path)
    result = import_workbook(path)
    doc = result.document
    t = doc.dept_table
    assert t is not None and doc.unit.fiscal_year == 2024 and doc.unit.name == "东莞市应急管理局"
    assert (t.region, t.dept_name, t.staff_count, t.sub_units) == ("东莞市", "东莞市应急管理局", 124, 3)
    assert (t.basic_expense, t.project_expense, t.special_funds) == (
        Decimal("4393.85"),
        Decimal("2804.13"),
        Decimal("1662.00"),
    )
    assert (t.other_development, t.income_fiscal, t.income_other) == (
        Decimal("4.80"),
        Decimal("8864.78"),
        Decimal("0.00"),
    )
    assert (t.local_use, t.transfer) == (None, Decimal("0.00"))
    assert t.goals == ["持续深化“七个一”建设。", "抓好安全生产、应急管理工作。"]
    assert [(k.name, k.amount_yuan) for k in t.key_tasks] == [
        ("东莞市巨灾保险续保工作", Decimal("9674500.00")), ("应急管理宣传项目", Decimal(3325000)),
    ]  # fmt: skip
    assert t.other_tasks == []
    assert [(i.level1, i.level2, i.level3) for i in t.indicators] == [
        ("产出指标", "数量指标", "参加考试人数"), ("产出指标", "数量指标", "宣传推广工作完成率"),
        ("效益指标", "经济效益指标", "理赔额达标率"), ("效益指标", "服务对象满意度指标", "培训对象的满意度（%）"),
    ]  # fmt: skip
    assert result.problems == []


# ---------------------------------------------------------------- what cannot be read is reported with its cell


def test_unreadable_cells_are_problems_with_their_address(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "填报"
    seed000_sheet(ws)
    ws["C3"] = "六十九万"
    ws["C6"] = "三成"
    ws["A16"] = "注：金额单位为万元。"
    path = tmp_path / "bad.xlsx"
    book.save(path)
    result = import_workbook(path, year=2022)
    text = messages(result)
    assert "工作表“填报” C3：预算数“六十九万”不是金额，未导入" in text
    assert any(m.startswith("工作表“填报” C6：") and "三成" in m for m in text)
    assert result.document.projects[0].budget_total is None  # never guessed
    assert len(result.document.projects[0].indicators) == 5
    assert not any("A16" in m for m in text)  # the 注 line under the table is its 表注 (brief 11c)
    assert result.document.projects[0].table_note == "注：金额单位为万元。"


def test_missing_indicator_header(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    seed000_sheet(ws)
    for col in "ABC":
        ws[f"{col}26"] = None
    path = tmp_path / "h.xlsx"
    book.save(path)
    result = import_workbook(path, year=2022)
    assert result.document.projects[1].indicators == []
    assert len(result.document.projects[1].goals) == 2
    assert any("C19" in m and "指标表头" in m for m in messages(result))


def test_workbook_without_tables(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "通讯录"
    path = tmp_path / "none.xlsx"
    book.save(path)
    with pytest.raises(NoTablesFound, match="没有找到项目绩效目标表"):
        import_workbook(path)


def test_hidden_sheets_are_not_read(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    seed003_sheet(book.active)
    old = book.create_sheet("去年")
    seed000_sheet(old)
    old.sheet_state = "hidden"
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    result = import_workbook(path)
    assert len(result.document.projects) == 1
    assert any("隐藏的工作表“去年”" in m for m in messages(result))


def test_import_project_tables_for_the_editor(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    seed000_sheet(book.active)
    seed003_sheet(book.create_sheet("路南"))
    path = tmp_path / "many.xlsx"
    book.save(path)
    found = import_project_tables(path)
    assert [(f.sheet, f.cell, f.project.name) for f in found] == [
        ("Sheet", "C2", "安全生产专项经费"), ("Sheet", "C19", "城市生命线工程"), ("路南", "D4", "2025年安全生产专项经费"),
    ]  # fmt: skip
    assert all(f.problems == [] for f in found)


def compact_table(ws: Worksheet, top: int, left: int, name: str, amount: str) -> None:
    """A small complete table starting at (top, left)."""
    put(ws, top, left, f"{name}绩效目标表")
    put(ws, top + 1, left, "项目编码", "", "项目名称", name)
    put(ws, top + 2, left, "预算规模及资金用途", "预算数", amount, "其中：财政资金", amount, "其他资金")
    put(ws, top + 3, left + 1, f"{name}的资金用途")
    put(ws, top + 4, left, "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
    put(ws, top + 5, left, "产出指标", "数量指标", f"{name}次数", "次数", "≥2次", "计划")
    put(ws, top + 6, left + 1, "质量指标", f"{name}合格率", "合格率", "100%", "计划")


def test_tables_side_by_side_and_lists_with_a_name_column(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    compact_table(ws, 1, 1, "左表项目", "10")
    compact_table(ws, 1, 9, "右表项目", "20")
    compact_table(ws, 12, 2, "下表项目", "30")
    register = book.create_sheet("项目清单")  # a list with a 项目名称 column is not a table
    register.append(["序号", "项目名称", "预算数", "备注"])
    register.append([1, "某项目", 5, ""])
    path = tmp_path / "side.xlsx"
    book.save(path)
    result = import_workbook(path, year=2025)
    projects = result.document.projects
    assert [(p.name, p.budget_total) for p in projects] == [
        ("左表项目", Decimal(10)), ("右表项目", Decimal(20)), ("下表项目", Decimal(30)),
    ]  # fmt: skip
    assert [[i.level3 for i in p.indicators] for p in projects] == [
        [f"{n}{w}" for w in ("次数", "合格率")] for n in ("左表项目", "右表项目", "下表项目")
    ]
    assert [p.purpose for p in projects] == [f"{p.name}的资金用途" for p in projects]
    assert [i.level1 for i in projects[1].indicators] == ["产出指标", "产出指标"]
    assert any("项目清单" in m and "已跳过" in m for m in messages(result))


def test_labels_with_their_value_in_the_same_cell(tmp_path: Path) -> None:
    """Tables pasted from Word often hold ``项目名称：…`` in one cell."""
    book = openpyxl.Workbook()
    ws = book.active
    put(ws, 1, 1, "项目编码：13020225P00001210004M", None, "项目名称： 应急演练经费")
    put(ws, 2, 1, "主管部门及预算编码：昌黎县应急管理局426003", None, "实施单位：昌黎县应急管理局")
    put(ws, 3, 1, "预算数：20万元", "其中：财政资金", "20", "其他资金", "0")
    put(ws, 4, 1, "资金用途：用于应急演练。")
    put(ws, 5, 1, "绩效目标：1.完成演练\n2.提高能力")
    put(ws, 6, 1, "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
    put(ws, 7, 1, "产出指标", "数量指标", "演练次数", "次数", "≥2次", "计划")
    path = tmp_path / "inline.xlsx"
    book.save(path)
    (p,) = import_workbook(path, year=2021).document.projects
    assert (p.code, p.name, p.department_name, p.department_code) == (
        "13020225P00001210004M", "应急演练经费", "昌黎县应急管理局", "426003",
    )  # fmt: skip
    assert (p.implementer, p.budget_total, p.budget_fiscal, p.budget_other) == (
        "昌黎县应急管理局", Decimal(20), Decimal(20), Decimal(0),
    )  # fmt: skip
    assert p.purpose == "用于应急演练。" and p.goals == ["完成演练", "提高能力"]
    assert len(p.indicators) == 1


def test_project_tables_and_the_guangdong_table_on_one_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    compact_table(ws, 1, 1, "上表项目", "10")
    other = openpyxl.Workbook().active
    seed004_sheet(other)
    for row in other.iter_rows():  # the Guangdong table, moved under the project table
        for cell in row:
            ws.cell(row=cell.row + 10, column=cell.column, value=cell.value)
    compact_table(ws, 45, 1, "下表项目", "30")
    path = tmp_path / "mixed.xlsx"
    book.save(path)
    result = import_workbook(path)
    doc = result.document
    assert [(p.name, len(p.indicators)) for p in doc.projects] == [("上表项目", 2), ("下表项目", 2)]
    assert doc.dept_table is not None and len(doc.dept_table.indicators) == 4
    assert (doc.unit.name, doc.unit.fiscal_year) == ("东莞市应急管理局", 2024) and result.problems == []
    assert not any("不是指标行" in m for m in messages(result)), messages(result)
