"""Qt's own buttons and dialogs speak Chinese, like the rest of the app."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from perfdesk.ui.app import configure_application


def test_standard_buttons_are_chinese(qapp: QApplication) -> None:
    configure_application(qapp)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])


def test_file_dialogs_are_chinese_too(qapp: QApplication) -> None:
    """“Look in:”, “Files of type:”, “Folder” were English beside Chinese buttons."""
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QFileInfo
    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QFileIconProvider, QLabel

    configure_application(qapp)
    dialog = QFileDialog(None, "打开", str(Path.home()))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    texts += [w.toolTip() for w in dialog.findChildren(QAbstractButton)]
    shown = [text for text in texts if text]
    assert len(shown) >= 6 and not [text for text in shown if text.isascii()], shown
    assert QFileIconProvider().type(QFileInfo(str(Path.home()))) == "文件夹"
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Drive") == "驱动器"
    dialog.hide()
    dialog.deleteLater()


def test_translations_come_from_pyside6s_own_folder(qapp: QApplication, monkeypatch) -> None:
    """Found in PySide6's bundled Qt/translations even where Qt reports another folder (installer)."""
    from PySide6.QtCore import QLibraryInfo

    from perfdesk.ui import app as app_module

    monkeypatch.setattr(QLibraryInfo, "path", staticmethod(lambda _which: "/nonexistent"))
    folders = app_module.qt_translation_folders()
    assert folders[0].name == "translations" and (folders[0] / "qtbase_zh_CN.qm").is_file()
    assert app_module.install_qt_translations(qapp)


def test_the_installer_bundles_the_translations_it_loads() -> None:
    from pathlib import Path

    spec = (Path(__file__).resolve().parents[1] / "installer" / "perfdesk.spec").read_text(encoding="utf-8")
    assert "Qt/translations/qtbase_zh_CN.qm" in spec and "Qt/translations/qt_zh_CN.qm" in spec


def test_the_apps_own_texts_are_not_blanked_by_the_qt_translators(qapp: QApplication) -> None:
    from PySide6.QtCore import QCoreApplication

    configure_application(qapp)
    assert QCoreApplication.translate("dialogs", "保存修改") == "保存修改"
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
