"""审核: every check fires on a broken table and stays quiet on a clean one and on the seeds."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdesk.models.checks import Finding, Form, Place, Severity, check_document, describe
from perfdesk.models.document import (
    DeptIndicator,
    DeptTable,
    Document,
    Framework,
    Indicator,
    KeyTask,
    Project,
    SelfReport,
    UnitInfo,
)  # fmt: skip
from perfdesk.models.rules import RULES
from perfdesk.samples import sample

D = Decimal


def clean_project(code: str = "P1", name: str = "安全生产专项经费") -> Project:
    rows = [
        ("产出指标", "数量指标", "检查企业数", "≥100家"),
        ("产出指标", "质量指标", "检查覆盖率", "≥90%"),
        ("产出指标", "时效指标", "完成及时率", "=100%"),
        ("产出指标", "成本指标", "项目成本", "≤50万元"),
        ("效益指标", "经济效益指标", "减少经济损失", "≥10万元"),
        ("效益指标", "社会效益指标", "事故下降率", "≥5%"),
        ("效益指标", "生态效益指标", "节约能耗", "有效降低"),
        ("效益指标", "可持续影响指标", "长效机制", "持续有效"),
        ("满意度指标", "服务对象满意度指标", "企业满意度", "≥90%"),
    ]
    return Project(
        code=code, name=name, budget_total=D("50.00"), budget_fiscal=D("40.00"), budget_other=D("10.00"),
        purpose="预算数50万元。其中，财政资金40万元，其他资金10万元。", plan_mar=D(25), plan_jun=D(50),
        plan_oct=D(75), plan_dec=D(100), goals=["保障全区安全生产"],
        indicators=[Indicator(a, b, c, f"{c}说明", v, "工作计划") for a, b, c, v in rows],
    )  # fmt: skip


def clean_document() -> Document:
    return Document(unit=UnitInfo(name="某县应急管理局", code="426003", fiscal_year=2025), projects=[clean_project()])


def codes(doc: Document) -> set[str]:
    return {f.code for f in check_document(doc)}


def test_clean_document_is_quiet() -> None:
    assert check_document(clean_document()) == []


def _p(fn: Callable[[Project], object]) -> Callable[[Document], object]:
    return lambda doc: fn(doc.projects[0])


def _ind(row: int, **fields: str) -> Callable[[Document], object]:
    return _p(lambda p: p.indicators[row].__dict__.update(fields))


MUTATIONS: dict[str, tuple[Callable[[Document], object], Severity]] = {
    "unit-name": (lambda d: setattr(d.unit, "name", " "), Severity.ERROR),
    "unit-year": (lambda d: setattr(d.unit, "fiscal_year", 25), Severity.ERROR),
    "project-name": (_p(lambda p: setattr(p, "name", "")), Severity.ERROR),
    "amount-negative": (_p(lambda p: (setattr(p, "budget_other", D(-10)), setattr(p, "budget_fiscal", D(60)))), Severity.ERROR),
    "amount-decimals": (_p(lambda p: (setattr(p, "budget_total", D("50.0000001")), setattr(p, "budget_other", D("10.0000001")))), Severity.ERROR),
    "amount-sum": (_p(lambda p: setattr(p, "budget_fiscal", D("41"))), Severity.ERROR),
    "amount-total-missing": (_p(lambda p: setattr(p, "budget_total", None)), Severity.ERROR),
    "amount-purpose": (_p(lambda p: setattr(p, "purpose", "预算数60万元。")), Severity.WARNING),
    "plan-range": (_p(lambda p: setattr(p, "plan_mar", D(-5))), Severity.ERROR),
    "plan-decreasing": (_p(lambda p: setattr(p, "plan_oct", D(40))), Severity.ERROR),
    "plan-december": (_p(lambda p: setattr(p, "plan_dec", D(90))), Severity.ERROR),
    "goals-empty": (_p(lambda p: setattr(p, "goals", [" "])), Severity.WARNING),
    "no-indicators": (_p(lambda p: setattr(p, "indicators", [])), Severity.ERROR),
    "row-missing": (_ind(0, value=""), Severity.ERROR),
    "level1-unknown": (_ind(0, level1="投入指标"), Severity.ERROR),
    "level2-mismatch": (_ind(0, level2="社会效益指标"), Severity.ERROR),
    "value-placeholder": (_ind(0, value="**"), Severity.ERROR),
    "no-output": (_p(lambda p: p.indicators.__delitem__(slice(0, 4))), Severity.ERROR),
    "no-benefit": (_p(lambda p: p.indicators.__delitem__(slice(4, 8))), Severity.ERROR),
    "no-satisfaction": (_p(lambda p: p.indicators.pop()), Severity.WARNING),
    "level2-empty": (_p(lambda p: p.indicators.pop(6)), Severity.WARNING),
    "few-quantitative": (_p(lambda p: [setattr(i, "value", "有效") for i in p.indicators[:4]]), Severity.WARNING),
    "cost-over-budget": (_ind(3, value="≤600000元"), Severity.WARNING),
    "qualitative-unit": (_ind(6, value="大幅降低20%"), Severity.WARNING),
    "unit-conflict": (_ind(1, value="≥28.8万元"), Severity.WARNING),
    "level3-number": (_ind(0, level3="检查100家企业"), Severity.WARNING),
    "level3-long": (_ind(0, level3="检" * 101), Severity.WARNING),
    "template-text": (_ind(0, description="请填写指标的具体描述"), Severity.WARNING),
    "level3-duplicate": (_ind(1, level3="检查企业数"), Severity.WARNING),
    "code-duplicate": (lambda d: d.projects.append(clean_project("P1", "另一个项目")), Severity.WARNING),
    "operator-missing": (_ind(0, value="", number="100", unit="家"), Severity.WARNING),
    "value-no-operator": (_ind(0, value="100家"), Severity.WARNING),
    "kind-mismatch": (_ind(6, kind="定量"), Severity.WARNING),
    "level3-is-level": (_ind(8, level3="满意度指标"), Severity.WARNING),
    "level2-is-level1": (_ind(8, level2="满意度指标"), Severity.WARNING),
    "row-empty": (_p(lambda p: p.indicators.insert(3, Indicator("产出指标", "质量指标"))), Severity.WARNING),
    "rows-not-grouped": (_p(lambda p: p.indicators.append(Indicator("产出指标", "数量指标", "培训人次", "", "≥50人次"))), Severity.WARNING),
    "weights-total": (_p(lambda p: [setattr(i, "weight", D(12)) for i in p.indicators]), Severity.WARNING),
    "level2-misfiled": (_ind(1, level3="检查对象满意度"), Severity.WARNING),  # 满意度 filed under 质量指标
    "value-implausible": (_ind(8, value="≥290%"), Severity.WARNING),
    "cost-qualitative": (_ind(3, value="参照政府采购标准"), Severity.WARNING),
    "text-repeated": (_p(lambda p: [setattr(i, "explanation", "该指标值数据合理") for i in p.indicators]), Severity.WARNING),
    "long-term-empty": (_p(lambda p: setattr(p, "long_term_indicators", [Indicator("产出指标", "数量指标")])), Severity.WARNING),
    "long-term-copy": (_p(lambda p: setattr(p, "long_term_indicators", copy.deepcopy(p.indicators))), Severity.WARNING),
    "header-missing": (_p(lambda p: setattr(p, "manager", "张三")), Severity.WARNING),
    "copied-text": (_p(lambda p: (setattr(p, "overview", "全区安全生产监管"), setattr(p, "necessity", "全区安全生产监管"))), Severity.WARNING),
    "header-wrong": (_p(lambda p: setattr(p, "department_name", "经济建设科")), Severity.WARNING),
    "period-amount-missing": (_p(lambda p: setattr(p, "period", "3年")), Severity.WARNING),
    "text-cut": (_ind(0, level3="检查企业，"), Severity.WARNING),
    "value-explanation": (_ind(0, explanation="90%"), Severity.WARNING),
    "period-below-annual": (_p(lambda p: setattr(p, "period_total", D("40.00"))), Severity.WARNING),
    "date-outside-year": (_p(lambda p: (setattr(p, "start_date", "2023-01"), setattr(p, "end_date", "2023-12"))), Severity.WARNING),
    "name-duplicate": (lambda d: d.projects.append(clean_project("P2")), Severity.WARNING),
}  # fmt: skip


# Rules that are off in the national set, with the set that switches them on.
REGIONAL = {"level2-empty": "hebei", "few-quantitative": "hebei", "value-no-operator": "shanghai"}


@pytest.mark.parametrize("code", MUTATIONS)
def test_each_check_fires(code: str) -> None:
    doc = clean_document()
    doc.unit.rule_set = REGIONAL.get(code, "national")
    assert code not in codes(doc)
    mutate, severity = MUTATIONS[code]
    mutate(doc)
    findings = [f for f in check_document(doc) if f.code == code]
    assert findings, f"{code} did not fire"
    assert all(f.severity is RULES[f.code].severity for f in check_document(doc))  # the catalogue's severity
    assert all(f.severity is severity for f in findings)
    assert all(f.message for f in findings)
    assert code not in codes(clean_document())


UNIT_CONFLICTS = [
    ("享受资助人数", "2100个"),  # people counted in 个
    ("检查覆盖率", "≥90万元"),  # money on a rate
    ("资金使用金额", "≥99%"),  # % on an amount
    ("保障在职职工人数(人)", "116户"),  # the name states its unit
    ("企业满意度", "≥90人"),  # 满意度 in people
    ("促进区域经济协调发展", "100%"),  # an aim measured in %
]


@pytest.mark.parametrize(("name", "value"), UNIT_CONFLICTS)
def test_unit_conflicts(name: str, value: str) -> None:
    doc = clean_document()
    doc.projects[0].indicators[0].level3, doc.projects[0].indicators[0].value = name, value
    assert "unit-conflict" in codes(doc)


LEGITIMATE_ROWS = [
    ("产出指标", "数量指标", "保障在职职工人数(人)", "=116人"),
    ("产出指标", "质量指标", "工资发放准确性(%)", "≥95.00(%)"),  # the Shanghai notation
    ("产出指标", "数量指标", "湿地保有量(公顷)", "=4900公顷"),
    ("产出指标", "时效指标", "项目实施时间", "2025年1月-12月"),
    ("效益指标", "社会效益指标", "群众知晓率", "≥90%"),
    ("效益指标", "经济效益指标", "带动农户增收", "≥500元/户"),
    ("效益指标", "生态效益指标", "森林覆盖率", "≥60%"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
    ("产出指标", "成本指标", "人均补助标准", "严格按照1000元/人兑付"),
]


@pytest.mark.parametrize("row", LEGITIMATE_ROWS, ids=[r[2] for r in LEGITIMATE_ROWS])
def test_legitimate_rows_are_quiet(row: tuple[str, str, str, str]) -> None:
    doc = clean_document()
    doc.projects[0].indicators.append(Indicator(*row[:3], "", row[3]))
    doc.projects[0].indicators.sort(key=lambda i: ["产出指标", "效益指标", "满意度指标"].index(i.level1))
    assert check_document(doc) == []


def test_a_rate_written_in_words_is_a_kind_mismatch() -> None:
    doc = clean_document()
    doc.projects[0].indicators[1].level3, doc.projects[0].indicators[1].value = "检查覆盖率(%)", "基本覆盖"
    assert codes(doc) == {"kind-mismatch"}


def test_split_columns_read_like_one_cell() -> None:
    doc = clean_document()
    ind = doc.projects[0].indicators[1]
    ind.value, ind.operator, ind.number, ind.unit = "", "≥", "90.00", "%"
    assert check_document(doc) == []
    ind.unit = "万元"  # money on a rate, typed in the unit column
    assert codes(doc) == {"unit-conflict"}


def test_template_rows_are_said_once_per_run() -> None:
    doc = clean_document()
    rows = doc.projects[0].indicators
    rows[1:1] = [Indicator("产出指标", "数量指标", "指标2:"), Indicator("产出指标", "数量指标", "……")]
    (finding,) = check_document(doc)
    assert (finding.code, finding.place.row) == ("template-text", 1)
    assert "连续 2 行" in finding.message


def test_a_value_column_left_empty_is_one_finding() -> None:
    doc = clean_document()
    for ind in doc.projects[0].indicators:
        ind.value = ""
    (finding,) = [f for f in check_document(doc) if f.code == "row-missing"]
    assert finding.place.row is None and finding.place.field == "value"


def test_a_table_outside_the_framework_is_said_once() -> None:
    doc = clean_document()
    for ind in doc.projects[0].indicators:
        ind.level1 = "决策指标"
    assert [f.code for f in check_document(doc)] == ["level1-unknown"]


def test_exact_yuan_amounts_in_wan_are_accepted() -> None:
    doc = clean_document()
    p = doc.projects[0]
    p.budget_total, p.budget_fiscal, p.budget_other, p.purpose = D("153.5184"), D("153.5184"), None, ""
    assert check_document(doc) == []  # 1535184 元, exact: the 万元 table prints 153.52


def test_self_evaluation_only_project_is_not_asked_for_targets() -> None:
    from perfdesk.models.scoring import start_evaluation

    doc = clean_document()
    p = doc.projects[0]
    p.evaluation = start_evaluation(p)
    p.department_name = "某县应急管理局"
    p.indicators, p.goals = [], []
    assert not {"no-indicators", "goals-empty"} & codes(doc)


def test_unit_conflict_amount_named_percentage() -> None:
    doc = clean_document()
    doc.projects[0].indicators[0].level3 = "资金使用金额"
    doc.projects[0].indicators[0].value = "≥99%"
    (finding,) = [f for f in check_document(doc) if f.code == "unit-conflict"]
    assert finding.place.row == 0 and finding.place.field == "value"


def test_places_name_project_row_and_field() -> None:
    doc = clean_document()
    doc.projects.insert(0, clean_project("P0", "前一个项目"))
    doc.projects[1].indicators[2].value = "*"
    (finding,) = check_document(doc)
    assert (finding.place.form, finding.place.project, finding.place.row, finding.place.field) == (
        Form.PROJECT,
        1,
        2,
        "value",
    )
    assert describe(finding.place, doc) == "项目2「安全生产专项经费」 第3行 指标值"


def test_aliases_are_accepted() -> None:
    doc = clean_document()
    for ind in doc.projects[0].indicators:
        ind.level1 = ind.level1.replace("效益指标", "效果指标")
        ind.level2 = {"可持续影响指标": "可持续性影响", "生态效益指标": "环境效益"}.get(ind.level2, ind.level2)
    assert check_document(doc) == []


def test_2021_framework_moves_cost() -> None:
    doc = clean_document()
    doc.unit.framework = Framework.Y2021
    assert "level2-mismatch" in codes(doc)  # 成本指标 is no longer a 二级 of 产出
    doc.projects[0].indicators[3].level1 = "成本指标"
    doc.projects[0].indicators[3].level2 = "经济成本指标"
    assert "level2-mismatch" not in codes(doc)


def test_blank_plan_cells_are_allowed() -> None:
    doc = clean_document()
    p = doc.projects[0]
    p.plan_mar = p.plan_oct = p.plan_dec = None
    p.plan_jun = D(100)
    assert not {c for c in codes(doc) if c.startswith("plan")}


def test_blank_other_funds_counts_as_zero() -> None:
    doc = clean_document()
    p = doc.projects[0]
    p.budget_fiscal, p.budget_other, p.purpose = D("50.00"), None, ""
    assert check_document(doc) == []


def clean_dept() -> DeptTable:
    rows = [("产出指标", l2) for l2 in ("数量指标", "质量指标", "时效指标", "成本指标")]
    rows += [("效益指标", l2) for l2 in ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")]
    rows += [("满意度指标", "服务对象满意度指标")]
    return DeptTable(
        dept_name="某局", basic_expense=D(60), project_expense=D(40), special_funds=D(0), other_development=D(0),
        income_fiscal=D(100), income_other=D(0), local_use=D(100), transfer=D(0), goals=["目标"],
        key_tasks=[KeyTask("任务", "内容", D("400000.00"), "目标")],
        indicators=[DeptIndicator(a, b, f"{b}名", "100%", "100%") for a, b in rows],
    )  # fmt: skip


DEPT_MUTATIONS: dict[str, Callable[[DeptTable], object]] = {
    "dept-balance": lambda t: setattr(t, "income_fiscal", D(90)),
    "dept-blank": lambda t: setattr(t, "local_use", None),
    "dept-levels": lambda t: setattr(t, "transfer", D(5)),
    "dept-tasks-over": lambda t: setattr(t.key_tasks[0], "amount_yuan", D("400001.00") * 1000),
    "dept-goals": lambda t: setattr(t, "goals", []),
    "level2-mismatch": lambda t: setattr(t.indicators[0], "level2", "社会效益指标"),
    "row-missing": lambda t: setattr(t.indicators[0], "annual_value", ""),
    "value-placeholder": lambda t: setattr(t.indicators[0], "period_value", "-"),
    "dept-level2-empty": lambda t: t.indicators.pop(3),
    "copied-text": lambda t: (setattr(t, "duties", "保障职能"), setattr(t, "annual_goal", "保障职能")),
    "dept-part-over": lambda t: setattr(t, "budget_total", D(50)),
    "header-missing": lambda t: setattr(t, "dept_name", ""),
    "text-repeated": lambda t: [setattr(i, "explanation", "该指标值数据合理") for i in t.indicators],
}


@pytest.mark.parametrize("code", DEPT_MUTATIONS)
def test_dept_table_checks(code: str) -> None:
    doc = Document(unit=UnitInfo(name="某局", rule_set="guangdong"), dept_table=clean_dept())
    assert check_document(doc) == []
    DEPT_MUTATIONS[code](doc.dept_table)  # type: ignore[arg-type]
    assert code in codes(doc)


def clean_report() -> SelfReport:
    return SelfReport(
        income_budget=D("200.00"), income_public=D("200.00"), income_other=D(0), final_expense=D("190.00"),
        personnel_expense=D("100.00"), public_expense=D("40.00"), project_expense=D("50.00"),
        prior_year_budget=D("160.00"), stated_change=D("40.00"), stated_change_rate=D("25.00"), score=D(95),
    )  # fmt: skip


REPORT_MUTATIONS: dict[str, Callable[[SelfReport], object]] = {
    "report-income": lambda r: setattr(r, "income_other", D(1)),
    "report-expense": lambda r: setattr(r, "public_expense", D("40.01")),
    "report-change": lambda r: setattr(r, "stated_change", D(41)),
    "report-change-rate": lambda r: setattr(r, "stated_change_rate", D("20.00")),
    "report-score": lambda r: setattr(r, "score", D(101)),
}


@pytest.mark.parametrize("code", REPORT_MUTATIONS)
def test_report_checks(code: str) -> None:
    doc = Document(unit=UnitInfo(name="某局"), self_report=clean_report())
    assert check_document(doc) == []
    REPORT_MUTATIONS[code](doc.self_report)  # type: ignore[arg-type]
    assert code in codes(doc)


# What a finance bureau reviewer flags in each seed — and nothing else.  Each line is a real
# fault of the seed table (or a warning the rules ask for), documented here on purpose.
SEED_FINDINGS: dict[str, list[tuple[str, str]]] = {
    "changli-2021": [
        # 节约成本 is filed as 生态效益 and 更新车辆/提高抗灾水平 as 经济效益 in the Changli tables
        ("level2-misfiled", "项目1「非税收入安排解决历史遗留问题」 第7行 二级指标"),
        ("few-quantitative", "项目1「非税收入安排解决历史遗留问题」"),  # 4 of 9 rows restate the description
        ("level2-misfiled", "项目2「安全生产三年专项行动项目」 第5行 二级指标"),  # 督导检查活动带来的影响
        ("level2-misfiled", "项目2「安全生产三年专项行动项目」 第7行 二级指标"),
        ("level2-misfiled", "项目3「更新救灾应急车辆」 第5行 二级指标"),
        ("level2-misfiled", "项目4「农房保险县级配套资金项目」 第5行 二级指标"),
        ("level2-misfiled", "项目4「农房保险县级配套资金项目」 第7行 二级指标"),
        ("level2-misfiled", "项目5「农房保险县级配套资金项目」 第5行 二级指标"),
        ("level2-misfiled", "项目5「农房保险县级配套资金项目」 第7行 二级指标"),
        ("level2-misfiled", "项目6「第一次自然灾害普查项目」 第7行 二级指标"),
        ("few-quantitative", "项目6「第一次自然灾害普查项目」"),
        ("name-duplicate", "项目4「农房保险县级配套资金项目」 项目名称"),  # table 4 is titled 自然灾害救助专项资金
        ("name-duplicate", "项目5「农房保险县级配套资金项目」 项目名称"),
    ],
    "gaoxin-2022": [
        ("level2-empty", "项目1「安全生产专项经费」"),  # only 可持续性影响 under 效果指标
        ("level2-empty", "项目2「城市生命线工程」"),
        ("unit-conflict", "项目3「指挥应急管理系统」 第2行 指标值"),  # 三级 资金使用金额 with ≥99%
        ("level2-empty", "项目3「指挥应急管理系统」"),
        ("level3-duplicate", "项目3「指挥应急管理系统」 第4行 三级指标"),  # the same copy-paste
    ],
    "gaoxin-selfeval-2024": [
        ("report-expense", "整体支出绩效自评报告 年末决算支出"),  # 674.75+263.61+1261.01 = 2199.37, not 2199.36
        ("report-change-rate", "整体支出绩效自评报告 比上年增长率"),  # 45.51% = 1048.04 / this year
    ],
    "dongguan-2024": [
        ("dept-blank", "部门整体预算绩效目标表 市本级使用资金"),  # 市本级使用资金 left blank
        ("level2-misfiled", "部门整体预算绩效目标表 第2行 二级指标"),  # 宣传推广工作完成率 as a 数量指标
        ("dept-level2-empty", "部门整体预算绩效目标表"),  # the printed 成本指标 row is empty
    ],
}


SEED_RULE_SETS = {
    "changli-2021": "hebei",
    "gaoxin-2022": "hebei",
    "gaoxin-selfeval-2024": "hebei",
    "dongguan-2024": "guangdong",
}
REGIONAL_ONLY = {"level2-empty", "few-quantitative", "dept-level2-empty"}


@pytest.mark.parametrize("name", SEED_FINDINGS)
def test_seed_findings(name: str) -> None:
    """The region's own set gives every listed finding; the national set leaves out the regional rules."""
    doc = sample(name).load()
    assert doc.unit.rule_set == "national"
    national = [(f.code, describe(f.place, doc)) for f in check_document(doc)]
    assert national == [item for item in SEED_FINDINGS[name] if item[0] not in REGIONAL_ONLY]
    doc.unit.rule_set = SEED_RULE_SETS[name]
    assert [(f.code, describe(f.place, doc)) for f in check_document(doc)] == SEED_FINDINGS[name]


