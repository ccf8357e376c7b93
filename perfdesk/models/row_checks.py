"""审核 of one indicator row's content: units, signs, kinds, names, template text.

The rules here read a row through :func:`perfdesk.models.values.indicator_parts`, so a row typed
as one cell (``≥90.00(%)``) and a row typed in split columns (≥ | 90.00 | %) are judged alike.
Each function yields ``(code, message, field)``; the caller adds the place and the severity.
Rule ids and sources are in :mod:`perfdesk.models.rules`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfdesk.models import frameworks as fw
from perfdesk.models.values import (
    ValueKind,
    indicator_parts,
    is_placeholder,
    normalise_operator,
    parse_value,
)

Problem = tuple[str, str, str]  # (rule id, message, field)

MONEY = frozenset({"万元", "元", "万", "亿元", "千元", "元/人", "元/户"})
PERCENT = frozenset({"%", "％", "‰"})
COUNTERS = frozenset({"个", "家", "项", "件", "台", "套", "座", "所", "处"})
PEOPLE_UNITS = frozenset({"人", "名", "人次", "万人", "万人次", "人数", "户", "位"})
SATISFACTION_UNITS = PERCENT | {"分"}

# Template instruction text and placeholders left in a cell.
TEMPLATE_TEXT = re.compile(
    r"请填写|请输入|请在此|请根据|请按|填写说明|填报说明|此处填|[（(]\s*填写|示例[:：]|例如[:：]"
    r"|[（(]\s*\d+\s*字以内\s*[）)]|\d+\s*字以内|××|[Xx]{2,}|＊＊|\*\*"
    r"|需说明原因|应单独说明理由|^说明[:：]"
)
# A row that is only a template's placeholder: 指标2:, 指标1:/, ……, …
PLACEHOLDER_NAME = re.compile(r"^(?:指标\s*\d+\s*[:：]?\s*[/／]?|[.…。、\s]+|[（(]?具体指标[)）]?…*)$")
_RATE_NAME = re.compile(r"率|[（(]\s*[%％]\s*[）)]")
_AMOUNT_NAME = re.compile(
    r"金额|资金(?!使用|支付|拨付|到位)|经费|费用|补助标准|补贴标准|投资额|[（(]\s*[万千亿]?元\s*[）)]"
)
_PEOPLE_NAME = re.compile(r"人数|人次")
_NAME_UNIT = re.compile(r"[（(]\s*([^()（）\d≥≤<>=*＊]{1,5})\s*[）)]\s*$")
# A value embedded in a name: a number with a unit or a sign (never a year like 2021年).
_EMBEDDED = re.compile(
    r"[≥≤＞＜><]\s*\d|(?<![\d.])(?!\d{4}\s*年)\d+(?:\.\d+)?\s*(?:%|％|万元|元|万|个|家|人|次|项|台|件|户|座|米|公里|亩|天|日|小时|篇|株)"
)


def _unit_of(row: object, value_field: str) -> tuple[str, str]:
    """(kind as typed or read, the unit as typed or read)."""
    parts = indicator_parts(row, value_field)
    return parts.kind, parts.unit.strip()


def unit_problems(row: object, value_field: str, level2: str | None) -> Iterator[Problem]:
    """A unit that does not fit the indicator's name, its 二级, or the unit the name states."""
    kind, unit = _unit_of(row, value_field)
    if kind != ValueKind.QUANTITATIVE.value or not unit:
        return
    name = str(getattr(row, "level3", ""))
    value = getattr(row, value_field, "") or f"{getattr(row, 'number', '')}{unit}"
    rate = bool(_RATE_NAME.search(name))
    if rate and unit in MONEY:
        yield "unit-conflict", f"三级指标“{name}”是比率，指标值“{value}”却是金额", value_field
    elif not rate and _AMOUNT_NAME.search(name) and unit in PERCENT:
        yield "unit-conflict", f"三级指标“{name}”是金额，指标值“{value}”却是百分比", value_field
    elif _PEOPLE_NAME.search(name) and unit in COUNTERS:
        yield "unit-conflict", f"三级指标“{name}”计的是人，单位却是“{unit}”", value_field
    elif (level2 == "服务对象满意度指标" or "满意度" in name) and unit not in SATISFACTION_UNITS:
        yield "unit-conflict", f"满意度指标“{name}”的单位应为 %，实为“{unit}”", value_field
    elif rate and unit not in PERCENT and unit not in MONEY and "/" not in unit:
        yield "unit-conflict", f"三级指标“{name}”是比率，单位却是“{unit}”", value_field
    else:
        stated = _NAME_UNIT.search(name)
        if stated and _plain_unit(stated.group(1)) != _plain_unit(unit) and not _is_word(stated.group(1)):
            yield "unit-conflict", f"三级指标“{name}”写明单位“{stated.group(1)}”，指标值单位却是“{unit}”", value_field


