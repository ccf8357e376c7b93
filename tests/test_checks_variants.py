"""审核 on tables written differently: a legitimate table rewritten the way other provinces write
the same thing raises no new finding, and a true defect stays flagged however it is written.

The rewrites keep the meaning of every cell: ``≥90%`` may be printed ``≥90.00(%)``, ``不低于90%``,
``90%以上``, ``大于等于90%``; 一级 may carry its points (``产出指标（50分）``), 二级 may drop 指标;
amounts may be in 元 or 万元; optional columns may be blank; the value may sit in one cell or in
split 计算符号 | 指标值 | 计量单位 columns.  The property tests rewrite every row of the seeds, the
family fixtures and the real tables of the corpus and compare the findings (rule and place).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from perfdesk.models.checks import Finding, Form, Place, check_document, describe
from perfdesk.models.document import (
    DeptIndicator,
    DeptLayout,
    DeptTable,
    Document,
    EvalRow,
    Framework,
    Indicator,
    Layout,
    MoneyUnit,
    Project,
    UnitInfo,
)
from perfdesk.models.frameworks import canonical_level2
from perfdesk.models.jsonio import document_from_json
from perfdesk.models.values import ValueKind, compose_value, normalise, parse_value, split_value

D = Decimal
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted(
    [
        *(ROOT / "resources" / "samples").glob("*.json"),
        *(ROOT / "tests" / "data" / "families").glob("*.json"),
        *(ROOT / "tests" / "data" / "realtables").glob("[0-9]*.json"),
    ]
)

# (一级, 二级, 三级, value) of a clean 2015 project; the variants replace one part at a time.
ROWS_2015 = [
    ("产出指标", "数量指标", "检查企业数", "≥100家"),
    ("产出指标", "质量指标", "检查覆盖率", "≥90%"),
    ("产出指标", "时效指标", "整改完成时间", "≤30天"),
    ("产出指标", "成本指标", "项目成本", "≤50万元"),
    ("效益指标", "经济效益指标", "减少经济损失", "≥10万元"),
    ("效益指标", "社会效益指标", "事故下降率", "≥5%"),
    ("效益指标", "生态效益指标", "节约能耗", "有效降低"),
    ("效益指标", "可持续影响指标", "长效机制", "持续有效"),
    ("满意度指标", "服务对象满意度指标", "企业满意度", "≥90%"),
]
ROWS_2021 = [
    ("成本指标", "经济成本指标", "项目成本", "≤50万元"),
    ("产出指标", "数量指标", "检查企业数", "≥100家"),
    ("产出指标", "质量指标", "检查覆盖率", "≥90%"),
    ("产出指标", "时效指标", "整改完成时间", "≤30天"),
    ("效益指标", "社会效益指标", "事故下降率", "≥5%"),
    ("效益指标", "可持续影响指标", "长效机制", "持续有效"),
    ("满意度指标", "服务对象满意度指标", "企业满意度", "≥90%"),
]


def project(rows: list[tuple[str, str, str, str]], *, unit: MoneyUnit = MoneyUnit.WAN) -> Project:
    """A clean project table over ``rows``; amounts 50 万元 (or 500000 元)."""
    scale = D(10000) if unit is MoneyUnit.YUAN else D(1)
    return Project(
        code="P1", name="安全生产专项经费", money_unit=unit,
        budget_total=D("50.00") * scale, budget_fiscal=D("40.00") * scale, budget_other=D("10.00") * scale,
        plan_mar=D(25), plan_jun=D(50), plan_oct=D(75), plan_dec=D(100), goals=["保障全区安全生产"],
        indicators=[Indicator(a, b, c, f"{c}说明", v, "工作计划") for a, b, c, v in rows],
    )  # fmt: skip


def document(rows: list[tuple[str, str, str, str]] | None = None, **unit: object) -> Document:
    framework = unit.pop("framework", Framework.Y2015)
    base = ROWS_2021 if framework is Framework.Y2021 else ROWS_2015
    money = unit.pop("money_unit", MoneyUnit.WAN)
    info = UnitInfo(name="某县应急管理局", code="426003", fiscal_year=2025, framework=framework, **unit)  # type: ignore[arg-type]
    return Document(unit=info, projects=[project(rows or base, unit=money)])  # type: ignore[arg-type]


def with_value(rows: list[tuple[str, str, str, str]], index: int, value: str) -> list[tuple[str, str, str, str]]:
    out = list(rows)
    a, b, c, _ = out[index]
    out[index] = (a, b, c, value)
    return out


def to_split(doc: Document) -> Document:
    """The same table typed in split columns (指标性质/计算符号 | 指标值 | 计量单位), 指标值 cell blank."""
    for p in doc.projects:
        rows = []
        for ind in p.indicators:
            parts = split_value(ind.value)
            rows.append(
                dataclasses.replace(
                    ind, value="", kind=parts.kind, operator=parts.operator, number=parts.number, unit=parts.unit
                )
            )
        p.indicators = rows
    return doc


def test_the_base_tables_are_quiet() -> None:
    assert check_document(document()) == []
    assert check_document(document(framework=Framework.Y2021)) == []
    assert check_document(to_split(document())) == []


# ------------------------------------------------------------------ value notations, one row at a time

NOTATIONS = {
    1: [  # 检查覆盖率 (a rate)
        "≥90%", "≥90.00(%)", "≥90.00（%）", "≥90.00（％）", "不低于90%", "90%以上", "90%及以上", "达到90%",
        "90%-95%", "90-95%", "=100%", "100%", "＝100％", "≥ 90 %", "大于等于90%", "＞＝９０％", "≧90%",
        "≥90%（含）", "≥90%。", "≥98%；", "100.00%",
    ],
    2: ["≤30天", "30天内", "30天以内", "≤3个月", "30个工作日内", "≤30日", "按时完成", "请按时完成", "12月底前", "2025年12月31日前"],
    0: ["≥100家", "100家", "100家以上", "不少于100家", "≥100.00(家)", "100（家）", "1套", "1项", "12次/年", "5000人次"],
    3: ["≤50万元", "≤50.00(万元)", "≤50（万元）", "控制在50万元", "不超过50万元", "≤500000元", "500000元", "50万元"],
    4: ["≥10万元", "≥100000元", "≥10.00(万元)", "有所增加"],
    5: ["≥5%", "≥5.00(%)", "5%以上", "下降5%", "较上年下降5%", "有所下降", "逐步改善"],
    6: ["是", "好", "较好", "有所提升", "逐步改善", "明显改善", "有效降低"],
    8: ["≥90%", "≥95分", "≥90.00(%)", "90%以上", "不低于90%", "≥90％", "较满意", "满意", "≥90"],
}  # fmt: skip
CASES = [(row, value) for row, values in NOTATIONS.items() for value in values]


@pytest.mark.parametrize(("row", "value"), CASES, ids=[f"{r}-{v}" for r, v in CASES])
def test_value_notation_raises_nothing(row: int, value: str) -> None:
    """Each notation of a legitimate value, one cell and split, raises no finding."""
    doc = document(with_value(ROWS_2015, row, value))
    assert check_document(doc) == [], value
    if parse_value(value).operator is not None or not parse_value(value).is_quantitative:
        # split columns state the sign; a number without one is a defect there (operator-missing)
        assert check_document(to_split(doc)) == [], value


@pytest.mark.parametrize("rule_set", ["national", "hebei", "guangdong", "sichuan", "shanghai"])
def test_value_notations_under_every_rule_set(rule_set: str) -> None:
    """The regional sets add nothing on these notations, but Shanghai's sign on every 定量 value
    (value-no-operator) on a value written without one."""
    for row, value in CASES:
        found = check_document(document(with_value(ROWS_2015, row, value), rule_set=rule_set))
        parsed = parse_value(value)
        signless = parsed.is_quantitative and parsed.operator is None and parsed.number_max is None
        expected = ["value-no-operator"] if rule_set == "shanghai" and signless else []
        assert [f.code for f in found] == expected, (rule_set, value)


@pytest.mark.parametrize(
    ("value", "kind", "operator", "number", "unit"),
    [
        ("90%以上", "定量", "≥", D(90), "%"),
        ("30天内", "定量", "≤", D(30), "天"),
        ("达到90%", "定量", "=", D(90), "%"),
        ("大于等于90%", "定量", "≥", D(90), "%"),
        ("控制在50万元", "定量", "≤", D(50), "万元"),
        ("90%-95%", "定量", None, D(90), "%"),
        ("≥90.00(%)", "定量", "≥", D("90.00"), "%"),
        ("≥90%（含）", "定量", "≥", D(90), "%"),
        ("不低于90%(含90%)", "定量", "≥", D(90), "%"),
        ("≥98%；", "定量", "≥", D(98), "%"),
        ("≤50万元。", "定量", "≤", D(50), "万元"),
        ("12月底前", "定性", None, None, ""),
        ("2025年内", "定性", None, None, ""),
        ("3月-12月底", "定性", None, None, ""),
    ],
)
def test_notations_parse_to_their_meaning(
    value: str, kind: str, operator: str | None, number: Decimal | None, unit: str
) -> None:
    parsed = parse_value(value)
    assert (parsed.kind.value, parsed.operator, parsed.number, parsed.unit) == (kind, operator, number, unit)


def test_split_keeps_a_range_and_a_trailing_bound() -> None:
    assert split_value("90%-95%").number == "90-95"
    assert (split_value("90%以上").operator, split_value("90%以上").number) == ("≥", "90")


# ------------------------------------------------------------------ labels, frameworks, amounts, columns

LEVEL1 = {
    "产出指标": [
        "产出指标",
        "产出指标（50分）",
        "产出指标(50分)",
        "产出",
        "产出 指标",
        "项目产出",
        "产出指标(50)",
        "产出指标 50分",
        "一、产出指标",
        "（一）产出指标",
        "1.产出指标",
        "产出指标：",
        "产出指标（50%）",
        "产出指标(权重50%)",
    ],
    "效益指标": ["效益指标", "效益指标（30分）", "效益", "效果指标"],
    # (服务对象满意度指标 as 一级 over the same 二级 is level2-is-level1, a true defect)
    "满意度指标": ["满意度指标", "满意度指标（10分）", "满意度"],
}
LEVEL2 = {
    "数量指标": ["数量指标", "数量", "数量指标（10分）", "数量指标:", "1.数量指标", "数量指标 10分"],
    "质量指标": ["质量指标", "质量", "质量指标(权重10%)"],
    "时效指标": ["时效指标", "时效", "时效性指标"],
    "成本指标": ["成本指标", "成本"],
    "经济效益指标": ["经济效益指标", "经济效益"],
    "社会效益指标": ["社会效益指标", "社会效益"],
    "生态效益指标": ["生态效益指标", "生态效益", "环境效益指标"],
    "可持续影响指标": ["可持续影响指标", "可持续影响", "可持续发展指标", "可持续性"],
    "服务对象满意度指标": ["服务对象满意度指标", "服务对象满意度", "满意度", "社会公众或服务对象满意度指标"],
}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_label_spellings_raise_nothing(data: st.DataObject) -> None:
    """一级 with points or without 指标, 二级 spelled short or long, full-width brackets: no finding."""
    l1 = {k: data.draw(st.sampled_from(v)) for k, v in LEVEL1.items()}
    rows = [(l1[a], data.draw(st.sampled_from(LEVEL2[b])), c, v) for a, b, c, v in ROWS_2015]
    assume(all(a != b for a, b, _, _ in rows))  # 满意度 under 满意度 is level2-is-level1, a true defect
    split = data.draw(st.booleans())
    doc = document(rows)
    assert check_document(to_split(doc) if split else doc) == []


LEGITIMATE_ROWS = [
    ("产出指标", "数量指标", "培训人数（人）", "≥100人"),
    ("产出指标", "数量指标", "购置设备数量（台/套）", "≥5台"),
    ("产出指标", "数量指标", "维修面积（亩、平方米）", "≥3550平方米"),
    ("产出指标", "数量指标", "开展检查次数", "12次/年"),
    ("产出指标", "数量指标", "保障月数", "12个月"),
    ("产出指标", "质量指标", "验收合格率（%）", "100%"),
    ("产出指标", "质量指标", "资料归档率(%)", "≥90%（含）"),
    ("产出指标", "数量指标", "培训人数（人）", "100人以上"),
    ("产出指标", "质量指标", "工程质量", "达到国家标准"),
    ("产出指标", "时效指标", "工资发放时间", "每月15日前"),
    ("产出指标", "时效指标", "项目完成时限", "≤12个月"),
    ("产出指标", "时效指标", "24小时内到达现场率", "≥95%"),
    ("产出指标", "时效指标", "3个工作日内办结率", "100%"),
    ("产出指标", "成本指标", "人均补助标准", "≤2000元/人"),
    ("产出指标", "成本指标", "单位造价", "≤300元/平方米"),
    ("产出指标", "成本指标", "成本控制率", "≤100%"),
    ("效益指标", "经济效益指标", "带动农户增收", "≥500元/户"),
    ("效益指标", "社会效益指标", "辖区安全事故发生率", "≤1‰"),
    ("效益指标", "社会效益指标", "森林覆盖率提高", "≥1个百分点"),
    ("效益指标", "可持续影响指标", "设施使用年限", "≥10年"),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90分"),
]


@pytest.mark.parametrize("row", LEGITIMATE_ROWS, ids=[r[2] for r in LEGITIMATE_ROWS])
def test_legitimate_rows_of_other_tables_raise_nothing(row: tuple[str, str, str, str]) -> None:
    """Rows as real tables of other provinces print them, each in its own 二级's place."""
    rows = list(ROWS_2015)
    rows[[r[1] for r in rows].index(row[1])] = row
    assert check_document(document(rows)) == []


