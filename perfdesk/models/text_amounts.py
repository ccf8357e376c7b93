"""Amounts written inside a sentence: a total and, after 其中, its parts (rule ``text-sum``).

A 年度目标 or 实际完成情况 often states the money: “本项目共申请预算资金2026400元，其中村级组织运转
400000元，…，村级工作目标奖励100000元。”  When a total is followed by two or more parts after 其中,
the parts must add up to it.  Two parts short of the total may name only the main sources and are
let be (three or more are read as the whole list); a "part" larger than the total means 其中 is not listing parts
(预算安排1108.01万元，其中调整预算1289.43万元) and is let be.  Only money is read (元, 万元, 亿元, converted to 元); a rate per head
(1000元/人, 每人1000元) and amounts in brackets (a note, an aside) are not parts.  Each figure may be
rounded to its last printed digit, so the sum is accepted within half a unit of each figure's last
digit (:func:`perfdesk.models.fund_checks.sum_tolerance`, in 元).
"""

from __future__ import annotations

import re
from decimal import Decimal

from perfdesk.models.money import decimal_places, format_plain

_FACTOR = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_AMOUNT = re.compile(r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(亿元|万元|元)(?!\s*[/每])(?![/／])")
_BRACKETS = re.compile(r"[（(][^（()）]*[)）]")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_PARTS_END = re.compile(r"[。！!？?\n]|其中|共计|合计|总计|累计|[，,；;]\s*共")


_PRICE = re.compile(r"(每|单价|标准|人均|户均|均|平均|按)[^，,。；;、]{0,8}$")


def amounts_in_yuan(text: str) -> list[tuple[Decimal, Decimal, str]]:
    """(amount in 元, half a unit of its last digit in 元, as written) for each money amount; a price
    or a standard (每台5万元, 补助标准1000元) is not an amount of the whole."""
    found = []
    for match in _AMOUNT.finditer(text):
        if _PRICE.search(text[max(0, match.start() - 10) : match.start()]):
            continue
        number = Decimal(match[1].replace(",", ""))
        factor = _FACTOR[match[2]]
        half = Decimal(1).scaleb(-decimal_places(number)) / 2 * factor
        found.append((number * factor, half, match[0]))
    return found


def sum_problems(text: str) -> list[str]:
    """A message for each 其中 whose two or more parts do not add up to the total before it."""
    plain = _BRACKETS.sub(lambda m: " " * len(m[0]), text)  # keep positions; drop asides
    messages = []
    for match in re.finditer("其中", plain):
        before = plain[: match.start()].rstrip(" ，,:：。；;\n")
        cut = max((m.end() for m in _SENTENCE_END.finditer(before)), default=0)
        totals = amounts_in_yuan(before[cut:])
        after = plain[match.end() :]
        end = _PARTS_END.search(after)
        parts = amounts_in_yuan(after[: end.start()] if end else after)
        if not totals or len(parts) < 2:
            continue
        total, total_half, written = totals[-1]
        if any(p > total + total_half for p, _, _ in parts):
            continue  # a part above the whole: 其中 does not list its parts here (预算1108万元，其中调整预算1289万元)
        added = sum((p for p, _, _ in parts), Decimal(0))
        if added < total and len(parts) < 3:
            continue  # two parts short of the total may name only the main sources (其中中央2000万元、省级1000万元)
        if abs(added - total) > total_half + sum((h for _, h, _ in parts), Decimal(0)):
            shown = " + ".join(w.strip() for _, _, w in parts)
            messages.append(f"文字中写总额 {written.strip()}，其中各项 {shown} 合计 {_yuan(added)}，与总额不符")
    return messages


def _yuan(amount: Decimal) -> str:
    """An amount in 元 shown in 万元 when it is a round 万元 figure of at most six decimals."""
    wan = amount / Decimal(10000)
    if amount >= 10000 and decimal_places(wan.normalize()) <= 4:
        return f"{format_plain(wan.normalize())} 万元"
    return f"{format_plain(amount)} 元"
