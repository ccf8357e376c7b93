"""Find the Chinese fonts on this PC: the Windows fonts first, then a redistributable fallback.

Windows PCs have 仿宋/宋体/黑体/楷体 (simfang.ttf, simsun.ttc, simhei.ttf, simkai.ttf); we embed
subsets of them in PDFs but never ship them.  Elsewhere the project's setup installs
WenQuanYi Micro Hei (黑体 look, full GBK) and AR PL UMing (宋体 look); a PyInstaller bundle
carries them in ``resources/fonts``.
"""

from __future__ import annotations

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
        Path.home() / ".fonts",
    ]
    return dirs


# (role, family, file name, index in collection), most preferred first within each role.
_CANDIDATES = (
    ("fang", "仿宋", "simfang.ttf", 0),
    ("song", "宋体", "simsun.ttc", 0),
    ("hei", "黑体", "simhei.ttf", 0),
    ("kai", "楷体", "simkai.ttf", 0),
    ("song", "AR PL UMing CN", "uming.ttc", 0),  # face 0 is CN; 1 is HK (other glyph shapes)
    ("hei", "WenQuanYi Micro Hei", "wqy-microhei.ttc", 0),
)


def find_fonts() -> dict[str, list[FontFile]]:
    """The usable CJK fonts per role, best first (a role may be empty)."""
    found: dict[str, list[FontFile]] = {"fang": [], "song": [], "hei": [], "kai": []}
    for role, family, name, index in _CANDIDATES:
        for folder in font_dirs():
            path = folder / name
            if path.is_file():
                found[role].append(FontFile(role, family, path, index))
                break
    return found


def cjk_font_files() -> list[Path]:
    """Every CJK font file found, for registering with Qt's font database."""
    seen: dict[Path, None] = {}
    for fonts in find_fonts().values():
        for f in fonts:
            seen.setdefault(f.path, None)
    return list(seen)
