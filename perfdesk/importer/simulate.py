"""The grid a spreadsheet writer makes of layout blocks, built in memory without a file.

Reading this grid with the same readers as a real sheet tells what the importer *would* read
from an unchanged export; comparing that with what it reads from the workbook shows exactly
which fields the clerk changed in Excel or WPS (see :mod:`perfdesk.importer.reconcile`).
"""

from __future__ import annotations

from collections.abc import Sequence

from perfdesk.export.layout import Block, CaptionLine, Paragraph, Table
from perfdesk.importer.grid import Grid, GridCell, label_key, number_of


def _number_cell(row: int, col: int, text: str, number: object, fmt: str, last: tuple[int, int]) -> GridCell:
    shown, exact, percent = number_of(float(number), fmt)  # type: ignore[arg-type]
    display = format(shown, "f") + ("%" if percent else "")
    return GridCell(row, col, display, label_key(display), shown, percent, exact, *last)


def grid_from_blocks(blocks: Sequence[Block], title: str) -> Grid:
    """A grid with a row per paragraph or caption line and the cells of each table, spans merged."""
    cells: dict[tuple[int, int], GridCell] = {}
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    row = 1
    width = max((b.ncols for b in blocks if isinstance(b, Table)), default=1)
    for block in blocks:
        if isinstance(block, Paragraph):
            cells[(row, 1)] = GridCell(row, 1, block.text.strip(), label_key(block.text), last_row=row, last_col=1)
            row += 1
        elif isinstance(block, CaptionLine):
            cells[(row, 1)] = GridCell(row, 1, block.left.strip(), label_key(block.left), last_row=row, last_col=1)
            right = block.right.strip()
            cells[(row, width)] = GridCell(row, width, right, label_key(right), last_row=row, last_col=width)
            row += 1
        elif isinstance(block, Table):
            for r, c, cell in block.origins():
                top, left = row + r, 1 + c
                last = (top + cell.rowspan - 1, left + cell.colspan - 1)
                if cell.number is not None:
                    cells[(top, left)] = _number_cell(top, left, cell.text, cell.number, cell.number_format, last)
                else:
                    text = cell.text.strip()
                    cells[(top, left)] = GridCell(top, left, text, label_key(text), None, False, None, *last)
                for rr in range(top, last[0] + 1):
                    for cc in range(left, last[1] + 1):
                        if (rr, cc) != (top, left):
                            owner[(rr, cc)] = (top, left)
            row += len(block.rows)
    return Grid(title, cells, owner)


def block_lines(blocks: Sequence[Block]) -> list[str]:
    """The texts of paragraph blocks, as a text sheet shows them one per row."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.text.strip():
            lines.append(block.text.strip())
        elif isinstance(block, CaptionLine):
            lines += [t.strip() for t in (block.left, block.right) if t.strip()]
    return lines
