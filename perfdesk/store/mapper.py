"""Map the document's dataclasses to the rows of the `.perfdesk` tables and back.

Rules: each dataclass listed in :data:`TABLES` is a table whose rows carry ``id``,
``parent_id`` and ``position``; a nested dataclass that is not listed (UnitInfo,
OverallTarget, Measures) is flattened into its parent's columns as ``field_subfield``;
``list[str]`` is a JSON array in one TEXT column; Decimals are TEXT, so amounts stay exact.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections import defaultdict
from decimal import Decimal
from enum import Enum
from typing import Any

from perfdesk.models import document as m
from perfdesk.models.codec import _optional_inner, field_types

TABLES: dict[type, str] = {
    m.Document: "document",
    m.SubTarget: "sub_target",
    m.MeasureGroup: "measure_group",
    m.Project: "project",
    m.Indicator: "indicator",
    m.ProjectEval: "project_eval",
    m.EvalRow: "eval_row",
    m.DeptTable: "dept_table",
    m.KeyTask: "dept_key_task",
    m.OtherTask: "dept_other_task",
    m.DutyTarget: "dept_duty_target",
    m.DeptMoneyLine: "dept_money_line",
    m.DeptIndicator: "dept_indicator",
    m.ScheduleItem: "schedule_item",
    m.FundLine: "fund_line",
    m.CostLine: "cost_line",
    m.Recipient: "recipient",
    m.EvalFundLine: "eval_fund_line",
    m.SelfReport: "self_report",
    m.ReportTarget: "report_target",
    m.TeamMember: "report_team",
}

# A list field whose items share their class's table with another list of the same parent gets a
# table of its own, so that the two lists come back apart.
FIELD_TABLES: dict[tuple[type, str], str] = {
    (m.Project, "long_term_indicators"): "long_indicator",
    (m.DeptTable, "fund_lines"): "dept_fund_line",
}

Rows = dict[str, list[dict[str, Any]]]


def document_rows(doc: m.Document) -> Rows:
    """All rows of all tables for one document, ids assigned in document order."""
    rows: Rows = defaultdict(list)
    counter = iter(range(1, 1 << 62))
    _emit(doc, None, 0, TABLES[type(doc)], rows, counter)
    return rows


def _emit(
    obj: Any, parent_id: int | None, position: int, table: str, rows: Rows, counter: typing.Iterator[int]
) -> None:
    row_id = next(counter)
    row: dict[str, Any] = {"id": row_id, "parent_id": parent_id, "position": position}
    children: list[tuple[Any, int, str]] = []
    _flatten(obj, "", row, children)
    rows[table].append(row)
    for child, pos, child_table in children:
        _emit(child, row_id, pos, child_table, rows, counter)


def _flatten(obj: Any, prefix: str, row: dict[str, Any], children: list[tuple[Any, int, str]]) -> None:
    for name, tp in field_types(type(obj)).items():
        value = getattr(obj, name)
        inner = _optional_inner(tp) or tp
        if dataclasses.is_dataclass(inner) and inner not in TABLES:
            _flatten(value, f"{prefix}{name}_", row, children)
        elif dataclasses.is_dataclass(inner):
            if value is not None:
                children.append((value, 0, TABLES[type(value)]))
        elif typing.get_origin(inner) is list:
            (item_tp,) = typing.get_args(inner)
            if dataclasses.is_dataclass(item_tp):
                table = FIELD_TABLES.get((type(obj), name)) or TABLES[item_tp]
                children.extend((item, i, table) for i, item in enumerate(value))
            else:
                row[prefix + name] = json.dumps(value, ensure_ascii=False)
        else:
            row[prefix + name] = _scalar_out(value)


def _scalar_out(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bool):
        return int(value)
    return value


class RowError(ValueError):
    """A row whose value does not fit the model; the message names table, row and column."""

    def __init__(self, table: str, row: dict[str, Any], column: str, reason: str) -> None:
        super().__init__(f"表 {table} 第 {row.get('id')!r} 行 {column}：{reason}")


def _link(table: str, row: dict[str, Any], column: str, *, blank: bool) -> int | None:
    """An id, parent_id or position: an integer (parent_id may be NULL on the root)."""
    value = row.get(column)
    if value is None and blank:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RowError(table, row, column, f"应为整数，实为 {type(value).__name__}")
    return value


class Reader:
    """Rebuilds a document from rows fetched per table and grouped by parent.

    Every value is type-checked: a damaged or hand-edited file raises :class:`RowError` (a
    ``ValueError``) naming the table, row and column, never something deeper.
    """

    def __init__(self, fetch: typing.Callable[[str], list[dict[str, Any]]]) -> None:
        self._by_parent: dict[str, dict[int | None, list[dict[str, Any]]]] = {}
        for table in TABLES.values():
            grouped: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
            keyed = []
            for r in fetch(table):
                _link(table, r, "id", blank=False)
                keyed.append(
                    ((_link(table, r, "parent_id", blank=True) or 0, _link(table, r, "position", blank=False)), r)
                )
            for _, r in sorted(keyed, key=lambda pair: pair[0]):
                grouped[r["parent_id"]].append(r)
            self._by_parent[table] = grouped
        for table in FIELD_TABLES.values():
            grouped = defaultdict(list)
            for r in sorted(fetch(table), key=lambda r: (r["parent_id"] or 0, r["position"])):
                grouped[r["parent_id"]].append(r)
            self._by_parent[table] = grouped

    def document(self) -> m.Document:
        """The one document in the file."""
        roots = self._by_parent["document"].get(None, [])
        if len(roots) != 1:
            raise ValueError(f"文件应含一个文档，实有 {len(roots)} 个")
        return typing.cast(m.Document, self._build(m.Document, roots[0]))

    def _build(self, cls: type, row: dict[str, Any]) -> Any:
        return self._build_flat(cls, row, "", row["id"])

    def _column(self, cls: type, row: dict[str, Any], column: str) -> Any:
        if column not in row:
            raise RowError(TABLES.get(cls, "?"), row, column, "缺少此列")
        return row[column]

    def _build_flat(self, cls: type, row: dict[str, Any], prefix: str, row_id: int) -> Any:
        kwargs: dict[str, Any] = {}
        for name, tp in field_types(cls).items():
            inner = _optional_inner(tp) or tp
            if dataclasses.is_dataclass(inner) and inner not in TABLES:
                kwargs[name] = self._build_flat(typing.cast(type, inner), row, f"{prefix}{name}_", row_id)
            elif dataclasses.is_dataclass(inner):
                kids = self._children(typing.cast(type, inner), row_id)
                kwargs[name] = self._build(typing.cast(type, inner), kids[0]) if kids else None
            elif typing.get_origin(inner) is list:
                (item_tp,) = typing.get_args(inner)
                if dataclasses.is_dataclass(item_tp):
                    table = FIELD_TABLES.get((cls, name)) or TABLES[item_tp]
                    kids = self._by_parent[table].get(row_id, [])
                    kwargs[name] = [self._build(item_tp, r) for r in kids]
                else:
                    column = prefix + name
                    try:
                        kwargs[name] = _text_list(self._column(cls, row, column))
                    except ValueError as exc:
                        raise RowError(TABLES.get(cls, "?"), row, column, str(exc)) from None
            else:
                value = self._column(cls, row, prefix + name)
                try:
                    kwargs[name] = _scalar_in(inner, value)
                except (ValueError, TypeError, ArithmeticError) as exc:
                    raise RowError(TABLES.get(cls, "?"), row, prefix + name, str(exc) or type(exc).__name__) from None
        return cls(**kwargs)

    def _children(self, cls: type, parent_id: int) -> list[dict[str, Any]]:
        return self._by_parent[TABLES[cls]].get(parent_id, [])


def _text_list(value: Any) -> list[str]:
    """A ``list[str]`` column: a JSON array of strings (NULL is an empty list)."""
    if value is None or value == "":
        return []
    if not isinstance(value, str):
        raise ValueError(f"应为 JSON 文本，实为 {type(value).__name__}")
    try:
        items = json.loads(value)
    except RecursionError:
        raise ValueError("JSON 嵌套层数过多") from None
    except ValueError:
        raise ValueError("不是有效的 JSON 文字列表") from None
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ValueError("应为文字列表")
    return items


def _scalar_in(tp: Any, value: Any) -> Any:
    """A column's value as the field's type; anything else raises ValueError."""
    if value is None:
        return None if tp in (Decimal, int) else _blank(tp)
    if tp is Decimal:
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise ValueError(f"金额应为数字文本，实为 {type(value).__name__}")
        try:
            return Decimal(value)
        except ArithmeticError:
            raise ValueError(f"“{str(value)[:20]}”不是数字") from None
    if tp is bool:
        if value not in (0, 1) or not isinstance(value, int):
            raise ValueError(f"应为 0 或 1，实为 {str(value)[:20]!r}")
        return bool(value)
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"应为整数，实为 {str(value)[:20]!r}")
        return value
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    if tp is str:
        if not isinstance(value, str):
            raise ValueError(f"应为文本，实为 {type(value).__name__}")
        return value
    return tp(value)


def _blank(tp: Any) -> Any:
    if tp is str:
        return ""
    if tp is bool:
        return False
    return None


def column_names() -> dict[str, set[str]]:
    """The columns the mapper writes, per table (checked against the schema in tests)."""
    sample = m.Document(
        projects=[
            m.Project(
                indicators=[m.Indicator()],
                evaluation=m.ProjectEval(rows=[m.EvalRow()], fund_lines=[m.EvalFundLine()]),
                schedule=[m.ScheduleItem()],
                fund_lines=[m.FundLine()],
                long_term_indicators=[m.Indicator()],
                cost_lines=[m.CostLine()],
                recipients=[m.Recipient()],
            )
        ],
        dept_table=m.DeptTable(
            key_tasks=[m.KeyTask()],
            other_tasks=[m.OtherTask()],
            indicators=[m.DeptIndicator()],
            fund_lines=[m.EvalFundLine()],
            duty_targets=[m.DutyTarget()],
            money_lines=[m.DeptMoneyLine()],
        ),
        self_report=m.SelfReport(targets=[m.ReportTarget()], team=[m.TeamMember()]),
    )
    sample.overall.sub_targets.append(m.SubTarget())
    sample.overall.measures.groups.append(m.MeasureGroup())
    return {table: set(rows[0]) for table, rows in document_rows(sample).items()}
