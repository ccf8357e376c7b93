"""Never lose a clerk's work: kills during saves, disk full, read-only, vanished folders, backups."""

from __future__ import annotations

import errno
import os
import resource
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from perfdesk.models.document import Document
from perfdesk.samples import sample
from perfdesk.store import backups
from perfdesk.store import file as store
from perfdesk.store.file import SaveError, open_document, save_document

sys.path.insert(0, str(Path(__file__).parent))
from crashkit import kill_during_saves

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses fork and rlimits")


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "userdata"
    monkeypatch.setenv("PERFDESK_DATA_DIR", str(folder))
    return folder


def two_documents() -> list[Document]:
    big = sample("lunan-2025").load()
    big.projects = big.projects * 8  # ~460 indicator rows: saves take long enough to be hit
    return [sample("changli-2021").load(), big]


@linux_only
def test_sigkill_during_saves_leaves_old_or_new(tmp_path: Path) -> None:
    path = tmp_path / "doc.perfdesk"
    report = kill_during_saves(path, two_documents(), kills=100)
    assert report.kills == 100
    assert report.bad == []
    assert report.old + report.new == 100
    assert report.new > 0  # the kills did land between saves and inside them
    save_document(two_documents()[0], path)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # killed saves' temp files are swept


@linux_only
def test_disk_full_keeps_old_file(tmp_path: Path) -> None:
    """A real EFBIG from the kernel (RLIMIT_FSIZE) in a forked child, like a full USB stick."""
    path = tmp_path / "doc.perfdesk"
    old = sample("changli-2021").load()
    save_document(old, path)
    before = path.read_bytes()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: a file size limit just above the old file, then save a bigger document
        os.close(read)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) + 4096, len(before) + 4096))
        try:
            save_document(two_documents()[1], path)
            message = "saved"
        except SaveError as exc:
            message = exc.reason
        os.write(write, message.encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    message = os.read(read, 4096).decode()
    assert "文件未保存" in message and "磁盘" in message
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_read_only_medium_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "doc.perfdesk"
    save_document(sample("changli-2021").load(), path)
    before = path.read_bytes()

    def read_only(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(store.sqlite3, "connect", read_only)
    with pytest.raises(SaveError, match="只读"):
        save_document(Document(), path)
    assert path.read_bytes() == before


def test_replace_refused_by_os(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "doc.perfdesk"
    save_document(sample("changli-2021").load(), path)
    before = path.read_bytes()

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("perfdesk.atomic.os.replace", refuse)
    with pytest.raises(SaveError, match="没有写入权限"):
        save_document(Document(), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # the temp file is gone


def test_usb_stick_pulled(tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    path = stick / "doc.perfdesk"
    doc = sample("changli-2021").load()
    save_document(doc, path)
    for p in stick.iterdir():
        p.unlink()
    stick.rmdir()  # the path disappears
    with pytest.raises(SaveError, match="U 盘"):
        save_document(doc, path)
    assert doc == sample("changli-2021").load()  # the work is still in memory


def test_file_replaced_while_open(tmp_path: Path) -> None:
    path = tmp_path / "doc.perfdesk"
    mine = sample("changli-2021").load()
    save_document(mine, path)
    save_document(sample("lunan-2025").load(), path)  # someone else replaced it
    backups.backup_file(path)
    save_document(mine, path)  # our save wins, theirs is in the backups
    assert open_document(path).document == mine
    assert open_document(backups.list_backups(path)[0]).document == sample("lunan-2025").load()


def test_backups_rotate_and_skip_damaged(tmp_path: Path) -> None:
    path = tmp_path / "doc.perfdesk"
    docs = two_documents()
    for i in range(14):
        save_document(docs[i % 2], path)
        backups.backup_file(path, keep=5)
    kept = backups.list_backups(path)
    assert len(kept) == 5
    assert kept == sorted(kept, reverse=True)
    kept[0].write_bytes(kept[0].read_bytes()[:3000])  # the newest backup is damaged
    found = backups.newest_good_backup(path)
    assert found is not None
    assert found[0] == kept[1]
    assert found[1].document == docs[0]


def test_damaged_file_is_not_overwritten_by_opening(tmp_path: Path) -> None:
    path = tmp_path / "doc.perfdesk"
    save_document(sample("changli-2021").load(), path)
    backups.backup_file(path)
    path.write_bytes(path.read_bytes()[:5000])
    damaged = path.read_bytes()
    with pytest.raises(store.DamagedFile):
        open_document(path)
    found = backups.newest_good_backup(path)
    assert found is not None and found[1].document == sample("changli-2021").load()
    assert path.read_bytes() == damaged


@linux_only
@pytest.mark.parametrize("suffix", [".pdf", ".xlsx"])
def test_sigkill_during_exports_leaves_a_whole_file(tmp_path: Path, suffix: str) -> None:
    """Killed mid-export, the file under the final name is always a whole old or new export."""
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from perfdesk.export.service import export_document

    def export(doc: Document, path: Path) -> None:
        export_document(doc, path)

    def identify(path: Path) -> object:
        if suffix == ".pdf":
            reader = PdfReader(path)
            return (len(reader.pages), reader.pages[-1].extract_text()[:200])
        book = load_workbook(path, read_only=True)
        return tuple(book.sheetnames)

    path = tmp_path / f"out{suffix}"
    docs = [sample("gaoxin-2022").load(), sample("lunan-2025").load()]
    report = kill_during_saves(path, docs, kills=25, save=export, identify=identify, seed=7)
    assert report.bad == []
    assert report.old + report.new == 25 and report.new > 0
    export(docs[0], path)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # killed exports' temp files are swept
