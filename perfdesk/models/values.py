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
    # written out, as many provinces print them: 大于等于90%, 控制在50万元, 达到90% (reached: an
    # actual 达到95% is no target, so = rather than ≥; scoring reads = as 正向 like ≥)
    "大于等于": "≥", "大于或等于": "≥", "不小于": "≥", "至少": "≥", "小于等于": "≤", "小于或等于": "≤",
    "不大于": "≤", "至多": "≤", "控制在": "≤", "达到": "=",
}  # fmt: skip
_OP_PATTERN = "|".join(sorted((re.escape(k) for k in _OPERATORS), key=len, reverse=True))
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％，－～", "0123456789.%,-~")
# A unit: a few letters or CJK characters, or a percent/permille sign; never a time phrase.
_UNIT = r"[%‰℃㎡㎞A-Za-z²³/·*×\u4e00-\u9fff]{0,8}"
# A bound written after the value, as many tables do: 90%以上, 30天内, 100家及以上.
_POST_OPERATORS = {"及以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤", "之内": "≤", "内": "≤"}
_QUANT = re.compile(
    rf"^(?P<op>{_OP_PATTERN})?\s*(?P<approx>约|大约|约为)?\s*"
    rf"(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*"
    rf"(?:(?P<unit1>{_UNIT})\s*(?:-|~|—|至|到)\s*(?P<max>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*)?"
    rf"(?:(?P<unit>{_UNIT}?)|[(（]\s*(?P<bunit>{_UNIT})\s*[)）])\s*(?P<post>{'|'.join(_POST_OPERATORS)})?$"
)
# Words that make "12月底之前" a time phrase rather than a number with a unit.
_NOT_A_UNIT = re.compile(r"(之前|以前|以内|之内|前|后|底|初|中旬|左右|以上|以下|完成|内)$")
PLACEHOLDERS = frozenset({"*", "**", "***", "-", "--", "_", "__", "x", "xx", "xxx", "/", "—", "……", "…"})


def normalise(text: str) -> str:
    """Full-width digits and signs to half-width, surrounding space removed."""
    return text.translate(_FULLWIDTH).strip().replace("\u3000", "")


# What a cell may carry after the value without changing it: （含）, (含90%), a closing 。 or ；
_TRAILER = re.compile(r"(?:\s*[(（]\s*含[^()（）]{0,8}[)）])?[\s。；;，,、]*$")


