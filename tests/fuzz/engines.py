"""Seeded mutation engines: one hostile or damaged input from (kind, seed), the same every time.

Three kinds, as an attacker, a broken mail client or a failing USB stick would make them:

* ``json``: perfdesk's JSON form of the bundled samples with one structural mutation (a
  hostile value, a wrong type, a huge list, a deleted or unknown key, deep nesting, raw
  literals such as ``1e999999999`` or a 5,000-digit integer) or a byte-level one;
* ``perfdesk``: a saved `.perfdesk` file with flipped bits, smashed or cut pages, or an SQL
  edit (NULL, text or a blob in any column, invalid UTF-8, a dropped table or column, an
  older ``user_version``, WAL mode), half of the SQL edits with the checksum recomputed so
  the reader behind it is exercised too;
* ``workbook``: perfdesk's own xlsx export (with and without its hidden document sheet)
  mutated at the zip level (bit flips in compressed data, truncation, size fields) or at the
  XML level (formulas, control-character references, merged ranges written with character
  references, DTDs after the first 4 KB, undefined styles and number formats, UTF-16, an
  edited hidden document).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import random
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

KINDS = ("json", "perfdesk", "workbook")
SUFFIX = {"json": ".json", "perfdesk": ".perfdesk", "workbook": ".xlsx"}

# Values that reached a traceback in the attack run, and their relatives.
HOSTILE: list[Any] = [
    "1e30", "1e28", "-1e28", "2e999999999", "1e-999999999", "NaN", "Infinity", "-0", "0.0000001",
    "999999999999.9", "1000000000000", "", " ", "abc", "12.5万", "\ud800", "a\udfffb", "a\x0bb",
    "\x00", "x\x1f", "=1+1", '=HYPERLINK("http://example.com","点我")', "@SUM(A1)", "+1", "-1+2",
    "#N/A", "一" * 40_000, "长" * 200_000, "\u202e反向", "\ufffe", 10**30, 2**63, -(2**63), -1, 0,
    1948, 2101, 2**31, 1.5, True, False, None, [], {}, ["a"], {"x": 1}, [[[]]],
]  # fmt: skip
RAW = {  # literals json.dumps cannot write: injected into the text
    "@@HUGE_EXP@@": "1e999999999",
    "@@DIGITS@@": "9" * 5000,
    "@@DEEP@@": "[" * 1200 + "]" * 1200,
    "@@NEG_EXP@@": "-2e999999999",
}
LIST_SIZES = (100, 1_001, 2_001, 30_000)


@cache
def sample_documents() -> tuple[Any, ...]:
    """The bundled sample documents (the seeds of every mutation)."""
    from perfdesk.samples import samples

    return tuple(s.load() for s in samples())


@cache
def base_json() -> tuple[str, ...]:
    """Each sample as perfdesk's JSON text."""
    from perfdesk.models.jsonio import document_to_json

    return tuple(document_to_json(d) for d in sample_documents())


@cache
def base_perfdesk() -> tuple[bytes, ...]:
    """Each sample saved as a `.perfdesk` file."""
    from perfdesk.store.file import save_document

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, doc in enumerate(sample_documents()):
            path = Path(tmp) / f"{i}.perfdesk"
            save_document(doc, path)
            out.append(path.read_bytes())
    return tuple(out)


@cache
def base_workbooks() -> tuple[bytes, ...]:
    """Each sample exported as a workbook: whole (with the hidden document) and the projects alone."""
    from perfdesk.export.compose import Form, Scope
    from perfdesk.export.service import export_document

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, doc in enumerate(sample_documents()):
            path = Path(tmp) / f"{i}.xlsx"
            export_document(doc, path)
            out.append(path.read_bytes())
            if doc.projects:
                export_document(doc, path, scope=Scope(form=Form.PROJECTS))
                out.append(path.read_bytes())
    return tuple(out)


def save_failure(folder: Path, kind: str, seed: int, data: bytes) -> Path:
    """Keep a failing mutant as ``KIND-SEED.SUFFIX`` (gzipped when over 1 MB) for the replay."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}-{seed}{SUFFIX[kind]}"
    if len(data) > 1 << 20:
        path = path.with_name(path.name + ".gz")
        data = gzip.compress(data, 9)
    path.write_bytes(data)
    return path


def read_failure(path: Path) -> bytes:
    """The mutant kept in ``path``."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def mutant(kind: str, seed: int) -> bytes:
    """The mutant ``seed`` of ``kind`` (reproducible: the same bytes for the same pair)."""
    rng = random.Random(f"{kind}:{seed}")
    return {"json": mutate_json, "perfdesk": mutate_perfdesk, "workbook": mutate_workbook}[kind](rng)


