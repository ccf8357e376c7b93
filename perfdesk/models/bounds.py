"""The bounds of the document model, enforced by field type at every entrance.

Every way into a :class:`~perfdesk.models.document.Document` — JSON ``load``, the SQLite
reader, a workbook import (and the document hidden in perfdesk's own workbooks), the editor's
number fields — runs the same rules, so a value that passes can always be checked, saved and
exported.  The rules follow the *type* of each dataclass field, so a field added to
``models/document.py`` is bounded without an edit here:

* ``Decimal``: finite, ``|x| < 10^12``, at most 6 decimals; fields named like points,
  scores and weights stay within ±1,000, percentages and rates within ±10,000,000;
* ``int``: a field whose name says *year* lies in 1949–2100; any other count in 0–10^9;
* ``str``: no control characters (tab and line breaks allowed), no lone surrogates, no
  characters XML cannot hold; at most :data:`TEXT_LIMIT` characters, or the field's own
  limit in :data:`SHORT_TEXT` (names, codes, titles);
* lists: at most :data:`LIST_LIMIT` items (:data:`LIST_LIMITS` for exceptions);
* the whole document: at most :data:`TOTAL_TEXT` characters of text and :data:`TOTAL_ITEMS`
  list items, which keeps the time and memory of an export bounded.

Nesting depth is the model's own: decoding follows the dataclasses, never the input, and JSON
nested deeper than the parser allows is refused where it is parsed (``jsonio``, ``mapper``).
The limits lie far above any real document and keep export time and memory bounded.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from perfdesk.models.typeinfo import field_types, optional_inner

MAX_AMOUNT = Decimal(10) ** 12  # exclusive: 万亿
MAX_POINTS = Decimal(1000)  # points, scores, weights (real ones are 0–100)
MAX_RATE = Decimal(10) ** 7  # percentages and rates
MAX_DECIMALS = 6
YEAR_MIN, YEAR_MAX = 1949, 2100
MAX_COUNT = 10**9
TEXT_LIMIT = 32_000  # characters in one field: below Excel's cell limit of 32,767
SHORT_LIMIT = 500
SHORT_TEXT = frozenset(
    {
        "name", "code", "department", "money_unit", "grade_table", "title", "compiler", "table_title",
        "department_name", "department_code", "implementer", "level1", "level2", "level3", "region",
        "dept_name", "role", "post", "signer", "sign_date",
    }
)  # fmt: skip
LIST_LIMIT = 1_000  # items in one list (projects, a project's indicators, goals …)
LIST_LIMITS: dict[str, int] = {}  # a longer or shorter limit for a list field, by name
TOTAL_TEXT = 4_000_000  # characters in the whole document (a 300-project county has ~1 million)
# items of all lists together (rows of all tables): a 300-project county with 20 indicators and
# a 自评表 each has ~12,000; 1,000 projects of 10 rows export to xlsx in 11 s, 2,000 took 76 s
TOTAL_ITEMS = 30_000

# C0/C1 controls but tab and line breaks, lone surrogates, and the non-characters XML refuses
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # cannot even be stored: UTF-8 has no encoding for it


class BoundsError(ValueError):
    """A value outside the model's bounds; ``path`` names the field (``projects[2].budget_total``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path or '文档'}: {message}")
        self.path = path
        self.message = message


def _inner(tp: Any) -> Any:
    """``X`` for ``X | None``, else ``tp``."""
    return optional_inner(tp) or tp


def decimal_range(name: str) -> Decimal:
    """The exclusive magnitude limit of a Decimal field, by its name."""
    if name in ("points", "score") or name.startswith("weight_"):
        return MAX_POINTS
    if name.startswith("plan_") or name.endswith(("_rate", "_percent")):
        return MAX_RATE
    return MAX_AMOUNT


def decimal_problem(value: Decimal, name: str = "") -> str | None:
    """Why a Decimal is out of bounds for the field ``name``, or None."""
    try:
        if not value.is_finite():
            return "不是有限的数字"
        limit = decimal_range(name)
        if abs(value) >= limit:
            return f"数值 {short_number(value)} 超出范围（绝对值应小于 {limit:,}）"
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
            return f"数值 {short_number(value)} 小数位过多（最多 {MAX_DECIMALS} 位）"
    except (InvalidOperation, ArithmeticError):  # pragma: no cover - comparisons of finite values
        return "不是有效的数字"
    return None


def int_problem(value: int, name: str = "") -> str | None:
    """Why an int is out of bounds for the field ``name``, or None."""
    if "year" in name or name == "rolled_from":
        if not YEAR_MIN <= value <= YEAR_MAX:
            return f"年度 {short_number(value)} 不在 {YEAR_MIN}–{YEAR_MAX} 之间"
        return None
    if not 0 <= value <= MAX_COUNT:
        return f"数值 {short_number(value)} 超出范围（应在 0–{MAX_COUNT:,} 之间）"
    return None


def text_limit(name: str) -> int:
    """The most characters the text field ``name`` may hold."""
    return SHORT_LIMIT if name in SHORT_TEXT else TEXT_LIMIT


def text_problem(value: str, name: str = "", *, characters: bool = True) -> str | None:
    """Why a text is out of bounds for the field ``name`` (its characters too, with ``characters``), or None."""
    limit = text_limit(name)
    if len(value) > limit:
        return f"文字过长（{len(value):,} 字，最多 {limit:,} 字）"
    bad = (_BAD_CHARS if characters else _SURROGATE).search(value)
    if bad:
        return f"第 {bad.start() + 1} 个字符是不可见的控制字符或无效字符（U+{ord(bad.group()):04X}）"
    return None


