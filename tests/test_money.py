"""Money is Decimal end to end: parsing, rounding, sums (property tests)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfdesk.models.money import MoneyError, decimal_places, format_money, parse_money, round_money, sum_amounts

cents = st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2, allow_nan=False, allow_infinity=False)


@given(cents, cents)
def test_sum_of_parts_is_exact(a: Decimal, b: Decimal) -> None:
    total = parse_money(str(a + b))
    assert sum_amounts(parse_money(str(a)), parse_money(str(b))) == total


@given(cents)
def test_format_parse_round_trip(value: Decimal) -> None:
    assert parse_money(format_money(value)) == value
    assert parse_money(format_money(value, grouping=True)) == value


@given(st.lists(cents, max_size=30))
def test_sum_blanks_count_as_zero(values: list[Decimal]) -> None:
    with_blanks = [*values, None, None]
    assert sum_amounts(*with_blanks) == sum(values, Decimal(0))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("69.2万", "69.2"), ("1,234.50", "1234.50"), ("１２．５", "12.5"), ("  ", None), ("", None),
     ("50000元", "5"), ("0", "0"), ("-3", "-3"), ("20 万元", "20")],
)  # fmt: skip
def test_parse_money(text: str, expected: str | None) -> None:
    assert parse_money(text) == (Decimal(expected) if expected is not None else None)


def test_parse_money_in_yuan() -> None:
    assert parse_money("9,674,500.00", unit="元") == Decimal("9674500.00")
    assert parse_money("967.45万", unit="元") == Decimal("9674500.00")


@pytest.mark.parametrize("text", ["abc", "1.2.3", "12万元整", "=1+1", "1e5"])
def test_parse_money_rejects(text: str) -> None:
    with pytest.raises(MoneyError, match="不是金额"):
        parse_money(text)


def test_round_half_up() -> None:
    assert round_money(Decimal("0.005")) == Decimal("0.01")
    assert round_money(Decimal("2.675")) == Decimal("2.68")  # a float would give 2.67
    assert format_money(Decimal("69.2")) == "69.20"
    assert format_money(None) == ""


def test_decimal_places() -> None:
    assert decimal_places(Decimal("1.50")) == 2
    assert decimal_places(Decimal("12.165")) == 3
    assert decimal_places(Decimal("500")) == 0
