"""A model path such as ``projects[2].indicators[3].description`` said as a clerk reads it.

``models.bounds`` names the places it cleans or refuses by such paths; the window and the command
line show them as ``项目3 · 指标第4行 · 绩效指标描述``.  A name without a label is kept as it is.
"""

from __future__ import annotations

import re

_PARTS = {
    "unit": "单位信息", "overall": "部门整体绩效目标", "measures": "工作保障措施", "dept_table": "部门整体绩效目标表",
    "self_report": "自评报告", "evaluation": "自评表", "printing": "打印设置",
}  # fmt: skip
_ITEMS = {
    "projects": "项目{n}", "indicators": "指标第{n}行", "long_term_indicators": "长期指标第{n}行",
    "rows": "第{n}行", "goals": "目标{n}", "sub_targets": "分项目标{n}", "groups": "第{n}组",
    "items": "第{n}条", "schedule": "进度计划第{n}行", "fund_lines": "资金第{n}行", "key_tasks": "重点任务第{n}行",
    "other_tasks": "其他任务第{n}行", "duties": "职责第{n}条", "targets": "目标第{n}项", "team": "评价组第{n}人",
}  # fmt: skip
# names the checks' labels give another meaning, by the part they are in
_IN = {
    "unit": {"name": "单位名称", "code": "单位编码", "department": "主管部门", "title": "文本标题", "compiler": "编制人"},
    "dept_table": {"name": "部门名称", "title": "表名"},
    "team": {"name": "姓名"},
}  # fmt: skip
_STEP = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")


def place_words(path: str) -> str:
    """``projects[2].indicators[3].description`` → ``项目3 · 指标第4行 · 绩效指标描述``."""
    from perfdesk.models.checks import FIELD_LABELS  # the checks name the fields the way the forms do

    words, parent = [], ""
    for step in path.split("."):
        match = _STEP.fullmatch(step)
        if match is None:
            words.append(step)
            continue
        name, index = match.group(1), match.group(2)
        if index is not None and name in _ITEMS:
            words.append(_ITEMS[name].format(n=int(index) + 1))
        elif index is not None:
            words.append(f"{FIELD_LABELS.get(name, name)}第{int(index) + 1}项")
        else:
            words.append(_IN.get(parent, {}).get(name) or _PARTS.get(name) or FIELD_LABELS.get(name, name))
        parent = name
    return " · ".join(words)