def test_seed_lunan() -> None:
    doc = sample("lunan-2025").load()
    findings = check_document(doc)
    assert not any(f.is_error for f in findings)
    # 安全生产天数 / 覆盖服务人口 filed as 经济效益, 演练活动比例 as 生态效益; 推动…落实 measured in %
    assert {f.code for f in findings} == {"level3-duplicate", "level3-number", "level2-misfiled", "unit-conflict"}
    assert sum(f.code == "level3-duplicate" for f in findings) == 2  # project 3 repeats two rows


def test_findings_are_immutable_values() -> None:
    doc = clean_document()
    broken = copy.deepcopy(doc)
    broken.projects[0].indicators[0].value = "*"
    first: list[Finding] = check_document(broken)
    assert first == check_document(broken)


def test_describe_names_the_evaluation_table() -> None:
    doc = clean_document()
    place = Place(Form.EVALUATION, 0, 2, "actual")
    assert describe(place, doc) == "项目1「安全生产专项经费」自评表 第3行 实际完成值"


_CELL = st.text(
    alphabet=st.sampled_from(list("≥≤=<>%％元万人个年月率满意度成本指标2:…*（）()，,. 0123456789定性量")), max_size=12
)


@settings(max_examples=150, deadline=None)
@given(level2=st.sampled_from(["数量指标", "质量指标", "成本指标", "社会效益指标", "服务对象满意度指标", ""]),
       level3=_CELL, value=_CELL, kind=_CELL, operator=_CELL, number=_CELL, unit=_CELL, explanation=_CELL)  # fmt: skip
