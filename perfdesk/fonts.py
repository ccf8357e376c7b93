"""Find the Chinese fonts on this PC and resolve the one typeface set every export uses.

Windows PCs have 仿宋/宋体/黑体/楷体 (simfang.ttf, simsun.ttc, simhei.ttf, simkai.ttf), often
仿宋_GB2312 and 方正小标宋, and SimSun-ExtB for the rare characters of CJK Extension B; we embed
subsets of them in PDFs but never ship them.  Elsewhere the project's setup installs
WenQuanYi Micro Hei (黑体 look, full GBK), AR PL UMing (宋体 look) and BabelStone Han (CJK
Extensions A and B, emoji); a PyInstaller bundle carries them in ``resources/fonts``.

:func:`typefaces` picks, once per process, the face of each role (正文, 标题, 楷体, 大标题) and
the per-character fallbacks; the PDF embeds exactly these faces and the workbook and Word file
name exactly their families, so all three formats print in the same typefaces.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from perfdesk.resources import resource


@dataclass(frozen=True)
class FontFile:
    """A TrueType font file (``index`` selects the face inside a .ttc collection)."""

    role: str  # fang (仿宋), song (宋体), hei (黑体), kai (楷体)
    family: str
    path: Path
    index: int = 0


def font_dirs() -> list[Path]:
    """Folders searched for font files, most preferred first."""
    dirs: list[Path] = []
    extra = os.environ.get("PERFDESK_FONT_DIR")
    if extra:
        dirs.append(Path(extra))
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    dirs += [
        resource("fonts"),
        Path("/usr/share/fonts/truetype/wqy"),
        Path("/usr/share/fonts/truetype/arphic"),
        Path("/usr/share/fonts/truetype/babelstone"),
        Path("/usr/share/fonts/truetype/dejavu"),
        Path.home() / ".fonts",
    ]
    return dirs


# (role, family, file name, index in collection), most preferred first within each role.
# Roles: fang 仿宋, song 宋体, hei 黑体, kai 楷体, title 小标宋, ext 生僻字 (Extensions A/B), sym symbols.
_CANDIDATES = (
    ("fang", "仿宋_GB2312", "仿宋_GB2312.ttf", 0),
    ("fang", "仿宋_GB2312", "FS_GB2312.ttf", 0),
    ("fang", "仿宋", "simfang.ttf", 0),
    ("song", "宋体", "simsun.ttc", 0),
    ("hei", "黑体", "simhei.ttf", 0),
    ("kai", "楷体", "simkai.ttf", 0),
    ("song", "AR PL UMing CN", "uming.ttc", 0),  # face 0 is CN; 1 is HK (other glyph shapes)
    ("hei", "WenQuanYi Micro Hei", "wqy-microhei.ttc", 0),
    ("kai", "楷体_GB2312", "楷体_GB2312.ttf", 0),
    ("title", "方正小标宋简体", "FZXBSJW.TTF", 0),
    ("title", "方正小标宋简体", "方正小标宋简体.ttf", 0),
    ("title", "方正小标宋_GBK", "FZXBSK.TTF", 0),
    ("ext", "SimSun-ExtB", "simsunb.ttf", 0),
    ("ext", "BabelStone Han", "BabelStoneHan.ttf", 0),
    # sym: symbols no CJK face has (☑ ☐ ★ ①…⑳ arrows), the last link of the PDF's chain
    ("sym", "Segoe UI Symbol", "seguisym.ttf", 0),
    ("sym", "DejaVu Sans", "DejaVuSans.ttf", 0),
)


def find_fonts(dirs: tuple[Path, ...] | None = None) -> dict[str, list[FontFile]]:
    """The usable CJK fonts per role, best first (a role may be empty)."""
    folders = font_dirs() if dirs is None else list(dirs)
    found: dict[str, list[FontFile]] = {r: [] for r in ("fang", "song", "hei", "kai", "title", "ext", "sym")}
    for role, family, name, index in _CANDIDATES:
        for folder in folders:
            path = folder / name
            if path.is_file():
                found[role].append(FontFile(role, family, path, index))
                break
    return found


def cjk_font_files() -> list[Path]:
    """Every CJK font file found, for registering with Qt's font database."""
    seen: dict[Path, None] = {}
    for role, fonts in find_fonts().items():
        for f in fonts if role not in ("ext", "sym") else ():  # rare-character faces only when printing
            seen.setdefault(f.path, None)
    return list(seen)


