"""Reading what the clerk typed into number fields: money (Decimal), percentages, counts.

Each parser returns the value or raises ``InputError`` with a Chinese message; the widgets show
that message and keep the typed text, so nothing typed is ever lost silently.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from perfdesk.models.money import MoneyError, format_plain, parse_money

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％－，", "0123456789.%-,")
_PERCENT = re.compile(r"^(-?\d+(?:\.\d+)?)\s*%?$")
_INT = re.compile(r"^\d+$")


class InputError(ValueError):
    """Text that does not fit the field; the message says why, in Chinese."""


def parse_amount(text: str, unit: str = "万元") -> Decimal | None:
    """An amount in ``unit``; blank gives None."""
    try:
        return parse_money(text, unit=unit)
    except MoneyError:
        raise InputError(f"“{text.strip()}”不是金额，请输入数字（单位：{unit}），例如 12.50") from None


def parse_percent(text: str) -> Decimal | None:
    """A percentage such as ``60``, ``60%`` or ``６０％``; blank gives None."""
    plain = text.translate(_FULLWIDTH).replace(" ", "").replace("\u3000", "").strip()
    if not plain:
        return None
    match = _PERCENT.match(plain)
    if not match:
        raise InputError(f"“{text.strip()}”不是百分比，请输入 0 到 100 之间的数字")
    try:
        return Decimal(match.group(1))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise InputError(f"“{text.strip()}”不是百分比") from None


def parse_count(text: str) -> int | None:
    """A whole number such as a head count; blank gives None."""
    plain = text.translate(_FULLWIDTH).replace(",", "").strip()
    if not plain:
        return None
    if not _INT.match(plain):
        raise InputError(f"“{text.strip()}”不是整数")
    return int(plain)


def parse_score(text: str) -> Decimal | None:
    """A score such as ``92.5``; blank gives None."""
    plain = text.translate(_FULLWIDTH).replace("分", "").strip()
    if not plain:
        return None
    try:
        value = Decimal(plain)
    except InvalidOperation:
        raise InputError(f"“{text.strip()}”不是分数，请输入 0 到 100 之间的数字") from None
    if not value.is_finite():
        raise InputError(f"“{text.strip()}”不是分数")
    return value


def parse_weight(text: str) -> Decimal:
    """A scoring weight such as ``50`` (分); unlike a score it cannot be left blank."""
    value = parse_score(text)
    if value is None:
        raise InputError("权重不能为空；不计分的部分请填 0")
    return value


def show_number(value: Decimal | int | None) -> str:
    """A stored number as the clerk wrote it; blank stays blank."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_plain(value)
    return str(value)


def parse_input(kind: str, text: str, unit: str = "万元") -> Decimal | int | None:
    """Parse text for a number field of the given kind (money, percent, count, score, weight)."""
    if kind == "money":
        return parse_amount(text, unit)
    if kind == "percent":
        return parse_percent(text)
    if kind == "count":
        return parse_count(text)
    if kind == "score":
        return parse_score(text)
    if kind == "weight":
        return parse_weight(text)
    raise ValueError(kind)