def test_any_row_is_checked_without_error(**cells: str) -> None:
    """Whatever a clerk or an import puts in a row, the checks return catalogued findings at that row."""
    doc = clean_document()
    row = doc.projects[0].indicators[1]
    for name, text in cells.items():
        setattr(row, name, text)
    for finding in check_document(doc):
        assert finding.code in RULES and finding.severity is RULES[finding.code].severity
        assert finding.place.row in (None, *range(len(doc.projects[0].indicators)))


@pytest.mark.parametrize(
    ("direction", "operator", "value", "flagged"),
    [
        ("正向", "小于等于", "", True),
        ("正向指标", "", "≤5天", True),
        ("反向", "≥", "", True),
        ("反向指标", "", ">3%", True),
        ("正向", "≥", "", False),
        ("反向", "", "≤5天", False),
        ("", "≤", "", False),
    ],
)
def test_direction_contradicting_the_sign_is_flagged(direction: str, operator: str, value: str, flagged: bool) -> None:
    from perfdesk.models.row_checks import direction_problems

    row = Indicator(
        "产出指标",
        "时效指标",
        "完成时间",
        value=value,
        operator=operator,
        number="5" if operator else "",
        direction=direction,
    )
    found = [code for code, _, _ in direction_problems(row, "value")]
    assert (found == ["direction-conflict"]) is flagged


