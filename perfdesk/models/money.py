"""Money as ``Decimal``: parsing what clerks type, formatting for print, never a float.

Amounts are in 万元 with two decimals unless a form says 元.  Rounding is half-up, as the
finance bureau does it by hand.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
_MONEY = re.compile(r"^(?P<sign>-)?(?P<num>\d+(?:,\d{3})*(?:\.\d*)?|\.\d+)\s*(?P<unit>万元|万|元)?$")


class MoneyError(ValueError):
    """Text that is not an amount of money."""


def parse_money(text: str, *, unit: str = "万元") -> Decimal | None:
    """Read an amount typed by a clerk (``"69.2万"``, ``"1,234.50"``); blank gives None.

    The result is in ``unit`` (万元 or 元); a typed unit that differs is converted.
    """
    plain = text.translate(_FULLWIDTH).replace("\u3000", "").replace(" ", "").strip()
    if not plain:
        return None
    match = _MONEY.match(plain)
    if not match:
        raise MoneyError(f"“{text.strip()}”不是金额")
    try:
        value = Decimal(match["num"].replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise MoneyError(f"“{text.strip()}”不是金额") from None
    if match["sign"]:
        value = -value
    typed = {"万": "万元"}.get(match["unit"] or "", match["unit"] or unit)
    if typed != unit:
        value = value / Decimal(10000) if unit == "万元" else value * Decimal(10000)
    return value


def decimal_places(value: Decimal) -> int:
    """How many decimals the value was written with (``Decimal("1.50")`` → 2)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def round_money(value: Decimal) -> Decimal:
    """Round half-up to the cent (two decimals)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(value: Decimal | None, *, grouping: bool = False) -> str:
    """Two decimals for print (``69.2`` → ``69.20``); blank stays blank."""
    if value is None:
        return ""
    rounded = round_money(value)
    return f"{rounded:,.2f}" if grouping else f"{rounded:.2f}"


def format_plain(value: Decimal | None) -> str:
    """The number as written, without exponent notation; blank stays blank."""
    if value is None:
        return ""
    text = format(value, "f")
    return text


def sum_amounts(*values: Decimal | None) -> Decimal:
    """Sum of amounts, blanks counting as zero."""
    return sum((v for v in values if v is not None), Decimal(0))


MONEY_UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10000)}


def convert_money(value: Decimal | None, from_unit: str, to_unit: str) -> Decimal | None:
    """An amount given in ``from_unit`` expressed exactly in ``to_unit`` (元 ↔ 万元); blank stays blank.

    ``Decimal`` division by 10000 is exact, so 1234.5 元 is 0.12345 万元 — a layout rounds only
    when it prints, never when it stores.
    """
    if value is None or from_unit == to_unit:
        return value
    try:
        factor = MONEY_UNIT_FACTORS[from_unit] / MONEY_UNIT_FACTORS[to_unit]
    except KeyError:
        raise MoneyError(f"不认识的金额单位：{from_unit if from_unit not in MONEY_UNIT_FACTORS else to_unit}") from None
    result = value * factor
    # drop the trailing zeros the factor adds (69.2万元 → 692000元, not 692000.0000)
    return result.quantize(Decimal(1)) if result == result.to_integral_value() else result.normalize()