def test_2021_framework_spellings_raise_nothing() -> None:
    rows = [("成本指标（20分）", "经济成本", "项目成本", "≤50.00(万元)"), *ROWS_2021[1:]]
    assert check_document(document(rows, framework=Framework.Y2021)) == []


@pytest.mark.parametrize("money", [MoneyUnit.YUAN, MoneyUnit.WAN])
@pytest.mark.parametrize("cost", ["≤50万元", "≤500000元", "≤500000.00元", "≤50.0000万元", "≤49.9999万元"])
def test_amounts_in_yuan_and_wan_raise_nothing(money: MoneyUnit, cost: str) -> None:
    """A budget in 元 or 万元 against a cost in either unit, with the decimals of an exact amount."""
    assert check_document(document(with_value(ROWS_2015, 3, cost), money_unit=money)) == []
    over = check_document(document(with_value(ROWS_2015, 3, "≤50.01万元"), money_unit=money))
    assert [f.code for f in over] == ["cost-over-budget"]


def test_an_exact_amount_with_many_decimals_raises_nothing() -> None:
    """153.5184 万元 is 1 535 184 元 exactly (issue 14's noise)."""
    doc = document()
    doc.projects[0].budget_total = doc.projects[0].budget_fiscal = D("153.5184")
    doc.projects[0].budget_other = None
    assert check_document(doc) == []


