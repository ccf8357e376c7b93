"""The perfdesk document: plain typed dataclasses for every form, no widgets, no storage.

One :class:`Document` is one budget unit × one fiscal year.  Amounts are ``Decimal`` in the
unit the form states (万元 unless a field says 元); ``None`` means the cell was left blank,
which is different from zero.  Text is kept exactly as typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Framework(StrEnum):
    """Which indicator framework the document uses (domain.md §3)."""

    Y2015 = "2015"
    Y2021 = "2021"


class MeasuresKind(StrEnum):
    """The three shapes of 工作保障措施 seen in the seeds."""

    GROUPED = "grouped"  # （一）业务层面 / （二）财务层面, each a numbered list (seed 000)
    LIST = "list"  # an optional lead paragraph and one numbered list (seed 001)
    TEXT = "text"  # free paragraphs (seed 003)


class ProjectTableStyle(StrEnum):
    """Which Hebei header the project tables print."""

    AMOUNTS = "amounts"  # 预算规模及资金用途 with 预算数/财政资金/其他资金 (seeds 000, 003)
    DEPARTMENT = "department"  # 主管部门及预算编码 + 实施单位 + 资金用途 text (seed 001)


class MoneyUnit(StrEnum):
    """The unit amounts are given in; a layout printing the other converts exactly."""

    WAN = "万元"
    YUAN = "元"


class Layout(StrEnum):
    """The family of official tables a document prints its projects in (realtables README A–J)."""

    HEBEI = "hebei"  # 项目绩效目标表, Hebei: 预算规模及资金用途, 资金支出计划, 年度目标, six-column grid (seeds)
    SHENBAO = (
        "shenbao"  # 项目支出绩效目标申报表 (上海-like): 项目属性/性质/类别/dates, 项目资金 block, 总体 + 年度 goals
    )
    SPLIT = "split"  # split columns 指标性质/指标值/度量单位/权重/指标方向 (四川, the 2021 national template)
    TWO_BLOCK = "two_block"  # 长期 and 年度 indicator blocks with 指标内容/指标值/备注 (湖南/安徽, template T1)


class DeptLayout(StrEnum):
    """Which 部门整体 table a document's :class:`DeptTable` prints as."""

    GUANGDONG = "guangdong"  # 部门整体预算绩效目标表 (seed 004)
    HUNAN = "hunan"  # 部门整体支出绩效目标申报表 (湖南/湖北): 职责, 年度总体目标, grid with 指标解释/评分标准


class Band(StrEnum):
    """Achievement band of a qualitative (定性) indicator in the self-evaluation."""

    MET = "达成"
    PARTLY = "部分达成"
    NOT_MET = "未达成"


class PageStyle(StrEnum):
    """The page setup every export follows (PDF, workbook and Word alike)."""

    TABLE = "table"  # 表格: compact A4, 20 mm margins, 14 pt text (perfdesk's first layout)
    GONGWEN = "gongwen"  # 公文 (GB/T 9704): 仿宋 三号 text, margins 37/35/28/26 mm


class Orientation(StrEnum):
    """Which way wide tables print under the page setup (PDF, workbook and Word alike)."""

    AUTO = "auto"  # 自动: 横向 for a table too wide for a portrait page (表格 only; 公文 stays 纵向)
    PORTRAIT = "portrait"  # 纵向: every page upright
    LANDSCAPE = "landscape"  # 横向: every part holding a table on a landscape page


class TableNumbering(StrEnum):
    """How project tables are numbered in their titles."""

    COMMA = "comma"  # 1、〈项目〉绩效目标表
    DOT = "dot"  # 1.〈项目〉绩效目标表 (seed 003)
    NONE = "none"  # no number (seeds 000, 001)


@dataclass
class PrintSettings:
    """How the document prints: page setup and the parts the seeds show or leave out.

    The defaults are what perfdesk printed before these settings existed, so an older file
    prints as it did; the bundled samples set what their seed shows.
    """

    page_style: PageStyle = PageStyle.TABLE
    cover_page: bool = True  # title page before the text part
    part_headings: bool = True  # 第一部分 / 第二部分 (else one heading 〈年〉年部门整体绩效目标)
    part_two_heading: bool = True  # 第二部分 预算项目绩效目标 before the tables (seed 003 has none)
    target_labels: bool = False  # the lines 总体绩效目标： and 分项绩效目标： (seed 001)
    table_numbering: TableNumbering = TableNumbering.COMMA
    figures_as_typed: bool = False  # amounts and percentages with the decimals typed (69.2, 25.00)
    orientation: Orientation = Orientation.AUTO  # pages of the parts with tables (自动/纵向/横向)