# Signs that the free 宋/明 faces draw slanted (≥ as ⩾, ≤ as ⩽): AR PL UMing and BabelStone Han.
UPRIGHT_SIGNS = frozenset("≥≤≠±×÷")
SLANTED_SIGN_FILES = frozenset({"uming.ttc", "BabelStoneHan.ttf"})


@dataclass(frozen=True)
class Typefaces:
    """The faces of one machine, per role; every export format uses exactly these.

    ``body`` prints running text and cells (仿宋, else 宋体), ``heading`` headings (黑体), ``kai``
    second-level headings (楷体, else the body face), ``title`` document titles (方正小标宋,
    else the heading face).  ``fallbacks`` are tried, in order, for a character the role's face
    lacks.  A role is None only when no Chinese font at all is installed.  ``signs`` draws
    :data:`UPRIGHT_SIGNS` when the body face would draw them slanted (AR PL UMing on Linux):
    the PDF takes them from it, Word and Excel name it for those characters.
    """

    body: FontFile | None
    heading: FontFile | None
    kai: FontFile | None
    title: FontFile | None
    fallbacks: tuple[FontFile, ...] = ()
    signs: FontFile | None = None

    def family(self, role: str, default: str = "") -> str:
        """The family name of a role's face (for Word and Excel), ``default`` if there is none."""
        face: FontFile | None = getattr(self, role)
        return face.family if face is not None else default

    def describe(self) -> str:
        """One line for the export dialog: which face prints what."""
        parts = [
            f"正文 {self.family('body', '（无）')}",
            f"标题 {self.family('heading', '（无）')}",
            f"大标题 {self.family('title', '（无）')}",
        ]
        if self.signs is not None:
            parts.append(f"符号 ≥≤ {self.signs.family}")
        rare = [f.family for f in self.fallbacks if f.role == "ext"]
        if rare:
            parts.append(f"生僻字 {rare[0]}")
        return "；".join(parts)


def resolve_typefaces(found: dict[str, list[FontFile]]) -> Typefaces:
    """The typeface set from the fonts found (see :func:`find_fonts`)."""

    def first(*roles: str) -> FontFile | None:
        for role in roles:
            if found.get(role):
                return found[role][0]
        return None

    body = first("fang", "song", "hei")
    heading = first("hei", "song", "fang")
    kai = first("kai") or body
    title = first("title") or heading
    chosen = {f for f in (body, heading, kai, title) if f is not None}
    # Every other Chinese face found, then the rare-character faces, draw what the role's face lacks.
    others = [f for role in ("fang", "song", "hei", "kai") for f in found.get(role, [])[:1] if f not in chosen]
    rare = [*found.get("ext", []), *found.get("sym", [])[:1]]
    signs = None
    if body is not None and body.path.name in SLANTED_SIGN_FILES:  # ≥ from a face that draws it upright
        signs = next((f for f in (heading, title, *others) if f and f.path.name not in SLANTED_SIGN_FILES), None)
    return Typefaces(body, heading, kai, title, tuple(dict.fromkeys([*others, *rare])), signs)


def typefaces() -> Typefaces:
    """The typeface set of this machine, resolved once per process (and font folder setting)."""
    return _typefaces_in(tuple(font_dirs()))


@functools.cache
def _typefaces_in(dirs: tuple[Path, ...]) -> Typefaces:
    return resolve_typefaces(find_fonts(dirs))


def _faces(faces: Typefaces) -> list[FontFile]:
    chosen = (faces.body, faces.heading, faces.kai, faces.title, *faces.fallbacks)
    return list(dict.fromkeys(f for f in chosen if f is not None))


@functools.cache
def _coverage_of(faces: Typefaces) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile  # only when a rare character turns up

    covered: set[int] = set()
    for face in _faces(faces):
        try:
            covered.update(TTFontFile(str(face.path), subfontIndex=face.index).charToGlyph)
        except Exception:  # a broken font file draws nothing; the others still count
            continue
    return frozenset(covered)


def coverage() -> frozenset[int]:
    """Every code point some face of this machine's typeface set draws (read once per process)."""
    return _coverage_of(typefaces())
