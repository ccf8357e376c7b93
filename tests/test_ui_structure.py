"""The rooms of perfdesk/ui: imports run one way, no import circle longer than two files, small folders."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "perfdesk" / "ui"

# Lower rooms never import higher ones; app.py (the entry) sits on top of everything.
ROOMS = ["core", "forms", "grid", "dialogs", "editors", "transfer", "shell", "app"]
MAX_MODULES = 15


def module_name(path: Path) -> str:
    """perfdesk.ui.shell.mainwindow for perfdesk/ui/shell/mainwindow.py (a package for its __init__)."""
    parts = ("perfdesk", *path.relative_to(UI.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every module of perfdesk/ui by its dotted name."""
    return {module_name(p): p for p in sorted(UI.rglob("*.py"))}


def _type_checking_only(tree: ast.Module) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    return skip


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The perfdesk.ui modules a module imports at run time (at the top or inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_only(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            for alias in node.names:
                target = f"{base}.{alias.name}"
                if target in known:
                    found.add(target)  # from package import module
                elif base in known:
                    found.add(base)
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module → the perfdesk.ui modules it imports."""
    mods = modules()
    return {name: imports_of(name, path, set(mods)) for name, path in mods.items()}


def long_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """An import circle of three or more files, or None (circles of two are allowed)."""
    order = sorted(graph)
    rank = {name: i for i, name in enumerate(order)}
    for start in order:  # circles through `start` and later nodes only: each circle is found once
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start and len(path) >= 3:
                    return path
                if rank[nxt] > rank[start] and nxt not in path:
                    stack.append((nxt, [*path, nxt]))
    return None


def room(name: str) -> str:
    """The room of a module: its folder below perfdesk/ui, or the module itself at the top."""
    parts = name.split(".")
    return parts[2] if len(parts) > 2 else "package"


def test_every_module_is_in_a_room() -> None:
    rooms = {room(name) for name in modules()}
    assert rooms <= {*ROOMS, "package"}, rooms - set(ROOMS)


def test_no_import_circle_longer_than_two_files() -> None:
    assert long_cycle(import_graph()) is None


def test_rooms_import_downwards_only() -> None:
    wrong = []
    for name, targets in import_graph().items():
        here = room(name)
        for target in targets:
            there = room(target)
            if "package" in (here, there) or here == there:
                continue
            if ROOMS.index(there) > ROOMS.index(here):
                wrong.append(f"{name} → {target}")
    assert not wrong, wrong


def test_no_folder_holds_more_than_fifteen_modules() -> None:
    for folder in [UI, *(p for p in UI.iterdir() if p.is_dir() and p.name != "__pycache__")]:
        assert len(list(folder.glob("*.py"))) <= MAX_MODULES, folder


def test_the_checker_sees_circles() -> None:
    """The circle finder itself: a circle of three is found, one of two is allowed."""
    assert long_cycle({"a": {"b"}, "b": {"a"}}) is None
    assert long_cycle({"a": {"b"}, "b": {"c", "a"}, "c": {"a"}}) == ["a", "b", "c"]
    graph = import_graph()
    assert "perfdesk.ui.core.session" in graph["perfdesk.ui.shell.mainwindow"]
    assert "perfdesk.ui.dialogs" in graph["perfdesk.ui.transfer.exporting"]  # from perfdesk.ui import dialogs