@dataclass
class ColumnTitles:
    """The printed titles of the indicator grid's optional columns where a table's own headings differ
    from its family's (a blank title is the family's, :mod:`perfdesk.models.labels`).  Per document:
    the grids, the printed tables and the 审核 place names all use them."""

    kind: str = ""
    operator: str = ""
    number: str = ""
    unit: str = ""
    weight: str = ""
    direction: str = ""
    explanation: str = ""
    scoring: str = ""
    note: str = ""


@dataclass
class UnitInfo:
    """The budget unit and the document-wide settings."""

    name: str = ""
    code: str = ""
    department: str = ""  # 主管部门
    fiscal_year: int = 2025
    money_unit: MoneyUnit = MoneyUnit.WAN
    framework: Framework = Framework.Y2015
    grade_table: str = "90-80-60"  # id of a table in models.grades
    project_table_style: ProjectTableStyle = ProjectTableStyle.AMOUNTS
    title: str = ""  # title-page heading; 〈年度〉年部门预算绩效文本 when blank
    compiler: str = ""  # 〈单位〉编制 on the title page when blank
    rolled_from: int | None = None  # the fiscal year this document was carried over from
    # Self-evaluation weights (domain.md §6): 预算执行率, then the 一级 categories.
    weight_execution: Decimal = Decimal(10)
    weight_output: Decimal = Decimal(50)
    weight_benefit: Decimal = Decimal(30)
    weight_satisfaction: Decimal = Decimal(10)
    # The family of tables the projects print in, and the optional indicator fields (names of
    # :data:`INDICATOR_DETAIL_FIELDS`) the grid shows and the tables print beyond the layout's own.
    layout: Layout = Layout.HEBEI
    indicator_columns: list[str] = field(default_factory=list)
    rule_set: str = "national"  # which 审核 rule set applies (models.checks): national or a region's
    printing: PrintSettings = field(default_factory=PrintSettings)
    column_titles: ColumnTitles = field(default_factory=ColumnTitles)  # 列标题 the tables print instead of the family's


@dataclass
class SubTarget:
    """One item of 分项绩效目标: a title, its 绩效目标 and its 绩效指标 text."""

    title: str = ""
    target: str = ""
    indicators: str = ""


@dataclass
class MeasureGroup:
    """A numbered list of 保障措施, optionally under a heading such as 业务层面."""

    title: str = ""
    items: list[str] = field(default_factory=list)


@dataclass
class Measures:
    """工作保障措施 in one of the three shapes of :class:`MeasuresKind`."""

    kind: MeasuresKind = MeasuresKind.GROUPED
    text: str = ""  # the free paragraphs (TEXT) or the lead paragraph (LIST)
    groups: list[MeasureGroup] = field(default_factory=list)


@dataclass
class OverallTarget:
    """F1: the text part 第一部分 部门整体绩效目标."""

    summary: str = ""  # 一、总体绩效目标
    sub_targets_text: str = ""  # 二、分项绩效目标 written as free text (seed 003)
    sub_targets: list[SubTarget] = field(default_factory=list)
    measures: Measures = field(default_factory=Measures)


@dataclass
class Indicator:
    """One row of the indicator grid; 一级/二级 are stored on every row (filled down)."""

    level1: str = ""
    level2: str = ""
    level3: str = ""
    description: str = ""
    value: str = ""  # 指标值 exactly as typed; parse with models.values.parse_value
    basis: str = ""  # 指标值确定依据
    # Structured fields (issue 11).  Each is optional and kept exactly as typed; blank means
    # "read it from the one-cell 指标值" (models.values.indicator_parts), so a row typed either as
    # ``≥90.00(%)`` or as ≥ | 90.00 | % has the same structure and prints in either encoding.
    kind: str = ""  # 指标性质: 定量 / 定性
    operator: str = ""  # 计算符号 as typed: ≥ ≤ = ＞ ＜ 大于等于 …
    number: str = ""  # the 指标值 column of a split layout: the number (or words) as typed
    unit: str = ""  # 计量单位 / 度量单位
    weight: Decimal | None = None  # 权重 / 分值
    direction: str = ""  # 指标方向: 正向 / 反向 (as typed, e.g. 正向指标)
    explanation: str = ""  # 指标解释 / 指标说明 / 绩效标准
    scoring: str = ""  # 评（扣）分标准 / 评分细则
    note: str = ""  # 备注
    # Points printed with a level's name (issue 12): ``产出指标（50分）`` is level1 产出指标, 50 points.
    level1_points: Decimal | None = None
    level2_points: Decimal | None = None
    # One target value per recipient of a distributed project (issue 11, 福建 专项资金 tables): item i
    # belongs to ``Project.recipients[i]``, kept exactly as typed (no trailing blanks); empty when none.
    recipient_values: list[str] = field(default_factory=list)


