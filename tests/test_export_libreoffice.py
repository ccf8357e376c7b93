"""LibreOffice opens every exported workbook and Word document and converts it to PDF.

Skipped only when ``soffice`` is missing outside CI; in CI (``CI=true``) a missing LibreOffice
fails the test, because the setup script installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from perfdesk.export.compose import build_layout
from perfdesk.export.docx import write_docx
from perfdesk.export.xlsx import write_xlsx
from perfdesk.samples import sample, samples

SAMPLES = [s.name for s in samples()]


def soffice() -> str:
    """The LibreOffice binary, or skip (fail in CI)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("soffice (LibreOffice) is missing in CI: run bash tools/dev.sh setup")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def convert(files: list[Path], outdir: Path, profile: Path) -> subprocess.CompletedProcess[str]:
    """Convert files to PDF in one LibreOffice run with a private profile."""
    command = [
        soffice(),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=240)


def test_libreoffice_converts_every_sample_xlsx_and_docx(tmp_path: Path) -> None:
    binary = soffice()
    assert binary
    files = []
    for name in SAMPLES:
        layout = build_layout(sample(name).load())
        write_xlsx(layout, tmp_path / f"{name}.xlsx")
        write_docx(layout, tmp_path / f"{name}-word.docx")
        files += [tmp_path / f"{name}.xlsx", tmp_path / f"{name}-word.docx"]
    out = tmp_path / "pdf"
    result = convert(files, out, tmp_path / "profile")
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stderr
    for name in SAMPLES:
        doc = sample(name).load()
        for stem in (name, f"{name}-word"):
            pdf = out / f"{stem}.pdf"
            assert pdf.is_file(), f"LibreOffice did not convert {stem}: {result.stdout} {result.stderr}"
            reader = PdfReader(pdf)
            assert len(reader.pages) >= 1
            text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
            for project in doc.projects:
                assert re.sub(r"\s+", "", project.indicators[0].level3) in text
            if doc.dept_table is not None:
                assert "部门整体预算绩效目标表" in text
