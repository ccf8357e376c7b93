"""文件 › 由现有文档新建下一年度… and 工具 › 转换为 2021 版指标框架… from the menus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from perfdesk.models.document import Framework
from perfdesk.models.findings import Form
from perfdesk.models.rollover import RowChange
from perfdesk.samples import sample
from perfdesk.store.file import save_document
from perfdesk.ui import dialogs as dialogs_module
from perfdesk.ui.core.nodes import NodeKind, NodeRef
from perfdesk.ui.dialogs.convertdialog import ConvertDialog
from perfdesk.ui.dialogs.rolloverdialog import RolloverChoice, RolloverDialog
from perfdesk.ui.editors.project import ProjectEditor
from perfdesk.ui.grid.tablemodel import ChoicesRole
from perfdesk.ui.shell.mainwindow import open_windows


def levels(project: Any) -> list[tuple[str, str, str]]:
    return [(i.level1, i.level2, i.level3) for i in project.indicators]


# ------------------------------------------------------------------ rollover


def test_rollover_of_the_open_sample_opens_next_year_with_year_findings(window, qtbot, monkeypatch) -> None:
    window.open_sample("changli-2021")
    old = window.session.document
    asked: list[Any] = []

    def answer(_parent: Any, current: Any, name: str) -> RolloverChoice:
        asked.append((current, name))
        return RolloverChoice(None, keep_amounts=False, keep_plans=True)

    monkeypatch.setattr(dialogs_module, "ask_rollover", answer)
    window.actions_by_name["new_year"].trigger()
    assert asked and asked[0][0] is old
    new_window = open_windows()[-1]
    assert new_window is not window
    doc = new_window.session.document
    assert (doc.unit.fiscal_year, doc.unit.rolled_from) == (2022, 2021)
    assert all(p.budget_total is None for p in doc.projects)  # amounts not kept
    assert doc.projects[0].plan_dec == old.projects[0].plan_dec  # plans kept
    assert old.unit.fiscal_year == 2021  # the source is untouched
    assert new_window.session.path is None and new_window.session.is_modified() is False
    assert "2022" in new_window.windowTitle() and "结转" in new_window.windowTitle()
    panel = new_window.view.checks
    qtbot.waitUntil(lambda: any(f.code == "year-reference" for f in panel.visible_findings()), timeout=3000)
    found = [f for f in panel.visible_findings() if f.code == "year-reference"]
    assert len(found) == 4 and all("2021" in f.message for f in found)
    assert panel.isVisible()
    # A year finding jumps to the text that names the old year.
    project_finding = next(f for f in found if f.place.form is Form.PROJECT)
    assert new_window.view.jump(project_finding.place)
    assert isinstance(new_window.view.current_page(), ProjectEditor)


def test_rollover_from_a_file_into_an_empty_window(window, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "高新2022.perfdesk"
    save_document(sample("gaoxin-2022").load(), path)
    monkeypatch.setattr(dialogs_module, "ask_rollover", lambda *_a: RolloverChoice(path, True, False))
    window.actions_by_name["new_year"].trigger()
    assert window.session is not None  # the empty window takes the new document
    doc = window.session.document
    assert doc.unit.fiscal_year == 2023
    assert doc.projects[0].budget_total is not None and doc.projects[0].plan_dec is None


def test_rollover_dialog_choices(app, qtbot, dialogs, tmp_path: Path) -> None:
    doc = sample("changli-2021").load()
    dialog = RolloverDialog(doc, "昌黎.perfdesk")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.use_current.isChecked() and ok.isEnabled()
    assert "2022" in dialog.year_hint.text()
    dialog.keep_amounts.setChecked(False)
    assert dialog.choice() == RolloverChoice(None, keep_amounts=False, keep_plans=True)
    dialogs.open_path = tmp_path / "上年.perfdesk"
    dialog.browse()
    assert dialog.use_file.isChecked() and dialog.choice().path == tmp_path / "上年.perfdesk"

    empty = RolloverDialog(None)
    qtbot.addWidget(empty)
    assert not empty.use_current.isEnabled() and empty.use_file.isChecked()
    assert not empty.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # no file chosen yet


# ------------------------------------------------------------------ framework conversion


def test_conversion_preview_apply_and_undo(window, qtbot, monkeypatch) -> None:
    window.open_sample("changli-2021")
    doc = window.session.document
    page = window.view.current_page()
    assert isinstance(page, ProjectEditor)
    model = page.tables["indicators"].model
    project = doc.projects[0]
    before = [levels(p) for p in doc.projects]
    previews: list[list[RowChange]] = []

    def preview(_parent: Any, shown: Any, changes: list[RowChange]) -> bool:
        previews.append(changes)
        dialog = ConvertDialog(shown, changes)  # the real preview, as the clerk sees it
        rows = [[dialog.model.index(r, c).data() for c in range(5)] for r in range(dialog.model.rowCount())]
        dialog.deleteLater()
        assert rows[0] == [f"1. {project.name}", "第4行 → 第1行", "年初预算指标", "产出指标 / 成本指标",
                           "成本指标 / 经济成本指标"]  # fmt: skip
        return True

    monkeypatch.setattr(dialogs_module, "confirm_conversion", preview)
    window.actions_by_name["convert_2021"].trigger()
    [changes] = previews
    assert len(changes) == 6  # one cost row in each of the six projects
    assert doc.unit.framework is Framework.Y2021
    assert levels(project)[0] == ("成本指标", "经济成本指标", "年初预算指标")
    assert [r[2] for r in levels(project)[1:4]] == [r[2] for r in before[0][:3]]
    assert model.index(0, 0).data() == "成本指标"
    assert model.index(0, 0).data(ChoicesRole)[0] == "成本指标"  # the drop-downs follow the framework
    assert "经济成本指标" in model.index(0, 1).data(ChoicesRole)

    window.actions_by_name["undo"].trigger()  # ONE step restores the 2015 grid
    assert doc.unit.framework is Framework.Y2015
    assert [levels(p) for p in doc.projects] == before
    assert model.index(3, 1).data() == "成本指标"
    assert "成本指标" not in model.index(0, 0).data(ChoicesRole)
    window.actions_by_name["redo"].trigger()
    assert doc.unit.framework is Framework.Y2021 and levels(project)[0][0] == "成本指标"


def test_conversion_cancelled_or_not_needed(window, dialogs, monkeypatch) -> None:
    window.open_sample("dongguan-2024")  # the Guangdong table, 2015 framework
    doc = window.session.document
    monkeypatch.setattr(dialogs_module, "confirm_conversion", lambda *_a: False)
    window.actions_by_name["convert_2021"].trigger()
    assert doc.unit.framework is Framework.Y2015
    monkeypatch.setattr(dialogs_module, "confirm_conversion", lambda *_a: True)
    window.actions_by_name["convert_2021"].trigger()
    assert doc.unit.framework is Framework.Y2021
    window.actions_by_name["convert_2021"].trigger()  # already 2021: said so, nothing changes
    assert dialogs.names()[-1] == "show_info"


@pytest.mark.parametrize("name", ["changli-2021", "lunan-2025"])
def test_conversion_matches_the_domain_result(window, monkeypatch, name: str) -> None:
    from perfdesk.models.rollover import convert_to_2021

    window.open_sample(name)
    doc = window.session.document
    expected, _changes = convert_to_2021(doc)
    monkeypatch.setattr(dialogs_module, "confirm_conversion", lambda *_a: True)
    window.view.open_node(NodeRef(NodeKind.UNIT))
    window.actions_by_name["convert_2021"].trigger()
    assert [levels(p) for p in doc.projects] == [levels(p) for p in expected.projects]
    assert doc.projects[0].budget_total == expected.projects[0].budget_total