@dataclass
class EvalRow:
    """One indicator row of a project's 自评表 (F5)."""

    level1: str = ""
    level2: str = ""
    level3: str = ""
    target: str = ""  # 年度指标值, carried over from the project's indicator
    actual: str = ""  # 实际完成值
    points: Decimal | None = None  # 分值; None = share of the 一级 weight
    band: Band | None = None  # for 定性 rows
    not_applicable: bool = False
    reason: str = ""  # 偏差原因分析及改进措施
    # Structured fields (issue 11), as on :class:`Indicator`.  Each is optional and kept exactly as typed; blank means
    # "read it from the one-cell 指标值" (models.values.indicator_parts), so a row typed either as
    # ``≥90.00(%)`` or as ≥ | 90.00 | % has the same structure and prints in either encoding.
    kind: str = ""  # 指标性质: 定量 / 定性
    operator: str = ""  # 计算符号 as typed: ≥ ≤ = ＞ ＜ 大于等于 …
    number: str = ""  # the 指标值 column of a split layout: the number (or words) as typed
    unit: str = ""  # 计量单位 / 度量单位
    weight: Decimal | None = None  # 权重 / 分值
    direction: str = ""  # 指标方向: 正向 / 反向 (as typed, e.g. 正向指标)
    explanation: str = ""  # 指标解释 / 指标说明 / 绩效标准
    scoring: str = ""  # 评（扣）分标准 / 评分细则
    note: str = ""  # 备注
    stated_score: Decimal | None = None  # 得分 as printed in an imported table, kept beside perfdesk's
    # Points printed with a level's name (issue 12): ``产出指标（50分）`` is level1 产出指标, 50 points.
    level1_points: Decimal | None = None
    level2_points: Decimal | None = None


@dataclass
class EvalFundLine:
    """A breakdown row of the 自评表 funds block (其中：本年财政拨款, 上年结转资金, 其他资金 …), in 万元."""

    label: str = ""
    initial: Decimal | None = None  # 年初预算数
    annual: Decimal | None = None  # 全年预算数
    executed: Decimal | None = None  # 全年执行数
    stated_rate: Decimal | None = None  # 执行率 as printed (%)
    points: Decimal | None = None  # 分值 the table prints on this line of its own (09: 其中 row scored like the total)
    stated_score: Decimal | None = None  # 得分 printed on this line


@dataclass
class ProjectEval:
    """F5 项目支出绩效自评表 for one project."""

    initial_budget: Decimal | None = None  # 年初预算数
    annual_budget: Decimal | None = None  # 全年预算数 (A)
    executed: Decimal | None = None  # 全年执行数 (B)
    execution_reason: str = ""  # required when B/A < 90 %
    annual_goal: str = ""
    actual_summary: str = ""
    rows: list[EvalRow] = field(default_factory=list)
    stated_total: Decimal | None = None  # 总分 as printed in an imported table
    stated_grade: str = ""  # 等级 / 评价结论 grade as printed
    conclusion: str = ""  # 评价结论
    problems: str = ""  # 存在问题
    improvements: str = ""  # 改进措施
    contact: str = ""  # 负责人 / 填报人
    phone: str = ""  # 联系电话
    filled_date: str = ""  # 填报日期 of the 自评表, as typed
    remark: str = ""  # 说明 row under the grid
    title: str = ""  # printed title; 〈项目名称〉项目支出绩效自评表 when blank
    process: str = ""  # 项目实施内容及过程概述
    fund_lines: list[EvalFundLine] = field(default_factory=list)  # the funds block's breakdown rows
    stated_execution_points: Decimal | None = None  # 分值 of budget execution as printed (10, 20)
    stated_execution_rate: Decimal | None = None  # 执行率 (B/A) as printed, in %
    stated_execution_score: Decimal | None = None  # 得分 of budget execution as printed
    stated_points_total: Decimal | None = None  # the printed sum of the 分值 column
    # Issue 11 (brief 11b): what printed tables carry beside the scores.
    stated_indicator_points: Decimal | None = None  # points budget of the whole indicator block (绩效指标 90分)
    review_box: bool = False  # the table prints a 财政审核评分 box beside 自评得分 (empty for the finance bureau)
    review_score: Decimal | None = None  # 财政审核评分, when the finance bureau has given one
    finance_officer: str = ""  # 财务负责人, signing beside 负责人 (contact)
    # Issue 11 (brief 11c): text printed around the table.
    table_note: str = ""  # 表注: 注/备注/评分说明 printed under the table, as typed