def clean_text(value: str) -> str:
    """The text without control characters, lone surrogates and XML-illegal characters."""
    return _BAD_CHARS.sub("", value)


def list_limit(name: str) -> int:
    """The most items the list field ``name`` may hold."""
    return LIST_LIMITS.get(name, LIST_LIMIT)


def value_problem(tp: Any, name: str, value: Any, *, characters: bool = True) -> str | None:
    """Why a scalar or list value of a field (type ``tp``, name ``name``) is out of bounds, or None."""
    if value is None:  # blank is a value only where the model says ``X | None``
        return None if _inner(tp) is not tp or tp is Any else "不能为空"
    tp = _inner(tp)
    if isinstance(value, list):
        if len(value) > list_limit(name):
            return f"条目过多（{len(value):,} 条，最多 {list_limit(name):,} 条）"
        return None
    if isinstance(value, bool | Enum):
        return None
    if isinstance(value, Decimal):
        return decimal_problem(value, name)
    if isinstance(value, int):
        return int_problem(value, name)
    if isinstance(value, str):
        return text_problem(value, name, characters=characters)
    return None


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def violations(obj: Any, path: str = "", *, characters: bool = True) -> Iterator[tuple[str, str]]:
    """Every (place, reason) where a dataclass tree leaves the bounds, in field order.

    Without ``characters``, control characters are let pass (the SQLite reader removes them);
    lone surrogates never are.
    """
    total = items = 0
    for place, reason, size in _walk(obj, path, characters):
        if reason:
            yield place, reason
        if size < 0:
            items -= size
        else:
            total += size
    if total > TOTAL_TEXT:
        yield path, f"文档文字总量过大（{total:,} 字，最多 {TOTAL_TEXT:,} 字）"
    if items > TOTAL_ITEMS:
        yield path, f"文档条目总数过多（{items:,} 条，最多 {TOTAL_ITEMS:,} 条）"


def _walk(obj: Any, path: str, characters: bool) -> Iterator[tuple[str, str | None, int]]:
    """(place, reason or None, size) for every field below ``obj``: characters, or −items for a list."""
    for name, tp in field_types(type(obj)).items():
        value = getattr(obj, name)
        place = _join(path, name)
        size = len(value) if isinstance(value, str) else -len(value) if isinstance(value, list) else 0
        yield place, value_problem(tp, name, value, characters=characters), size
        if dataclasses.is_dataclass(value):
            yield from _walk(value, place, characters)
        elif isinstance(value, list):
            for i, item in enumerate(value[: list_limit(name)]):
                if dataclasses.is_dataclass(item):
                    yield from _walk(item, f"{place}[{i}]", characters)
                else:
                    item_tp = (typing.get_args(_inner(tp)) or (Any,))[0]
                    reason = value_problem(item_tp, name, item, characters=characters)
                    yield f"{place}[{i}]", reason, len(item) if isinstance(item, str) else 0


def check(obj: Any, path: str = "", *, characters: bool = True) -> None:
    """Raise :class:`BoundsError` at the first value of ``obj`` outside the bounds."""
    for place, reason in violations(obj, path, characters=characters):
        raise BoundsError(place, reason)


def clean(obj: Any, path: str = "", *, reset: bool = True) -> list[tuple[str, str]]:
    """Make a dataclass tree fit the bounds in place; returns (place, what was done) per change.

    Control and invalid characters are removed; with ``reset``, a value still out of bounds is
    reset to its field's default (blank) and a list too long is cut — the caller reports each
    change, nothing is dropped silently.  Without ``reset`` only characters are cleaned.
    """
    changes: list[tuple[str, str]] = []
    for name, tp in field_types(type(obj)).items():
        value = getattr(obj, name)
        place = _join(path, name)
        if isinstance(value, str) and _BAD_CHARS.search(value):
            setattr(obj, name, clean_text(value))
            changes.append((place, "删除了不可见的控制字符或无效字符"))
            value = getattr(obj, name)
        if isinstance(value, list):
            value = _clean_list(name, value, place, changes, reset)
        reason = value_problem(tp, name, value) if reset else None
        if reason:
            setattr(obj, name, _default(obj, name))
            changes.append((place, f"{reason}，已清空"))
        elif dataclasses.is_dataclass(value):
            changes += clean(value, place, reset=reset)
    return changes


def _clean_list(name: str, value: list[Any], place: str, changes: list[tuple[str, str]], reset: bool) -> list[Any]:
    limit = list_limit(name)
    if reset and len(value) > limit:
        changes.append((place, f"条目过多（{len(value):,} 条），只保留前 {limit:,} 条"))
        del value[limit:]
    for i, item in enumerate(value):
        if dataclasses.is_dataclass(item):
            changes += clean(item, f"{place}[{i}]", reset=reset)
        elif isinstance(item, str):
            fixed = clean_text(item)
            if reset and len(fixed) > text_limit(name):
                changes.append((f"{place}[{i}]", f"文字过长（{len(fixed):,} 字），已清空"))
                fixed = ""
            elif fixed != item:
                changes.append((f"{place}[{i}]", "删除了不可见的控制字符或无效字符"))
            value[i] = fixed
    return value


def _default(obj: Any, name: str) -> Any:
    for f in dataclasses.fields(obj):
        if f.name == name:
            if f.default is not dataclasses.MISSING:
                return f.default
            if f.default_factory is not dataclasses.MISSING:
                return f.default_factory()
    return None  # pragma: no cover - every model field has a default


def short_number(value: object) -> str:
    """A number for a message, never thousands of digits long."""
    try:
        text = str(value)
    except ValueError:  # an int beyond Python's digit limit
        return "（位数过多）"
    return text if len(text) <= 24 else f"{text[:12]}…（{len(text)} 位）"
