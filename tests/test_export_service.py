"""The export service and ``perfdesk export``: formats, scopes, progress, cancel, atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from perfdesk.cli import main
from perfdesk.export.pages import RectOp, TextOp
from perfdesk.export.service import (
    ExportCancelled,
    ExportError,
    Form,
    Scope,
    export_document,
    preview_pdf,
    print_job,
    scope_from_text,
)
from perfdesk.samples import sample
from perfdesk.store.file import save_document


@pytest.fixture
def doc_file(tmp_path: Path) -> Path:
    path = tmp_path / "lunan.perfdesk"
    save_document(sample("lunan-2025").load(), path)
    return path


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx", ".docx"])
def test_progress_is_reported_up_to_the_total(tmp_path: Path, suffix: str) -> None:
    seen: list[tuple[int, int]] = []
    result = export_document(
        sample("changli-2021").load(), tmp_path / f"out{suffix}", progress=lambda d, t: seen.append((d, t))
    )
    assert result.path.is_file() and result.path.stat().st_size > 1000
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len({t for _, t in seen}) == 1


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx", ".docx"])
def test_cancel_leaves_no_file(tmp_path: Path, suffix: str) -> None:
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 3

    target = tmp_path / f"out{suffix}"
    with pytest.raises(ExportCancelled):
        export_document(sample("lunan-2025").load(), target, cancelled=cancelled)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old content")

    def broken(layout: object, path: Path, step: object = None, **kwargs: object) -> None:
        Path(path).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("perfdesk.export.xlsx.write_xlsx", broken)  # service imports it when used
    with pytest.raises(ExportError, match="无法写入"):
        export_document(sample("lunan-2025").load(), target)
    assert target.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_bad_targets_are_refused(tmp_path: Path) -> None:
    doc = sample("lunan-2025").load()
    with pytest.raises(ExportError, match="不支持"):
        export_document(doc, tmp_path / "out.txt")
    with pytest.raises(ExportError, match="文件夹"):
        export_document(doc, tmp_path)
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(ExportError, match="文件夹"):
        export_document(doc, tmp_path / "folder.pdf")
    with pytest.raises(ExportError, match="不存在"):
        export_document(doc, tmp_path / "missing" / "out.pdf")
    with pytest.raises(ExportError, match="自评表"):
        export_document(doc, tmp_path / "out.pdf", scope=Scope(Form.EVALS, 0))


def test_scope_from_command_line_words() -> None:
    doc = sample("lunan-2025").load()
    assert scope_from_text(doc) == Scope()
    assert scope_from_text(doc, "all", "3") == Scope(Form.PROJECTS, 2)
    assert scope_from_text(doc, "projects", doc.projects[1].code) == Scope(Form.PROJECTS, 1)
    with pytest.raises(ExportError):
        scope_from_text(doc, "nonsense")
    with pytest.raises(ExportError):
        scope_from_text(doc, "all", "0")


def test_print_job_has_the_same_pages_as_the_pdf(tmp_path: Path) -> None:
    doc = sample("gaoxin-2022").load()
    job = print_job(doc)
    pdf = tmp_path / "same.pdf"
    result = export_document(doc, pdf)
    assert len(job.pages) == result.pages == len(PdfReader(pdf).pages)
    table_page = next(p for p in job.pages.pages if any(isinstance(op, RectOp) for op in p.ops))
    text = next(op for op in table_page.ops if isinstance(op, TextOp) and op.text)
    runs = job.runs(text)
    assert runs and all(f.path.is_file() for f, _ in runs)
    assert "".join(t for _, t in runs) == text.text
    assert job.font_files()
    data = preview_pdf(doc, Scope(Form.PROJECTS, 0))
    assert data.startswith(b"%PDF") and len(data) > 1000


def test_cli_export_writes_each_format(doc_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for suffix in (".pdf", ".xlsx", ".docx"):
        out = tmp_path / f"全部{suffix}"
        assert main(["export", str(doc_file), "-o", str(out)]) == 0
        assert out.is_file()
    out = tmp_path / "one.pdf"
    assert main(["export", str(doc_file), "-o", str(out), "--project", "2"]) == 0
    assert len(PdfReader(out).pages) == 1
    assert "已导出" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/x.txt"], "不支持的文件类型"),
        (["-o", "{tmp}/x.pdf", "--project", "99"], "没有项目"),
        (["-o", "{tmp}/x.pdf", "--form", "dept"], "没有可导出"),
        (["-o", "{tmp}/x.pdf", "--form", "bogus"], "没有表单"),
        (["-o", "{tmp}/no/such/dir/x.pdf"], "文件夹不存在"),
    ],
)
def test_cli_export_bad_input_exits_2_with_one_line(
    doc_file: Path, tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes], args: list[str], message: str
) -> None:
    argv = ["export", str(doc_file), *(a.format(tmp=tmp_path) for a in args)]
    assert main(argv) == 2
    err = capfdbinary.readouterr().err.decode()
    assert message in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lunan.perfdesk"]


def test_cli_export_of_a_missing_file_exits_2(tmp_path: Path) -> None:
    assert main(["export", str(tmp_path / "none.perfdesk"), "-o", str(tmp_path / "x.pdf")]) == 2
