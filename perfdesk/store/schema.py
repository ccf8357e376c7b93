"""The `.perfdesk` SQLite schema as ordered migrations.

Each migration is frozen SQL: once released it never changes, so a file written by any
earlier version can be brought up to date step by step.  ``user_version`` is the number of
migrations applied.  Add a step at the end; never edit one.
"""

from __future__ import annotations

APPLICATION_ID = 0x50455246  # "PERF"

_V1 = """
CREATE TABLE document (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    unit_name TEXT, unit_code TEXT, unit_department TEXT, unit_fiscal_year INTEGER,
    unit_money_unit TEXT, unit_framework TEXT, unit_grade_table TEXT,
    unit_project_table_style TEXT, unit_title TEXT, unit_compiler TEXT,
    overall_summary TEXT, overall_sub_targets_text TEXT,
    overall_measures_kind TEXT, overall_measures_text TEXT
);
CREATE TABLE sub_target (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    title TEXT, target TEXT, indicators TEXT
);
CREATE TABLE measure_group (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    title TEXT, items TEXT
);
CREATE TABLE project (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    code TEXT, name TEXT, table_title TEXT, caption INTEGER,
    department_name TEXT, department_code TEXT, implementer TEXT,
    budget_total TEXT, budget_fiscal TEXT, budget_other TEXT, purpose TEXT,
    plan_mar TEXT, plan_jun TEXT, plan_oct TEXT, plan_dec TEXT, goals TEXT
);
CREATE INDEX project_code ON project(code);
CREATE TABLE indicator (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    level1 TEXT, level2 TEXT, level3 TEXT, description TEXT, value TEXT, basis TEXT
);
CREATE INDEX indicator_parent ON indicator(parent_id, position);
CREATE TABLE dept_table (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    region TEXT, dept_name TEXT, staff_count INTEGER, sub_units INTEGER,
    basic_expense TEXT, project_expense TEXT, special_funds TEXT, other_development TEXT,
    income_fiscal TEXT, income_other TEXT, local_use TEXT, transfer TEXT, goals TEXT
);
CREATE TABLE dept_key_task (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    name TEXT, content TEXT, amount_yuan TEXT, expected TEXT
);
CREATE TABLE dept_other_task (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    name TEXT, content TEXT, amount_yuan TEXT
);
CREATE TABLE dept_indicator (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    level1 TEXT, level2 TEXT, level3 TEXT, period_value TEXT, annual_value TEXT
);
CREATE TABLE self_report (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    year INTEGER, preface TEXT, overview TEXT, duties TEXT,
    income_budget TEXT, income_public TEXT, income_other TEXT, final_expense TEXT,
    personnel_expense TEXT, public_expense TEXT, project_expense TEXT,
    prior_year_budget TEXT, stated_change TEXT, stated_change_rate TEXT, change_reason TEXT,
    targets_text TEXT, work_organization TEXT, work_method TEXT,
    overall_achievement TEXT, target_analysis TEXT, conclusion TEXT, score TEXT,
    problems TEXT, signer TEXT, sign_date TEXT
);
CREATE TABLE report_target (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    title TEXT, target TEXT
);
CREATE TABLE report_team (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    role TEXT, name TEXT, post TEXT
);
"""

# v2: the per-project self-evaluation table (F5).
_V2 = """
CREATE TABLE project_eval (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    initial_budget TEXT, annual_budget TEXT, executed TEXT, execution_reason TEXT,
    annual_goal TEXT, actual_summary TEXT
);
CREATE TABLE eval_row (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    level1 TEXT, level2 TEXT, level3 TEXT, target TEXT, actual TEXT, points TEXT,
    band TEXT, not_applicable INTEGER, reason TEXT
);
CREATE INDEX eval_row_parent ON eval_row(parent_id, position);
"""

