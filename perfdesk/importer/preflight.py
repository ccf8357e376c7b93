"""Look at a workbook before opening it: refuse hostile or unreadable files in milliseconds.

openpyxl reads each zip member fully into memory and trusts a sheet's claimed dimension; a
19.8 MB zip bomb took it 113 s and 3.7 GB (PITFALLS.md).  This pre-flight reads only the zip
directory and streams the sheet XML through a counter, with hard limits on members, sizes,
compression ratios and cells, so every file is either refused with a clear message or known
to be small enough to load.
"""

from __future__ import annotations

import itertools
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 60 * 1024 * 1024  # uncompressed, one member
MAX_TOTAL_BYTES = 150 * 1024 * 1024  # uncompressed, all members
MAX_RATIO = 120  # uncompressed / compressed, for members over 1 MiB
# ... but not for the shared strings: a clerk's repetitive text (or the document perfdesk keeps
# in its own export) compresses 1000:1 there, and MAX_STRINGS and the sizes bound that part anyway.
RATIO_EXEMPT = "xl/sharedStrings.xml"
# Across all sheets, counting the positions merged ranges cover.  A 300-project export with 20
# indicators each counts 146,000; 150,000 dense text cells import in about 4.5 s and 180 MB on a
# 2-core machine, so no workbook that passes takes more than the 5 s and 300 MB allowed.
MAX_CELLS = 150_000
MAX_ROWS = 100_000  # in one sheet
MAX_STRINGS = MAX_CELLS  # shared strings: a 13 MB file of 2.9 million took 25 s and 550 MB
MAX_STYLES = 70_000  # cell formats, fonts, fills, borders (Excel allows 64,000 formats); 600,000 took 1.3 GB
_CHUNK = 1 << 20


class WorkbookRefused(Exception):
    """A workbook that will not be opened; the message says why, in Chinese, naming the file."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass
class Preflight:
    """What the pre-flight learned about a workbook that may be opened."""

    sheets: int = 0
    cells: int = 0
    notes: list[str] = field(default_factory=list)  # ignored parts worth telling (macros, links)


def preflight(path: Path) -> Preflight:
    """Check ``path`` is an .xlsx workbook that is safe to load; raise WorkbookRefused if not."""
    path = Path(path)
    head = _read_head(path)
    if head.startswith(OLE2_MAGIC):
        raise WorkbookRefused(path, _ole2_reason(path))
    if not head.startswith(ZIP_MAGIC):
        raise WorkbookRefused(path, "不是 Excel 工作簿（.xlsx）")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise WorkbookRefused(path, f"文件过大（{size // 1_048_576} MB），不像预算绩效表")
    try:
        with zipfile.ZipFile(path) as zf:
            return _check_zip(path, zf)
    except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError) as exc:
        raise WorkbookRefused(path, f"文件已损坏或不完整（{_one_line(exc)}）") from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, ValueError) as exc:
        raise WorkbookRefused(path, f"无法读取的压缩格式（{_one_line(exc)}）") from None
    except OSError as exc:  # a damaged deflate stream, or the medium failing while reading
        raise WorkbookRefused(path, f"文件已损坏或无法读取（{_one_line(exc)}）") from None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:160] + "…"


def _read_head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(8)
    except FileNotFoundError:
        raise WorkbookRefused(path, "文件不存在") from None
    except IsADirectoryError:
        raise WorkbookRefused(path, "这是一个文件夹，不是文件") from None
    except OSError as exc:
        raise WorkbookRefused(path, f"无法读取文件（{exc.strerror}）") from None


def _ole2_reason(path: Path) -> str:
    """Old binary .xls, or an .xlsx encrypted with a password (also an OLE2 container)."""
    data = path.read_bytes()[: 4 * 1024 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in data or b"EncryptionInfo" in data:
        return "工作簿设有打开密码，请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再导入"
    return "这是旧版 .xls 格式，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入"


def _check_zip(path: Path, zf: zipfile.ZipFile) -> Preflight:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise WorkbookRefused(path, f"压缩包内文件过多（{len(infos)} 个），拒绝打开")
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        raise WorkbookRefused(path, "不是 Excel 工作簿（缺少 xl/workbook.xml）")
    _check_sizes(path, infos)
    _check_overlaps(path, infos)
    _check_xml_declarations(path, zf, infos)
    result = Preflight()
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        result.notes.append("工作簿含有宏，宏已忽略（从不运行）")
    if any(n.startswith("xl/externalLinks/") for n in names):
        result.notes.append("工作簿含有外部链接，链接已忽略")
    strings = styles = 0
    for info in infos:
        if not info.filename.endswith(".xml"):
            continue
        # every part is counted, not only xl/worksheets/: a relationship can point a sheet anywhere
        result.sheets += info.filename.startswith("xl/worksheets/")
        counts = _count_tags(path, zf, info)
        if counts.rows > MAX_ROWS:
            raise WorkbookRefused(
                path, f"工作表 {info.filename} 有 {counts.rows} 行以上，超出绩效表的合理大小，拒绝打开"
            )
        result.cells += counts.cells
        strings += counts.strings
        styles += counts.styles
        if result.cells > MAX_CELLS:
            raise WorkbookRefused(path, f"单元格超过 {MAX_CELLS} 个，超出绩效表的合理大小，拒绝打开")
        if strings > MAX_STRINGS:
            raise WorkbookRefused(path, f"文字条目超过 {MAX_STRINGS} 个，超出绩效表的合理大小，拒绝打开")
        if styles > MAX_STYLES:
            raise WorkbookRefused(path, f"单元格格式超过 {MAX_STYLES} 种，超出绩效表的合理大小，拒绝打开")
    return result


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise WorkbookRefused(
                path, f"压缩包成员 {info.filename} 解压后过大（{info.file_size // 1_048_576} MB），疑为压缩炸弹"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1_048_576 and ratio > MAX_RATIO and info.filename != RATIO_EXEMPT:
            raise WorkbookRefused(path, f"压缩包成员 {info.filename} 压缩比异常（{ratio:.0f}:1），疑为压缩炸弹")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise WorkbookRefused(path, f"解压后总大小过大（{total // 1_048_576} MB），疑为压缩炸弹")


def _check_overlaps(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse members whose data overlap (the CVE-2024-0450 kind of zip bomb)."""
    spans = sorted((i.header_offset, i.header_offset + 30 + len(i.filename.encode()) + i.compress_size) for i in infos)
    for (_, end), (start, _) in itertools.pairwise(spans):
        if start < end:
            raise WorkbookRefused(path, "压缩包结构异常（成员相互重叠），疑为压缩炸弹")