@lru_cache(maxsize=1 << 16)
def parse_value(text: str) -> ParsedValue:
    """Read a 指标值: 定量 with operator, number(s) and unit, or 定性."""
    plain = _TRAILER.sub("", normalise(text))
    match = _QUANT.match(plain)
    unit = (match["unit"] or match["bunit"] or "") if match else ""
    # a range may repeat its unit (90%-95%) but not change it (3月-12月底 is a period, not a range)
    repeated = match["unit1"] if match else ""
    if not match or _NOT_A_UNIT.search(unit) or len(plain) > 30 or (repeated and repeated != unit):
        return ParsedValue(text=text, kind=ValueKind.QUALITATIVE)
    if match["post"] and re.fullmatch(r"(19|20)\d\d", match["num"]):  # 2025年内 is a date
        return ParsedValue(text=text, kind=ValueKind.QUALITATIVE)
    op = match["op"]
    operator = _OPERATORS[op] if op else _POST_OPERATORS.get(match["post"] or "")
    return ParsedValue(
        text=text,
        kind=ValueKind.QUANTITATIVE,
        operator=operator,
        number=Decimal(match["num"].replace(",", "")),
        number_max=Decimal(match["max"].replace(",", "")) if match["max"] else None,
        unit=unit,
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


# --- The structure of an indicator row (issue 11) -------------------------------------------

# Operators as real tables write them in a 计算符号/指标性质/指标方向 column, → the canonical sign.
_OPERATOR_WORDS = {
    **_OPERATORS,
    "大于等于": "≥", "大于或等于": "≥", "不小于": "≥", "至少": "≥", "以上": "≥",
    "小于等于": "≤", "小于或等于": "≤", "不大于": "≤", "至多": "≤", "以下": "≤",
    "大于": ">", "高于": ">", "小于": "<", "低于": "<", "等于": "=", "﹦": "=", "==": "=",
    **_POST_OPERATORS,
}  # fmt: skip


def normalise_operator(text: str) -> str | None:
    """The canonical sign (≥ ≤ = > <) of an operator as typed, ``""`` for blank, None if unknown."""
    plain = unicodedata.normalize("NFKC", text).strip()
    if not plain:
        return ""
    return _OPERATOR_WORDS.get(plain) or _OPERATOR_WORDS.get(text.strip())


@dataclass(frozen=True)
class IndicatorParts:
    """A row's 指标值 split into the fields of the split-column layouts, each as typed.

    ``operator`` is as typed (``大于等于`` stays so; :func:`normalise_operator` reads it); for a
    定性 value ``number`` holds the words and ``unit`` is blank.
    """

    kind: str  # 定量 / 定性 / "" (nothing typed)
    operator: str
    number: str
    unit: str


def _typed_number(parsed: ParsedValue, plain: str) -> str:
    """The number part of a parsed value as the clerk wrote it (90.00 stays 90.00, 21,933 too)."""
    match = re.search(
        rf"(\d+(?:,\d{{3}})*(?:\.\d+)?)(?:\s*{re.escape(parsed.unit)})?(\s*(?:-|~|—|至|到)\s*\d+(?:,\d{{3}})*(?:\.\d+)?)?",
        plain,
    )
    if not match:
        return str(parsed.number)
    # a range that repeats its unit (90%-95%) keeps its numbers: 90-95
    return match.group(1) + (match.group(2) or "") if parsed.number_max is not None else match.group(1)


@lru_cache(maxsize=1 << 16)
def split_value(value: str) -> IndicatorParts:
    """The parts of a one-cell 指标值: ``≥90.00(%)`` → (定量, ≥, 90.00, %); ``好`` → (定性, "", 好, "")."""
    if not value.strip():
        return IndicatorParts("", "", "", "")
    parsed = parse_value(value)
    if not parsed.is_quantitative:
        return IndicatorParts(ValueKind.QUALITATIVE.value, "", value, "")
    plain = normalise(value)
    op_match = re.match(_OP_PATTERN, plain)
    # a bound written after the value (90%以上) goes to the sign column as its sign
    typed_op = op_match.group(0) if op_match else (parsed.operator or "")
    number = _typed_number(parsed, plain)
    if parsed.approx:
        number = "约" + number
    return IndicatorParts(ValueKind.QUANTITATIVE.value, typed_op, number, parsed.unit)


def compose_value(operator: str, number: str, unit: str) -> str:
    """The one-cell 指标值 for parts typed in split columns: (≥, 95, %) → ``≥95%``.

    Operators typed as words are written as their sign; a unit is appended as typed.
    """
    op = normalise_operator(operator)
    sign = op if op is not None else operator.strip()
    return f"{sign}{number.strip()}{unit.strip()}" if number.strip() else ""


def indicator_parts(row: object, value_field: str = "value") -> IndicatorParts:
    """The structure of an indicator row (``Indicator``, ``EvalRow``, ``DeptIndicator``).

    Each structured field typed on the row wins; a blank one is read from the one-cell value in
    ``value_field`` (``value``, ``target`` or ``annual_value``).
    """
    typed = IndicatorParts(
        getattr(row, "kind", ""), getattr(row, "operator", ""), getattr(row, "number", ""), getattr(row, "unit", "")
    )
    value = getattr(row, value_field, "")
    derived = split_value(value) if value else IndicatorParts("", "", "", "")
    kind = typed.kind or derived.kind
    if not kind and typed.number:
        kind = (ValueKind.QUANTITATIVE if parse_value(typed.number).is_quantitative else ValueKind.QUALITATIVE).value
    return IndicatorParts(
        kind=kind,
        operator=typed.operator or derived.operator,
        number=typed.number or derived.number,
        unit=typed.unit or derived.unit,
    )


def one_cell_value(row: object, value_field: str = "value") -> str:
    """The 指标值 a one-cell layout prints: the value as typed, else composed from split parts."""
    value = getattr(row, value_field, "")
    if value:
        return str(value)
    return compose_value(getattr(row, "operator", ""), getattr(row, "number", ""), getattr(row, "unit", ""))
