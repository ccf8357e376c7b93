"""Cell blocks on the clipboard: Excel/WPS tab-separated text, Word/Excel HTML tables.

Excel quotes a cell that holds a tab, newline or quote (``"a""b"``); merged cells arrive as a
value followed by blanks (TSV) or as ``rowspan``/``colspan`` (HTML).  Everything here is plain
Python so it can be tested without a clipboard.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

Block = list[list[str]]


def parse_tsv(text: str) -> Block:
    """Split tab-separated text into rows of cells, honouring Excel's quoting."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows: Block = []
    row: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    at_cell_start = True
    while i < n:
        ch = text[i]
        if at_cell_start and ch == '"':
            end, value = _quoted(text, i)
            if end is not None:
                cell.append(value)
                i = end
                at_cell_start = False
                continue
        at_cell_start = False
        if ch == "\t":
            row.append("".join(cell))
            cell, at_cell_start = [], True
        elif ch == "\n":
            row.append("".join(cell))
            rows.append(row)
            row, cell, at_cell_start = [], [], True
        else:
            cell.append(ch)
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return _trim(rows)


def _quoted(text: str, start: int) -> tuple[int | None, str]:
    """Read a quoted cell starting at ``start``; (None, "") if it is not a well-formed one."""
    out: list[str] = []
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch == '"':
            if i + 1 < len(text) and text[i + 1] == '"':
                out.append('"')
                i += 2
                continue
            following = text[i + 1] if i + 1 < len(text) else "\n"
            if following in "\t\n":
                return i + 1, "".join(out)
            return None, ""
        out.append(ch)
        i += 1
    return None, ""


def _trim(rows: Block) -> Block:
    """Drop trailing empty rows and pad rows to the same width."""
    while rows and all(not c.strip() for c in rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def format_tsv(block: Block) -> str:
    """Rows of cells as tab-separated text that Excel and WPS paste cell by cell."""

    def cell(text: str) -> str:
        if any(c in text for c in '\t\n"'):
            return '"' + text.replace('"', '""') + '"'
        return text

    return "".join("\t".join(cell(c) for c in row) + "\n" for row in block)


def format_html(block: Block) -> str:
    """Rows of cells as an HTML table (what Word pastes as a table)."""
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c).replace(chr(10), '<br>')}</td>" for c in row) + "</tr>" for row in block
    )
    return f"<table border='1' style='border-collapse:collapse'>{rows}</table>"


class _TableParser(HTMLParser):
    """Collects the cells of the first table, expanding row and column spans."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.done = False
        self.rows: list[dict[int, str]] = []
        self.spans: dict[tuple[int, int], str] = {}  # (row, col) filled by a span from above
        self.cell: list[str] | None = None
        self.cell_span = (1, 1)
        self.col = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "table":
            self.depth += 1
        elif self.depth == 1 and tag == "tr":
            self.rows.append({})
            self.col = 0
        elif self.depth == 1 and tag in ("td", "th") and self.rows:
            a = dict(attrs)
            self.cell = []
            self.cell_span = (_int(a.get("rowspan")), _int(a.get("colspan")))
        elif self.cell is not None and tag in ("br", "p", "div") and self.cell:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.done:
            return
        if tag == "table":
            self.depth -= 1
            self.done = self.depth == 0
        elif self.depth == 1 and tag in ("td", "th") and self.cell is not None:
            self._finish_cell()

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)

    def _finish_cell(self) -> None:
        assert self.cell is not None
        text = "".join(self.cell)
        text = "\n".join(" ".join(line.split()) for line in text.strip().split("\n")).strip()
        row_no = len(self.rows) - 1
        row = self.rows[row_no]
        while (row_no, self.col) in self.spans or self.col in row:
            row.setdefault(self.col, self.spans.get((row_no, self.col), ""))
            self.col += 1
        rowspan, colspan = self.cell_span
        for dc in range(colspan):
            row[self.col + dc] = text
            for dr in range(1, rowspan):
                self.spans[(row_no + dr, self.col + dc)] = text
        self.col += colspan
        self.cell = None


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def parse_html_table(markup: str) -> Block:
    """The first table of an HTML fragment; spanned cells carry the spanning cell's text."""
    parser = _TableParser()
    parser.feed(markup)
    parser.close()
    rows: Block = []
    for row_no, row in enumerate(parser.rows):
        for (r, c), text in parser.spans.items():
            if r == row_no:
                row.setdefault(c, text)
        width = max(row, default=-1) + 1
        rows.append([row.get(c, "") for c in range(width)])
    return _trim(rows)


def fill_down(block: Block, columns: list[int], above: list[str] | None = None) -> Block:
    """Fill blank cells of the given columns from the cell above (merged 一级/二级 labels).

    ``above`` is the row just above the paste target, used for blanks in the first row.  A row
    whose other cells are all blank is left alone.
    """
    previous = list(above) if above else [""] * (max(columns, default=-1) + 1)
    out: Block = []
    for row in block:
        row = list(row)
        has_content = any(c.strip() for c in row)
        for col in columns:
            if col >= len(row):
                continue
            if not row[col].strip() and has_content and col < len(previous):
                row[col] = previous[col]
        out.append(row)
        previous = row + [""] * max(0, len(previous) - len(row))
    return out


def is_header_row(row: list[str], headers: list[str]) -> bool:
    """True if a pasted first row is the grid's column header line (it is then skipped)."""
    cells = [c.strip() for c in row if c.strip()]
    names = {h.strip() for h in headers}
    return len(cells) >= 2 and sum(c in names for c in cells) >= max(2, len(cells) - 1)