def test_blank_optional_columns_raise_nothing() -> None:
    doc = document()
    doc.projects[0].indicators = [dataclasses.replace(i, description="", basis="") for i in doc.projects[0].indicators]
    doc.projects[0].budget_fiscal = doc.projects[0].budget_other = None
    assert check_document(doc) == []


# ------------------------------------------------------------------ true defects stay flagged


@pytest.mark.parametrize(
    ("row", "value", "rule"),
    [
        (1, "≥90万元", "unit-conflict"),  # a rate in money
        (1, "90万元以上", "unit-conflict"),
        (3, "≤50%", "unit-conflict"),  # 项目成本 (an amount) in %
        (8, "≥90个", "unit-conflict"),  # 满意度 counted in 个
        (1, "≥120%", "value-implausible"),
        (1, "120%以上", "value-implausible"),
        (5, "大幅降低20%", "qualitative-unit"),
        (1, "请填写指标值", "template-text"),
    ],
)
def test_defects_written_differently_stay_flagged(row: int, value: str, rule: str) -> None:
    found = {f.code for f in check_document(document(with_value(ROWS_2015, row, value)))}
    assert rule in found, (value, found)


@pytest.mark.parametrize(
    ("name", "value"),
    [("购置设备数量（台/套）", "≥5个"), ("维修面积（亩）", "≥5平方米"), ("补助标准（元/人）", "≤500元")],
)
def test_a_unit_other_than_the_names_stays_flagged(name: str, value: str) -> None:
    """台/套 are alternatives, 元/人 one unit: a unit none of them stays a unit conflict."""
    rows = with_value(ROWS_2015, 0, value)
    rows[0] = ("产出指标", "数量指标", name, value)
    assert "unit-conflict" in {f.code for f in check_document(document(rows))}


