"""审核 of the sums printed beside a project's indicators: 成本构成 合计, 资金安排表, 总分 (brief 11a)."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from perfdesk.models.checks import check_project
from perfdesk.models.document import CostLine, Framework, Indicator, Project, Recipient

AMOUNT = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)


def _codes(project: Project) -> dict[str, list[str | None]]:
    found: dict[str, list[str | None]] = {}
    for f in check_project(project, 0, Framework.Y2015):
        found.setdefault(f.code, []).append(f.place.field)
    return found


def test_printed_cost_total_that_does_not_add_up_is_an_error_at_its_column() -> None:
    lines = [CostLine("保安", D(191), "", D(191), D(191)), CostLine("水电", D(524), "", D("372.88"), D("504.55"))]
    project = Project(name="x", cost_lines=lines, cost_total=D(715), cost_prior1_total=D("563.98"))
    project.cost_prior2_total = D("695.55")
    assert _codes(project).get("cost-total-stated") == ["cost_prior1_total"]


def test_cost_lines_against_the_budget() -> None:
    project = Project(name="x", budget_total=D(100), cost_lines=[CostLine("a", D(60)), CostLine("b", D(30))])
    assert "cost-budget" in _codes(project)
    project.cost_lines[1].amount = D(40)
    assert "cost-budget" not in _codes(project)


@given(st.lists(AMOUNT, min_size=1, max_size=8))
def test_exact_sums_never_flag(amounts: list[D]) -> None:
    total = sum(amounts, D(0))
    project = Project(
        name="x",
        budget_total=total,
        cost_lines=[CostLine(str(i), a, "", a, a) for i, a in enumerate(amounts)],
        cost_total=total,
        cost_prior1_total=total,
        cost_prior2_total=total,
        recipients=[Recipient(str(i), a) for i, a in enumerate(amounts)],
    )
    codes = _codes(project)
    assert not {"cost-total-stated", "cost-budget", "recipients-budget"} & set(codes)


def test_recipients_against_the_budget_and_extra_values() -> None:
    row = Indicator("产出指标", "数量指标", "修复工程", recipient_values=["1", "1", "2"])
    project = Project(name="x", budget_total=D(35), recipients=[Recipient("甲", D(20)), Recipient("乙", D(16))])
    project.indicators = [row]
    codes = _codes(project)
    assert codes["recipients-budget"] == ["recipients"]
    assert codes["recipient-values-extra"] == ["recipient_values"]
    assert "row-missing" not in codes or "value" not in codes["row-missing"]  # the values stand per recipient


def test_printed_points_total() -> None:
    rows = [Indicator("产出指标", "数量指标", "a", value="1", weight=D(60)), Indicator(weight=D(30))]
    project = Project(name="x", indicators=rows, stated_points_total=D(100))
    assert _codes(project)["points-total-stated"] == ["stated_points_total"]
    project.stated_points_total = D(90)
    assert "points-total-stated" not in _codes(project)


def test_rollover_moves_the_prior_years_of_the_cost_lines() -> None:
    from perfdesk.models.document import Document, UnitInfo
    from perfdesk.models.rollover import rollover

    project = Project(name="x", cost_lines=[CostLine("保安", D(191), "", D(190), D(191))], cost_total=D(191))
    project.cost_prior1_total, project.cost_prior2_total = D(190), D(191)
    project.recipients = [Recipient("甲", D(20))]
    doc = Document(unit=UnitInfo(fiscal_year=2022), projects=[project])
    kept = rollover(doc).projects[0]  # 2023: its 2021 column is 2022's 2021 column, 2022's actuals not known yet
    assert (kept.cost_lines[0].prior1, kept.cost_lines[0].prior2, kept.cost_lines[0].amount) == (D(191), None, D(191))
    assert (kept.cost_prior1_total, kept.cost_prior2_total) == (D(191), None)
    blank = rollover(doc, keep_amounts=False).projects[0]
    assert blank.cost_lines[0].amount is None and blank.cost_total is None and blank.recipients[0].amount is None
    assert project.cost_lines[0].prior1 == D(190)  # the old document is untouched


def test_a_year_left_in_the_new_fields_is_found_after_rollover() -> None:
    from perfdesk.models.document import Document, UnitInfo
    from perfdesk.models.rollover import year_references

    project = Project(name="x", notice_text="现下达你区2022年预算", cost_lines=[CostLine("2022年保安服务费")])
    project.recipients = [Recipient("甲", None, "2022年护岸修复")]
    project.indicators = [Indicator(recipient_values=["2022年底前完成"])]
    doc = Document(unit=UnitInfo(fiscal_year=2023, rolled_from=2022), projects=[project])
    fields = sorted(spot.field for spot in year_references(doc, 2022))
    assert fields == ["cost_lines", "notice_text", "recipient_values", "recipients"]


def test_a_list_above_the_table_gives_the_project_another_amount() -> None:
    name = "古昌镇乡村绿化美化项目"
    preface = f"{name}100万元\n防火隔离带建设50万元"
    project = Project(name=name, budget_total=D("153.5184"), preface=preface)
    assert _codes(project).get("listed-amount") == ["budget_total"]
    project.budget_total = D(100)  # the list and the table agree
    assert "listed-amount" not in _codes(project)
    project.budget_total, project.period_total = D(40), D(100)  # the list gives the whole period's money
    assert "listed-amount" not in _codes(project)


@given(budget=AMOUNT)
def test_a_list_with_the_budget_in_yuan_or_wan_never_flags(budget: D) -> None:
    name = "某某村道路硬化工程项目"
    for text in (f"{name}{budget}万元", f"{name}：{budget * 10000}元", f"1.{name}（{budget}万元）"):
        assert "listed-amount" not in _codes(Project(name=name, budget_total=budget, preface=text)), text


def test_an_amount_far_from_the_name_is_not_the_projects() -> None:
    name = "某某村道路硬化工程项目"
    text = f"{name}已列入计划，另安排维修资金30万元"
    assert "listed-amount" not in _codes(Project(name=name, budget_total=D(100), preface=text))