@dataclass
class ScheduleItem:
    """A row of 实施进度计划: what is done, from when to when (dates as typed)."""

    content: str = ""
    start: str = ""
    end: str = ""


@dataclass
class FundLine:
    """A named source of a project's money beyond 财政/其他 (一般公共预算拨款, 政府性基金, 自有资金 …),
    for the whole period and for the year, in the project's money unit."""

    label: str = ""
    period_amount: Decimal | None = None
    annual_amount: Decimal | None = None
    level: int = 0  # 0 = a source of its own, 1 = part of the line above it (1、一般公共预算 under 财政拨款小计)


@dataclass
class CostLine:
    """A line of 项目预算成本构成 (湖北 tables): item, amount, 测算依据 and two prior years' actual spending.

    Amounts are in the project's money unit; the prior years are the two before the budget year
    (``prior1`` the earlier, ``prior2`` the later: 2020 and 2021 in a 2022 table).
    """

    item: str = ""  # 成本构成
    amount: Decimal | None = None  # 金额
    basis: str = ""  # 测算(公式)依据
    prior1: Decimal | None = None  # 〈年度−2〉年实际执行数
    prior2: Decimal | None = None  # 〈年度−1〉年实际执行数


@dataclass
class Recipient:
    """A recipient (town, 街道) of a distributed project: 附件 资金安排表 属地 | 金额 | 项目."""

    name: str = ""  # 属地
    amount: Decimal | None = None  # 金额, in the project's money unit
    project_name: str = ""  # the recipient's own project


