"""The dependency rules.

model, storage and exports never import Qt; the ``opmodel`` command (``cli``) loads Qt and the
app only inside functions, and the app never imports it; no first-party import circles.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEADLESS_PACKAGES = ("model", "storage", "exports")
FORBIDDEN = ("PySide6", "shiboken6", "app", "canvas")
#: Every first-party package whose imports make up the module graph.
FIRST_PARTY = ("app", "canvas", "cli", "model", "storage", "exports", "resources", "benchmarks")
#: What the command may import only inside a function (the window, PNG/SVG exports).
CLI_LAZY_ONLY = ("PySide6", "shiboken6", "app", "canvas")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_headless_packages_do_not_import_qt_or_gui_layers() -> None:
    offenders = []
    for package in HEADLESS_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for name in _imported_modules(path):
                if name.split(".")[0] in FORBIDDEN:
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_model_does_not_import_storage_or_exports() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (ROOT / "model").rglob("*.py")
        for name in _imported_modules(path)
        if name.split(".")[0] in ("storage", "exports")
    ]
    assert offenders == []


def test_cli_subcommands_load_without_qt() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "for pkg in ('model', 'storage', 'exports'):\n"
        "    mod = importlib.import_module(pkg)\n"
        "    for info in pkgutil.walk_packages(mod.__path__, pkg + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "for info in pkgutil.walk_packages(importlib.import_module('cli').__path__, 'cli.'):\n"
        "    if info.name != 'cli.__main__':\n"
        "        importlib.import_module(info.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


# -- the module graph --------------------------------------------------------------------------
def _first_party_modules() -> dict[str, Path]:
    """Every first-party module by dotted name (a package by its ``__init__.py``)."""
    modules: dict[str, Path] = {}
    for package in FIRST_PARTY:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _imports(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[str, int]]:
    """Every name imported anywhere in ``tree`` (in functions and TYPE_CHECKING blocks too).

    ``from a.b import c`` gives ``a.b.c`` (a module, or a name in ``a.b``); relative imports
    are made absolute. Yields (dotted name, line).
    """
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


def _import_graph() -> dict[str, dict[str, str]]:
    """module -> {imported first-party module: where (``path:line``)}, self-imports left out."""
    modules = _first_party_modules()
    graph: dict[str, dict[str, str]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges: dict[str, str] = {}
        for name, line in _imports(tree, module, path.name == "__init__.py"):
            target = name
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != module:
                edges.setdefault(target, f"{path.relative_to(ROOT)}:{line}")
        graph[module] = edges
    return graph


def _cycles(graph: dict[str, dict[str, str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return components


def _describe(component: list[str], graph: dict[str, dict[str, str]]) -> str:
    members = set(component)
    edges = [
        f"    {source} -> {target}  ({where})"
        for source in component
        for target, where in sorted(graph[source].items())
        if target in members
    ]
    return "import circle among " + ", ".join(component) + ":\n" + "\n".join(edges)


def test_cycle_finder_sees_a_circle_and_a_line() -> None:
    graph = {"a": {"b": "a.py:1"}, "b": {"c": "b.py:1"}, "c": {"a": "c.py:1"}, "d": {"a": ""}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b": ""}, "b": {}, "c": {"a": "", "b": ""}}) == []


def test_graph_counts_imports_inside_functions() -> None:
    graph = _import_graph()
    assert "app.shell.main" in graph["cli.main"]  # the window path's lazy import
    assert "storage.store" in graph["cli.files"]


def test_no_import_circles() -> None:
    """No first-party module reaches itself through imports.

    Imports inside functions count (the window's lazy import of the command hid one) and so
    do ``if TYPE_CHECKING:`` imports: a type-only circle is still a circle between modules.
    """
    graph = _import_graph()
    found = [_describe(component, graph) for component in _cycles(graph)]
    assert not found, "\n".join(found)


def test_app_never_imports_the_command() -> None:
    graph = _import_graph()
    offenders = [
        f"{module} imports {target} ({where})"
        for module, edges in graph.items()
        if module.split(".")[0] != "cli"
        for target, where in edges.items()
        if target.split(".")[0] == "cli"
    ]
    assert offenders == []


def test_cli_loads_qt_and_the_app_only_inside_functions() -> None:
    offenders = []
    for path in sorted((ROOT / "cli").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside_functions = {
            id(node)
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
            for node in ast.walk(function)
        }
        for node in ast.walk(tree):
            if id(node) in inside_functions:
                continue
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            offenders += [
                f"{path.relative_to(ROOT)}:{node.lineno} imports {name}"
                for name in names
                if name.split(".")[0] in CLI_LAZY_ONLY
            ]
    assert offenders == []


@pytest.mark.parametrize(
    ("args", "statuses"),
    [
        (["templates"], (0,)),
        (["new", "{dir}/new.opmodel", "--template", "sales"], (0,)),
        (["check", "{dir}/sales.opmodel"], (0, 1)),
        (["check", "{dir}/sales.opmodel", "--format", "json"], (0, 1)),
        (["export", "{dir}/sales.opmodel", "-o", "{dir}/sales.json"], (0,)),
    ],
    ids=["templates", "new", "check", "check-json", "export-json"],
)
def test_headless_subcommands_load_no_qt(
    args: list[str], statuses: tuple[int, ...], tmp_path: Path
) -> None:
    from cli.main import main

    assert main(["new", str(tmp_path / "sales.opmodel"), "--template", "sales"]) == 0
    argv = [arg.format(dir=tmp_path) for arg in args]
    code = (
        "import sys\n"
        "import cli.main\n"
        f"status = cli.main.main({argv!r})\n"
        f"assert status in {statuses!r}, status\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
