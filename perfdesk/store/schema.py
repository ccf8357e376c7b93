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

CHECKSUM_TABLE = "content_checksum"
# A SHA-256 of every other table's rows, written on save and verified on open: a flipped bit
# that SQLite's own checks cannot see (a 12 read as 32) is reported instead of shown.
_V_CHECKSUM = f"""
CREATE TABLE {CHECKSUM_TABLE} (sha256 TEXT NOT NULL);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V_CHECKSUM)
SCHEMA_VERSION = len(MIGRATIONS)
CHECKSUM_VERSION = MIGRATIONS.index(_V_CHECKSUM) + 1  # files of this version or newer carry one
