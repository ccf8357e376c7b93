"""Reading one field from a cell: amounts, percentages, counts, years and numbered texts.

An amount is taken from the number as displayed (``Decimal``, never a float) or parsed from
the text as typed; anything else is a problem naming the cell, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from perfdesk.importer.grid import GridCell
from perfdesk.importer.result import Collector
from perfdesk.models.money import MoneyError, parse_money

_EMPTY_MARKS = frozenset({"-", "--", "—", "——", "/", "无", "－", "―"})
_NUMBERED = re.compile(r"^\s*(?:[（(]\d{1,2}[)）]|\d{1,2}\s*[.、．](?!\d))\s*(.*)$", re.S)
_GOAL_LABEL = re.compile(r"^\s*目标\s*(\d{1,2})\s*[:：.、．]?\s*")
_YEAR = re.compile(r"(20\d{2})\s*年")
_OWNER = re.compile(r"^(.*?)[\s(（]*([0-9][0-9A-Za-z]{2,})[)）]?\s*$", re.S)
_CODE_FIRST = re.compile(r"^\s*([0-9][0-9A-Za-z]{2,})[\s\-－—_]*(.+?)\s*$", re.S)
_P_TAG = re.compile(r"</?p\s*>", re.I)


def blank_mark(text: str) -> bool:
    """True for marks clerks put in an empty amount cell (``-``, ``/``, ``无``)."""
    return text.strip() in _EMPTY_MARKS


def money(cell: GridCell | None, what: str, out: Collector, *, unit: str = "万元") -> Decimal | None:
    """An amount in ``unit`` from a cell; blank gives None, unreadable text is a problem."""
    if cell is None or not cell.text:
        return None
    if cell.number is not None and not cell.percent:
        if cell.exact is not None and cell.exact != cell.number:
            out.note(cell.address, f"{what}按显示值 {cell.text} 读取（单元格中存的是 {_plain(cell.exact)}）")
        return cell.number
    if blank_mark(cell.text):
        out.note(cell.address, f"{what}“{cell.text}”按空白读取")
        return None
    try:
        return parse_money(cell.text, unit=unit)
    except MoneyError:
        out.problem(cell.address, f"{what}“{cell.text}”不是金额，未导入")
        return None


def number(text: str) -> Decimal | None:
    """A plain number typed as text (``10``, ``10.3``, ``１０分``); None if it is not one."""
    plain = unicodedata.normalize("NFKC", text).replace(" ", "").removesuffix("分")
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", plain):
        return None
    return Decimal(plain)


def percent(cell: GridCell | None, what: str, out: Collector) -> Decimal | None:
    """A percentage (``25%``, ``25.00``, or 0.25 shown with a % format) as the number 25."""
    if cell is None or not cell.text:
        return None
    if cell.number is not None:
        return cell.number
    if blank_mark(cell.text):
        out.note(cell.address, f"{what}“{cell.text}”按空白读取")
        return None
    plain = unicodedata.normalize("NFKC", cell.text).replace(" ", "").rstrip("%")
    try:
        value = Decimal(plain)
    except InvalidOperation:
        out.problem(cell.address, f"{what}“{cell.text}”不是百分数，未导入")
        return None
    if not value.is_finite():
        out.problem(cell.address, f"{what}“{cell.text}”不是百分数，未导入")
        return None
    return value


def count(cell: GridCell | None, what: str, out: Collector) -> int | None:
    """A whole number such as 财政供养人员数 (``124`` or ``124人``)."""
    if cell is None or not cell.text:
        return None
    if cell.number is not None and cell.number == cell.number.to_integral_value() and not cell.percent:
        return int(cell.number)
    match = re.fullmatch(r"\s*(\d+)\s*(人|个|家)?\s*", unicodedata.normalize("NFKC", cell.text))
    if not match:
        out.problem(cell.address, f"{what}“{cell.text}”不是整数，未导入")
        return None
    return int(match.group(1))


def _plain(value: Decimal) -> str:
    return format(value, "f")


def years_in(text: str) -> list[int]:
    """The years written as ``2025年`` in a text."""
    return [int(y) for y in _YEAR.findall(unicodedata.normalize("NFKC", text))]


def split_owner(text: str) -> tuple[str, str]:
    """主管部门及预算编码 ``昌黎县应急管理局426003`` → (name, code)."""
    match = _OWNER.match(text.strip())
    if not match or not match.group(1).strip():
        return text.strip(), ""
    return match.group(1).strip(), match.group(2)


def split_caption(text: str) -> tuple[str, str]:
    """The caption line ``450001唐山市路南区应急管理局本级`` → (code, name)."""
    match = _CODE_FIRST.match(text)
    return (match.group(1), match.group(2)) if match else ("", text.strip())


def numbered_items(text: str) -> list[str]:
    """Goals written in one cell as ``1.…`` ``2.…`` lines (or ``目标1：…``); one item if unnumbered."""
    text = _P_TAG.sub("\n", text)
    items: list[str] = []
    numbered = False
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        label = _GOAL_LABEL.match(stripped)
        match = None if label else _NUMBERED.match(stripped)
        if label or (match and match.group(1)):
            numbered = True
            items.append(stripped[label.end() :] if label else match.group(1).strip())  # type: ignore[union-attr]
        elif items:
            items[-1] += "\n" + stripped
        else:
            items.append(stripped)
    if not numbered:
        return ["\n".join(items)] if items else []
    return items


def goal_label(text: str) -> str | None:
    """The rest of a cell that starts with ``目标1`` (the label alone gives ``""``), else None."""
    match = _GOAL_LABEL.match(text)
    return text[match.end() :].strip() if match else None


# An unfilled signature box as forms print it: （盖章） 审核人：　日期：　年　月　日 — words and blanks only.
_SIGN_WORD = (
    r"(?:[(（]\s*(?:盖章|签章|签字|公章)\s*[)）]|盖章|(?:审核人|经办人|负责人|签字|签章|日期)\s*[:：]|年|月|日)"
)
_SIGNATURE = re.compile(rf"(?:\s*{_SIGN_WORD})+\s*$")
_SIGNATURE_WORDS = re.compile(r"盖章|签章|签字|审核人|经办人|负责人|日期")


def without_signature(text: str) -> str:
    """An opinion box without its unfilled signature template: ``同意\\n（盖章）审核人：日期：年月日`` → ``同意``.

    Only a template left blank is taken off (a box holding nothing else reads as empty); a filled
    one (``审核人：张三``) is text the clerk typed and stays.
    """
    match = _SIGNATURE.search(text)
    if match is None or not _SIGNATURE_WORDS.search(match.group(0)):
        return text.strip()
    return text[: match.start()].strip()


_DATE_RANGE = re.compile(r"^(.+?)\s*(?:—+|－|~|～|至|到)\s*(.+)$", re.S)


def split_dates(text: str) -> tuple[str, str]:
    """项目起止时间 ``2024年1月—2024年12月`` (or ``… 至 …``) → (start, end); one date alone is the start.

    The blank template a form prints (``年 月 至 年 月``) reads as no dates.
    """
    if not re.search(r"\d", text) and re.fullmatch(r"[\s年月日至到—~～－-]*", text):
        return "", ""  # the printed blank template (年 月 至 年 月)
    match = _DATE_RANGE.match(text.strip())
    if match is None:
        return text.strip(), ""
    return match.group(1).strip(), match.group(2).strip()
