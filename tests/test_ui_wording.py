"""Wording the clerk sees: templates, window titles, 指标库 来源, read-only views, the start page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from perfdesk.library import Source
from perfdesk.models.document import Document
from perfdesk.samples import sample
from perfdesk.store.file import save_document
from perfdesk.ui.core.paths import add_recent_file
from perfdesk.ui.core.session import DocumentSession
from perfdesk.ui.dialogs.library_dialog import source_name
from perfdesk.ui.dialogs.newdoc import TEMPLATE_NAMES, Template


def test_both_templates_name_their_province() -> None:
    assert "河北格式" in TEMPLATE_NAMES[Template.HEBEI] and "广东格式" in TEMPLATE_NAMES[Template.GUANGDONG]


def test_the_window_title_names_unit_and_year_once(window, dialogs, tmp_path: Path) -> None:
    window.open_sample("changli-2021")
    title = window.windowTitle()
    assert title.count("昌黎县应急管理局") == 1 and title.count("2021") == 1, title
    path = tmp_path / "报送.perfdesk"
    save_document(sample("changli-2021").load(), path)
    other = window.open_file(path)
    assert other.windowTitle().count("昌黎县应急管理局") == 1  # a file name that does not say it: once, after


def test_library_source_says_where_an_entry_comes_from() -> None:
    assert source_name(Source.OWN) == "本机文档" and source_name(Source.COMMON) == "共性指标"


def test_a_read_only_view_is_not_called_unsaved(window, dialogs) -> None:
    session = DocumentSession(sample("lunan-2025").load(), read_only_reason="汇总中的单位文档，只读。")
    window.set_session(session)
    assert window.path_label.text() == "只读视图，不对应文件"
    window.close_document()
    window.new_document(Document())
    assert window.path_label.text() == "尚未保存"


def test_one_click_in_recent_files_opens(window, dialogs, tmp_path: Path) -> None:
    path = tmp_path / "最近.perfdesk"
    save_document(sample("changli-2021").load(), path)
    add_recent_file(path)
    window.start_page.refresh()
    recent = window.start_page.recent
    item = recent.item(0)
    rect = recent.visualItemRect(item)
    QTest.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert window.session is not None and window.session.path == path.absolute()