@pytest.mark.parametrize("name", ["达到90%的覆盖率", "≥90%完成率", "完成3次检查"])
def test_a_name_carrying_its_target_stays_flagged(name: str) -> None:
    rows = list(ROWS_2015)
    rows[1] = ("产出指标", "质量指标", name, "≥90%")
    assert "level3-number" in {f.code for f in check_document(document(rows))}


def test_split_quantity_without_sign_stays_flagged() -> None:
    doc = to_split(document(with_value(ROWS_2015, 0, "100家")))
    assert "operator-missing" in {f.code for f in check_document(doc)}


# ------------------------------------------------------------------ every real table, rewritten

SIGN_WORDS = {
    "≥": ["≥", "不低于", "大于等于", ">=", "＞＝", "≧"],
    "≤": ["≤", "不高于", "不超过", "小于等于", "<=", "控制在"],
    "=": ["=", "＝"],
}
SUFFIX = {"≥": "以上", "≤": "以内"}
_FULL = str.maketrans("0123456789%", "０１２３４５６７８９％")


def rewrites(value: str) -> list[str]:
    """Notations of the same 定量 value (a simple ``op number unit``); [] for anything else."""
    parsed = parse_value(value)
    if not parsed.is_quantitative or parsed.number_max is not None or parsed.approx or parsed.operator in (">", "<"):
        return []
    plain = normalise(value)
    number = split_value(value).number
    if number != str(parsed.number) or "," in plain:
        return []
    op, unit = parsed.operator, parsed.unit
    numbers = [number, number + ".00" if "." not in number else number]
    units = [unit, f"({unit})", f"（{unit}）"] if unit else [""]
    signs = SIGN_WORDS.get(op or "", [""])
    out = [f"{s}{n}{u}" for s in signs for n in numbers for u in units]
    if op in SUFFIX and unit:
        out.append(f"{number}{unit}{SUFFIX[op]}")
    out.append(f"{op or ''}{number}{unit}".translate(_FULL))
    return out