@pytest.mark.parametrize(
    ("attribute", "flagged"),
    [
        ("兵团推进乡村振兴补助资金", True),
        ("中央财政衔接推进乡村振兴补助资金", True),
        ("部门预算专项经费", True),
        ("延续性项目(阶段开展)", False),
        ("新增项目□延续项目√", False),
        ("1、持续性项目 ☑ 2、新增性项目 □", False),
        ("基础建设、修缮类", False),
        ("滚动项目", False),
        ("一次性项目资金", False),
        ("", False),
    ],
)
def test_a_fund_name_in_the_attribute_cell(attribute: str, flagged: bool) -> None:
    doc = clean_document()
    doc.projects[0].attribute = attribute
    hits = [f for f in check_document(doc) if f.code == "header-wrong"]
    assert [(f.place.field, f.severity) for f in hits] == ([("attribute", Severity.WARNING)] if flagged else [])


@pytest.mark.parametrize(
    ("explanation", "flagged"),
    [("2019年12月", True), ("2019年12月(计划标准)", True), ("2019年12月底（历史标准）", True), ("按计划完成", False)],
)
def test_a_date_explanation_beside_a_rate(explanation: str, flagged: bool) -> None:
    """11 row 6: 项目完成时间 100% with 指标解释 “2019年12月(计划标准)” — the note in brackets aside."""
    doc = clean_document()
    doc.projects[0].indicators[0].__dict__.update(value="100%", explanation=explanation)
    hits = [f.place.row for f in check_document(doc) if f.code == "value-explanation"]
    assert hits == ([0] if flagged else [])