# ---- bytes ----------------------------------------------------------------------------------


def flip_bits(rng: random.Random, data: bytes, start: int = 0) -> bytes:
    """1–8 random bit flips at or after ``start``."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(min(start, len(buf) - 1), len(buf))
        buf[i] ^= 1 << rng.randrange(8)
    return bytes(buf)


def byte_mutation(rng: random.Random, data: bytes, start: int = 0) -> bytes:
    """A bit flip, a smashed run, a cut or an insertion."""
    choice = rng.randrange(4)
    if choice == 0 or len(data) < 2:
        return flip_bits(rng, data, start)
    i = rng.randrange(min(start, len(data) - 1), len(data))
    if choice == 1:
        n = rng.choice((1, 4, 64, 1024, 4096))
        return data[:i] + rng.randbytes(n) + data[i + n :]
    if choice == 2:
        return data[:i]
    return data[:i] + rng.randbytes(rng.choice((1, 3, 100))) + data[i:]


# ---- JSON -----------------------------------------------------------------------------------


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key or index path in plain data."""
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _places(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _places(v, (*path, i))
    return out


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        node = node[p]
    return node


def mutate_json(rng: random.Random) -> bytes:
    """One JSON mutant."""
    text = rng.choice(base_json())
    if rng.random() < 0.2:
        return byte_mutation(rng, text.encode("utf-8"))
    data = json.loads(text)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        _mutate_plain(rng, data)
    out = json.dumps(data, ensure_ascii=rng.random() < 0.5, indent=rng.choice((None, 2)))
    for mark, raw in RAW.items():
        out = out.replace(json.dumps(mark), raw)
    return out.encode("utf-8", "surrogatepass")


def _mutate_plain(rng: random.Random, data: Any) -> None:
    places = [p for p in _places(data["document"], ("document",)) if len(p) > 1]
    path = rng.choice(places)
    parent, key = _get(data, path[:-1]), path[-1]
    value = parent[key]
    roll = rng.random()
    if roll < 0.45:
        parent[key] = rng.choice([*HOSTILE, *RAW])
    elif roll < 0.6 and isinstance(value, list) and value:
        parent[key] = [value[i % len(value)] for i in range(rng.choice(LIST_SIZES))]
    elif roll < 0.7 and isinstance(parent, dict):
        del parent[key]
    elif roll < 0.8 and isinstance(parent, dict):
        parent[rng.choice(("unknown", "__proto__", "名称"))] = rng.choice(HOSTILE)
    elif roll < 0.9 and isinstance(value, str):
        parent[key] = value * rng.choice((2, 50, 2_000))
    else:
        parent[key] = [value] if rng.random() < 0.5 else {"v": value}


# ---- .perfdesk ------------------------------------------------------------------------------

SQL_VALUES = [
    "NULL", "'abc'", "x'ff00'", "CAST(x'fffe41' AS TEXT)", "1e308", "9223372036854775807", "-1",
    "'1e30'", "'2e999999999'", "'NaN'", "'12'", "'32'", "2021.5", "'\x0b'", "'=1+1'",
    "'[\"a\", 1]'", "'[[[[[[[['", "'{}'", "randomblob(64)", "replace(hex(zeroblob(60000)), '0', '长')",
]  # fmt: skip


def mutate_perfdesk(rng: random.Random) -> bytes:
    """One `.perfdesk` mutant."""
    data = rng.choice(base_perfdesk())
    if rng.random() < 0.45:
        return byte_mutation(rng, data, start=rng.choice((0, 100, 1024)))
    return _sql_mutation(rng, data)


def _sql_mutation(rng: random.Random, data: bytes) -> bytes:
    from perfdesk.store.file import CHECKSUM_TABLE, content_checksum

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.perfdesk"
        path.write_bytes(data)
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            table = rng.choice([t for t in tables if t != CHECKSUM_TABLE])
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
            column = rng.choice(columns)
            for statement in _statements(rng, table, column):
                with contextlib.suppress(sqlite3.Error):  # a mutation SQLite itself refuses
                    conn.execute(statement)
            if rng.random() < 0.5:
                try:
                    conn.execute(f"DELETE FROM {CHECKSUM_TABLE}")
                    conn.execute(f"INSERT INTO {CHECKSUM_TABLE} VALUES (?)", (content_checksum(conn),))
                except sqlite3.Error:
                    pass
        finally:
            conn.close()
        return path.read_bytes()


def _statements(rng: random.Random, table: str, column: str) -> list[str]:
    value = rng.choice(SQL_VALUES)
    choices: list[Callable[[], list[str]]] = [
        lambda: [f"UPDATE [{table}] SET [{column}] = {value} WHERE rowid IN (SELECT rowid FROM [{table}] ORDER BY random() LIMIT 1)"],
        lambda: [f"UPDATE [{table}] SET [{column}] = {value}"],
        lambda: [f"DROP TABLE [{table}]"],
        lambda: [f"ALTER TABLE [{table}] DROP COLUMN [{column}]"],
        lambda: [f"PRAGMA user_version={rng.choice((0, 1, 2, 3, 99, -1))}"],
        lambda: ["PRAGMA journal_mode=WAL"],
        lambda: [f"DELETE FROM [{table}]"],
        lambda: [f"INSERT INTO [{table}] SELECT * FROM [{table}]"],
        lambda: [f"PRAGMA application_id={rng.choice((0, 1))}"],
        lambda: [f"UPDATE [{table}] SET parent_id = id"],
    ]  # fmt: skip
    return rng.choice(choices)()


# ---- workbooks ------------------------------------------------------------------------------

XML_TEXT = [
    "=1+1", '=HYPERLINK("http://example.com","x")', "&#11;控制", "&#1;", "1e308", "1e999", "-1e30",
    "长" * 33_000, "x" * 5, "&#xD800;", "NaN", "2e999999999",
]  # fmt: skip


def mutate_workbook(rng: random.Random) -> bytes:
    """One workbook mutant."""
    data = rng.choice(base_workbooks())
    if rng.random() < 0.35:
        return byte_mutation(rng, data, start=rng.choice((0, 30, len(data) // 2)))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    name = rng.choice([n for n in members if n.endswith((".xml", ".rels"))])
    text = members[name].decode("utf-8")
    members[name] = _xml_mutation(rng, text, name)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, body in members.items():
            zf.writestr(n, body)
    return out.getvalue()


def _xml_mutation(rng: random.Random, text: str, name: str) -> bytes:
    import re

    roll = rng.random()
    if roll < 0.25:  # a value: a formula text, a control character, a huge number
        spots = list(re.finditer(r"<(v|t)(?: [^>]*)?>([^<]*)</\1>", text))
        if spots:
            m = rng.choice(spots)
            text = text[: m.start(2)] + rng.choice(XML_TEXT) + text[m.end(2) :]
    elif roll < 0.35 and "<sheetData" in text:  # a merged range written with a character reference
        ref = rng.choice(("A1&#58;XFD1048576", "A1:XFD1048576", "A&#x3a;A", "A1:A1", "&#65;1:B2"))
        merge = f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'
        text = re.sub(r"<mergeCells[^>]*>.*?</mergeCells>|(?=<pageMargins)", merge, text, count=1, flags=re.S)
    elif roll < 0.45:  # a DTD, after the first 4 KB when the part is long enough
        dtd = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        at = text.find("?>") + 2 if rng.random() < 0.5 else min(len(text), 5000)
        text = text[:at] + dtd + text[at:]
    elif roll < 0.6:  # style and number-format indexes that point nowhere
        text = re.sub(r'\b(s|numFmtId|xfId|fontId|borderId|fillId)="\d+"', lambda m: f'{m.group(1)}="{rng.choice((999, 4000000000, -1))}"', text, count=rng.randint(1, 5))  # fmt: skip
    elif roll < 0.7:  # delete or duplicate an element
        tags = list(re.finditer(r"<(\w+)[^<>]*/>|<(\w+)[^<>]*>[^<]*</\2>", text))
        if tags:
            m = rng.choice(tags)
            text = text[: m.start()] + (m.group() * rng.choice((0, 2, 200))) + text[m.end() :]
    elif roll < 0.75:
        return text.encode("utf-16")
    elif roll < 0.9 and "perfdesk-document" in text:  # the hidden document, edited
        text = _edit_hidden_json(rng, text)
    else:
        return byte_mutation(rng, text.encode("utf-8"))
    return text.encode("utf-8", "surrogatepass")


def _edit_hidden_json(rng: random.Random, text: str) -> str:
    """Replace a value inside the JSON kept in the shared strings (the hidden document sheet)."""
    import re

    spots = list(re.finditer(r'(&quot;|")(\w+)(&quot;|"): (&quot;[^&]*?&quot;|"[^"]*?"|-?\d+(?:\.\d+)?|null)', text))
    if not spots:
        return text
    m = rng.choice(spots)
    value = rng.choice(['"1e30"', '"2e999999999"', "1e999999999", "9" * 5000, '"\\ud800"', '"=1+1"', "[[[[[", "null"])  # fmt: skip
    return text[: m.start(4)] + value.replace('"', "&quot;") + text[m.end(4) :]
