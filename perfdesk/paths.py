"""Per-user folders: settings, recovery journals, backups, the learned indicator library.

``PERFDESK_DATA_DIR`` overrides the location (tests point it at a temp folder; a portable
install on a USB stick can point it beside the program).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_DATA_DIR = "PERFDESK_DATA_DIR"


def data_dir() -> Path:
    """The per-user data folder, created on first use."""
    override = os.environ.get(ENV_DATA_DIR)
    folder = Path(override) if override else Path(platformdirs.user_data_dir("perfdesk", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def data_subdir(name: str) -> Path:
    """A named folder inside the data folder, created on first use."""
    folder = data_dir() / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder
