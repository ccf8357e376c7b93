"""Property: a stray value typed anywhere inside a recognised table lands in a field or is listed as 未导入.

(A word that is itself a column heading, such as 备注说明 in the header row, makes an empty column: it is a label.)
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfdesk.importer.reader import import_workbook
from perfdesk.models.jsonio import document_to_json

TABLE = [
    ("项目名称", "村道硬化", "项目性质", "经常性项目"),
    ("主管部门", "某县交通运输局", "实施单位", "某县公路站"),
    ("预算数（万元）", 120, "其中：财政资金", 100),
    ("年度目标", "硬化村道5公里。"),
    ("一级指标", "二级指标", "三级指标", "指标值"),
    ("产出指标", "数量指标", "硬化里程", "≥5公里"),
    ("产出指标", "质量指标", "验收合格率", "100%"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
]
WORDS = st.sampled_from(
    ["另附文件", "资金性质", "一般公共预算", "审核意见", "同意", "12345", "注：按季度报送", "★", "零星"]
)


def _holds(dumped: str, text: str) -> bool:
    """The document keeps ``text`` as a value of its own or as a whole line of one (a 表注 of two lines)."""
    quoted = json.dumps(text, ensure_ascii=False)[1:-1]
    return any(f"{a}{quoted}{b}" in dumped for a in ('"', "\\n") for b in ('"', "\\n"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extra=st.lists(st.tuples(st.integers(1, 10), st.integers(1, 7), WORDS), min_size=1, max_size=4))
def test_a_stray_value_is_never_dropped_silently(extra: list[tuple[int, int, str]]) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    for row in TABLE:
        ws.append(row)
    placed = {}
    for r, c, text in extra:
        if ws.cell(row=r, column=c).value is None and (r, c) not in placed:
            ws.cell(row=r, column=c, value=text)
            placed[(r, c)] = text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.xlsx"
        book.save(path)
        result = import_workbook(path, year=2025)
    listed = {m.cell for m in result.problems}
    said = " ".join(str(m) for m in result.problems)
    dumped = document_to_json(result.document)
    for (r, c), text in placed.items():
        address = f"{openpyxl.utils.get_column_letter(c)}{r}"
        # kept, or its cell listed, or (a label whose value is listed) quoted in that listing
        kept = address in listed or _holds(dumped, text) or f"“{text}”" in said
        assert kept, (address, text, [str(m) for m in result.all_messages()])
