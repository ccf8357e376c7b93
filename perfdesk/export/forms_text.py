"""The text forms as layout blocks: F1 部门整体绩效目标 (with the title page) and F4 自评报告.

The headings, numbering and sentences follow seeds 000/001/003 (F1) and 002 (F4).
"""

from __future__ import annotations

from decimal import Decimal

from perfdesk.export.layout import Block, Paragraph, Spacer, cn_number
from perfdesk.models.document import Document, Measures, MeasuresKind, OverallTarget, SelfReport
from perfdesk.models.grades import grade_table
from perfdesk.models.money import format_money, round_money


def paragraphs(text: str, style: str = "body") -> list[Block]:
    """One paragraph block per non-blank line of ``text``."""
    return [Paragraph(line.strip(), style) for line in text.split("\n") if line.strip()]


def has_overall(overall: OverallTarget) -> bool:
    """True if the text part holds anything to print."""
    m = overall.measures
    return bool(
        overall.summary.strip()
        or overall.sub_targets_text.strip()
        or overall.sub_targets
        or m.text.strip()
        or any(g.items or g.title for g in m.groups)
    )


def cover_blocks(doc: Document) -> list[Block]:
    """The title page: unit, document title, compiler."""
    unit = doc.unit
    return [
        Spacer(200),
        Paragraph(unit.name, "cover-unit"),
        Paragraph(doc.display_title(), "cover-title"),
        Spacer(250),
        Paragraph(unit.compiler or f"{unit.name}编制", "cover-compiler"),
    ]


def overall_blocks(doc: Document) -> list[Block]:
    """第一部分 部门整体绩效目标: 总体绩效目标, 分项绩效目标, 工作保障措施."""
    overall = doc.overall
    settings = doc.unit.printing
    if settings.part_headings:
        blocks: list[Block] = [Paragraph("第一部分", "part"), Paragraph("部门整体绩效目标", "part")]
    else:  # seed 000: one heading 〈年〉年部门整体绩效目标
        blocks = [Paragraph(f"{doc.unit.fiscal_year}年部门整体绩效目标", "part")]
    blocks.append(Paragraph("一、总体绩效目标", "h1"))
    if settings.target_labels:  # seed 001 repeats the heading as a label line
        blocks.append(Paragraph("总体绩效目标：", "body"))
    blocks += paragraphs(overall.summary)
    blocks.append(Paragraph("二、分项绩效目标", "h1"))
    if settings.target_labels:
        blocks.append(Paragraph("分项绩效目标：", "body"))
    blocks += paragraphs(overall.sub_targets_text)
    for i, sub in enumerate(overall.sub_targets, 1):
        blocks.append(Paragraph(f"（{cn_number(i)}）{sub.title}", "h2"))
        if sub.target.strip():
            blocks.append(Paragraph(f"绩效目标：{sub.target.strip()}"))
        if sub.indicators.strip():
            blocks.append(Paragraph(f"绩效指标：{sub.indicators.strip()}"))
    blocks.append(Paragraph("三、工作保障措施", "h1"))
    blocks += measures_blocks(overall.measures)
    return blocks


def measures_blocks(measures: Measures) -> list[Block]:
    """工作保障措施 in its three shapes: grouped lists, one list, or free text."""
    blocks = paragraphs(measures.text)
    if measures.kind is MeasuresKind.TEXT:
        return blocks
    for gi, group in enumerate(measures.groups, 1):
        if measures.kind is MeasuresKind.GROUPED and group.title.strip():
            blocks.append(Paragraph(f"（{cn_number(gi)}）{group.title.strip()}", "h2"))
        for i, item in enumerate(group.items, 1):
            # seed 001 numbers a single list 一、二、…; grouped lists use 1. 2. (seed 000)
            mark = f"{cn_number(i)}、" if measures.kind is MeasuresKind.LIST else f"{i}."
            blocks += _numbered(mark, item)
    return blocks


def _numbered(mark: str, text: str) -> list[Block]:
    lines = [line.strip() for line in text.split("\n") if line.strip()] or [""]
    return [Paragraph(mark + lines[0])] + [Paragraph(line) for line in lines[1:]]


def part_two_blocks() -> list[Block]:
    """The heading before the project tables."""
    return [Paragraph("第二部分", "part"), Paragraph("预算项目绩效目标", "part")]


# ---------------------------------------------------------------- F4 整体支出绩效自评报告


def _wan(value: Decimal | None) -> str:
    return f"{format_money(value)}万元" if value is not None else "____万元"


def _change(report: SelfReport) -> tuple[Decimal | None, Decimal | None]:
    """The change against last year as written, else computed from last year's budget."""
    change, rate = report.stated_change, report.stated_change_rate
    prior, now = report.prior_year_budget, report.income_budget
    if change is None and prior is not None and now is not None:
        change = now - prior
    if rate is None and prior and change is not None:
        rate = round_money(change / prior * 100)
    return change, rate