def _key(findings: list[Finding]) -> set[tuple[str, object, object, object, object]]:
    return {(f.code, f.place.form, f.place.project, f.place.row, f.place.field) for f in findings}


def _rewrite_doc(doc: Document, data: st.DataObject) -> Document:
    doc = dataclasses.replace(doc)
    for p in doc.projects:
        for i, ind in enumerate(p.indicators):
            options = rewrites(ind.value)
            if options:
                p.indicators[i] = dataclasses.replace(ind, value=data.draw(st.sampled_from(options)))
            elif not ind.value and normalise_sign(ind.operator):
                words = SIGN_WORDS[normalise_sign(ind.operator)]
                p.indicators[i] = dataclasses.replace(ind, operator=data.draw(st.sampled_from(words)))
    for p in doc.projects:
        for row in p.evaluation.rows if p.evaluation is not None else []:
            options = rewrites(row.target)
            if options:
                row.target = data.draw(st.sampled_from(options))
            actuals = [a for a in rewrites(row.actual) if parse_value(a).operator == parse_value(row.actual).operator]
            if actuals:  # an actual is a plain figure: 95%, 95.00(%), ９５％
                row.actual = data.draw(st.sampled_from(actuals))
    if doc.dept_table is not None:
        rows = doc.dept_table.indicators
        for i in range(len(rows)):
            for field in ("annual_value", "period_value"):
                options = rewrites(getattr(rows[i], field))
                if options:
                    rows[i] = dataclasses.replace(rows[i], **{field: data.draw(st.sampled_from(options))})
    return doc


def normalise_sign(op: str) -> str:
    from perfdesk.models.values import normalise_operator

    sign = normalise_operator(op) if op else ""
    return sign if sign in SIGN_WORDS else ""


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_rewritten_real_tables_find_the_same(path: Path, data: st.DataObject) -> None:
    """Every 定量 value of a seed, family fixture or corpus table rewritten in another notation
    (sign in words, .00, unit in brackets, full-width, a trailing 以上/以内; 指标性质 in words), in
    project tables, 自评表 targets and 部门整体 tables:
    the same rules fire at the same places."""
    text = path.read_text(encoding="utf-8")
    before = _key(check_document(document_from_json(text)))
    after = _key(check_document(_rewrite_doc(document_from_json(text), data)))
    assert after == before


