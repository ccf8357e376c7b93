"""Where the bundled resources (samples, fonts, indicator library) are, installed or frozen."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, inside a PyInstaller bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """A path inside ``resources/``."""
    return resource_dir().joinpath(*parts)
