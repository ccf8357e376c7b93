"""Files in the editor: save/open, recent files, crash recovery, the lock, read-only media, damage."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from perfdesk.samples import sample
from perfdesk.store.file import SaveError, open_document, save_document
from perfdesk.ui.app import offer_recovery
from perfdesk.ui.core import fileaccess, recovery
from perfdesk.ui.core.paths import recent_files
from perfdesk.ui.editors.project import ProjectEditor
from perfdesk.ui.shell.mainwindow import MainWindow, open_windows

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    """The changli-2021 sample saved as a .perfdesk file."""
    path = tmp_path / "昌黎.perfdesk"
    save_document(sample("changli-2021").load(), path)
    return path


def _project_page(window: MainWindow) -> ProjectEditor:
    page = window.view.current_page()
    assert isinstance(page, ProjectEditor)
    return page


def test_open_edit_save_updates_file_and_recent_list(window, ui, sample_file: Path) -> None:
    assert window.open_file(sample_file) is window
    assert recent_files() == [sample_file.resolve()]
    page = _project_page(window)
    ui.type_into(page.binder.widget_for("name"), "非税收入安排项目（修订）")
    assert window.isWindowModified()
    window.actions_by_name["save"].trigger()
    assert not window.isWindowModified()
    assert open_document(sample_file).document.projects[0].name == "非税收入安排项目（修订）"


def test_close_with_unsaved_edits_asks_and_can_cancel_or_save(window, dialogs, ui, sample_file: Path) -> None:
    window.open_file(sample_file)
    ui.type_into(_project_page(window).binder.widget_for("code"), "X1")
    dialogs.unsaved = "cancel"
    assert not window.close_document()
    assert window.session is not None
    dialogs.unsaved = "save"
    assert window.close_document()
    assert dialogs.names().count("ask_unsaved") == 2
    assert open_document(sample_file).document.projects[0].code == "X1"


def test_failed_save_keeps_the_document_and_says_why(window, dialogs, ui, sample_file: Path, monkeypatch) -> None:
    window.open_file(sample_file)
    ui.type_into(_project_page(window).binder.widget_for("code"), "X2")

    def fail(doc, path):
        raise SaveError(path, "磁盘空间不足，文件未保存（原文件未改动）")

    monkeypatch.setattr("perfdesk.ui.core.session.save_document", fail)
    window.actions_by_name["save"].trigger()
    assert dialogs.names()[-1] == "show_error"
    assert "磁盘空间不足" in dialogs.asked[-1][1][1]
    assert window.isWindowModified()


def test_recovery_after_a_crash_restores_unsaved_edits(app, qtbot, dialogs, ui, sample_file: Path, monkeypatch) -> None:
    monkeypatch.setattr(recovery, "INTERVAL_MS", 30)
    crashed = MainWindow()
    qtbot.addWidget(crashed)
    crashed.open_file(sample_file)
    ui.type_into(_project_page(crashed).binder.widget_for("name"), "断电前输入的名称")
    journal = crashed.journal
    assert journal is not None
    with qtbot.waitSignal(journal.written, timeout=3000):
        pass
    assert journal.path.is_file()
    crashed.crash_for_test()  # journal and file lock left behind, as after a power cut

    fresh = MainWindow()
    qtbot.addWidget(fresh)
    restored = offer_recovery(fresh)
    assert dialogs.names() == ["ask_recovery"]
    assert restored == [fresh]
    session = fresh.session
    assert session is not None and session.is_modified() and not session.read_only
    assert session.path == sample_file.absolute()
    assert session.document.projects[0].name == "断电前输入的名称"
    assert not journal.path.exists()  # taken over by the new window's own journal
    fresh.actions_by_name["save"].trigger()
    assert open_document(sample_file).document.projects[0].name == "断电前输入的名称"
    assert recovery.find_orphans() == []


def test_recovery_can_be_discarded(app, qtbot, dialogs, ui, sample_file: Path) -> None:
    crashed = MainWindow()
    qtbot.addWidget(crashed)
    crashed.open_file(sample_file)
    ui.type_into(_project_page(crashed).binder.widget_for("code"), "lost")
    crashed.journal.write_now()
    crashed.crash_for_test()
    dialogs.recovery = "discard"
    assert offer_recovery(MainWindow()) == []
    assert recovery.find_orphans() == []
    assert open_document(sample_file).document.projects[0].code == ""


_CRASHING_EDITOR = textwrap.dedent(
    """
    import os, sys
    from PySide6.QtWidgets import QApplication
    from perfdesk.ui.core import recovery
    from perfdesk.ui.core.commands import SetValue
    from perfdesk.ui.shell.mainwindow import MainWindow
    recovery.INTERVAL_MS = 20
    app = QApplication([])
    window = MainWindow()
    window.open_file(sys.argv[1])
    session = window.session
    project = session.document.projects[0]
    session.push("test", SetValue(session, project, "name", "进程被杀前的修改"))
    window.journal.written.connect(lambda: os._exit(9))  # killed right after the journal write
    app.exec()
    """
)


def test_recovery_after_the_process_is_killed(window, dialogs, sample_file: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _CRASHING_EDITOR, str(sample_file)], env=env, timeout=60, cwd=ROOT)
    assert done.returncode == 9
    [orphan] = recovery.find_orphans()
    assert orphan.path == sample_file.absolute()
    assert offer_recovery(window) == [window]
    assert window.session.document.projects[0].name == "进程被杀前的修改"
    assert not window.session.read_only  # the dead process's file lock is stale on this PC


def test_file_open_in_another_perfdesk_opens_read_only(window, dialogs, sample_file: Path) -> None:
    other = QLockFile(str(fileaccess.lock_path(sample_file.absolute())))  # held as another perfdesk would
    assert other.tryLock(0)
    try:
        window.open_file(sample_file)
        session = window.session
        assert session.read_only
        assert "另一个 perfdesk 中打开" in session.read_only_reason
        assert window.view.banner.isVisibleTo(window)
        assert "只读" in window.windowTitle()
        assert not window.actions_by_name["add_project"].isEnabled()
        page = _project_page(window)
        model = page.tables["indicators"].model
        assert not model.setData(model.index(0, 2), "改不了")
        assert page.binder.widget_for("name").isReadOnly()
        assert not session.is_modified()
        # Ctrl+S on a read-only document asks where to save a copy instead.
        window.actions_by_name["save"].trigger()
        assert dialogs.names() == ["ask_save_path"]
    finally:
        other.unlock()


def test_file_locked_by_a_running_process_then_released(window, dialogs, sample_file: Path, tmp_path: Path) -> None:
    holder = textwrap.dedent(
        f"""
        import sys
        from PySide6.QtCore import QLockFile
        lock = QLockFile({str(fileaccess.lock_path(sample_file.absolute()))!r})
        lock.setStaleLockTime(0)
        assert lock.tryLock(0)
        print("locked", flush=True)
        sys.stdin.read()
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        window.open_file(sample_file)
        assert window.session.read_only
        assert window.close_document()
    finally:
        proc.kill()
        proc.wait()
    window.open_file(sample_file)  # the holder died without unlocking: the stale lock is taken over
    assert not window.session.read_only


