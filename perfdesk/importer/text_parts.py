"""Read 第一部分 部门整体绩效目标 (F1) back from a sheet of paragraphs, one per row.

The headings are the seeds' (一、总体绩效目标 / 二、分项绩效目标 with （一）… 绩效目标：… 绩效指标：…
/ 三、工作保障措施 as grouped lists, one numbered list, or free paragraphs).
"""

from __future__ import annotations

import re

from perfdesk.importer.grid import Grid, label_key
from perfdesk.models.document import MeasureGroup, Measures, MeasuresKind, OverallTarget, SubTarget

_SECTION = re.compile(r"^[一二三四]、(总体绩效目标|分项绩效目标|工作保障措施)$")
_SUB = re.compile(r"^（([一二三四五六七八九十]{1,3})）\s*(.*)$")
_CN_ITEM = re.compile(r"^([一二三四五六七八九十]{1,3})、(.*)$", re.S)
_ITEM = re.compile(r"^(\d{1,2})[.．、]\s*(.*)$", re.S)
_FIELD = re.compile(r"^(绩效目标|绩效指标)[:：]\s*(.*)$", re.S)


def sheet_lines(grid: Grid) -> list[str]:
    """The paragraphs of a text sheet in reading order, one per cell.

    A long paragraph written over several rows has only its first row indented: the rows
    after it that are not indented are joined back to it.
    """
    lines: list[str] = []
    joining = False
    for cell in grid.cells_in_order():
        if joining and not cell.indented and lines:
            lines[-1] += cell.text
            continue
        lines.append(cell.text)
        joining = cell.indented and not (_SECTION.match(cell.key) or _SUB.match(cell.text))
    return lines


def is_overall_sheet(lines: list[str]) -> bool:
    """True if the lines hold the headings of 部门整体绩效目标."""
    keys = {label_key(line) for line in lines}
    return "一、总体绩效目标" in keys and "三、工作保障措施" in keys


def parse_overall(lines: list[str]) -> OverallTarget:
    """The text part from its paragraphs (the headings before 一、 are skipped)."""
    sections: dict[str, list[str]] = {"总体绩效目标": [], "分项绩效目标": [], "工作保障措施": []}
    current: list[str] | None = None
    for line in lines:
        match = _SECTION.match(label_key(line))
        if match:
            current = sections[match.group(1)]
        elif current is not None:
            current.append(line.strip())
    overall = OverallTarget(summary="\n".join(sections["总体绩效目标"]))
    overall.sub_targets_text, overall.sub_targets = _sub_targets(sections["分项绩效目标"])
    overall.measures = _measures(sections["工作保障措施"])
    return overall


def _sub_targets(lines: list[str]) -> tuple[str, list[SubTarget]]:
    lead: list[str] = []
    subs: list[SubTarget] = []
    last_field = "title"
    for line in lines:
        sub = _SUB.match(line)
        field = _FIELD.match(line)
        if sub:
            subs.append(SubTarget(title=sub.group(2).strip()))
            last_field = "title"
        elif subs and field:
            last_field = "target" if field.group(1) == "绩效目标" else "indicators"
            setattr(subs[-1], last_field, field.group(2).strip())
        elif subs:
            old = getattr(subs[-1], last_field)
            setattr(subs[-1], last_field, f"{old}\n{line}" if old else line)
        else:
            lead.append(line)
    return "\n".join(lead), subs


def _measures(lines: list[str]) -> Measures:
    if any(_SUB.match(line) for line in lines):
        return _grouped(lines)
    if any(_CN_ITEM.match(line) for line in lines):
        return _listed(lines, _CN_ITEM)
    if any(_ITEM.match(line) for line in lines):
        return _listed(lines, _ITEM)
    return Measures(MeasuresKind.TEXT, "\n".join(lines), [])


def _grouped(lines: list[str]) -> Measures:
    lead: list[str] = []
    groups: list[MeasureGroup] = []
    for line in lines:
        sub = _SUB.match(line)
        item = _ITEM.match(line)
        if sub:
            groups.append(MeasureGroup(sub.group(2).strip()))
        elif groups and item:
            groups[-1].items.append(item.group(2).strip())
        elif groups and groups[-1].items:
            groups[-1].items[-1] += "\n" + line
        elif groups:
            groups[-1].items.append(line)
        else:
            lead.append(line)
    return Measures(MeasuresKind.GROUPED, "\n".join(lead), groups)


def _listed(lines: list[str], pattern: re.Pattern[str]) -> Measures:
    lead: list[str] = []
    items: list[str] = []
    for line in lines:
        item = pattern.match(line)
        if item:
            items.append(item.group(2).strip())
        elif items:
            items[-1] += "\n" + line
        else:
            lead.append(line)
    return Measures(MeasuresKind.LIST, "\n".join(lead), [MeasureGroup("", items)])
