"""File dialogs start in the document's folder, then in the folder last used — not always at home."""

from __future__ import annotations

from pathlib import Path

from perfdesk.models.document import Document
from perfdesk.samples import sample
from perfdesk.store.file import save_document
from perfdesk.ui import dialogs as dialogs_module
from perfdesk.ui.shell.mainwindow import MainWindow
from perfdesk.ui.transfer.mergewindow import MergeWindow


def _saved(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "昌黎.perfdesk"
    save_document(sample("changli-2021").load(), path)
    return path


def test_save_as_starts_in_the_documents_folder(window, dialogs, tmp_path: Path) -> None:
    path = _saved(tmp_path / "单位" / "2021")
    window.open_file(path)
    window.save_as()
    [(name, (suggested,))] = dialogs.asked
    assert name == "ask_save_path" and suggested.parent == path.parent


def test_a_new_document_saves_where_the_last_file_was(window, dialogs, tmp_path: Path) -> None:
    path = _saved(tmp_path / "U盘" / "报送")
    window.open_file(path)
    assert window.close_document()
    window.new_document(Document())
    window.save_as()
    suggested = dialogs.asked[-1][1][0]
    assert suggested.parent == path.parent and suggested.parent != Path.home()
    window.open_file()  # 打开 starts there too
    assert dialogs.asked[-1] == ("ask_open_path", (path.parent,))


def test_add_files_to_a_merge_starts_in_the_last_folder(app, qtbot, dialogs, monkeypatch, tmp_path: Path) -> None:
    path = _saved(tmp_path / "各单位")
    opener = MainWindow()
    qtbot.addWidget(opener)
    opener.open_file(path)
    seen: list[Path] = []
    monkeypatch.setattr(dialogs_module, "ask_merge_files", lambda _parent, folder: seen.append(folder) or [])
    merge = MergeWindow(MainWindow)
    qtbot.addWidget(merge)
    merge.add_files()
    assert seen == [path.parent]
    opener.close_document()