def _plain_unit(unit: str) -> str:
    return unit.replace("％", "%").strip()


def _is_word(text: str) -> bool:
    """A bracket that holds words (含…, 试行) rather than a unit."""
    return len(text) > 3 or text in {"试行", "暂定", "新增", "含", "累计", "年度"}


def kind_problems(row: object, value_field: str) -> Iterator[Problem]:
    """指标性质 that contradicts the value: 定量 words, 定性 numbers with a unit."""
    typed = str(getattr(row, "kind", "")).strip()
    parts = indicator_parts(row, value_field)
    if not parts.number.strip() or is_placeholder(parts.number):
        return
    quantitative = parse_value(parts.number + parts.unit).is_quantitative
    shown = getattr(row, value_field, "") or parts.number
    if typed.startswith("定量") and not quantitative:
        yield "kind-mismatch", f"指标性质为定量，指标值“{shown}”却是文字", value_field
    elif typed.startswith("定性") and quantitative and parts.unit:
        yield "kind-mismatch", f"指标性质为定性，指标值“{shown}”却是带单位“{parts.unit}”的数值", value_field


def operator_problems(row: object, value_field: str, *, every_value: bool) -> Iterator[Problem]:
    """A 定量 value without its sign: always in split columns, in one cell when ``every_value``."""
    number = str(getattr(row, "number", "")).strip()
    operator = str(getattr(row, "operator", "")).strip()
    kind = str(getattr(row, "kind", "")).strip()
    if number and not operator and not kind.startswith("定性"):
        if parse_value(number).is_quantitative:
            unit = str(getattr(row, "unit", "")).strip()
            yield "operator-missing", f"定量指标值“{number}{unit}”没有填写计算符号（≥、≤、=）", "operator"
        return
    if operator and normalise_operator(operator) is None and operator not in ("是", "否"):
        yield "operator-missing", f"计算符号“{operator}”无法识别（应为 ≥、≤、= 等）", "operator"
        return
    value = str(getattr(row, value_field, ""))
    parsed = parse_value(value)
    if every_value and not number and parsed.is_quantitative and parsed.operator is None:
        yield "value-no-operator", f"定量指标值“{value}”没有写计算符号（≥、≤、=）", value_field


def qualitative_unit(row: object, value_field: str) -> Iterator[Problem]:
    """A 定性 sentence that ends in a unit (大幅降低20%)."""
    value = str(getattr(row, value_field, "")).strip()
    if value and not parse_value(value).is_quantitative and re.search(r"\d+(\.\d+)?\s*(%|％|万元|元)$", value):
        yield "qualitative-unit", f"指标值“{value}”是定性表述却带有计量单位", value_field


def name_problems(row: object) -> Iterator[Problem]:
    """A 三级 that is a category name or carries its value; a 二级 that repeats the 一级."""
    level1 = str(getattr(row, "level1", "")).strip()
    level2 = str(getattr(row, "level2", "")).strip()
    level3 = str(getattr(row, "level3", "")).strip()
    if level3 and _is_category(level3, level1, level2):
        yield "level3-is-level", f"三级指标“{level3}”是一级/二级指标的名称，应写具体指标", "level3"
    elif _EMBEDDED.search(level3):
        yield "level3-number", f"三级指标“{level3}”含有目标数值，数值宜写在指标值中", "level3"
    if level2 and level1 and fw.canonical_level1(level2) and level2 == level1:
        yield "level2-is-level1", f"二级指标“{level2}”与一级指标相同，应写二级类别", "level2"
    if len(level3) > 100:
        yield "level3-long", f"三级指标名称过长（{len(level3)} 字，宜在 100 字以内）", "level3"


def _is_category(level3: str, level1: str, level2: str) -> bool:
    if level3 in (level1, level2):
        return True
    compact = re.sub(r"\s+", "", level3)
    return compact.endswith("指标") and bool(fw.canonical_level1(compact) or fw.canonical_level2(compact))


def template_problems(row: object, fields: tuple[str, ...]) -> Iterator[Problem]:
    """Template instruction text or a placeholder name left in any text cell of the row."""
    for field in fields:
        text = str(getattr(row, field, "") or "")
        if text and TEMPLATE_TEXT.search(text):
            yield "template-text", f"“{_excerpt(text)}”是模板说明文字或占位符，请改为实际内容", field


def is_template_text(text: str) -> bool:
    """True for text that is a template's instruction (it does not count as a written reason)."""
    return bool(TEMPLATE_TEXT.search(text))


def is_placeholder_name(text: str) -> bool:
    """True for a 三级 such as ``指标2:`` or ``……`` that a template prints as a spare row."""
    return bool(text.strip()) and bool(PLACEHOLDER_NAME.match(text.strip()))


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 20 else text[:20] + "…"