# v3: carry-over year (rollover flags) and the self-evaluation weights.
_V3 = """
ALTER TABLE document ADD COLUMN unit_rolled_from INTEGER;
ALTER TABLE document ADD COLUMN unit_weight_execution TEXT NOT NULL DEFAULT '10';
ALTER TABLE document ADD COLUMN unit_weight_output TEXT NOT NULL DEFAULT '50';
ALTER TABLE document ADD COLUMN unit_weight_benefit TEXT NOT NULL DEFAULT '30';
ALTER TABLE document ADD COLUMN unit_weight_satisfaction TEXT NOT NULL DEFAULT '10';
"""

# v4: real tables from every province (issue 11) — structured indicator fields, project headers
# beyond Hebei (dates, people, texts, schedule, period funds, named fund lines, long-term block,
# review boxes), the layout family, stated self-evaluation scores, the 湖南 部门整体 header.
_V4 = """
ALTER TABLE document ADD COLUMN unit_layout TEXT NOT NULL DEFAULT 'hebei';
ALTER TABLE document ADD COLUMN unit_indicator_columns TEXT NOT NULL DEFAULT '[]';
ALTER TABLE document ADD COLUMN unit_rule_set TEXT NOT NULL DEFAULT 'national';
ALTER TABLE indicator ADD COLUMN kind TEXT;
ALTER TABLE indicator ADD COLUMN operator TEXT;
ALTER TABLE indicator ADD COLUMN number TEXT;
ALTER TABLE indicator ADD COLUMN unit TEXT;
ALTER TABLE indicator ADD COLUMN weight TEXT;
ALTER TABLE indicator ADD COLUMN direction TEXT;
ALTER TABLE indicator ADD COLUMN explanation TEXT;
ALTER TABLE indicator ADD COLUMN scoring TEXT;
ALTER TABLE indicator ADD COLUMN note TEXT;
ALTER TABLE eval_row ADD COLUMN kind TEXT;
ALTER TABLE eval_row ADD COLUMN operator TEXT;
ALTER TABLE eval_row ADD COLUMN number TEXT;
ALTER TABLE eval_row ADD COLUMN unit TEXT;
ALTER TABLE eval_row ADD COLUMN weight TEXT;
ALTER TABLE eval_row ADD COLUMN direction TEXT;
ALTER TABLE eval_row ADD COLUMN explanation TEXT;
ALTER TABLE eval_row ADD COLUMN scoring TEXT;
ALTER TABLE eval_row ADD COLUMN note TEXT;
ALTER TABLE dept_indicator ADD COLUMN kind TEXT;
ALTER TABLE dept_indicator ADD COLUMN operator TEXT;
ALTER TABLE dept_indicator ADD COLUMN number TEXT;
ALTER TABLE dept_indicator ADD COLUMN unit TEXT;
ALTER TABLE dept_indicator ADD COLUMN weight TEXT;
ALTER TABLE dept_indicator ADD COLUMN direction TEXT;
ALTER TABLE dept_indicator ADD COLUMN explanation TEXT;
ALTER TABLE dept_indicator ADD COLUMN scoring TEXT;
ALTER TABLE dept_indicator ADD COLUMN note TEXT;
ALTER TABLE eval_row ADD COLUMN stated_score TEXT;
ALTER TABLE project_eval ADD COLUMN stated_total TEXT;
ALTER TABLE project_eval ADD COLUMN stated_grade TEXT;
ALTER TABLE project_eval ADD COLUMN conclusion TEXT;
ALTER TABLE project_eval ADD COLUMN problems TEXT;
ALTER TABLE project_eval ADD COLUMN improvements TEXT;
ALTER TABLE project_eval ADD COLUMN contact TEXT;
ALTER TABLE project_eval ADD COLUMN phone TEXT;
ALTER TABLE project_eval ADD COLUMN filled_date TEXT;
ALTER TABLE project_eval ADD COLUMN remark TEXT;
ALTER TABLE project_eval ADD COLUMN stated_execution_points TEXT;
ALTER TABLE project_eval ADD COLUMN stated_execution_rate TEXT;
ALTER TABLE project_eval ADD COLUMN stated_execution_score TEXT;
ALTER TABLE project_eval ADD COLUMN stated_points_total TEXT;
ALTER TABLE project_eval ADD COLUMN title TEXT;
ALTER TABLE project_eval ADD COLUMN process TEXT;
ALTER TABLE project ADD COLUMN money_unit TEXT NOT NULL DEFAULT '万元';
ALTER TABLE project ADD COLUMN attribute TEXT;
ALTER TABLE project ADD COLUMN nature TEXT;
ALTER TABLE project ADD COLUMN category TEXT;
ALTER TABLE project ADD COLUMN start_date TEXT;
ALTER TABLE project ADD COLUMN end_date TEXT;
ALTER TABLE project ADD COLUMN period TEXT;
ALTER TABLE project ADD COLUMN manager TEXT;
ALTER TABLE project ADD COLUMN phone TEXT;
ALTER TABLE project ADD COLUMN overview TEXT;
ALTER TABLE project ADD COLUMN legal_basis TEXT;
ALTER TABLE project ADD COLUMN feasibility TEXT;
ALTER TABLE project ADD COLUMN necessity TEXT;
ALTER TABLE project ADD COLUMN period_total TEXT;
ALTER TABLE project ADD COLUMN period_fiscal TEXT;
ALTER TABLE project ADD COLUMN period_other TEXT;
ALTER TABLE project ADD COLUMN budget_carryover TEXT;
ALTER TABLE project ADD COLUMN long_term_goal TEXT;
ALTER TABLE project ADD COLUMN filled_by TEXT;
ALTER TABLE project ADD COLUMN filled_date TEXT;
ALTER TABLE project ADD COLUMN unit_leader TEXT;
ALTER TABLE project ADD COLUMN review_department TEXT;
ALTER TABLE project ADD COLUMN review_finance TEXT;
ALTER TABLE project ADD COLUMN heading TEXT;
ALTER TABLE project ADD COLUMN measures_text TEXT;
ALTER TABLE dept_table ADD COLUMN layout TEXT NOT NULL DEFAULT 'guangdong';
ALTER TABLE dept_table ADD COLUMN dept_code TEXT;
ALTER TABLE dept_table ADD COLUMN contact TEXT;
ALTER TABLE dept_table ADD COLUMN phone TEXT;
ALTER TABLE dept_table ADD COLUMN duties TEXT;
ALTER TABLE dept_table ADD COLUMN annual_goal TEXT;
ALTER TABLE dept_table ADD COLUMN budget_total TEXT;
ALTER TABLE dept_table ADD COLUMN title TEXT;
ALTER TABLE dept_table ADD COLUMN filled_by TEXT;
ALTER TABLE dept_table ADD COLUMN filled_date TEXT;
ALTER TABLE dept_table ADD COLUMN executed TEXT;
ALTER TABLE dept_table ADD COLUMN stated_execution_points TEXT;
ALTER TABLE dept_table ADD COLUMN stated_execution_rate TEXT;
ALTER TABLE dept_table ADD COLUMN stated_execution_score TEXT;
ALTER TABLE dept_table ADD COLUMN stated_total TEXT;
ALTER TABLE dept_table ADD COLUMN achievement TEXT;
ALTER TABLE dept_table ADD COLUMN deviation_reason TEXT;
ALTER TABLE dept_table ADD COLUMN improvements TEXT;
ALTER TABLE dept_indicator ADD COLUMN actual TEXT;
ALTER TABLE dept_indicator ADD COLUMN stated_score TEXT;
ALTER TABLE dept_indicator ADD COLUMN reason TEXT;
CREATE TABLE schedule_item (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    content TEXT, start TEXT, "end" TEXT
);
CREATE TABLE fund_line (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    label TEXT, period_amount TEXT, annual_amount TEXT, level INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE dept_fund_line (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    label TEXT, initial TEXT, annual TEXT, executed TEXT, stated_rate TEXT
);
CREATE TABLE eval_fund_line (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    label TEXT, initial TEXT, annual TEXT, executed TEXT, stated_rate TEXT
);
CREATE TABLE long_indicator (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    level1 TEXT, level2 TEXT, level3 TEXT, description TEXT, value TEXT, basis TEXT,
    kind TEXT, operator TEXT, number TEXT, unit TEXT, weight TEXT, direction TEXT, explanation TEXT, scoring TEXT, note TEXT
);
CREATE INDEX long_indicator_parent ON long_indicator(parent_id, position);
"""
# v4, issue 12 (import of real tables): the points printed with a 一级/二级 name, ``产出指标（50分）``.
_V4 += """
ALTER TABLE indicator ADD COLUMN level1_points TEXT;
ALTER TABLE indicator ADD COLUMN level2_points TEXT;
ALTER TABLE long_indicator ADD COLUMN level1_points TEXT;
ALTER TABLE long_indicator ADD COLUMN level2_points TEXT;
ALTER TABLE eval_row ADD COLUMN level1_points TEXT;
ALTER TABLE eval_row ADD COLUMN level2_points TEXT;
ALTER TABLE dept_indicator ADD COLUMN level1_points TEXT;
ALTER TABLE dept_indicator ADD COLUMN level2_points TEXT;
"""