def finance_sentences(doc: Document, report: SelfReport) -> list[str]:
    """（二）部门收支预决算情况 as the three numbered sentences of seed 002."""
    unit, year = doc.unit.name, report.year
    lines = [
        f"1、{year}年{unit}部门年初安排预算收入{_wan(report.income_budget)}，其中一般公共预算拨款"
        f"{_wan(report.income_public)}，其他来源收入{_wan(report.income_other)}；",
        f"2、年末安排决算支出{_wan(report.final_expense)}，其中人员经费支出{_wan(report.personnel_expense)}，"
        f"日常公用经费支出{_wan(report.public_expense)}，项目支出{_wan(report.project_expense)}。",
    ]
    change, rate = _change(report)
    if change is not None:
        word = "增加" if change >= 0 else "减少"
        sentence = f"3、年初预算资金安排比上年{word}{_wan(abs(change))}"
        if rate is not None:
            sentence += f"，预算安排比上年{word}{format_money(abs(rate))}%"
        reason = report.change_reason.strip()
        sentence += f"，主要原因为{reason}。" if reason else "。"
        lines.append(sentence)
    return lines


def report_blocks(doc: Document, report: SelfReport) -> list[Block]:
    """F4 整体支出绩效自评报告, section by section as in seed 002."""
    blocks: list[Block] = [
        Paragraph(doc.unit.name, "title"),
        Paragraph(f"{report.year}年度整体支出绩效自评报告", "title"),
    ]
    blocks += paragraphs(report.preface)
    blocks.append(Paragraph("一、部门基本情况", "h1"))
    blocks.append(Paragraph("（一）部门概况", "h2"))
    blocks += paragraphs(report.overview)
    for i, duty in enumerate(report.duties, 1):
        blocks += _numbered(f"{i}. ", duty)
    blocks.append(Paragraph("（二）部门收支预决算情况", "h2"))
    if report.finance_text.strip():  # what the clerk typed, as typed
        blocks += paragraphs(report.finance_text)
    else:
        blocks += [Paragraph(line) for line in finance_sentences(doc, report)]
    blocks.append(Paragraph("（三）部门整体支出绩效目标、指标", "h2"))
    blocks += paragraphs(report.targets_text)
    for i, target in enumerate(report.targets, 1):
        blocks.append(Paragraph(f"（{cn_number(i)}）{target.title}", "h2"))
        if target.target.strip():
            blocks.append(Paragraph(f"绩效目标：{target.target.strip()}"))
    blocks.append(Paragraph("二、自评工作开展情况", "h1"))
    blocks.append(Paragraph("（一）自评的组织工作", "h2"))
    blocks += paragraphs(report.work_organization)
    blocks.append(Paragraph("（二）自评的方法和过程", "h2"))
    blocks += paragraphs(report.work_method)
    blocks.append(Paragraph("三、部门整体支出绩效目标实现情况及指标分析", "h1"))
    blocks.append(Paragraph("（一）总体绩效目标实现情况", "h2"))
    blocks += paragraphs(report.overall_achievement)
    blocks.append(Paragraph("（二）分项绩效目标实现情况及指标分析", "h2"))
    blocks += paragraphs(report.target_analysis)
    blocks.append(Paragraph("四、评价结论和评价等级", "h1"))
    blocks += paragraphs(report.conclusion)
    if report.score is not None and report.score_line:
        grade = grade_table(doc.unit.grade_table).grade(report.score)
        blocks.append(Paragraph(f"综合绩效评价得分：{_score(report.score)}分，评价等级：{grade}。"))
    blocks.append(Paragraph("五、存在的问题及改进措施", "h1"))
    blocks += paragraphs(report.problems)
    blocks.append(Paragraph("六、评价工作组人员名单", "h1"))
    blocks += team_blocks(report)
    if report.signer.strip() or report.sign_date.strip():
        blocks.append(Spacer(24))
        blocks += [Paragraph(t.strip(), "signature") for t in (report.signer, report.sign_date) if t.strip()]
    return blocks


def _score(score: Decimal) -> str:
    return format(score.normalize(), "f")


def team_blocks(report: SelfReport) -> list[Block]:
    """评价工作组人员名单: the role once per group (``组　长：``), then name and post."""
    blocks: list[Block] = []
    previous = None
    lines: list[tuple[str, list[str], str]] = []  # role, names, post
    for member in report.team:
        role, post = member.role.strip(), member.post.strip()
        if lines and lines[-1][0] == role and lines[-1][2] == post and role in JOINED_ROLES:
            lines[-1][1].append(member.name.strip())  # seed 002: 联络人：宋雪莹 曹迈迈 财务工作人员
        else:
            lines.append((role, [member.name.strip()], post))
    for role, names, post in lines:
        label = role if len(role) != 2 else f"{role[0]}\u3000{role[1]}"
        head = f"{label}：" if role != previous else "\u3000" * (len(label) + 1)
        previous = role
        blocks.append(Paragraph(f"{head}{' '.join(names)}\u3000{post}".rstrip()))
    return blocks


# Roles whose members with the same post share one line (several 联络人 for one office).
JOINED_ROLES = frozenset({"联络人"})