_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")
_STYLE = re.compile(rb"<(?:\w+:)?(?:xf|dxf|font|fill|border|numFmt)[\s>/]")
# openpyxl creates an object for every position a merged range covers: A1:XFD1048576 is 17e9 of them.
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*(?:\"([^\"<]{0,400})\"|'([^'<]{0,400})')")
_XML_REF = re.compile(r"&(#[0-9]+|#x[0-9a-fA-F]+|lt|gt|amp|quot|apos);")
_XML_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_TAIL = 1024  # bytes carried between chunks, longer than any tag the patterns match
_SHEET_ROWS, _SHEET_COLS = 1_048_576, 16_384


def _merged_area(match: re.Match[bytes]) -> int:
    """Positions covered by a merged range, as openpyxl would create them (its own parser)."""
    from openpyxl.utils.cell import range_boundaries  # openpyxl's package import is slow: only here

    ref = _xml_unescape((match.group(1) or match.group(2) or b"").decode("utf-8", "replace")).strip()
    try:
        c1, r1, c2, r2 = range_boundaries(ref)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        return 0  # openpyxl cannot read it either and will refuse the file
    rows = _SHEET_ROWS if r1 is None or r2 is None else abs(r2 - r1) + 1
    cols = _SHEET_COLS if c1 is None or c2 is None else abs(c2 - c1) + 1
    return rows * cols


def _xml_unescape(text: str) -> str:
    """Decode character and entity references as the XML parser will (``A1&#58;XFD1`` → ``A1:XFD1``)."""

    def one(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref.startswith("#"):
            try:
                return chr(int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:]))
            except (ValueError, OverflowError):
                return "\ufffd"
        return _XML_NAMED[ref]

    return _XML_REF.sub(one, text)


@dataclass
class _Counts:
    """Elements of one XML part that openpyxl would turn into objects."""

    rows: int = 0
    cells: int = 0  # cells, and the positions merged ranges cover
    strings: int = 0  # shared strings
    styles: int = 0  # cell formats, fonts, fills, borders, number formats

    def over(self) -> bool:
        return (self.rows > MAX_ROWS or self.cells > MAX_CELLS or self.strings > MAX_STRINGS
                or self.styles > MAX_STYLES)  # fmt: skip


def _count_tags(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> _Counts:
    """Count the elements of a part while streaming it (bounded by its declared size)."""
    counts = _Counts()
    tail = b""
    read = 0
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            read += len(chunk)
            if read > MAX_MEMBER_BYTES:
                raise WorkbookRefused(path, f"压缩包成员 {info.filename} 解压后超过声明的大小，疑为压缩炸弹")
            data = tail + chunk

            def new(pattern: re.Pattern[bytes], data: bytes = data, skip: int = len(tail)) -> list[re.Match[bytes]]:
                # a tag lying wholly in the carried-over tail was counted with the previous chunk
                return [m for m in pattern.finditer(data) if m.end() > skip]

            if _DECLARATION.search(data):  # a DTD anywhere, not only in the head
                raise WorkbookRefused(path, f"{info.filename} 含有 XML 实体定义（可能是 XML 炸弹），拒绝打开")
            counts.rows += len(new(_ROW))
            counts.cells += len(new(_CELL)) + sum(_merged_area(m) for m in new(_MERGE))
            counts.strings += len(new(_STRING))
            counts.styles += len(new(_STYLE))
            tail = data[-_TAIL:]
            if counts.over():
                break
    return counts


_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _check_xml_declarations(path: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse DTDs and entity declarations (the "billion laughs" XML bomb) and parts not in UTF-8.

    Excel never writes either.  UTF-16 would hide the bytes ``<!DOCTYPE`` and every tag the
    counters look for.  Here the head of every part is read, and the whole of the parts the
    counters do not stream (``.rels``, ``.vml``); :func:`_count_tags` scans the rest of each
    ``.xml`` part in the same pass as its counts.
    """
    for info in infos:
        name = info.filename.lower()
        if not name.endswith((".xml", ".rels", ".vml")):
            continue
        whole = not name.endswith(".xml")
        tail = b""
        read = 0
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK if whole else 4096):
                if read == 0 and chunk.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
                    raise WorkbookRefused(
                        path, f"{info.filename} 不是 UTF-8 编码的 XML，不像 Excel 保存的工作簿，拒绝打开"
                    )
                read += len(chunk)
                if read > MAX_MEMBER_BYTES:
                    raise WorkbookRefused(path, f"压缩包成员 {info.filename} 解压后超过声明的大小，疑为压缩炸弹")
                if _DECLARATION.search(tail + chunk):
                    raise WorkbookRefused(path, f"{info.filename} 含有 XML 实体定义（可能是 XML 炸弹），拒绝打开")
                if not whole:
                    break
                tail = chunk[-16:]
