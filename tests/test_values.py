"""指标值 parsing: every value in the seeds parses sensibly; the text is never changed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfdesk.models.document import EvalRow, Indicator
from perfdesk.models.values import (
    IndicatorParts,
    ValueKind,
    amount_in_wan,
    compose_value,
    indicator_parts,
    is_placeholder,
    normalise_operator,
    one_cell_value,
    parse_value,
    split_value,
)
from perfdesk.samples import samples

Q, L = ValueKind.QUANTITATIVE, ValueKind.QUALITATIVE


@pytest.mark.parametrize(
    ("text", "kind", "op", "number", "unit"),
    [
        ("≥2次", Q, "≥", "2", "次"),
        ("≥90%", Q, "≥", "90", "%"),
        ("≤500", Q, "≤", "500", ""),
        ("100%", Q, None, "100", "%"),
        ("4万", Q, None, "4", "万"),
        ("143万", Q, None, "143", "万"),
        ("≤2025年", Q, "≤", "2025", "年"),
        ("≥90.09%", Q, "≥", "90.09", "%"),
        ("≤12.16万元", Q, "≤", "12.16", "万元"),
        ("≥4万人", Q, "≥", "4", "万人"),
        (">=95%", Q, "≥", "95", "%"),
        ("＞＝９５％", Q, "≥", "95", "%"),
        ("<3天", Q, "<", "3", "天"),
        ("＝100%", Q, "=", "100", "%"),
        ("12月底之前", L, None, None, ""),
        ("按时完成", L, None, None, ""),
        ("保持稳定", L, None, None, ""),
        ("当年不发生重大生产安全", L, None, None, ""),
        ("新购2辆，并支付上年一辆车尾款", L, None, None, ""),
    ],
)
def test_parse_examples(text: str, kind: ValueKind, op: str | None, number: str | None, unit: str) -> None:
    parsed = parse_value(text)
    assert parsed.text == text
    assert parsed.kind is kind
    assert parsed.operator == op
    assert parsed.number == (Decimal(number) if number else None)
    assert parsed.unit == unit


def test_range_with_approx() -> None:
    parsed = parse_value("约25000-27400人")
    assert (parsed.kind, parsed.number, parsed.number_max, parsed.unit, parsed.approx) == (
        Q,
        Decimal(25000),
        Decimal(27400),
        "人",
        True,
    )


def _seed_values() -> list[str]:
    values = []
    for s in samples():
        doc = s.load()
        values += [i.value for p in doc.projects for i in p.indicators]
        if doc.dept_table:
            values += [v for i in doc.dept_table.indicators for v in (i.period_value, i.annual_value)]
    return values


def test_every_seed_value_parses_sensibly() -> None:
    values = _seed_values()
    assert len(values) > 150
    for text in values:
        parsed = parse_value(text)
        assert parsed.text == text
        if parsed.is_quantitative:
            assert parsed.number is not None, text
            assert len(parsed.unit) <= 8, text
            # a quantitative value starts with its operator, 约 or its number
            assert text.strip()[0] in "≥≤><=约0123456789", text
        else:
            assert parsed.number is None and parsed.operator is None
        # a value that opens with a comparison sign is always quantitative in the seeds
        if text.startswith(("≥", "≤")):
            assert parsed.is_quantitative, text


def test_seed_quantitative_share() -> None:
    kinds = [parse_value(v).kind for v in _seed_values()]
    assert kinds.count(Q) > kinds.count(L)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False), st.sampled_from(["≥", "≤", ">=", "<=", ""]),
       st.sampled_from(["%", "次", "万元", "个", ""]))  # fmt: skip
def test_generated_quantitative_values(number: Decimal, op: str, unit: str) -> None:
    text = f"{op}{number}{unit}"
    parsed = parse_value(text)
    assert parsed.is_quantitative
    assert parsed.number == number
    assert parsed.unit == unit


@given(st.text(max_size=40))
def test_never_crashes_and_keeps_text(text: str) -> None:
    assert parse_value(text).text == text


@pytest.mark.parametrize("text", ["*", "**", "-", "_", "XX", "xx", " ＊ ", "ＸＸ", "—"])
def test_placeholders(text: str) -> None:
    assert is_placeholder(text)


def test_not_placeholders() -> None:
    assert not is_placeholder("≥1")
    assert not is_placeholder("按时完成")


def test_amount_in_wan() -> None:
    assert amount_in_wan(parse_value("≤50万元")) == Decimal(50)
    assert amount_in_wan(parse_value("4万")) == Decimal(4)
    assert amount_in_wan(parse_value("120000元")) == Decimal(12)
    assert amount_in_wan(parse_value("≤500")) == Decimal(500)  # bare number: the form's unit
    assert amount_in_wan(parse_value("≥90%")) is None


# --- structure of a row (issue 11) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("≥90.00(%)", IndicatorParts("定量", "≥", "90.00", "%")),
        ("=100.00（%）", IndicatorParts("定量", "=", "100.00", "%")),
        ("120公里", IndicatorParts("定量", "", "120", "公里")),
        ("≤30万元", IndicatorParts("定量", "≤", "30", "万元")),
        ("95", IndicatorParts("定量", "", "95", "")),
        (">=21,933人", IndicatorParts("定量", ">=", "21,933", "人")),
        ("按时完成", IndicatorParts("定性", "", "按时完成", "")),
        ("", IndicatorParts("", "", "", "")),
    ],
)
def test_split_value_keeps_the_typed_parts(typed: str, parts: IndicatorParts) -> None:
    assert split_value(typed) == parts


def test_split_columns_and_one_cell_give_the_same_structure() -> None:
    one_cell = Indicator(value="≥95%")
    split = Indicator(operator="≥", number="95", unit="%")
    assert indicator_parts(one_cell) == indicator_parts(split)
    assert one_cell_value(split) == "≥95%"
    assert one_cell_value(one_cell) == "≥95%"
    # words in the operator column are kept as typed and read as the sign
    worded = Indicator(operator="大于等于", number="95", unit="%")
    assert indicator_parts(worded).operator == "大于等于"
    assert one_cell_value(worded) == "≥95%"
    # a typed field wins over what the one-cell value says
    assert indicator_parts(Indicator(value="≥95%", unit="％")).unit == "％"
    assert indicator_parts(EvalRow(target="≤5天"), "target") == IndicatorParts("定量", "≤", "5", "天")


@pytest.mark.parametrize(
    ("word", "sign"), [("大于等于", "≥"), ("﹦", "="), ("≧", "≥"), ("<=", "≤"), ("", ""), ("是", None)]
)
def test_normalise_operator(word: str, sign: str | None) -> None:
    assert normalise_operator(word) == sign


@given(
    op=st.sampled_from(["", "≥", "≤", "=", ">", "<"]),
    number=st.from_regex(r"[1-9][0-9]{0,5}(\.[0-9]{1,2})?", fullmatch=True),
    unit=st.sampled_from(["", "%", "人", "公里", "万元", "个"]),
)
def test_compose_then_split_round_trips(op: str, number: str, unit: str) -> None:
    composed = compose_value(op, number, unit)
    assert split_value(composed) == IndicatorParts("定量", op, number, unit)