@dataclass
class Project:
    """F2 项目（支出）绩效目标表, Hebei layout."""

    code: str = ""
    name: str = ""
    table_title: str = ""  # printed title; 〈项目名称〉绩效目标表 when blank
    caption: bool = False  # print the line 〈单位编码〉〈单位名称〉 … 单位：万元
    department_name: str = ""  # 主管部门
    department_code: str = ""  # 预算编码
    implementer: str = ""  # 实施单位
    budget_total: Decimal | None = None  # 预算数
    budget_fiscal: Decimal | None = None  # 其中：财政资金
    budget_other: Decimal | None = None  # 其他资金
    purpose: str = ""  # 资金用途
    plan_mar: Decimal | None = None  # 资金支出计划 (cumulative %) 3月底
    plan_jun: Decimal | None = None
    plan_oct: Decimal | None = None
    plan_dec: Decimal | None = None
    goals: list[str] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    evaluation: ProjectEval | None = None
    # Headers beyond Hebei (issue 11); every field optional, text kept as typed.
    money_unit: MoneyUnit = MoneyUnit.WAN  # the unit this project's amounts are stored in: 万元 or 元
    attribute: str = ""  # 项目属性: 新增 / 延续 (as typed)
    nature: str = ""  # 项目性质
    category: str = ""  # 项目类别 / 项目类型
    start_date: str = ""  # 计划开始日期 as typed (2026-01, 2026年1月 …)
    end_date: str = ""  # 计划完成日期
    period: str = ""  # 实施周期 (e.g. 1年, 2024-2026年)
    manager: str = ""  # 项目负责人
    phone: str = ""  # 联系电话
    overview: str = ""  # 项目概况
    legal_basis: str = ""  # 立项依据
    feasibility: str = ""  # 可行性
    necessity: str = ""  # 必要性
    schedule: list[ScheduleItem] = field(default_factory=list)  # 实施进度计划
    period_total: Decimal | None = None  # 项目资金总额 (the whole implementation period)
    period_fiscal: Decimal | None = None  # of which 财政资金 over the period
    period_other: Decimal | None = None  # of which 其他资金 over the period
    budget_carryover: Decimal | None = None  # 上年结转 (annual; budget_fiscal is 当年财政拨款)
    fund_lines: list[FundLine] = field(default_factory=list)  # other named sources, as printed
    long_term_goal: str = ""  # 总体目标 / 长期目标 / 实施周期目标 (goals are the 年度目标)
    long_term_indicators: list[Indicator] = field(default_factory=list)  # 长期/中期/实施周期 block
    filled_by: str = ""  # 填报人
    filled_date: str = ""  # 填报日期
    unit_leader: str = ""  # 单位负责人
    review_department: str = ""  # 主管部门审核意见 (prints as an empty box for signatures when blank)
    review_finance: str = ""  # 财政部门审核意见
    heading: str = ""  # printed above the title (附件2-1, 附件3:)
    measures_text: str = ""  # 保证项目实施的制度、措施 / 保障措施
    # Printed values that had no place (issue 11, brief 11a).
    cost_lines: list[CostLine] = field(default_factory=list)  # 项目预算成本构成
    cost_total: Decimal | None = None  # its 合计 of 金额 as printed (blank: not printed)
    cost_prior1_total: Decimal | None = None  # its 合计 of the earlier year's 实际执行数 as printed
    cost_prior2_total: Decimal | None = None  # its 合计 of the later year's 实际执行数 as printed
    recipients: list[Recipient] = field(default_factory=list)  # 资金安排表; one value column each
    recipients_title: str = ""  # the 资金安排表's printed title; 〈项目名称〉资金安排表 when blank
    stated_points_total: Decimal | None = None  # 总分 row of the 分值 column as printed
    # The covering 下达 notice printed before a transfer-payment table (printed above it when filled).
    notice_title: str = ""  # 关于下达…的通知
    notice_number: str = ""  # 文号, e.g. 津财基指〔2022〕23号
    notice_subject: str = ""  # 功能分类科目, e.g. 213.农林水支出
    notice_code: str = ""  # the project code the notice names
    notice_date: str = ""  # date as typed (2022年5月27日)
    notice_text: str = ""  # the notice's text as printed (paragraphs by line breaks)
    # Text printed around the table (issue 11, brief 11c), as typed; nothing printed when blank.
    preface: str = ""  # 表前说明: paragraphs printed above the heading and title (numbered items, a project list)
    grid_heading: str = ""  # 指标表标题: a sub-heading printed above the indicator grid (绩效项目指标表)
    table_note: str = ""  # 表注: 注/备注 printed under the table
    funds_text: str = ""  # 资金构成说明: the funds breakdown as one text, printed when no fund lines are typed


@dataclass
class KeyTask:
    """A 年度重点工作任务 row of the Guangdong table; the amount is in 元."""

    name: str = ""
    content: str = ""
    amount_yuan: Decimal | None = None
    expected: str = ""


@dataclass
class DutyTarget:
    """A 年度履职目标 row of a 部门整体 table (福建): a duty, the year's task for it, the spending item
    that pays for it and its 预算金额 in 万元."""

    duty: str = ""  # 部门职能
    task: str = ""  # 年度目标任务
    item: str = ""  # 支出项目名称
    amount: Decimal | None = None  # 预算金额（万元）


@dataclass
class DeptMoneyLine:
    """A line of 部门总体资金情况 as a 湖北 部门整体 申报表 prints it: 收入构成 or 支出构成, the year's amount,
    the two years before and the line's 占比 (万元, %), each as printed (合计 lines included)."""

    side: str = ""  # 收入构成 / 支出构成
    label: str = ""  # 财政拨款, 其他资金, 基本支出, 项目支出, 合计
    amount: Decimal | None = None  # 当年金额
    prior1: Decimal | None = None  # 近两年收支金额, first column
    prior2: Decimal | None = None  # 近两年收支金额, second column
    share: Decimal | None = None  # 占比 (%)


