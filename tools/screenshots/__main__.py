"""Screenshots of the editor for the README: ``python tools/screenshots docs/screenshots``.

Runs offscreen with a temporary data folder, opens every bundled sample and every editor, and
saves ``ui-*.png`` files.  Fonts are registered as at start-up, so Chinese renders as it does
for the clerk.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PERFDESK_DATA_DIR", tempfile.mkdtemp(prefix="perfdesk-shots-"))

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QWidget
from shotkit import discard, new_window, run, settle
from shots_tools import take_tools
from shots_transfer import take_transfer

from perfdesk.models.jsonio import document_from_json
from perfdesk.samples import samples
from perfdesk.store.file import save_document
from perfdesk.ui.core import fileaccess
from perfdesk.ui.core.nodes import NodeKind, NodeRef
from perfdesk.ui.dialogs.newdialog import NewDocumentDialog
from perfdesk.ui.shell.mainwindow import MainWindow


def _save(widget: QWidget, folder: Path, name: str) -> Path:
    settle()
    path = folder / f"ui-{name}.png"
    widget.grab().save(str(path))
    return path


def take(folder: Path) -> list[Path]:
    """Take every screenshot into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    window = new_window()
    shots.append(_save(window, folder, "start"))
    discard(window)
    for sample in samples():
        window = new_window()
        window.open_sample(sample.name)
        shots.append(_save(window, folder, f"main-{sample.name}"))
        discard(window)
    shots += _editors(folder)
    shots += _special(folder)
    shots += take_transfer(folder)  # export dialog, print preview, import problems, 汇总
    shots += take_tools(folder)  # 自评表, 指标库 type-ahead and picker, next year, 2021 conversion
    return shots


def _unit_printing(window: MainWindow) -> None:
    """单位信息 scrolled to its 打印 section: 版式, 表格方向 and the printed parts."""
    window.view.open_node(NodeRef(NodeKind.UNIT))
    settle()
    page = window.view.current_page()
    area, turn = page.scroll_area, page.binder.widget_for("orientation")
    if area is not None and turn is not None:
        area.ensureWidgetVisible(turn, 0, area.viewport().height() // 3)


def _editors(folder: Path) -> list[Path]:
    shots = []
    plan: list[tuple[str, str, Callable[[MainWindow], object]]] = [
        ("changli-2021", "editor-unit", _unit_printing),
        ("changli-2021", "editor-summary", lambda w: w.view.open_node(NodeRef(NodeKind.SUMMARY))),
        ("changli-2021", "editor-subtargets", lambda w: w.view.open_node(NodeRef(NodeKind.SUBTARGETS))),
        ("gaoxin-2022", "editor-measures", lambda w: w.view.open_node(NodeRef(NodeKind.MEASURES))),
        (
            "lunan-2025",
            "editor-project",
            lambda w: w.view.open_node(NodeRef(NodeKind.PROJECT, w.session.document.projects[1])),
        ),
        ("lunan-2025", "editor-projects-overview", lambda w: w.view.open_node(NodeRef(NodeKind.PROJECTS))),
        ("dongguan-2024", "editor-dept", lambda w: w.view.open_node(NodeRef(NodeKind.DEPT))),
        ("gaoxin-selfeval-2024", "editor-selfreport", lambda w: w.view.open_node(NodeRef(NodeKind.SELF))),
    ]
    for sample, name, show in plan:
        window = new_window()
        window.open_sample(sample)
        show(window)
        shots.append(_save(window, folder, name))
        discard(window)
    return shots


def _special(folder: Path) -> list[Path]:
    shots = []
    # The checks panel with an error: 预算数 that does not add up, an empty 指标值.
    window = new_window()
    window.open_sample("changli-2021")
    session = window.session
    page = window.view.current_page()
    page.binder.widget_for("budget_total").edit.setText("25")
    page.binder.widget_for("budget_total").edit.textEdited.emit("25")
    model = page.tables["indicators"].model
    model.setData(model.index(2, 4), "")
    window.view.runner.run()
    settle()
    shots.append(_save(window, folder, "checks"))
    shots.append(_save(window.view.checks, folder, "checks-panel"))
    discard(window)
    # A file that is open in another perfdesk: read-only with a notice.
    tmp = Path(tempfile.mkdtemp(prefix="perfdesk-shots-file-"))
    path = tmp / "昌黎县应急管理局2021年.perfdesk"
    save_document(samples()[0].load(), path)
    lock = QLockFile(str(fileaccess.lock_path(path)))
    lock.tryLock(0)
    window = new_window()
    window.open_file(path)
    shots.append(_save(window, folder, "read-only"))
    discard(window)
    lock.unlock()
    # A document in the split-column family (corpus table 20, 重庆 荣昌): 指标性质 | 指标值 | 度量单位 | 权重.
    split = tempfile.mkdtemp(prefix="perfdesk-shots-split-")
    family = Path(__file__).resolve().parents[2] / "tests" / "data" / "families" / "split-20-rongchang.json"
    path = Path(split) / "荣昌区林业局2022年.perfdesk"
    save_document(document_from_json(family.read_text(encoding="utf-8")), path)
    window = new_window()
    window.open_file(path)
    window.view.open_node(NodeRef(NodeKind.PROJECT, window.session.document.projects[0]))
    shots.append(_save(window, folder, "family-split"))
    discard(window)
    assert session is not None
    dialog = NewDocumentDialog()
    dialog.name.setText("昌黎县应急管理局")
    dialog.code.setText("426003")
    dialog.show()
    shots.append(_save(dialog, folder, "new-dialog"))
    dialog.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    return run(take, argv)


if __name__ == "__main__":
    sys.exit(main())
