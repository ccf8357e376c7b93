"""Fonts and line breaking for the PDF: TrueType faces with per-character fallback, CJK wrapping.

Every face is a TrueType file that reportlab embeds as a subset.  Each character is drawn with
the first face of its role that has it; a character no face has is drawn as □ and recorded in
:attr:`FontBook.missing`, so the caller can report it instead of losing it silently.

Line breaking follows Chinese practice: any two ideographs may be separated, Latin words and
numbers stay whole, closing punctuation (，。；：！？）》”、 …) never starts a line and opening
punctuation never ends one.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import NamedTuple

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from perfdesk.export.layout import Align, FontRole
from perfdesk.export.pages import TextOp
from perfdesk.fonts import UPRIGHT_SIGNS, FontFile, Typefaces, resolve_typefaces, typefaces

# The typeface of each role, then the other roles' faces, then the fallbacks, per character.
ROLE_ORDER: dict[FontRole, tuple[str, ...]] = {
    FontRole.BODY: ("body", "heading", "kai", "title"),
    FontRole.HEADING: ("heading", "body", "title", "kai"),
    FontRole.KAI: ("kai", "body", "heading", "title"),
    FontRole.TITLE: ("title", "heading", "body", "kai"),
}


NO_START = frozenset("，。、；：！？）》」』】〕〉”’…‥·%‰℃,.;:!?)]}>—～〜・％")
NO_END = frozenset("（《「『【〔〈“‘([{<≥≤＞＜￥$#")
REPLACEMENT = "□"
MAX_SPREAD = 0.15  # widest extra space between justified characters, per 1 pt of size

# A token is a unit the wrapper never splits (unless it is wider than a line): a Latin word or
# number with its inner punctuation, the word 指标 (so 产出指标 breaks as 产出/指标), a run of
# spaces, or any other single character.
_TOKEN = re.compile(r"指标|[A-Za-z0-9][A-Za-z0-9._%‰/+#&@'\-]*|[ \u3000]+|.", re.S)


_reportlab_to_unicode = ttfonts.makeToUnicodeCMap


def _utf16_hex(code: int) -> str:
    """A code point as the UTF-16BE hex a ToUnicode CMap wants (a surrogate pair beyond U+FFFF)."""
    return chr(code).encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF (𠀀, emoji) written as UTF-16.

    reportlab 5 writes them as five hex digits, so a viewer copies or searches 𠀀 as a space and
    😀 as ὠ although the right glyph is drawn.
    """
    text = _reportlab_to_unicode(fontname, subset)
    for i, code in enumerate(subset):
        if code > 0xFFFF:
            text = text.replace(f"<{i:02X}> <{code:04X}>", f"<{i:02X}> <{_utf16_hex(code)}>")
    return text


ttfonts.makeToUnicodeCMap = to_unicode_cmap


class FontError(RuntimeError):
    """No usable Chinese font was found."""


@dataclass(frozen=True)
class Face:
    """A registered reportlab font and the file it came from."""

    name: str
    file: FontFile
    font: TTFont


_REGISTERED: dict[tuple[str, int], Face] = {}
_LOCK = threading.Lock()  # exports run in worker threads; reportlab's font registry is global


def _register(file: FontFile) -> Face:
    key = (str(file.path), file.index)
    with _LOCK:
        face = _REGISTERED.get(key)
        if face is None:
            name = f"pd-{file.path.stem}-{file.index}"
            font = TTFont(name, str(file.path), subfontIndex=file.index)
            pdfmetrics.registerFont(font)
            face = _REGISTERED[key] = Face(name, file, font)
    return face


class Line(NamedTuple):
    """A wrapped line: its text, its width in points, and whether it ends its paragraph."""

    text: str
    width: float
    last: bool


