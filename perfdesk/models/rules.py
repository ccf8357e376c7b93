"""The catalogue of 审核 rules and the rule sets a document can be checked with.

Every finding the checks produce carries the id of one :class:`Rule` here (``Finding.code``).
A rule says how bad its finding is, what it checks in one line, where it points, and where it
comes from — a national document, a province's practice, or perfdesk's own plausibility check —
said plainly, so that a reviewer can weigh it.  ``docs/checks.md`` is generated from this module
(``tools/gen_checks_doc.py``).

A :class:`RuleSet` is chosen per document (``UnitInfo.rule_set``): the national default, or a
region's set that switches on rules the region asks for (every 二级 present, a share of 定量
indicators) and sets the total the indicator weights must reach.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from perfdesk.models.findings import Finding, Severity

E, W = Severity.ERROR, Severity.WARNING


class Origin(StrEnum):
    """Where a rule comes from."""

    NATIONAL = "national"  # a Ministry of Finance document
    REGIONAL = "regional"  # a province's or city's practice
    TABLE = "table"  # the printed table's own definition (a sum it prints, a column it defines)
    PERFDESK = "perfdesk"  # perfdesk's own plausibility check


@dataclass(frozen=True)
class Rule:
    """One check: id (the finding's code), severity, description, place and source."""

    id: str
    severity: Severity
    description: str
    place: str
    origin: Origin
    source: str
    default_on: bool = True  # on in the national set
    blank: bool = False  # about a required field left empty (a never-touched form shows it as 待填)


_F2 = "项目绩效目标表"
_ROW = "项目绩效目标表 · 指标行"
_F3 = "部门整体预算绩效目标表"
_F4 = "整体支出绩效自评报告"
_F5 = "项目支出绩效自评表"
_F5ROW = "项目支出绩效自评表 · 指标行"

_PD = "no document behind it: what a reviewer would query"
_10 = "财预〔2020〕10号《项目支出绩效评价管理办法》附件 项目支出绩效自评表 and its notes"
_88 = "财预〔2015〕88号《中央部门预算绩效目标管理办法》: targets are 指向明确、细化量化、合理可行"
_FW = "the indicator framework in use: 2015 style (财预〔2015〕88号 附件) or 财预〔2021〕101号"
_HEBEI = "Hebei county tables (the seeds); perfdesk has not seen the provincial document — unverified practice"

_RULES: tuple[Rule, ...] = (
    # --- 单位信息 and the whole document
    Rule("unit-name", E, "单位名称 is empty", "单位信息 · 单位名称", Origin.PERFDESK, _PD, blank=True),
    Rule("unit-year", E, "预算年度 is not a plausible year (2000–2100)", "单位信息 · 预算年度", Origin.PERFDESK, _PD),
    Rule("year-reference", W, "after a rollover, text still mentions the old year", "any text field", Origin.PERFDESK, _PD),
    Rule("undrawable-character", W, "a character no font on this PC draws (rare CJK, emoji): it would print as □", "any text field", Origin.PERFDESK, "fonts available to the PDF, checked per character before printing"),
    # --- project header
    Rule("project-name", E, "项目名称 is empty", f"{_F2} · 项目名称", Origin.TABLE, "every project table prints 项目名称", blank=True),
    Rule("amount-negative", E, "an amount is negative", f"{_F2} · 预算数/财政资金/其他资金", Origin.PERFDESK, _PD),
    Rule("amount-decimals", E, "an amount has a fraction below 1 分 (more than 6 decimals in 万元, more than 2 in 元)", f"{_F2} · amounts", Origin.PERFDESK, "money is counted in 分: 万元 with up to six decimals is an exact 元/分 amount, more is not money"),
    Rule("header-missing", W, "a header cell the table prints is empty: 联系电话 beside a 项目负责人, 主管部门 on a 自评表 or on a 申报表 whose 实施单位/项目属性/项目期 show the national header, 单位 on a 部门整体表", f"{_F2} · 联系电话 / 主管部门; {_F3} · 部门名称", Origin.TABLE, "the 申报表 prints 项目负责人 and 联系电话 side by side; the 自评表 (财预〔2020〕10号) and the 财预〔2015〕88号 申报表 (主管部门及代码 beside 实施单位, 项目属性 beside 项目期) print 主管部门", blank=True),
    Rule("header-wrong", W, "a header cell holding something else: a 项目名称 that is a table title, a 主管部门 that is an internal 科/股, a 项目属性 that is a fund name (…补助资金) instead of 新增/延续", f"{_F2} · 项目名称 / 主管部门 / 项目属性", Origin.PERFDESK, _PD),
    Rule("period-amount-missing", W, "a multi-year project (实施周期 over one year) without its 项目资金总额", f"{_F2} · 项目资金总额", Origin.TABLE, "tables with 中期/实施周期 columns print the whole period's funds"),
    Rule("long-term-empty", W, "the 长期/实施周期 indicator block has only 一级/二级, no 三级 or values", f"{_F2} · 长期指标", Origin.TABLE, "tables with a 长期/中期 block ask for its indicators"),
    Rule("long-term-copy", W, "the 长期/实施周期 block is a copy of the annual block", f"{_F2} · 长期指标", Origin.PERFDESK, _PD),
    Rule("amount-total-missing", E, "Hebei table: 财政资金 or 其他资金 filled but 预算数 empty", f"{_F2} · 预算数", Origin.TABLE, "the table prints 预算数 = 财政资金 + 其他资金", blank=True),
    Rule("amount-sum", E, "财政资金 + 其他资金 ≠ 预算数", f"{_F2} · 预算数", Origin.TABLE, "the table prints 预算数 with 其中 财政资金 / 其他资金"),
    Rule("amount-purpose", W, "an amount written in 资金用途 differs from the table", f"{_F2} · 资金用途", Origin.PERFDESK, _PD),
    Rule("text-sum", W, "a text states a total and, after 其中, two or more parts that do not add up to it (元/万元/亿元 converted; each figure may be off by half a unit of its last digit)", f"{_F2} · 资金用途/项目概况/绩效目标; {_F5} · 年度目标/实际完成情况; {_F3} · 年度总体目标/完成情况", Origin.PERFDESK, _PD),
    Rule("cost-total-stated", E, "the printed 合计 of the 项目预算成本构成 (金额 or a prior year's 实际执行数) ≠ the sum of its lines", f"{_F2} · 成本构成合计", Origin.TABLE, "the 湖北 (鄂州) 项目支出绩效目标表 prints 项目预算成本构成 lines and their 合计"),
    Rule("cost-budget", E, "the 项目预算成本构成 金额 do not add up to 预算数", f"{_F2} · 成本构成", Origin.TABLE, "the 湖北 (鄂州) table breaks the project's budget down into its 成本构成 (财预〔2021〕101号 asks for 成本 measured against the budget)"),
    Rule("recipients-budget", E, "the amounts of the 资金安排表 (one per recipient) do not add up to 资金总额", f"{_F2} · 资金安排", Origin.TABLE, "a 福建 transfer notice prints the 资金安排表 (属地, 金额, 项目) as the split of the 资金总额"),
    Rule("recipient-values-extra", W, "an indicator row has more per-recipient values than the project has recipients (the extra ones do not print)", f"{_ROW} · 分地区指标值", Origin.PERFDESK, _PD),
    Rule("points-total-stated", E, "the printed 总分 of a target table ≠ the sum of its 分值 column", f"{_F2} · 总分", Origin.TABLE, "a target table with 分值 (河北 宁晋 评价指标表) prints 总分 as the sum of the column"),
    Rule("listed-amount", W, "a list printed above the table (表前说明, the 下达 notice) names the project with an amount that is neither its 预算数 nor its 项目资金总额", f"{_F2} · 预算数", Origin.PERFDESK, "a unit's project list or a transfer notice gives each project its amount; the table's budget is the same money"),
    Rule("period-below-annual", W, "the multi-year 项目资金总额 is smaller than the annual 预算数", f"{_F2} · 项目资金总额", Origin.PERFDESK, "a whole period's funds include the year's funds"),
    Rule("date-outside-year", W, "计划开始/完成日期 or a 时效 target date lies outside the budget year and the 实施周期", f"{_F2} · 计划开始/完成日期, 时效指标值", Origin.PERFDESK, _PD),
    Rule("plan-range", E, "资金支出计划 outside 0–100 %", f"{_F2} · 资金支出计划", Origin.TABLE, "the Hebei table defines 资金支出计划 as 累计进度 in %"),
    Rule("plan-decreasing", E, "资金支出计划 decreases (it is cumulative)", f"{_F2} · 资金支出计划", Origin.TABLE, "the Hebei table defines 资金支出计划 as 累计进度 in %"),
    Rule("plan-december", E, "12月底 filled and not 100 %", f"{_F2} · 12月底", Origin.TABLE, "the Hebei table defines 资金支出计划 as 累计进度 in %"),
    Rule("goals-empty", W, "no 绩效目标 written", f"{_F2} · 绩效目标", Origin.NATIONAL, _88, blank=True),
    Rule("code-duplicate", W, "the same 项目编码 twice in a document", f"{_F2} · 项目编码", Origin.PERFDESK, _PD),
    Rule("name-duplicate", W, "the same 项目名称 twice in a document", f"{_F2} · 项目名称", Origin.PERFDESK, _PD),
    # --- the indicator grid as a whole
    Rule("no-indicators", E, "a project without any indicator row", _F2, Origin.NATIONAL, _88, blank=True),
    Rule("no-output", E, "no 产出 indicator", _F2, Origin.NATIONAL, _FW),
    Rule("no-benefit", E, "no 效益（效果）indicator", _F2, Origin.NATIONAL, _FW),
    Rule("no-satisfaction", W, "no 满意度 indicator", _F2, Origin.NATIONAL, _FW + " (满意度 is asked for where there are service recipients)"),
    Rule("level2-empty", W, "a 二级 category of the framework has no row (counting filled rows only)", _F2, Origin.REGIONAL, _HEBEI, default_on=False),
    Rule("few-quantitative", W, "fewer than two thirds of the filled indicators are 定量", _F2, Origin.REGIONAL, _HEBEI, default_on=False),
    Rule("rows-not-grouped", W, "rows of one 一级 are not together (another 一级 sits between them)", f"{_ROW} · 一级指标", Origin.TABLE, "the official tables merge the 一级 cell over its rows, so a 一级's rows are adjacent"),
    Rule("weights-total", W, "the indicator weights (权重/分值) do not add up to the rule set's total (on a 部门整体 table also accepted: 100 less the 预算执行 分值 it prints)", f"{_ROW} · 权重; {_F3} · 权重", Origin.NATIONAL, _10 + " (execution 10 + indicators 90); 100 where a table weighs indicators alone"),
    # --- one indicator row
    Rule("row-missing", E, "一级, 二级, 三级 or 指标值 of a filled row is empty", f"{_ROW} · that field", Origin.NATIONAL, _88, blank=True),
    Rule("level1-unknown", E, "一级 is not a 一级 of the framework", f"{_ROW} · 一级指标", Origin.NATIONAL, _FW),
    Rule("level2-mismatch", E, "二级 does not belong to its 一级", f"{_ROW} · 二级指标", Origin.NATIONAL, _FW),
    Rule("value-placeholder", E, "指标值 is a placeholder (*, -, XX …)", f"{_ROW} · 指标值", Origin.PERFDESK, _PD),
    Rule("template-text", W, "template instruction text left in a cell (请填写…, （100字以内）, ××, 指标2:, ……)", "any text field", Origin.PERFDESK, _PD),
    Rule("operator-missing", W, "a 定量 value in the split columns without 计算符号 (≥ ≤ =)", f"{_ROW} · 计算符号", Origin.TABLE, "the split layouts (计算符号 or 指标性质, 指标值, 度量单位) print the sign in its own column"),
    Rule("value-no-operator", W, "a 定量 指标值 written without its sign (≥ ≤ =)", f"{_ROW} · 指标值", Origin.REGIONAL, "the Shanghai 申报表 writes every 定量 target with its sign (≥90.00(%)); perfdesk's reading of the template, unverified", default_on=False),
    Rule("direction-conflict", W, "指标方向 contradicts the sign: 正向 with ≤/<, 反向 with ≥/>", f"{_ROW} · 计算符号", Origin.NATIONAL, _10 + " (正向 scored actual/target, 反向 target/actual)"),
    Rule("kind-mismatch", W, "指标性质 says 定量 but the value is words, or 定性 but the value is a number with a unit", f"{_ROW} · 指标值", Origin.PERFDESK, _PD),
    Rule("qualitative-unit", W, "a 定性 value ends in a unit (大幅降低20%)", f"{_ROW} · 指标值", Origin.PERFDESK, _PD),
    Rule("unit-conflict", W, "the unit does not fit the indicator: money on a rate, % on an amount, 个 for people, a unit other than the one the name states", f"{_ROW} · 指标值", Origin.PERFDESK, _PD),
    Rule("cost-qualitative", W, "a 成本 indicator whose value is words (成本 is an amount or a rate)", f"{_ROW} · 指标值", Origin.NATIONAL, "财预〔2021〕101号: 成本指标 are set against the budget's cost measures"),
    Rule("value-implausible", W, "a rate or 满意度 target above 100 %", f"{_ROW} · 指标值", Origin.PERFDESK, _PD),
    Rule("level2-misfiled", W, "a 三级 that does not fit its 二级: 满意度 filed elsewhere, a rate as 数量, an 经济/生态/满意度 name without its subject", f"{_ROW} · 二级指标", Origin.PERFDESK, _PD + " (keyword lists; a warning, never an error). Measured before keeping it on in every set: on the corpus 13 hits true, none false, 3 on names cut in the stored copy; on the seeds 16 hits, read one by one, all but one misfiled (节约成本 under 生态效益 is an economic saving, 更新车辆 an output, 安全生产天数 and 提高抗灾水平 social effects; 督导检查活动带来的影响 too vague to say)"),
    Rule("cost-over-budget", W, "a 成本 indicator above the project's 预算数 (万元/元 converted)", f"{_ROW} · 指标值", Origin.PERFDESK, _PD),
    Rule("level3-number", W, "三级 name contains a number (the value belongs in 指标值)", f"{_ROW} · 三级指标", Origin.PERFDESK, _PD),
    Rule("level3-is-level", W, "三级 name is a 一级/二级 name (满意度指标, 数量指标 …)", f"{_ROW} · 三级指标", Origin.NATIONAL, _FW),
    Rule("level2-is-level1", W, "二级 is the 一级 name again (满意度指标 under 满意度指标)", f"{_ROW} · 二级指标", Origin.NATIONAL, _FW),
    Rule("row-empty", W, "an indicator row with no 三级 and no 指标值 (an empty template row)", f"{_ROW} · 三级指标", Origin.PERFDESK, _PD, blank=True),
    Rule("text-cut", W, "a 三级 name that stops mid-sentence (ends in a comma)", f"{_ROW} · 三级指标", Origin.PERFDESK, _PD),
    Rule("value-explanation", W, "the 指标解释 states a value in another unit than the 指标值 (90% beside 1)", f"{_ROW} · 指标值", Origin.PERFDESK, _PD),
    Rule("eval-actual-unit", W, "实际完成值 a bare number where the 指标值 has a unit (90 against ≤90万元)", f"{_F5ROW} · 实际完成值", Origin.PERFDESK, _PD),
    Rule("level3-long", W, "三级 name over 100 characters", f"{_ROW} · 三级指标", Origin.PERFDESK, _PD),
    Rule("level3-duplicate", W, "the same 三级 name twice in a project", f"{_ROW} · 三级指标", Origin.PERFDESK, _PD),
    # --- 部门整体 table (Guangdong)
    Rule("dept-balance", E, "部门预算支出 ≠ 收入来源", f"{_F3} · 财政拨款", Origin.TABLE, "the Guangdong table prints both totals"),
    Rule("dept-blank", W, "市本级使用资金 or 拟用于对下转移支付资金 empty", f"{_F3}", Origin.TABLE, "the Guangdong table prints both cells", blank=True),
    Rule("dept-levels", E, "按预算级次划分 ≠ 收入来源", f"{_F3} · 市本级使用资金", Origin.TABLE, "the Guangdong table prints both totals"),
    Rule("dept-part-over", E, "a part (基本支出, 项目支出 …) larger than 年度预算总额 (a lost decimal point?)", f"{_F3} · that amount", Origin.TABLE, "the table prints the total and its parts"),
    Rule("dept-tasks-over", W, "年度重点工作任务 funds (元) above 项目支出 + 事业发展性支出 (万元)", f"{_F3} · 年度重点工作任务", Origin.PERFDESK, _PD),
    Rule("dept-duty-sum", W, "年度履职目标 预算金额 do not add up to 年度预算总额", f"{_F3} · 年度履职目标", Origin.TABLE, "the 福建 部门整体 table prints the spending items of each duty with their 预算金额 beside the 年度预算安排 (11)"),
    Rule("dept-goals", E, "总体绩效目标 empty", f"{_F3} · 总体绩效目标", Origin.NATIONAL, _88, blank=True),
    Rule("copied-text", W, "two different text cells hold the same text (职责 and 目标, 概况 and 必要性, 预期目标 and 实际完成情况), or a goal that only repeats the project name", "项目表, 自评表, 部门整体表 · the second cell", Origin.PERFDESK, _PD),
    Rule("text-repeated", W, "the same 指标解释 on every row (three or more): boilerplate", f"{_ROW} / {_F3} · 指标解释", Origin.PERFDESK, _PD),
    Rule("dept-level2-empty", W, "a 二级 row the Guangdong table prints is empty", _F3, Origin.REGIONAL, "Guangdong 部门整体预算绩效目标表 (seed 004) prints every 二级 of the framework", default_on=False),
    # --- 自评报告
    Rule("report-income", E, "预算收入 parts ≠ total", f"{_F4} · 年初预算收入", Origin.TABLE, "the report states the total and its parts"),
    Rule("report-expense", E, "决算支出 parts ≠ total", f"{_F4} · 年末决算支出", Origin.TABLE, "the report states the total and its parts"),
    Rule("report-change", E, "比上年增加额 ≠ this year − last year", f"{_F4} · 比上年增加额", Origin.TABLE, "the report states both years"),
    Rule("report-change-rate", W, "比上年增长率 does not follow from the amounts", f"{_F4} · 比上年增长率", Origin.PERFDESK, _PD),
    Rule("report-score", E, "得分 outside 0–100", f"{_F4} · 得分", Origin.NATIONAL, _10),
    Rule("eval-report-grade", E, "the grade written in 评价结论 does not match the score in the grade table", f"{_F4} · 评价结论", Origin.NATIONAL, _10 + "; the grade table is the document's (regions differ)"),
    Rule("eval-report-score", W, "the score written in 评价结论 differs from 得分", f"{_F4} · 评价结论", Origin.PERFDESK, _PD),
    # --- 自评表
    Rule("eval-weights", W, "the self-evaluation weights do not add up to 100 (only where they score a table: a 自评表 printing its own 分值 on every row, or a 部门整体 self-evaluation alone, is scored by its printed points)", "单位信息 · 自评权重", Origin.NATIONAL, _10),
    Rule("eval-weights-negative", E, "a self-evaluation weight is negative", "单位信息 · 自评权重", Origin.PERFDESK, _PD),
    Rule("eval-amount-negative", E, "年初预算数/全年预算数/全年执行数 negative", f"{_F5} · amounts", Origin.PERFDESK, _PD),
    Rule("eval-amount-decimals", E, "an amount has a fraction below 1 分", f"{_F5} · amounts", Origin.PERFDESK, "money is counted in 分"),
    Rule("eval-executed-missing", E, "全年执行数（B）empty", f"{_F5} · 全年执行数", Origin.NATIONAL, _10, blank=True),
    Rule("eval-budget-missing", E, "全年执行数 filled but 全年预算数（A）empty", f"{_F5} · 全年预算数", Origin.NATIONAL, _10, blank=True),
    Rule("eval-budget-zero", E, "全年预算数（A）is 0 while the table is filled: no 执行率 can be computed", f"{_F5} · 全年预算数", Origin.NATIONAL, _10),
    Rule("eval-executed-over", E, "全年执行数 above 全年预算数", f"{_F5} · 全年执行数", Origin.PERFDESK, _PD),
    Rule("eval-execution-reason", E, "执行率 below 90 % without a reason (template text does not count)", f"{_F5} · 执行率偏低原因", Origin.NATIONAL, _10 + " (偏差原因 for 执行率 below 90 %)"),
    # --- the execution blocks: 自评表 funds block and 部门整体 预算执行情况 (models/fund_checks.py)
    Rule("funds-rate-stated", E, "a printed 执行率 ≠ 执行数 ÷ 全年预算数 of its line (accepted within one unit of its last printed digit plus what the rounding of the printed amounts leaves open, capped at 100 %, or as a ratio)", f"{_F5} · 执行率 / 资金来源; {_F3} · 执行率", Origin.TABLE, "the 自评表 and 部门整体自评表 define 执行率 = B/A"),
    Rule("funds-lines-sum", E, "the 资金来源 lines (其中：财政拨款, 上年结转, 其他资金 …) do not add up to the total line, per column (each figure may be off by half a unit of its last digit)", f"{_F5} · 全年预算数 / 全年执行数 / 年初预算数; {_F3} · 年度预算总额 / 全年执行数", Origin.TABLE, "the funds block prints the total with 其中 its sources"),
    Rule("funds-rate-unbacked", W, "a 执行率 (and 得分) printed where the 执行数 it is computed from is empty", f"{_F3} · 全年执行数; {_F5} · 资金来源", Origin.TABLE, "the table defines 执行率 = B/A"),
    Rule("funds-executed-over", W, "a 资金来源 line spending more than its 全年预算数, or a 部门整体 table more than its 年度预算总额 (no adjusted budget printed), by more than the rounding of the two printed figures", f"{_F5} · 资金来源; {_F3} · 年度预算总额", Origin.PERFDESK, _PD + " (the project total's own B > A is eval-executed-over)"),
    Rule("funds-score-docked", W, "执行率 100 % (执行数 = 预算) printed with a 预算执行 得分 below its 分值", f"{_F5} / {_F3} · 预算执行得分; {_F5ROW} · 得分 of a 预算执行率 row", Origin.NATIONAL, _10 + " (执行率得分 = 执行率 × 分值, full at 100 %)"),
    Rule("eval-points-negative", E, "分值 negative", f"{_F5ROW} · 分值", Origin.PERFDESK, _PD),
    Rule("eval-points-over", E, "the 分值 of a 一级 add up to more than its weight", f"{_F5ROW} · 分值", Origin.NATIONAL, _10),
    Rule("eval-points-under", W, "the 分值 of a 一级 add up to less than its weight", f"{_F5ROW} · 分值", Origin.NATIONAL, _10),
    Rule("eval-points-own", W, "the table's own points differ from the document's 一级 weights: scored by its own points", f"{_F5ROW} · 分值", Origin.NATIONAL, _10),
    Rule("eval-points-total", E, "the 分值 of all rows plus 预算执行率 do not add up to 100", f"{_F5ROW} · 分值", Origin.NATIONAL, _10),
    Rule("eval-points-stated", E, "the 分值 printed on the 总分 line ≠ the sum of the printed row 分值 (and 预算执行 分值), within 0.1", f"{_F5} · 分值合计", Origin.TABLE, "the 自评表 prints the 分值 column's total on its 总分 line"),
    Rule("eval-total-stated", E, "the printed 总分 ≠ the sum of the printed row 得分 (and 执行率 得分), within 0.1 for rounding", f"{_F5} · 总分; {_F3} · 自评总分", Origin.TABLE, "the 自评表 (项目 and 部门整体) prints 总分 as the sum of its 得分 column"),
    Rule("eval-score-differs", W, "a printed row 得分 that the row's actual and target do not give (a met target docked, a missed one scored full)", f"{_F5ROW} · 得分", Origin.NATIONAL, _10 + " (正向/反向 ratio scoring, bands for 定性 rows)"),
    Rule("eval-score-over", E, "a printed 得分 above the row's 分值 (or the 预算执行 得分 above its 分值)", f"{_F5ROW} · 得分; {_F5} / {_F3} · 预算执行得分", Origin.TABLE, "得分 is a part of 分值"),
    Rule("eval-actual-is-target", E, "实际完成值 carries ≥ ≤ > < (a target copied in)", f"{_F5ROW} · 实际完成值", Origin.NATIONAL, _10 + " (实际完成值 is what was achieved)"),
    Rule("eval-actual-missing", E, "实际完成值 empty on a 定量 row", f"{_F5ROW} · 实际完成值", Origin.NATIONAL, _10, blank=True),
    Rule("eval-band-missing", E, "a 定性 row without its 达成程度 (a row printing its own 得分 needs none)", f"{_F5ROW} · 达成程度", Origin.NATIONAL, _10, blank=True),
    Rule("eval-level1-unknown", W, "a 一级 label perfdesk cannot read (only “(50分)”): said once; the row takes its 二级's 一级 when it can", f"{_F5ROW} · 一级指标", Origin.NATIONAL, _FW),
    Rule("eval-unscored", W, "a row perfdesk cannot score (actual in words, units differ, unknown 一级)", f"{_F5ROW}", Origin.PERFDESK, _PD),
    Rule("eval-reason-missing", E, "a row scored below its points without 偏差原因分析", f"{_F5ROW} · 偏差原因分析及改进措施", Origin.NATIONAL, _10),
)  # fmt: skip

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}