def test_read_only_medium_opens_read_only_and_save_as_makes_it_editable(
    window, dialogs, sample_file: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(fileaccess, "writable_check", lambda path: "U 盘处于写保护状态")
    window.open_file(sample_file)
    session = window.session
    assert session.read_only
    assert "U 盘处于写保护状态" in window.view.banner_text.text()
    assert "另存为" in window.view.banner_text.text()
    copy = tmp_path / "本机副本.perfdesk"
    dialogs.save_path = copy
    window.view.save_as_requested.emit()
    assert copy.is_file()
    assert not session.read_only
    assert session.path == copy.absolute()
    assert not window.view.banner.isVisibleTo(window)
    page = _project_page(window)
    assert not page.binder.widget_for("name").isReadOnly()
    model = page.tables["indicators"].model
    assert model.setData(model.index(0, 2), "可以编辑了")
    assert session.document.projects[0].indicators[0].level3 == "可以编辑了"


def test_same_file_twice_in_one_app_focuses_the_open_window(window, sample_file: Path) -> None:
    window.open_file(sample_file)
    assert window.open_file(sample_file) is window
    assert len([w for w in open_windows() if w.session is not None]) == 1


def test_damaged_file_offers_the_newest_backup(window, dialogs, ui, sample_file: Path) -> None:
    window.open_file(sample_file)
    ui.type_into(_project_page(window).binder.widget_for("code"), "B1")
    window.actions_by_name["save"].trigger()  # the file as it was goes to the backups first
    window.close_document()
    sample_file.write_bytes(sample_file.read_bytes()[:3000])  # a USB stick pulled mid-write
    dialogs.confirm = True
    opened = window.open_file(sample_file)
    assert opened is window
    assert window.session.path is None and window.session.is_modified()
    assert window.session.document.unit.name == "昌黎县应急管理局"
    assert "备份" in window.windowTitle()


def test_quit_closes_every_window_but_stops_when_one_is_kept(window, dialogs, ui, sample_file: Path) -> None:
    window.open_sample("gaoxin-2022")
    second = window.open_file(sample_file)
    assert second is not window and len(open_windows()) == 2
    ui.type_into(_project_page(second).binder.widget_for("code"), "Q1")
    dialogs.unsaved = "cancel"
    window.actions_by_name["quit"].trigger()
    assert second in open_windows() and second.session is not None
    dialogs.unsaved = "discard"
    window.actions_by_name["quit"].trigger()
    assert open_windows() == []
