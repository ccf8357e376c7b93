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
from perfdesk.models.labels import column_title
from perfdesk.models.values import (
    ValueKind,
    indicator_parts,
    is_placeholder,
    normalise_operator,
    parse_value,
)

Problem = tuple[str, str, str]  # (rule id, message, field)

MONEY = frozenset({"万元", "元", "万", "亿元", "千元", "元/人", "元/户"})
PERCENT = frozenset({"%", "％", "‰", "百分比"})
COUNTERS = frozenset({"个", "家", "项", "件", "台", "套", "座", "所", "处"})
PEOPLE_UNITS = frozenset({"人", "名", "人次", "万人", "万人次", "人数", "户", "位"})
SATISFACTION_UNITS = PERCENT | {"分"}
# A change of a rate: 提高1个百分点
POINTS_OF_PERCENT = frozenset({"百分点", "个百分点"})
# Units a name states in brackets — 覆盖率(%), 人数(人) — after which a value in words is a kind mismatch.
UNIT_WORDS = (
    PERCENT
    | MONEY
    | COUNTERS
    | PEOPLE_UNITS
    | frozenset(
        {
            "次",
            "篇",
            "株",
            "亩",
            "万亩",
            "公顷",
            "米",
            "公里",
            "平方米",
            "立方米",
            "吨",
            "天",
            "小时",
            "期",
            "场",
            "条",
            "本",
            "册",
        }
    )
)

