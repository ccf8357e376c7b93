"""Cell blocks on the clipboard: Excel/WPS text, Word/Excel HTML tables, merged labels."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from perfdesk.ui.grid.clipboard import fill_down, format_html, format_tsv, is_header_row, parse_html_table, parse_tsv


def test_excel_text_with_quoted_cells() -> None:
    text = '产出指标\t数量指标\t"培训\n次数"\t≥2次\r\n\t\t"说""明"\t100%\r\n'
    assert parse_tsv(text) == [["产出指标", "数量指标", "培训\n次数", "≥2次"], ["", "", '说"明', "100%"]]


def test_ragged_rows_are_padded_and_trailing_blank_rows_dropped() -> None:
    assert parse_tsv("a\tb\tc\nd\n\n\n") == [["a", "b", "c"], ["d", "", ""]]


def test_a_quote_inside_a_cell_is_text() -> None:
    assert parse_tsv('≥"90"%\tx\n') == [['≥"90"%', "x"]]


def test_fill_down_uses_the_row_above_the_paste() -> None:
    block = [["", "", "覆盖率"], ["效益指标", "", "满意率"], ["", "", ""]]
    filled = fill_down(block, [0, 1], above=["产出指标", "质量指标", "x"])
    assert filled == [["产出指标", "质量指标", "覆盖率"], ["效益指标", "质量指标", "满意率"], ["", "", ""]]


def test_word_html_table_with_merged_cells() -> None:
    markup = """<html xmlns:w="urn:schemas-microsoft-com:office:word"><body><table>
      <tr><td rowspan="2"><p>产出指标</p></td><td>数量指标</td><td>检查<br>次数</td></tr>
      <tr><td>质量指标</td><td>合格率</td></tr>
      <tr><td colspan="2">满意度指标</td><td>满意率</td></tr>
    </table></body></html>"""
    assert parse_html_table(markup) == [
        ["产出指标", "数量指标", "检查\n次数"],
        ["产出指标", "质量指标", "合格率"],
        ["满意度指标", "满意度指标", "满意率"],
    ]


def test_header_row_is_recognised() -> None:
    headers = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
    assert is_header_row(["一级指标", "二级指标", "三级指标", "指标值"], headers)
    assert not is_header_row(["产出指标", "数量指标", "培训次数"], headers)


def test_html_copy_escapes_text() -> None:
    assert "&lt;b&gt;" in format_html([["<b>", "a\nb"]])
    assert "a<br>b" in format_html([["<b>", "a\nb"]])


cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\r"), max_size=12)


@given(st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=6))
def test_copy_then_paste_gives_the_same_block(block: list[list[str]]) -> None:
    if all(not c.strip() for c in block[-1]):
        block = [*block, ["x", "", ""]]  # trailing blank rows are dropped on paste by design
    assert parse_tsv(format_tsv(block)) == block
