"""Amounts inside a sentence: a total and its parts after 其中 (rule text-sum, issue 14)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfdesk.models.checks import check_document
from perfdesk.models.document import Document, Project, ProjectEval
from perfdesk.models.findings import Form
from perfdesk.models.text_amounts import sum_problems

CUNJI = (
    "本项目共申请预算资金2026400元,其中村级组织运转400000元,村民组长,党小组长基本报酬252000元,"
    "村民监督委员会 工资28000元,村级事务补助960000元,村级工作目标奖励100000元。"
)


def test_parts_short_of_the_total() -> None:
    """07: 400000 + 252000 + 28000 + 960000 + 100000 = 1 740 000 元, not 2 026 400 元."""
    (message,) = sum_problems(CUNJI)
    assert "2026400元" in message and "174 万元" in message


@pytest.mark.parametrize(
    "text",
    [
        "本项目共申请预算资金90万元。其中:30万元用于预算编制;30万元用于审计;30万元用于设计、规划、测绘。",
        "本项目共完成预算资金1329120.67元,其中村级组织运转439120.67元,报酬152000元,工资28000元,补助660000元,奖励50000元。",
        "总投资500万元，其中中央资金300万元（含预拨100万元），省级资金200万元，共500万元。",
        "项目资金1100万元，其中厂房400万元、设备550万元、其他150万元。",
        "资金1.5亿元，其中中央10000万元、省级5000万元。",
        "补助标准1000元/人，其中A类500元/人，B类600元/人。",  # rates per head are not parts
        "预算安排1108.01万元，其中调整预算安排1289.43万元，资金到位1232.43万元。",  # not a breakdown
        "其中财政资金20万元，其他资金5万元。",  # no total before
        "预算25万元，其中财政资金25万元。",  # one part
        "预算7.29万元，其中补助72890元，其他10元。",  # 7.29 万元 rounded: 72 900 ± 50 元
        "总投资5000万元，其中中央投资2000万元、地方配套1000万元。",  # two main sources named, the rest 自筹
        "预算100万元，其中购置设备60万元（每台单价5万元），培训费40万元。",
        "预算100万元，其中购置设备60万元，每台5万元，培训费40万元。",  # a price is not a part
    ],
)
def test_legitimate_sentences_are_quiet(text: str) -> None:
    assert sum_problems(text) == []


@given(st.lists(st.integers(min_value=1, max_value=10**7), min_size=2, max_size=6), st.booleans())
def test_parts_that_add_up_always_pass_and_a_missing_one_is_caught(parts: list[int], in_wan: bool) -> None:
    def money(yuan: int) -> str:
        return f"{Decimal(yuan) / 10000:f}万元" if in_wan else f"{yuan}元"

    listed = "，".join(f"第{i}项{money(p)}" for i, p in enumerate(parts))
    assert sum_problems(f"共安排资金{money(sum(parts))}，其中{listed}。") == []

    def half_unit(yuan: int) -> Decimal:  # each figure may be rounded to its last printed digit
        if not in_wan:
            return Decimal("0.5")
        exponent = (Decimal(yuan) / 10000).as_tuple().exponent
        return Decimal(10) ** min(int(exponent), 0) / 2 * 10000

    short = "，".join(f"第{i}项{money(p)}" for i, p in enumerate(parts[:-1]))
    tolerance = half_unit(sum(parts)) + sum(half_unit(p) for p in parts[:-1])
    if len(parts) > 3 and parts[-1] > tolerance:  # three or more parts are read as the whole list
        assert len(sum_problems(f"共安排资金{money(sum(parts))}，其中{short}。")) == 1


def test_two_parts_above_the_total_are_caught() -> None:
    assert len(sum_problems("资金总额100万元，其中A 60万元，B 50万元。")) == 1


def test_the_finding_points_at_the_text() -> None:
    ev = ProjectEval(annual_goal=CUNJI)
    doc = Document(
        projects=[Project(name="村级补助", evaluation=ev, purpose="预算数 100万元，其中A 50万元，B 30万元，C 10万元。")]
    )
    hits = {(f.place.form, f.place.field) for f in check_document(doc) if f.code == "text-sum"}
    assert hits == {(Form.EVALUATION, "annual_goal"), (Form.PROJECT, "purpose")}


@given(
    st.lists(
        st.sampled_from(
            ["其中", "共", "元", "万元", "亿元", "，", "。", "（", "）", "/人", "每", "0", "1.5", "2,000", "99", " "]
        ),
        max_size=30,
    ).map("".join)
)
def test_any_text_is_read_without_error(text: str) -> None:
    for message in sum_problems(text):
        assert "其中" in message