# Template instruction text and placeholders left in a cell.
TEMPLATE_TEXT = re.compile(
    r"请填写|请输入|请在此|请根据|请按照|请按实际|请按要求|填写说明|填报说明|此处填|[（(]\s*填写|示例[:：]|例如[:：]"
    r"|[（(]\s*\d+\s*字以内\s*[）)]|\d+\s*字以内|××|[Xx]{2,}|＊＊|\*\*"
    r"|需说明原因|应单独说明理由|^说明[:：]|[（(]\s*[≥≤><]\s*[^\d\s()（）]{1,4}\s*[）)]"
)
# A row that is only a template's placeholder: 指标2:, 指标1:/, ……, …
PLACEHOLDER_NAME = re.compile(r"^(?:指标\s*\d+\s*[:：]?\s*[/／]?|[.…。、\s]+|[（(]?具体指标[)）]?…*)$")
_RATE_NAME = re.compile(r"率|[（(]\s*[%％]\s*[）)]")
_AMOUNT_NAME = re.compile(
    r"金额|资金(?!使用|支付|拨付|到位)|经费|费用|补助标准|补贴标准|投资额|成本$|[（(]\s*[万千亿]?元\s*[）)]"
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
    elif rate and unit not in PERCENT | POINTS_OF_PERCENT and unit not in MONEY and "/" not in unit:
        yield "unit-conflict", f"三级指标“{name}”是比率，单位却是“{unit}”", value_field
    else:
        stated = _NAME_UNIT.search(name)
        if stated and _plain_unit(unit) not in _stated_units(stated.group(1)) and not _is_word(stated.group(1)):
            yield "unit-conflict", f"三级指标“{name}”写明单位“{stated.group(1)}”，指标值单位却是“{unit}”", value_field


def _stated_units(stated: str) -> set[str]:
    """The units a name's bracket allows: 台/套 and 亩、平方米 are alternatives, 元/人 is one unit."""
    parts = [_plain_unit(u) for u in re.split(r"[/／、]|或", stated) if u.strip()]
    alternatives = "、" in stated or "或" in stated or all(u in COUNTERS | PEOPLE_UNITS for u in parts)
    return {_plain_unit(stated), *(parts if alternatives else [])}


def _plain_unit(unit: str) -> str:
    return unit.replace("％", "%").strip()


def _is_word(text: str) -> bool:
    """A bracket that holds words (含…, 试行) rather than a unit."""
    return len(text) > 3 or text in {"试行", "暂定", "新增", "含", "累计", "年度"}


def kind_problems(row: object, value_field: str, layout: str = "") -> Iterator[Problem]:
    """指标类型 that contradicts the value: 定量 words, 定性 numbers with a unit (the column named as
    the ``layout`` family prints it)."""
    title = column_title(layout, "kind")
    typed = str(getattr(row, "kind", "")).strip()
    parts = indicator_parts(row, value_field)
    if not parts.number.strip() or is_placeholder(parts.number):
        return
    quantitative = parse_value(parts.number + parts.unit).is_quantitative
    shown = getattr(row, value_field, "") or parts.number
    stated = _NAME_UNIT.search(str(getattr(row, "level3", "")))
    if typed.startswith("定量") and not quantitative:
        yield "kind-mismatch", f"{title}为定量，指标值“{shown}”却是文字", value_field
    elif not typed and not quantitative and stated and stated.group(1).strip() in UNIT_WORDS:
        yield "kind-mismatch", f"三级指标写明单位“{stated.group(1).strip()}”，指标值“{shown}”却是文字", value_field
    elif typed.startswith("定性") and quantitative and parts.unit:
        yield "kind-mismatch", f"{title}为定性，指标值“{shown}”却是带单位“{parts.unit}”的数值", value_field


def operator_problems(row: object, value_field: str, *, every_value: bool, layout: str = "") -> Iterator[Problem]:
    """A 定量 value without its sign: always in split columns, in one cell when ``every_value`` (a range
    such as 90%-95% states both bounds)
    (the sign's column named as the ``layout`` family prints it: 计算符号, or 指标性质)."""
    title = column_title(layout, "operator")
    number = str(getattr(row, "number", "")).strip()
    operator = str(getattr(row, "operator", "")).strip()
    kind = str(getattr(row, "kind", "")).strip()
    if number and not operator and not kind.startswith("定性"):
        if parse_value(number).is_quantitative:
            unit = str(getattr(row, "unit", "")).strip()
            yield "operator-missing", f"定量指标值“{number}{unit}”没有填写{title}（≥、≤、=）", "operator"
        return
    if operator and normalise_operator(operator) is None and operator not in ("是", "否"):
        yield "operator-missing", f"{title}“{operator}”无法识别（应为 ≥、≤、= 等）", "operator"
        return
    value = str(getattr(row, value_field, ""))
    parsed = parse_value(value)
    if every_value and not number and parsed.is_quantitative and parsed.operator is None and parsed.number_max is None:
        yield "value-no-operator", f"定量指标值“{value}”没有写计算符号（≥、≤、=）", value_field


def direction_problems(row: object, value_field: str, layout: str = "") -> Iterator[Problem]:
    """指标方向 that contradicts the sign: 正向 with ≤/<, 反向 with ≥/> (scoring would turn round)."""
    direction = str(getattr(row, "direction", "")).strip()
    if not direction.startswith(("正向", "反向")):
        return
    typed = str(getattr(row, "operator", "")).strip()
    sign = normalise_operator(typed) if typed else parse_value(str(getattr(row, value_field, ""))).operator
    upward = sign in ("≥", ">")
    downward = sign in ("≤", "<")
    if (direction.startswith("正向") and downward) or (direction.startswith("反向") and upward):
        shown = typed or sign
        field = "operator" if typed else value_field
        title = column_title(layout, "operator") if typed else "计算符号"
        message = f"{column_title(layout, 'direction')}“{direction}”与{title}“{shown}”相矛盾（正向应为 ≥，反向应为 ≤）"
        yield "direction-conflict", message, field


# A change stated as a number (下降5%, 较上年提高10%): a measurable target as many provinces write it.
_CHANGE_TARGET = re.compile(
    r"^(?:较上年|比上年|同比|较去年)?\s*(?:提高|提升|增长|增加|下降|降低|减少|缩短|节约)\s*\d+(?:\.\d+)?\s*(?:%|％|万元|元)$"
)


def qualitative_unit(row: object, value_field: str) -> Iterator[Problem]:
    """A 定性 sentence that ends in a unit (大幅降低20%); a bare change target (下降5%) is no sentence."""
    value = str(getattr(row, value_field, "")).strip()
    if not value or parse_value(value).is_quantitative or _CHANGE_TARGET.match(value):
        return
    if re.search(r"\d+(\.\d+)?\s*(%|％|万元|元)$", value):
        yield "qualitative-unit", f"指标值“{value}”是定性表述却带有计量单位", value_field


def name_problems(row: object) -> Iterator[Problem]:
    """A 三级 that is a category name or carries its value; a 二级 that repeats the 一级."""
    level1 = str(getattr(row, "level1", "")).strip()
    level2 = str(getattr(row, "level2", "")).strip()
    level3 = str(getattr(row, "level3", "")).strip()
    if level3 and _is_category(level3, level1, level2):
        yield "level3-is-level", f"三级指标“{level3}”是一级/二级指标的名称，应写具体指标", "level3"
    elif _EMBEDDED.search(level3) and not _defines_a_rate(level3):
        yield "level3-number", f"三级指标“{level3}”含有目标数值，数值宜写在指标值中", "level3"
    if level2 and level1 and fw.canonical_level1(level2) and fw.bare_label(level2) == fw.bare_label(level1):
        yield "level2-is-level1", f"二级指标“{level2}”与一级指标相同，应写二级类别", "level2"
    if re.search(r"[,，、;；]$", level3):
        yield "text-cut", f"三级指标“{level3}”以标点结尾，像是没有写完", "level3"
    if len(level3) > 100:
        yield "level3-long", f"三级指标名称过长（{len(level3)} 字，宜在 100 字以内）", "level3"


def _defines_a_rate(name: str) -> bool:
    """A rate whose definition carries a bound (24小时内到达现场率, 3天内办结率): its target is the rate."""
    if not re.search(r"(率|比例|占比)$", name):
        return False
    return not any(re.search(r"[≥≤＞＜><]|[%％]$", m.group(0)) for m in _EMBEDDED.finditer(name))


def _is_category(level3: str, level1: str, level2: str) -> bool:
    if level3 in (level1, level2):
        return True
    return fw.is_category_name(level3)


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


# What an indicator under a 二级 is about: words its name is expected to carry.  Absence of every
# word is a warning (the row is probably filed under the wrong 二级), never an error.
_ABOUT: dict[str, re.Pattern[str]] = {
    "经济效益指标": re.compile(
        r"经济|收入|增收|收益|效益|产值|产量|节约|节省|成本|资金|费用|元|利润|税|就业|投资|价格|销售|损失|减负|补贴|利息|带动|增长|市场|产业|贷款|额|赔|保险|财产|消费|负担|效率|产能|土地"
    ),
    "生态效益指标": re.compile(
        r"生态|环境|绿|污|排放|能耗|节能|节水|水|空气|森林|林|植被|碳|垃圾|土|湿地|资源|噪|粪|废|清洁|卫生|河|湖|防治|保护|自然|气|农药|化肥|美化|景观|整治|治理|保|低|电|纸|秸秆|耕地|村容|村貌|人居"
    ),
    "服务对象满意度指标": re.compile(r"满意|认可|评价|好评|投诉|认同|信任|获得感|幸福感|安全感"),
}
_SATISFACTION_NAME = re.compile(r"满意")
_RATE_WORD = re.compile(r"率|比例|比重|占比|百分比|程度|度|[（(]\s*[%％]\s*[）)]")
# A name that states an aim (促进…发展) rather than something measured.
_GOAL_PHRASE = re.compile(r"^(促进|推动|实现|加快|推进|维护|助力|加强|巩固|营造|改善|带动)")
_TIME_UNITS = frozenset({"年", "月", "季度", "周"})
_TIME_NAME = re.compile(r"年限|年数|期限|时长|时间|周期|月数|工期|期|天数|年度|时限")


def misfiled(row: object, level2: str | None) -> Iterator[Problem]:
    """A 三级 that does not look like its 二级: 满意度 filed elsewhere, a rate as a 数量, a 经济/生态/满意度 name without its subject."""
    name = str(getattr(row, "level3", "")).strip()
    if not name or level2 is None:
        return
    shown = str(getattr(row, "level2", "")).strip()
    if _SATISFACTION_NAME.search(name) and level2 != "服务对象满意度指标":
        yield "level2-misfiled", f"“{name}”是满意度指标，却填在“{shown}”下", "level2"
        return
    about = _ABOUT.get(level2)
    if about is not None and not about.search(name):
        yield "level2-misfiled", f"“{name}”看不出与“{shown}”有关，请核对二级指标", "level2"
        return
    if level2 == "数量指标" and re.search(r"率$|率[（(]", name):
        yield "level2-misfiled", f"“{name}”是比率，不宜作数量指标（宜归质量或时效指标）", "level2"
    elif level2 == "数量指标" and re.search(r"(时效|及时性|时间)$", name):
        yield "level2-misfiled", f"“{name}”是时效，不宜作数量指标（宜归时效指标）", "level2"


def value_problems(row: object, value_field: str, level2: str | None) -> Iterator[Problem]:
    """Values that cannot be meant: a rate above 100 %, a % on a name that is not a rate, years as a count, a 定性 cost."""
    parts = indicator_parts(row, value_field)
    name = str(getattr(row, "level3", "")).strip()
    shown = getattr(row, value_field, "") or f"{parts.operator}{parts.number}{parts.unit}"
    parsed = parse_value(parts.number + parts.unit) if parts.kind == ValueKind.QUANTITATIVE.value else None
    words = parts.number.strip()
    priced = re.search(r"\d+(?:\.\d+)?\s*[万千亿]?元", words)  # a sentence stating the price is checkable
    if level2 in ("成本指标", "经济成本指标") and parts.kind == ValueKind.QUALITATIVE.value and words and not priced:
        yield "cost-qualitative", f"成本指标“{name}”的指标值“{shown}”是文字，成本应是可核对的金额或比率", value_field
        return
    if parsed is None or parsed.number is None:
        return
    unit = parts.unit.strip()
    if unit in PERCENT and parsed.number > 100 and (_RATE_WORD.search(name) or level2 == "服务对象满意度指标"):
        if not re.search(r"增长|增幅|提高|同比|环比|倍", name):
            yield "value-implausible", f"“{name}”是比率，指标值“{shown}”超过 100%", value_field
    elif unit in PERCENT and _GOAL_PHRASE.match(name) and not _RATE_WORD.search(name):
        yield "unit-conflict", f"三级指标“{name}”不是比率，指标值“{shown}”却是百分比", value_field
    elif unit in _TIME_UNITS and level2 == "数量指标" and not _TIME_NAME.search(name):
        yield "unit-conflict", f"数量指标“{name}”以“{unit}”计，应以实物或次数计", value_field


def explanation_problems(row: object, value_field: str) -> Iterator[Problem]:
    """A 指标解释 that states the value in another form: 90% beside a target of 1, a date beside 100%."""
    explanation = str(getattr(row, "explanation", "")).strip()
    if not explanation:
        return
    parts = indicator_parts(row, value_field)
    if parts.kind != ValueKind.QUANTITATIVE.value:
        return
    shown = getattr(row, value_field, "") or f"{parts.operator}{parts.number}{parts.unit}"
    bare = re.sub(r"[（(].*?[）)]", "", explanation).strip()  # 2019年12月(计划标准): the note aside
    stated = parse_value(bare)
    unit = parts.unit.strip()
    if stated.is_quantitative and stated.unit in PERCENT and unit not in PERCENT:
        yield "value-explanation", f"指标解释写“{explanation}”，指标值却是“{shown}”", value_field
    elif re.fullmatch(r"\d{4}\s*年\s*\d{1,2}\s*月(底|末|前|份)?", bare) and unit in PERCENT:
        yield "value-explanation", f"指标解释是日期“{explanation}”，指标值却是“{shown}”", value_field