class FontBook:
    """The faces used for one export, with glyph fallback and measuring."""

    def __init__(self, fonts: Typefaces | dict[str, list[FontFile]] | None = None) -> None:
        faces = typefaces() if fonts is None else fonts
        if isinstance(faces, dict):
            faces = resolve_typefaces(faces)
        if faces.body is None:
            raise FontError("没有找到可嵌入的中文字体（仿宋、宋体或黑体）；请安装字体后再导出 PDF")
        self.typefaces = faces
        self.faces: dict[FontRole, list[Face]] = {}
        for role, order in ROLE_ORDER.items():
            chain = [getattr(faces, r) for r in order]
            files = list(dict.fromkeys(f for f in [*chain, *faces.fallbacks] if f is not None))
            self.faces[role] = [_register(f) for f in files]
        self._signs = [_register(faces.signs)] if faces.signs is not None else []
        self._chars: dict[FontRole, dict[str, tuple[str, float]]] = {role: {} for role in FontRole}
        self.missing: dict[str, set[str]] = {}  # character → places where it occurred
        self.place = ""  # set by the caller, recorded with missing characters

    def face_names(self) -> dict[str, FontFile]:
        """Registered font name → its file, for painting the pages elsewhere (print preview)."""
        return {f.name: f.file for faces in [*self.faces.values(), self._signs] for f in faces}

    def glyph(self, ch: str, role: FontRole) -> tuple[str, float]:
        """The font name drawing ``ch`` in this role, and its advance width per 1 pt of size."""
        cache = self._chars[role]
        hit = cache.get(ch)
        if hit is None:
            hit = self._lookup(ch, role)
            cache[ch] = hit
        if hit[0] == "" and ch not in ("\n",):
            self.missing.setdefault(ch, set()).add(self.place)
            return self.glyph(REPLACEMENT, role) if ch != REPLACEMENT else (self.faces[role][0].name, 1.0)
        return hit

    def _lookup(self, ch: str, role: FontRole) -> tuple[str, float]:
        code = ord(ch)
        faces = self.faces[role]
        if ch in UPRIGHT_SIGNS and self._signs:  # drawn upright (the body face would slant them)
            faces = self._signs + faces
        for face in faces:
            if code in face.font.face.charToGlyph:
                return face.name, face.font.face.charWidths.get(code, face.font.face.defaultWidth) / 1000
        return "", 0.0

    def width(self, text: str, role: FontRole, size: float) -> float:
        """Advance width of ``text`` in points."""
        return sum(self.glyph(ch, role)[1] for ch in text) * size

    def runs(self, text: str, role: FontRole) -> list[tuple[str, str]]:
        """``text`` cut into (font name, text) runs, missing characters replaced by □."""
        out: list[tuple[str, str]] = []
        for ch in text:
            name = self.glyph(ch, role)[0]
            shown = ch if self._chars[role].get(ch, ("",))[0] else REPLACEMENT
            if out and out[-1][0] == name:
                out[-1] = (name, out[-1][1] + shown)
            else:
                out.append((name, shown))
        return out

    def wrap(self, text: str, width: float, role: FontRole, size: float, first_indent: float = 0.0) -> list[Line]:
        """Break ``text`` into lines no wider than ``width`` (newlines are hard breaks)."""
        lines: list[Line] = []
        for para in text.split("\n"):
            indent = first_indent if not lines or lines[-1].last else 0.0
            lines += self._wrap_para(para, width, role, size, indent)
        return lines

    def wrap_balanced(self, text: str, width: float, role: FontRole, size: float) -> list[Line]:
        """Like :meth:`wrap`, but a short last line is avoided by evening out the lines (centred text)."""
        lines = self.wrap(text, width, role, size)
        if len(lines) < 2 or "\n" in text or lines[-1].width * 3 >= max(line.width for line in lines):
            return lines  # only a short last line is worth evening out
        lo, hi = sum(line.width for line in lines) / len(lines) * 0.9, width
        best = lines
        for _ in range(7):
            mid = (lo + hi) / 2
            trial = self.wrap(text, mid, role, size)
            if len(trial) <= len(lines):
                best, hi = trial, mid
            else:
                lo = mid
        return best

    def _wrap_para(self, para: str, width: float, role: FontRole, size: float, indent: float) -> list[Line]:
        out: list[str] = []
        line: list[str] = []
        used = indent
        room = width
        # the first line starts after the indent; an over-long first word may use the indent
        for tok in _TOKEN.findall(para):
            w = self.width(tok, role, size)
            if tok.isspace() and not line and out:
                continue  # no spaces at the start of a wrapped line (a paragraph may start with some)
            if used + w <= room or (not line and w <= width):
                line.append(tok)
                used += w
                continue
            if w > width:  # a word wider than a line: cut it by characters
                for ch in tok:
                    cw = self.width(ch, role, size)
                    if used + cw > room and line:
                        out.append("".join(line))
                        line, used = [], 0.0
                    line.append(ch)
                    used += cw
                continue
            if tok.isspace():  # the break falls on the space: it is dropped, never starts the next line
                continue
            carry: list[str] = [tok]
            # Closing punctuation may not start a line: take the previous token along.
            while carry[0][0] in NO_START and len(line) > 1:
                while len(line) > 1 and line[-1].isspace():
                    line.pop()  # the space before the punctuation is dropped, never carried to a line start
                if len(line) <= 1:
                    break
                carry.insert(0, line.pop())
            if carry[0][0] in NO_START and line:
                # nothing left to take along (one word fills the line): the punctuation hangs past
                # the line's end, as Chinese typesetting does, rather than start the next line
                line.extend(carry)
                used += self.width("".join(carry), role, size)
                continue
            while line and line[-1].isspace():
                line.pop()  # a line's trailing spaces are dropped anyway; look at what is before them
            # Opening punctuation may not end a line.
            while line and len(line) > 1 and line[-1][-1] in NO_END:
                carry.insert(0, line.pop())
            out.append("".join(line))
            line = carry
            used = self.width("".join(line), role, size)
        if line or not out:
            out.append("".join(line))
        result = []
        for i, text in enumerate(out):
            text = text.rstrip(" \u3000")
            result.append(Line(text, self.width(text, role, size), i == len(out) - 1))
        return result


def line_op(line: Line, align: Align, x: float, width: float, y: float, role: FontRole, size: float) -> TextOp:
    """A line placed by alignment; justified lines get extra space between characters."""
    if align is Align.CENTER:
        return TextOp(x + (width - line.width) / 2, y, line.text, role, size)
    if align is Align.RIGHT:
        return TextOp(x + width - line.width, y, line.text, role, size)
    spread = 0.0
    if align is Align.JUSTIFY and not line.last and len(line.text) > 1:
        # only small gaps are spread: a short line in a narrow cell stays ragged, not gappy
        spread = max(0.0, width - line.width) / (len(line.text) - 1)
        if spread > MAX_SPREAD * size:
            spread = 0.0
    return TextOp(x, y, line.text, role, size, spread)