@pytest.mark.parametrize(
    ("implementer", "attribute", "period", "flagged"),
    [
        ("卫健委", "滚动项目", "长期", True),  # 10: the national 申报表 header, 主管部门及代码 left empty
        ("区林业局", "延续", "", False),  # Chongqing: 具体实施单位 | 项目属性, no 主管部门 cell
        ("宝坻区人民政府", "", "", False),  # a 转移支付 table: 下达地方或单位 only
        ("", "", "", False),
    ],
)
def test_department_missing_where_the_national_header_is_printed(
    implementer: str, attribute: str, period: str, flagged: bool
) -> None:
    doc = clean_document()
    project = doc.projects[0]
    project.implementer, project.attribute, project.period = implementer, attribute, period
    hits = [f.place.field for f in check_document(doc) if f.code == "header-missing"]
    assert hits == (["department_name"] if flagged else [])
    project.department_name = "蒙城县卫生健康委员会"
    assert not [f for f in check_document(doc) if f.code == "header-missing"]


def test_a_finding_names_the_column_as_the_layout_prints_it() -> None:
    """One source for a column's title (models.labels): the tables print it, the findings name it."""
    from perfdesk.export.families import dept_family, family
    from perfdesk.models.checks import field_label
    from perfdesk.models.document import DeptLayout, DeptTable, Layout
    from perfdesk.models.labels import COLUMN_TITLES

    doc = clean_document()
    for layout in Layout:
        doc.unit.layout = layout
        for name in COLUMN_TITLES:
            for form in (Form.PROJECT, Form.EVALUATION):
                assert field_label(Place(form, 0, 1, name), doc) == family(layout).column_title(name)
    doc.unit.layout = Layout.SPLIT
    assert describe(Place(Form.PROJECT, 0, 1, "operator"), doc).endswith("第2行 指标性质")
    doc.unit.layout = Layout.HEBEI
    assert describe(Place(Form.PROJECT, 0, 1, "operator"), doc).endswith("第2行 计算符号")
    for layout in DeptLayout:
        doc.dept_table = DeptTable(layout=layout)
        for name in COLUMN_TITLES:
            assert field_label(Place(Form.DEPT_TABLE, None, 0, name), doc) == dept_family(layout).column_title(name)
    assert field_label(Place(Form.DEPT_TABLE, field="budget_total"), doc) == "年度预算总额"
    assert field_label(Place(Form.PROJECT, 0, field="budget_total"), doc) == "预算数"


