"""Indicator frameworks (一级 → 二级) as data, with the aliases real tables use (domain.md §3).

Clerks write 一级/二级 names in many ways (效果指标, 经济效益指标, 可持续性影响 …).  The text is kept
as typed; :func:`canonical_level1` / :func:`canonical_level2` map it to the framework's names
for checks, layouts and scoring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from perfdesk.models.document import Framework

OUTPUT = "产出指标"
BENEFIT = "效益指标"
SATISFACTION = "满意度指标"
COST = "成本指标"


@dataclass(frozen=True)
class FrameworkSpec:
    """One framework: its 一级 categories in print order, each with its 二级 names."""

    id: Framework
    name: str
    levels: tuple[tuple[str, tuple[str, ...]], ...]

    def level1_names(self) -> list[str]:
        """The 一级 names in print order."""
        return [name for name, _ in self.levels]

    def level2_names(self, level1: str) -> list[str]:
        """The 二级 names under a canonical 一级 name (empty if unknown)."""
        return next((list(l2) for l1, l2 in self.levels if l1 == level1), [])


_BENEFITS = ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")

FRAMEWORKS: dict[Framework, FrameworkSpec] = {
    Framework.Y2015: FrameworkSpec(
        Framework.Y2015,
        "2015 版（成本为产出下的二级）",
        (
            (OUTPUT, ("数量指标", "质量指标", "时效指标", "成本指标")),
            (BENEFIT, _BENEFITS),
            (SATISFACTION, ("服务对象满意度指标",)),
        ),
    ),
    Framework.Y2021: FrameworkSpec(
        Framework.Y2021,
        "2021 版（财预〔2021〕101号，成本为一级）",
        (
            (COST, ("经济成本指标", "社会成本指标", "生态环境成本指标")),
            (OUTPUT, ("数量指标", "质量指标", "时效指标")),
            (BENEFIT, _BENEFITS),
            (SATISFACTION, ("服务对象满意度指标",)),
        ),
    ),
}

# Alias stems (without the trailing 指标) → canonical stem.
_LEVEL1_ALIASES = {
    "产出": "产出", "效益": "效益", "效果": "效益", "满意度": "满意度", "成本": "成本",
    # the Sichuan budget system's names (项目完成指标 / 项目效益指标) and their kin
    "项目完成": "产出", "项目产出": "产出", "项目效益": "效益", "项目效果": "效益",
    "服务对象满意度": "满意度", "社会公众或服务对象满意度": "满意度",
}  # fmt: skip
_LEVEL2_ALIASES = {
    "数量": "数量",
    "质量": "质量",
    "时效": "时效",
    "时效性": "时效",
    "成本": "成本",
    "经济效益": "经济效益",
    "社会效益": "社会效益",
    "生态效益": "生态效益",
    "环境效益": "生态效益",
    "可持续影响": "可持续影响",
    "可持续性影响": "可持续影响",
    "可持续性": "可持续影响",
    "可持续发展": "可持续影响",
    "可持续发展影响": "可持续影响",
    "服务对象满意度": "服务对象满意度",
    "满意度": "服务对象满意度",
    "社会公众或服务对象满意度": "服务对象满意度",
    "社会公众满意度": "服务对象满意度",
    "经济成本": "经济成本",
    "社会成本": "社会成本",
    "生态环境成本": "生态环境成本",
    "环境成本": "生态环境成本",
}

_SPACE = re.compile(r"[\s\u3000]+")
_COMBINED_BENEFITS = re.compile(r"^(经济|社会|生态)(?:[、，,/和及与](?:经济|社会|生态))+效益$")
# A point budget printed in the label cell: 产出指标(50分), 数量指标（10分）
POINTS = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")


# What else real label cells carry around the name: an outline number (一、 1. （二）), a colon, a
# weight in another notation — 产出指标(50) / 产出指标（50%）/ (权重50%) / 产出指标 50分.
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])")
_WEIGHT = re.compile(r"[（(](?:权重|分值|分数)?[:：]?\d+(?:\.\d+)?(?:分|%|％)?[)）]$|(?<![\d.])\d+(?:\.\d+)?分$")


def bare_label(text: str) -> str:
    """A label without what surrounds the name: ``三、满意度指标（10分）：`` → ``满意度指标``."""
    stem = POINTS.sub("", _SPACE.sub("", text))
    return _WEIGHT.sub("", _NUMBERING.sub("", stem)).rstrip(":：")


def _stem(text: str) -> str:
    stem = bare_label(text)
    return stem[: -len("指标")] if stem.endswith("指标") else stem


@lru_cache(maxsize=4096)
def canonical_level1(text: str) -> str | None:
    """The canonical 一级 name for what the clerk typed, or None if it is not one."""
    stem = _LEVEL1_ALIASES.get(_stem(text))
    return f"{stem}指标" if stem else None


@lru_cache(maxsize=4096)
def canonical_level2(text: str) -> str | None:
    """The canonical 二级 name for what the clerk typed, or None if it is not one.

    Any 〈who〉满意度 (群众满意度, 学生满意度 …) is the framework's 服务对象满意度; a 二级 naming several
    benefits at once (社会、经济、生态效益指标, as the Dongguan template prints it) is the first one named.
    """
    stem = _LEVEL2_ALIASES.get(_stem(text))
    if stem is None and _stem(text).endswith("满意度") and len(_stem(text)) <= 12:
        stem = "服务对象满意度"
    combined = _COMBINED_BENEFITS.match(_stem(text)) if stem is None else None
    if combined:  # 社会、经济、生态效益指标 (a template's one 二级 for every benefit): the first one named
        stem = f"{combined[1]}效益"
    return f"{stem}指标" if stem else None


def is_category_name(text: str) -> bool:
    """True for a 一级/二级 category name as such (数量指标, 满意度指标), not 群众满意度指标."""
    compact = _SPACE.sub("", text)
    return compact.endswith("指标") and (_stem(compact) in _LEVEL1_ALIASES or _stem(compact) in _LEVEL2_ALIASES)


def level1_of(level1: str, level2: str) -> str | None:
    """The canonical 一级 of a row: as typed, else the parent of its 二级 (a label cell holding only "(50分)")."""
    named = canonical_level1(level1)
    if named is not None:
        return named
    l2 = canonical_level2(level2)
    if l2 is None:
        return None
    parents = {parent_of(f, l2) for f in FRAMEWORKS}
    parents.discard(None)
    return parents.pop() if len(parents) == 1 else None


def parent_of(framework: Framework, level2: str) -> str | None:
    """The canonical 一级 that a canonical 二级 belongs to in this framework."""
    for l1, l2s in FRAMEWORKS[framework].levels:
        if level2 in l2s:
            return l1
    return None