@dataclass
class OtherTask:
    """A 其他需完成的任务 row of the Guangdong table; the amount is in 元."""

    name: str = ""
    content: str = ""
    amount_yuan: Decimal | None = None


@dataclass
class DeptIndicator:
    """A 绩效指标 row of the Guangdong table: two value columns, no description."""

    level1: str = ""
    level2: str = ""
    level3: str = ""
    period_value: str = ""  # 实施周期指标值
    annual_value: str = ""  # 年度指标值
    # Structured fields (issue 11), as on :class:`Indicator`.  Each is optional and kept exactly as typed; blank means
    # "read it from the one-cell 年度指标值" (models.values.indicator_parts), so a row typed either as
    # ``≥90.00(%)`` or as ≥ | 90.00 | % has the same structure and prints in either encoding.
    kind: str = ""  # 指标性质: 定量 / 定性
    operator: str = ""  # 计算符号 as typed: ≥ ≤ = ＞ ＜ 大于等于 …
    number: str = ""  # the 指标值 column of a split layout: the number (or words) as typed
    unit: str = ""  # 计量单位 / 度量单位
    weight: Decimal | None = None  # 权重 / 分值
    direction: str = ""  # 指标方向: 正向 / 反向 (as typed, e.g. 正向指标)
    explanation: str = ""  # 指标解释 / 指标说明 / 绩效标准
    scoring: str = ""  # 评（扣）分标准 / 评分细则
    note: str = ""  # 备注
    # 部门整体支出绩效自评表 (issue 11): what the year achieved, as the table states it
    actual: str = ""  # 实际完成值 / 全年完成值
    stated_score: Decimal | None = None  # 得分 as printed
    reason: str = ""  # 偏差原因 / 说明 of the row
    # Points printed with a level's name (issue 12): ``产出指标（50分）`` is level1 产出指标, 50 points.
    level1_points: Decimal | None = None
    level2_points: Decimal | None = None


@dataclass
class DeptTable:
    """F3 部门整体预算绩效目标表, Guangdong layout (seed 004); amounts in 万元."""

    region: str = ""  # e.g. 东莞市, printed before 部门整体预算绩效目标表
    dept_name: str = ""
    staff_count: int | None = None  # 财政供养人员数
    sub_units: int | None = None  # 下属二级单位数
    basic_expense: Decimal | None = None  # 基本支出
    project_expense: Decimal | None = None  # 项目支出
    special_funds: Decimal | None = None  # 事业发展性支出：财政专项资金
    other_development: Decimal | None = None  # 事业发展性支出：其他事业发展性支出
    income_fiscal: Decimal | None = None  # 收入来源：财政拨款
    income_other: Decimal | None = None  # 收入来源：其他资金
    local_use: Decimal | None = None  # 按预算级次：市本级使用资金
    transfer: Decimal | None = None  # 按预算级次：拟用于对下转移支付资金
    goals: list[str] = field(default_factory=list)
    key_tasks: list[KeyTask] = field(default_factory=list)
    other_tasks: list[OtherTask] = field(default_factory=list)
    indicators: list[DeptIndicator] = field(default_factory=list)
    # 湖南/湖北 部门整体支出绩效目标申报表 (issue 11)
    layout: DeptLayout = DeptLayout.GUANGDONG
    dept_code: str = ""  # 部门编码
    contact: str = ""  # 联系人
    phone: str = ""  # 联系电话
    duties: str = ""  # 部门职责 / 部门职能
    annual_goal: str = ""  # 年度总体目标 (one text; goals holds numbered lines)
    budget_total: Decimal | None = None  # 年度预算总额 (万元)
    title: str = ""  # printed title; the layout's own when blank
    filled_by: str = ""  # 填报人
    filled_date: str = ""  # 填报日期
    # 部门整体支出绩效自评表 (the department's self-evaluation; blank in a target table)
    executed: Decimal | None = None  # 全年执行数 (万元)
    fund_lines: list[EvalFundLine] = field(default_factory=list)  # 资金来源 rows: 年初预算数/全年预算数/执行数
    stated_execution_points: Decimal | None = None  # 预算执行 分值 as printed
    stated_execution_rate: Decimal | None = None  # 执行率 as printed (%)
    stated_execution_score: Decimal | None = None  # 预算执行 得分 as printed
    stated_total: Decimal | None = None  # 自评总分 as printed
    achievement: str = ""  # 年度总体目标完成情况 / 全年目标实际完成情况
    deviation_reason: str = ""  # 偏差大或目标未完成原因分析
    improvements: str = ""  # 改进措施及结果应用方案
    stated_indicator_points: Decimal | None = None  # points budget of the year's goal and indicators (年度目标 80分)
    duty_targets: list[DutyTarget] = field(default_factory=list)  # 年度履职目标 (部门职能 | 任务 | 支出项目 | 金额)
    adjusted_goal: str = ""  # 全年(调整)绩效目标, beside the 年初 annual_goal in a self-evaluation
    money_lines: list[DeptMoneyLine] = field(default_factory=list)  # 部门总体资金情况, printed instead of 年度预算
    prior_year1: str = ""  # the years heading 近两年收支金额 (blank: printed as the template's “年”)
    prior_year2: str = ""
    # Text printed around the table (issue 11, brief 11c), as typed; nothing printed when blank.
    heading: str = ""  # printed above the title (附件4:…)
    preface: str = ""  # 表前说明: paragraphs printed above the heading and title
    table_note: str = ""  # 表注: 注/备注/得分计算方法 printed under the table