@pytest.mark.parametrize(
    ("level2", "canonical"),
    [("社会、经济、生态效益 指标", "社会效益指标"), ("经济、社会效益指标", "经济效益指标"), ("社会、经济", None)],
)
def test_a_combined_benefit_level2_is_a_benefit(level2: str, canonical: str | None) -> None:
    """19 (Dongguan): the template prints one 二级 “社会、经济、生态效益 指标” under 效果指标."""
    from perfdesk.models.frameworks import canonical_level2

    assert canonical_level2(level2) == canonical
    doc = clean_document()
    doc.projects[0].indicators[4].level2 = level2
    assert ("level2-mismatch" in codes(doc)) is (canonical is None)


def test_a_dept_scoring_rubric_is_not_judged_by_the_target_framework() -> None:
    """31: a 部门整体 评分细则 (规划 (15分) / 基础信息 (3分), 评分标准 on every row, no targets)."""
    from perfdesk.models.document import DeptIndicator, DeptLayout, DeptTable

    rows = [
        DeptIndicator("规划 (15分)", "基础信息 (3分)", "基础信息完整性", weight=D(3), scoring="信息是否真实(1分)"),
        DeptIndicator("执行 (35分)", "预算执行 (18分)", "预算执行率", weight=D(5), scoring="无预算追加(1分)"),
    ]
    table = DeptTable(dept_name="寿县某局", layout=DeptLayout.HUNAN, indicators=rows)
    assert "level2-mismatch" not in codes(Document(dept_table=table))
    for row in rows:  # the same levels with target values: a target table outside the framework
        row.annual_value = "≥90%"
    assert "level2-mismatch" in codes(Document(dept_table=table))
