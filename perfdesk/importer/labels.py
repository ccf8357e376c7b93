"""Labels of real tables, matched whole: what a label names, and the money unit it states.

A label is matched after its decorations are taken off — a trailing colon, a leading
``其中：`` or numbering (``1、``, ``（一）``), a unit in brackets (``项目资金（元）``), a length hint
(``项目立项的依据（450字内）``), a points band
(``产出指标（50分）``) — never by a word it merely contains: ``上年结转财政资金`` is not 财政资金,
and an unknown label is left for the 未导入 list rather than guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# label_key has folded full-width brackets and colons to ( ) : already
_UNIT = re.compile(r"\((?:金额)?(?:单位)?:?(万元|元)\)")
_NUMBERING = re.compile(r"^(?:\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十\d]{1,2}[、.．]|其中[:、]?)+")
_POINTS = re.compile(r"\(?(\d+(?:\.\d+)?)(?:[-~至](\d+(?:\.\d+)?))?分\)?$")
_TRAILING = re.compile(r"[:：]+$")
_LENGTH_HINT = re.compile(r"\((?:限|不超过)?\d+字(?:以)?内?\)$")  # 项目立项的依据(450字内)
CAPTION_UNIT = re.compile(r"^(?:金额)?单位:(万元|元)$")
CAPTION_UNIT_LABEL = frozenset({"金额单位", "单位", "资金单位"})
CAPTION_UNIT_VALUE = frozenset({"万元", "元"})
CAPTION_OWNER = re.compile(r"^(?:(?:填报|申报|预算|编制)单位(?:名称)?|单位名称)(?:\(盖章\))?:(.+)$")


@lru_cache(maxsize=1 << 14)
def unit_in(key: str) -> str | None:
    """The money unit a label states in brackets (``项目资金(元)`` → 元), or None."""
    match = _UNIT.search(key)
    return match.group(1) if match else None


@lru_cache(maxsize=1 << 14)
def clean(key: str) -> str:
    """A label key without its unit, numbering, ``其中`` and trailing colon."""
    key = _UNIT.sub("", key)
    key = _LENGTH_HINT.sub("", key)
    key = _TRAILING.sub("", key)
    key = _NUMBERING.sub("", key)
    return _TRAILING.sub("", key)


def split_points(text: str) -> tuple[str, Decimal | None]:
    """``产出指标（50分）`` → (产出指标, 50); ``(30分)`` → ("", 30); text without points unchanged."""
    stripped = text.strip()
    plain = stripped.replace("（", "(").replace("）", ")")
    match = _POINTS.search(plain)
    if not match or (not plain.endswith(")") and plain[: match.start()].endswith("(")):
        return stripped, None
    if match.group(2):  # a range such as 20-30分 is kept in the name: there is no single number
        return stripped, None
    try:
        points = Decimal(match.group(1))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return stripped, None
    name = plain[: match.start()].rstrip("(:： ")
    return name, points


# The header fields of a project table, by whole (cleaned) label.
PROJECT_LABELS: dict[str, str] = {
    **dict.fromkeys(("项目编码", "项目代码", "项目编号", "项目ID"), "code"),
    **dict.fromkeys(("项目名称", "专项名称", "专项资金名称", "项目(专项)名称"), "name"),
    **dict.fromkeys(
        ("实施单位", "项目实施单位", "预算单位", "申报单位", "项目单位", "下达地方或单位", "项目承担单位", "使用单位"),
        "implementer",
    ),
    **dict.fromkeys(
        (
            "主管部门",
            "主管部门及代码",
            "主管部门及预算编码",
            "业务主管部门",
            "主管部门名称",
            "项目主管部门",
            "主管单位",
        ),
        "owner",
    ),
    **dict.fromkeys(("主管部门编码", "主管部门代码", "主管部门预算编码", "主管部门编号"), "department_code"),
    **dict.fromkeys(("资金用途", "主要用途"), "purpose"),
    **dict.fromkeys(("项目属性",), "attribute"),
    **dict.fromkeys(("项目性质",), "nature"),
    **dict.fromkeys(("项目类别", "项目类型", "项目分类"), "category"),
    **dict.fromkeys(
        ("计划开始日期", "开始日期", "项目开始日期", "计划开始时间", "开始时间", "项目开始时间"), "start_date"
    ),
    **dict.fromkeys(
        (
            "计划完成日期",
            "完成日期",
            "项目完成日期",
            "计划完成时间",
            "计划结束日期",
            "结束日期",
            "完成时间",
            "项目结束时间",
        ),
        "end_date",
    ),
    # 起止时间 prints both dates in one cell (2024年1月—2024年12月): read into start_date / end_date
    **dict.fromkeys(("项目起止时间", "起止时间", "项目起止日期", "起止日期", "项目实施起止时间"), "dates"),
    **dict.fromkeys(("实施周期", "项目期", "项目周期", "项目实施周期", "实施期限", "项目起止年限"), "period"),
    **dict.fromkeys(("项目负责人", "负责人", "项目联系人", "联系人"), "manager"),
    **dict.fromkeys(("联系电话", "电话", "联系方式"), "phone"),
    **dict.fromkeys(("项目概况", "项目基本情况", "项目简介", "项目内容", "项目主要内容"), "overview"),
    **dict.fromkeys(
        (
            "立项依据",
            "项目立项依据",
            "项目立项的依据",
            "立项的依据",
            "立项依据、可行性、必要性",
            "立项依据及可行性、必要性",
        ),
        "legal_basis",
    ),
    **dict.fromkeys(
        ("可行性", "项目可行性", "可行性分析", "项目申报的可行性", "项目申报可行性", "申报的可行性"), "feasibility"
    ),
    **dict.fromkeys(
        ("必要性", "项目必要性", "必要性分析", "项目申报的必要性", "项目申报必要性", "申报的必要性"), "necessity"
    ),
    **dict.fromkeys(
        ("保障措施", "项目保障措施", "实施保障措施", "保证项目实施的制度、措施", "保证项目实施的制度和措施"),
        "measures_text",
    ),
    **dict.fromkeys(("填报人", "填表人", "经办人"), "filled_by"),
    **dict.fromkeys(("填报日期", "填表日期"), "filled_date"),
    **dict.fromkeys(("单位负责人", "单位负责人签字"), "unit_leader"),
    **dict.fromkeys(("主管部门审核意见", "主管部门意见", "业务主管部门审核意见"), "review_department"),
    **dict.fromkeys(("财政部门审核意见", "财政部门意见", "财政局审核意见"), "review_finance"),
    **dict.fromkeys(
        (
            "绩效目标",
            "年度绩效目标",
            "项目绩效目标",
            "年度目标",
            "年度总体目标",
            "年度总目标",
            "当年绩效目标",
            "年度主要目标和成果",
            "年度主要目标",
            "年度目标和成果",
            "年度绩效目标(当年)",
        ),
        "goals",
    ),
    **dict.fromkeys(
        (
            "总体目标",
            "长期目标",
            "实施周期目标",
            "项目总体目标",
            "中期目标",
            "长期绩效目标",
            "中长期目标",
            "整体目标",
            "总目标",
        ),
        "long_term_goal",
    ),
    **dict.fromkeys(("总体目标·年度目标", "总体目标(年度目标)"), "goals"),
    # amounts
    **dict.fromkeys(
        (
            "预算数",
            "预算总额",
            "年度预算数",
            "预算金额",
            "项目预算数",
            "年度资金总额",
            "年度资金申请总额",
            "年度预算",
            "当年预算",
            "资金总额",
            "下达投资",
            "年度资金",
            "本年预算数",
        ),
        "budget_total",
    ),
    **dict.fromkeys(
        (
            "项目资金总额",
            "项目总预算",
            "总预算",
            "项目总投资",
            "总投资",
            "项目期资金总额",
            "中期资金总额",
            "实施周期资金总额",
            "实施期资金总额",
        ),
        "period_total",
    ),
    **dict.fromkeys(
        ("财政资金", "财政拨款", "当年财政拨款", "本年财政拨款", "财政拨款小计", "财政性资金", "当年财政资金"),
        "budget_fiscal",
    ),
    **dict.fromkeys(("其他资金", "其他来源资金"), "budget_other"),
    **dict.fromkeys(("上年结转", "上年结转资金", "结转资金"), "budget_carryover"),
    # block labels: recognised, their values are in the cells they head
    **dict.fromkeys(
        (
            "项目资金",
            "项目资金申请",
            "资金来源",
            "项目资金来源",
            "资金情况",
            "年度资金总额及构成",
            "项目资金总额及构成",
        ),
        "money_block",
    ),
    # a group label over sub-labels (项目立项情况 | 项目立项的依据 …): recognised, holds no value itself
    **dict.fromkeys(("项目立项情况", "立项情况", "审核意见"), "group"),
    **dict.fromkeys(("实施进度计划", "项目实施进度计划", "进度计划"), "schedule"),
}
# the fields of the rows a table closes with, under its indicator grid
CLOSING_FIELDS = frozenset({"filled_by", "filled_date", "unit_leader", "review_department", "review_finance"})
MONEY_FIELDS = frozenset({"budget_total", "period_total", "budget_fiscal", "budget_other", "budget_carryover"})
PERIOD_OF = {"budget_total": "period_total", "budget_fiscal": "period_fiscal", "budget_other": "period_other"}
MONTHS = {"3月底": "plan_mar", "6月底": "plan_jun", "10月底": "plan_oct", "12月底": "plan_dec"}
# Money lines a local header adds below 财政拨款 (一般公共预算, 政府性基金 …): kept as FundLines.
FUND_LINE = re.compile(
    r"^(一般公共预算|政府性基金|国有资本经营预算|自有资金|事业收入|经营性?收入|其他收入|财政专户|社会资金|"
    r"单位自筹|自筹资金|银行贷款|中央资金|省级资金|市级资金|县级资金|债券资金|专项债|"
    r"(?:上级|本级)财政(?:资金|拨款)?$|(?:中央|省|市|县|区)级?财政资金$)"
)
# 审核意见 boxes by whose opinion they hold: 财政部门 / 市财政局 / 县财政局审核意见, (业务)主管部门审核意见
_REVIEW = re.compile(r"^(?:((?:[省市县区]级?)?财政(?:部门|局|厅)?)|(?:业务)?主管部门)(?:审核|审批)?意见$")
# Column headings of a money block: the whole period, or the year.
_PERIOD_HEAD = re.compile(r"(项目期|中期|全周期|实施周期|总额|总计|合计|全部|整个)")
_ANNUAL_HEAD = re.compile(r"(年度|当年|本年|\d{4}年|年初|金额)")


@lru_cache(maxsize=1 << 14)
def project_label(key: str) -> str | None:
    """The field a project-table label names (``项目名称``, ``项目资金（元）``), or None."""
    if not key:
        return None
    head, sep, rest = key.partition(":")
    if sep and rest and len(head) <= 14:
        inline = _project_label(head)
        if inline:
            return inline
    return _project_label(key) if len(key) <= 24 else None


def _project_label(key: str) -> str | None:
    k = clean(key)
    if k in PROJECT_LABELS:
        return PROJECT_LABELS[k]
    if k in MONTHS:
        return k
    review = _REVIEW.match(k)
    if review:
        return "review_finance" if review.group(1) else "review_department"
    for prefix, name in (("预算规模", "scale"), ("资金支出计划", "plan"), ("主管部门及", "owner")):
        if k.startswith(prefix):
            return name
    if FUND_LINE.match(k) and len(k) <= 12:
        return "fund_line"
    return None


def column_period(heading: str) -> str | None:
    """``period`` or ``annual`` for a money block's column heading, None if it says neither."""
    if _PERIOD_HEAD.search(heading) and not re.search(r"(年度|当年|本年)", heading):
        return "period"
    if _ANNUAL_HEAD.search(heading):
        return "annual"
    return None