@dataclass
class TeamMember:
    """A line of 评价工作组人员名单."""

    role: str = ""  # 组长 / 副组长 / 组员 / 联络人
    name: str = ""
    post: str = ""  # 职务


@dataclass
class ReportTarget:
    """A sub-target of the self-evaluation report with its 绩效目标 text."""

    title: str = ""
    target: str = ""


@dataclass
class SelfReport:
    """F4 整体支出绩效自评报告 (seed 002); amounts in 万元."""

    year: int = 2024
    preface: str = ""
    overview: str = ""  # （一）部门概况, before the duties
    duties: list[str] = field(default_factory=list)  # 主要职责
    income_budget: Decimal | None = None  # 年初安排预算收入
    income_public: Decimal | None = None  # 其中一般公共预算拨款
    income_other: Decimal | None = None  # 其他来源收入
    final_expense: Decimal | None = None  # 年末决算支出
    personnel_expense: Decimal | None = None  # 人员经费
    public_expense: Decimal | None = None  # 日常公用经费
    project_expense: Decimal | None = None  # 项目支出
    prior_year_budget: Decimal | None = None  # 上年年初预算, to compute the change
    stated_change: Decimal | None = None  # 比上年增加 … 万元, as written
    stated_change_rate: Decimal | None = None  # 比上年增加 … %, as written
    change_reason: str = ""
    finance_text: str = ""  # （二）部门收支预决算情况 as typed; blank: sentences from the amounts
    targets_text: str = ""  # （三）部门整体支出绩效目标、指标
    targets: list[ReportTarget] = field(default_factory=list)
    work_organization: str = ""  # 二、（一）自评的组织工作
    work_method: str = ""  # 二、（二）自评的方法和过程
    overall_achievement: str = ""  # 三、（一）
    target_analysis: str = ""  # 三、（二）
    conclusion: str = ""  # 四、评价结论和评价等级
    score: Decimal | None = None
    score_line: bool = True  # print 综合绩效评价得分：…分，评价等级：… after the conclusion
    problems: str = ""  # 五、存在的问题及改进措施
    team: list[TeamMember] = field(default_factory=list)
    signer: str = ""
    sign_date: str = ""


@dataclass
class Document:
    """One unit's 部门预算绩效文本 for one fiscal year, with its optional companions."""

    unit: UnitInfo = field(default_factory=UnitInfo)
    overall: OverallTarget = field(default_factory=OverallTarget)
    projects: list[Project] = field(default_factory=list)
    dept_table: DeptTable | None = None
    self_report: SelfReport | None = None

    def display_title(self) -> str:
        """The title page heading (under the unit name): stored, or 〈年度〉年部门预算绩效文本."""
        return self.unit.title or f"{self.unit.fiscal_year}年部门预算绩效文本"


# The optional structured fields of an indicator row, in the order the split layouts print them.
INDICATOR_DETAIL_FIELDS: tuple[str, ...] = (
    "kind", "operator", "number", "unit", "weight", "direction", "explanation", "scoring", "note",
)  # fmt: skip


def project_title(project: Project) -> str:
    """The printed title of a project table."""
    return project.table_title or f"{project.name}绩效目标表"