@dataclass(frozen=True)
class RuleSet:
    """A set of rules chosen per document: the national default plus a region's changes."""

    id: str
    name: str
    description: str
    enable: frozenset[str] = frozenset()
    disable: frozenset[str] = frozenset()
    weight_totals: tuple[Decimal, ...] = (Decimal(100),)  # what indicator weights may add up to

    def is_on(self, rule_id: str) -> bool:
        """True when the rule applies in this set (a rule not in the catalogue always applies)."""
        rule = RULES.get(rule_id)
        if rule is None or rule_id in self.enable:
            return True
        return rule.default_on and rule_id not in self.disable


RULE_SETS: dict[str, RuleSet] = {
    s.id: s
    for s in (
        RuleSet(
            "national",
            "全国（默认）",
            "National documents, the tables' own definitions and perfdesk's plausibility checks.",
        ),
        RuleSet(
            "hebei",
            "河北",
            "National set plus every 二级 of the framework present and at least two thirds 定量 indicators, "
            "as the Hebei county tables do (unverified provincial practice).",
            enable=frozenset({"level2-empty", "few-quantitative"}),
        ),
        RuleSet(
            "guangdong",
            "广东",
            "National set plus: the 部门整体预算绩效目标表 prints a row for every 二级, so an empty one is flagged.",
            enable=frozenset({"dept-level2-empty"}),
        ),
        RuleSet(
            "sichuan",
            "四川式（指标 90 分）",
            "National set with indicator weights adding up to 90 (预算执行率 takes 10), as in the "
            "Sichuan and Chongqing budget-system tables.",
            weight_totals=(Decimal(90),),
        ),
        RuleSet(
            "shanghai",
            "上海",
            "National set plus: every 定量 指标值 is written with its sign, as the Shanghai 申报表 prints "
            "≥90.00(%) (perfdesk's reading of the template, unverified).",
            enable=frozenset({"value-no-operator"}),
            weight_totals=(Decimal(100),),
        ),
    )
}


def rule_set(set_id: str) -> RuleSet:
    """The rule set with this id; an unknown id (a newer file) falls back to the national set."""
    return RULE_SETS.get(set_id, RULE_SETS["national"])


def apply_rule_set(findings: list[Finding], set_id: str) -> list[Finding]:
    """The findings of the rules the set switches on (a finding of an uncatalogued rule is kept)."""
    chosen = rule_set(set_id)
    return [f for f in findings if chosen.is_on(f.code)]


def blank_rule(code: str) -> bool:
    """True for rules about an empty required field (shown as 待填 on a never-touched form)."""
    rule = RULES.get(code)
    return rule is not None and rule.blank
