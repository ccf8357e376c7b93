"""Replace one ``## `` section of a Markdown file (or append it), atomically, leaving the others alone."""

from __future__ import annotations

import re
from pathlib import Path

from perfdesk.atomic import write_bytes_atomic


def write_section(path: Path, heading: str, text: str) -> None:
    """Put ``text`` (which starts with ``heading``) in place of the section under ``heading``."""
    doc = path.read_text(encoding="utf-8") if path.exists() else "# perfdesk benchmarks\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    body = text.rstrip("\n") + "\n"
    doc = pattern.sub(lambda _m: body + "\n", doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + body
    write_bytes_atomic(path, (doc.rstrip("\n") + "\n").encode("utf-8"))