def test_rewrites_cover_the_corpus() -> None:
    """The property above has something to rewrite: many corpus tables hold simple 定量 values."""
    rewritable = 0
    for path in FIXTURES:
        doc = document_from_json(path.read_text(encoding="utf-8"))
        values = [i.value for p in doc.projects for i in p.indicators]
        values += [i.annual_value for i in (doc.dept_table.indicators if doc.dept_table else [])]
        values += [r.target for p in doc.projects for r in (p.evaluation.rows if p.evaluation else [])]
        rewritable += any(rewrites(v) for v in values if parse_value(v).kind is ValueKind.QUANTITATIVE)
    assert rewritable >= 12


# ------------------------------------------------------------------ messages name columns as printed


def _split_defects(layout: Layout) -> Document:
    doc = to_split(document(with_value(ROWS_2015, 0, "100家"), layout=layout))
    rows = doc.projects[0].indicators
    rows[1] = dataclasses.replace(rows[1], kind="定量", number="较好", operator="", unit="")
    rows[2] = dataclasses.replace(rows[2], direction="正向")
    return doc


@pytest.mark.parametrize(("layout", "sign"), [(Layout.SPLIT, "指标性质"), (Layout.HEBEI, "计算符号")])
def test_messages_name_the_columns_as_the_layout_prints_them(layout: Layout, sign: str) -> None:
    """The split layout prints the sign under 指标性质: messages and places both say so."""
    doc = _split_defects(layout)
    by_rule = {f.code: f for f in check_document(doc)}
    assert by_rule["operator-missing"].message == f"定量指标值“100家”没有填写{sign}（≥、≤、=）"
    assert describe(by_rule["operator-missing"].place, doc).endswith(f"第1行 {sign}")
    assert by_rule["direction-conflict"].message.startswith(f"指标方向“正向”与{sign}“≤”相矛盾")
    assert by_rule["kind-mismatch"].message.startswith("指标类型为定量")  # the kind column is 指标类型 in both
    other = "计算符号" if sign == "指标性质" else "指标性质"
    assert not any(other in f.message for f in check_document(doc))


def test_hunan_dept_messages_name_its_kind_column() -> None:
    table = DeptTable(
        layout=DeptLayout.HUNAN,
        dept_name="某县林业局",
        indicators=[DeptIndicator("产出指标", "数量指标", "造林面积", kind="定量", number="较多")],
    )
    doc = Document(unit=UnitInfo(name="某县林业局", fiscal_year=2025), dept_table=table)
    (mismatch,) = [f for f in check_document(doc) if f.code == "kind-mismatch"]
    assert mismatch.message.startswith("指标值类型为定量")


def test_a_hunan_self_evaluation_is_named_by_its_printed_title() -> None:
    table = DeptTable(
        layout=DeptLayout.HUNAN, dept_name="某县林业局", indicators=[DeptIndicator("产出指标", "数量指标", "")]
    )
    doc = Document(unit=UnitInfo(name="某县林业局", fiscal_year=2025), dept_table=table)
    place = Place(Form.DEPT_TABLE, None, 0, "level3")
    assert describe(place, doc) == "部门整体支出绩效目标申报表 第1行 三级指标"
    table.achievement = "全年完成造林 500 亩"  # the year's results: a self-evaluation
    assert describe(place, doc) == "部门整体支出绩效自评表 第1行 三级指标"
    table.title = "某县林业局2024年度部门整体支出绩效自评表"
    assert describe(place, doc).startswith("某县林业局2024年度部门整体支出绩效自评表 ")
    table.layout, table.title = DeptLayout.GUANGDONG, ""
    assert describe(place, doc).startswith("部门整体预算绩效目标表 ")


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
@pytest.mark.parametrize("direction", ["split", "join"])
def test_one_cell_and_split_encodings_find_the_same(path: Path, direction: str) -> None:
    """Every row typed in one cell moved to split columns (a value with its sign, or words), and
    every split row joined into one cell: the same rules fire at the same places."""
    text = path.read_text(encoding="utf-8")
    before = _key(check_document(document_from_json(text)))
    doc = document_from_json(text)
    for p in doc.projects:
        for i, ind in enumerate(p.indicators):
            parsed = parse_value(ind.value)
            if (
                direction == "split"
                and ind.value
                and not ind.number
                and not (parsed.is_quantitative and not parsed.operator)
            ):
                parts = split_value(ind.value)
                p.indicators[i] = dataclasses.replace(
                    ind,
                    value="",
                    kind=ind.kind or parts.kind,
                    operator=parts.operator,
                    number=parts.number,
                    unit=parts.unit,
                )
            elif direction == "join" and not ind.value and ind.number and ind.operator:
                joined = compose_value(ind.operator, ind.number, ind.unit)
                p.indicators[i] = dataclasses.replace(ind, value=joined, operator="", number="", unit="")
    assert _key(check_document(doc)) == before


BENEFIT_NAMES = {
    "经济效益指标": [
        "降低企业负担",
        "减轻群众负担",
        "提高生产效率",
        "提高土地利用率",
        "带动就业人数",
        "增加村集体收入",
    ],
    "生态效益指标": [
        "节约用电",
        "减少用电量",
        "秸秆综合利用率",
        "节约纸张",
        "提升村容村貌",
        "耕地质量提升",
        "改善人居环境",
    ],
    "服务对象满意度指标": ["服务对象获得感", "群众获得感、幸福感", "群众满意率", "社会公众评价"],
}
BENEFIT_CASES = [(l2, name) for l2, names in BENEFIT_NAMES.items() for name in names]


@pytest.mark.parametrize(("level2", "name"), BENEFIT_CASES, ids=[n for _, n in BENEFIT_CASES])
def test_benefit_names_of_other_tables_are_not_misfiled(level2: str, name: str) -> None:
    level1 = "满意度指标" if level2 == "服务对象满意度指标" else "效益指标"
    value = "≥90%" if level1 == "满意度指标" else "有所提升"
    rows = list(ROWS_2015)
    rows[[r[1] for r in rows].index(level2)] = (level1, level2, name, value)
    assert check_document(document(rows)) == []


@pytest.mark.parametrize(("level2", "name"), [("经济效益指标", "安全生产天数"), ("生态效益指标", "节约成本")])
def test_misfiled_benefits_stay_flagged(level2: str, name: str) -> None:
    rows = list(ROWS_2015)
    rows[[r[1] for r in rows].index(level2)] = ("效益指标", level2, name, "有所提升")
    assert "level2-misfiled" in {f.code for f in check_document(document(rows))}


def _decorate(doc: Document, how: str) -> Document:
    """Every 一级 printed with an outline number or a colon, or every 二级 without 指标."""
    rows: list[Indicator | EvalRow | DeptIndicator] = [i for p in doc.projects for i in p.indicators]
    rows += [r for p in doc.projects for r in (p.evaluation.rows if p.evaluation else [])]
    rows += doc.dept_table.indicators if doc.dept_table else []
    numbers = {"产出指标": "一、", "效益指标": "二、", "满意度指标": "三、", "成本指标": "四、"}
    for row in rows:
        l1 = str(row.level1).strip()
        l2 = str(row.level2).strip()
        if how == "number" and l1 in numbers:
            row.level1 = numbers[l1] + l1
        elif how == "colon" and l1 in numbers:
            row.level1 = l1 + "："
        elif how == "short" and l2.endswith("指标") and canonical_level2(l2) == l2 and l2 != "服务对象满意度指标":
            row.level2 = l2[: -len("指标")]
    return doc


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
@pytest.mark.parametrize("how", ["number", "colon", "short"])
def test_decorated_labels_find_the_same(path: Path, how: str) -> None:
    """一级 as 一、产出指标 or 产出指标：, 二级 as 数量 — in project tables, 自评表s and 部门整体 tables alike."""
    text = path.read_text(encoding="utf-8")
    before = _key(check_document(document_from_json(text)))
    assert _key(check_document(_decorate(document_from_json(text), how))) == before


def test_a_decorated_level2_repeating_its_level1_stays_flagged() -> None:
    rows = list(ROWS_2015)
    rows[8] = ("三、满意度指标（10分）", "满意度指标：", "企业满意度", "≥90%")
    assert "level2-is-level1" in {f.code for f in check_document(document(rows))}
