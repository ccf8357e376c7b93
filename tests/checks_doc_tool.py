"""Loads tools/checks_doc.py (the generator of docs/checks.md) for the tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_PATH = Path(__file__).resolve().parent.parent / "tools" / "checks_doc.py"
_spec = importlib.util.spec_from_file_location("checks_doc", _PATH)
assert _spec is not None and _spec.loader is not None
checks_doc = sys.modules.get("checks_doc") or importlib.util.module_from_spec(_spec)
if "checks_doc" not in sys.modules:
    sys.modules["checks_doc"] = checks_doc
    _spec.loader.exec_module(checks_doc)