# Print settings (issue 15): defaults keep what older files printed.
_V_PRINT = """
ALTER TABLE document ADD COLUMN unit_printing_page_style TEXT NOT NULL DEFAULT 'table';
ALTER TABLE document ADD COLUMN unit_printing_cover_page INTEGER NOT NULL DEFAULT 1;
ALTER TABLE document ADD COLUMN unit_printing_part_headings INTEGER NOT NULL DEFAULT 1;
ALTER TABLE document ADD COLUMN unit_printing_part_two_heading INTEGER NOT NULL DEFAULT 1;
ALTER TABLE document ADD COLUMN unit_printing_target_labels INTEGER NOT NULL DEFAULT 0;
ALTER TABLE document ADD COLUMN unit_printing_table_numbering TEXT NOT NULL DEFAULT 'comma';
ALTER TABLE document ADD COLUMN unit_printing_figures_as_typed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE self_report ADD COLUMN finance_text TEXT NOT NULL DEFAULT '';
ALTER TABLE self_report ADD COLUMN score_line INTEGER NOT NULL DEFAULT 1;
"""

CHECKSUM_TABLE = "content_checksum"
# A SHA-256 of every other table's rows, written on save and verified on open: a flipped bit
# that SQLite's own checks cannot see (a 12 read as 32) is reported instead of shown.
_V_CHECKSUM = f"""
CREATE TABLE {CHECKSUM_TABLE} (sha256 TEXT NOT NULL);
"""

# Which way the parts with tables print: auto (横向 for wide tables on the 表格 page), portrait, landscape.
_V_PRINT2 = """
ALTER TABLE document ADD COLUMN unit_printing_orientation TEXT NOT NULL DEFAULT 'auto';
"""

# Issue 11, brief 11b: scores a printed 自评表 / 部门整体 table carries beyond the rows' — a fund line's own
# 分值/得分, the indicator block's points budget, the 财政审核评分 box, 财务负责人; a 部门整体 table's
# 年度履职目标 rows, its 全年(调整)绩效目标 and its 部门总体资金情况 lines (收入/支出, 近两年, 占比).
_V_EVAL2 = """
ALTER TABLE eval_fund_line ADD COLUMN points TEXT;
ALTER TABLE eval_fund_line ADD COLUMN stated_score TEXT;
ALTER TABLE dept_fund_line ADD COLUMN points TEXT;
ALTER TABLE dept_fund_line ADD COLUMN stated_score TEXT;
ALTER TABLE project_eval ADD COLUMN stated_indicator_points TEXT;
ALTER TABLE project_eval ADD COLUMN review_box INTEGER NOT NULL DEFAULT 0;
ALTER TABLE project_eval ADD COLUMN review_score TEXT;
ALTER TABLE project_eval ADD COLUMN finance_officer TEXT NOT NULL DEFAULT '';
ALTER TABLE dept_table ADD COLUMN stated_indicator_points TEXT;
ALTER TABLE dept_table ADD COLUMN adjusted_goal TEXT NOT NULL DEFAULT '';
ALTER TABLE dept_table ADD COLUMN prior_year1 TEXT NOT NULL DEFAULT '';
ALTER TABLE dept_table ADD COLUMN prior_year2 TEXT NOT NULL DEFAULT '';
CREATE TABLE dept_money_line (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    side TEXT, label TEXT, amount TEXT, prior1 TEXT, prior2 TEXT, share TEXT
);
CREATE TABLE dept_duty_target (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    duty TEXT, task TEXT, item TEXT, amount TEXT
);
"""

