"""Reading what the clerk typed into number fields: money (Decimal), percentages, counts.

Each parser returns the value or raises ``InputError`` with a Chinese message; the widgets show
that message and keep the typed text, so nothing typed is ever lost silently.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from perfdesk.models.bounds import decimal_problem, int_problem, text_problem
from perfdesk.models.money import MoneyError, format_plain, parse_money

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％－，", "0123456789.%-,")
_PERCENT = re.compile(r"^(-?\d+(?:\.\d+)?)\s*%?$")
_INT = re.compile(r"^\d+$")


class InputError(ValueError):
    """Text that does not fit the field; the message says why, in Chinese."""


def _bounded(value: Decimal | None, field: str) -> Decimal | None:
    """The value if it lies in the model's bounds for such a field (models.bounds), else InputError."""
    if value is not None and (reason := decimal_problem(value, field)):
        raise InputError(reason)
    return value


def parse_text(text: str, field: str = "") -> str:
    """The text if the field ``field`` can hold it (its length in models.bounds), else InputError.

    Said while typing, not at save: the text stays on screen, in red, with the reason.
    """
    if reason := text_problem(text, field, characters=False):
        raise InputError(reason)
    return text


def parse_amount(text: str, unit: str = "万元") -> Decimal | None:
    """An amount in ``unit``; blank gives None."""
    try:
        value = parse_money(text, unit=unit)
    except MoneyError:
        raise InputError(f"“{text.strip()}”不是金额，请输入数字（单位：{unit}），例如 12.50") from None
    return _bounded(value, "amount")


def parse_percent(text: str) -> Decimal | None:
    """A percentage such as ``60``, ``60%`` or ``６０％``; blank gives None."""
    plain = text.translate(_FULLWIDTH).replace(" ", "").replace("\u3000", "").strip()
    if not plain:
        return None
    match = _PERCENT.match(plain)
    if not match:
        raise InputError(f"“{text.strip()}”不是百分比，请输入 0 到 100 之间的数字")
    try:
        value = Decimal(match.group(1))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise InputError(f"“{text.strip()}”不是百分比") from None
    return _bounded(value, "plan_percent")


def parse_count(text: str) -> int | None:
    """A whole number such as a head count; blank gives None."""
    plain = text.translate(_FULLWIDTH).replace(",", "").strip()
    if not plain:
        return None
    if not _INT.match(plain) or len(plain) > 12:
        raise InputError(f"“{text.strip()}”不是整数" if not _INT.match(plain) else "数值过大")
    value = int(plain)
    if reason := int_problem(value, "count"):
        raise InputError(reason)
    return value


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
    return _bounded(value, "score")


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
