"""Parse 指标值 text into kind, operator, number and unit (domain.md §4).

The text the clerk typed is the truth and is never rewritten; :func:`parse_value` only reads it.
``≥90%`` is 定量 (operator ≥, number 90, unit %); ``按时完成`` is 定性.  A range such as
``约25000-27400人`` is 定量 with ``number`` 25000, ``number_max`` 27400 and ``approx`` set.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache


class ValueKind(StrEnum):
    """定量 (a number) or 定性 (words)."""

    QUANTITATIVE = "定量"
    QUALITATIVE = "定性"


@dataclass(frozen=True)
class ParsedValue:
    """What a 指标值 says; ``operator`` is one of ≥ ≤ = > < or None (a plain number)."""

    text: str
    kind: ValueKind
    operator: str | None = None
    number: Decimal | None = None
    number_max: Decimal | None = None
    unit: str = ""
    approx: bool = False

    @property
    def is_quantitative(self) -> bool:
        """True for 定量 values."""
        return self.kind is ValueKind.QUANTITATIVE


_OPERATORS = {
    ">=": "≥", "≥": "≥", "＞＝": "≥", "≧": "≥", "不低于": "≥", "不少于": "≥",
    "<=": "≤", "≤": "≤", "＜＝": "≤", "≦": "≤", "不高于": "≤", "不超过": "≤", "不多于": "≤",
    ">": ">", "＞": ">", "<": "<", "＜": "<", "=": "=", "＝": "=",
}  # fmt: skip
_OP_PATTERN = "|".join(sorted((re.escape(k) for k in _OPERATORS), key=len, reverse=True))
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％，－～", "0123456789.%,-~")
# A unit: a few letters or CJK characters, or a percent/permille sign; never a time phrase.
_UNIT = r"[%‰℃㎡㎞A-Za-z²³/·\u4e00-\u9fff]{0,8}"
_QUANT = re.compile(
    rf"^(?P<op>{_OP_PATTERN})?\s*(?P<approx>约|大约|约为)?\s*"
    rf"(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*"
    rf"(?:(?:-|~|—|至|到)\s*(?P<max>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*)?"
    rf"(?P<unit>{_UNIT})$"
)
# Words that make "12月底之前" a time phrase rather than a number with a unit.
_NOT_A_UNIT = re.compile(r"(之前|以前|以内|之内|前|后|底|初|中旬|左右|以上|以下|完成|内)$")
PLACEHOLDERS = frozenset({"*", "**", "***", "-", "--", "_", "__", "x", "xx", "xxx", "/", "—", "……", "…"})


def normalise(text: str) -> str:
    """Full-width digits and signs to half-width, surrounding space removed."""
    return text.translate(_FULLWIDTH).strip().replace("\u3000", "")


@lru_cache(maxsize=1 << 16)
def parse_value(text: str) -> ParsedValue:
    """Read a 指标值: 定量 with operator, number(s) and unit, or 定性."""
    plain = normalise(text)
    match = _QUANT.match(plain)
    if not match or _NOT_A_UNIT.search(match["unit"]) or len(plain) > 30:
        return ParsedValue(text=text, kind=ValueKind.QUALITATIVE)
    op = match["op"]
    return ParsedValue(
        text=text,
        kind=ValueKind.QUANTITATIVE,
        operator=_OPERATORS[op] if op else None,
        number=Decimal(match["num"].replace(",", "")),
        number_max=Decimal(match["max"].replace(",", "")) if match["max"] else None,
        unit=match["unit"],
        approx=bool(match["approx"]),
    )


def is_placeholder(text: str) -> bool:
    """True for values like ``*``, ``-``, ``XX`` that only hold a cell's place."""
    return unicodedata.normalize("NFKC", text).strip().lower() in PLACEHOLDERS


MONEY_UNITS = {"元": Decimal(1) / Decimal(10000), "万元": Decimal(1), "万": Decimal(1), "亿元": Decimal(10000)}


def amount_in_wan(value: ParsedValue, default_unit: str = "万元") -> Decimal | None:
    """A money value converted to 万元 (``None`` if the value is not an amount of money)."""
    if value.number is None:
        return None
    unit = value.unit or default_unit
    factor = MONEY_UNITS.get(unit)
    return None if factor is None else value.number * factor