# Printed values of real project tables that had no place (issue 11, brief 11a): the 成本构成 lines
# with their printed 合计, a distributed project's recipients and per-recipient target values, the
# printed 总分 of a target table's 分值 column, and the covering 下达 notice.
_V_PROJECT2 = """
CREATE TABLE cost_line (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    item TEXT, amount TEXT, basis TEXT, prior1 TEXT, prior2 TEXT
);
CREATE TABLE recipient (
    id INTEGER PRIMARY KEY, parent_id INTEGER, position INTEGER,
    name TEXT, amount TEXT, project_name TEXT
);
ALTER TABLE project ADD COLUMN cost_total TEXT;
ALTER TABLE project ADD COLUMN cost_prior1_total TEXT;
ALTER TABLE project ADD COLUMN cost_prior2_total TEXT;
ALTER TABLE project ADD COLUMN recipients_title TEXT NOT NULL DEFAULT '';
ALTER TABLE project ADD COLUMN stated_points_total TEXT;
ALTER TABLE project ADD COLUMN notice_title TEXT NOT NULL DEFAULT '';
ALTER TABLE project ADD COLUMN notice_number TEXT NOT NULL DEFAULT '';
ALTER TABLE project ADD COLUMN notice_subject TEXT NOT NULL DEFAULT '';
ALTER TABLE project ADD COLUMN notice_code TEXT NOT NULL DEFAULT '';
ALTER TABLE project ADD COLUMN notice_date TEXT NOT NULL DEFAULT '';
ALTER TABLE project ADD COLUMN notice_text TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator ADD COLUMN recipient_values TEXT NOT NULL DEFAULT '[]';
ALTER TABLE long_indicator ADD COLUMN recipient_values TEXT NOT NULL DEFAULT '[]';
"""

# Text printed around a table (issue 11, brief 11c): 表前说明 above the title, the 部门整体 table's 附件
# heading, a sub-heading above the indicator grid, 表注 under the table, a funds breakdown typed as text,
# and the document's own titles of the indicator columns (UnitInfo.column_titles, blank: the family's).
_V_NOTES = """
ALTER TABLE project ADD COLUMN preface TEXT NOT NULL DEFAULT '';
ALTER TABLE project ADD COLUMN grid_heading TEXT NOT NULL DEFAULT '';
ALTER TABLE project ADD COLUMN table_note TEXT NOT NULL DEFAULT '';
ALTER TABLE project ADD COLUMN funds_text TEXT NOT NULL DEFAULT '';
ALTER TABLE project_eval ADD COLUMN table_note TEXT NOT NULL DEFAULT '';
ALTER TABLE dept_table ADD COLUMN heading TEXT NOT NULL DEFAULT '';
ALTER TABLE dept_table ADD COLUMN preface TEXT NOT NULL DEFAULT '';
ALTER TABLE dept_table ADD COLUMN table_note TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN unit_column_titles_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN unit_column_titles_operator TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN unit_column_titles_number TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN unit_column_titles_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN unit_column_titles_weight TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN unit_column_titles_direction TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN unit_column_titles_explanation TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN unit_column_titles_scoring TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN unit_column_titles_note TEXT NOT NULL DEFAULT '';
"""

MIGRATIONS: tuple[str, ...] = (
    _V1, _V2, _V3, _V4, _V_PRINT, _V_CHECKSUM, _V_PRINT2, _V_EVAL2, _V_PROJECT2, _V_NOTES,
)  # fmt: skip
SCHEMA_VERSION = len(MIGRATIONS)
CHECKSUM_VERSION = MIGRATIONS.index(_V_CHECKSUM) + 1  # files of this version or newer carry one
