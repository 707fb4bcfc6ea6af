"""Project-wide rules: imports point inward (domain ← store, submission, pdf ← services ←
cli, gui), only the GUI imports Qt, no module imports itself back, and resources/ is found
from a checkout and from an installed wheel (which carries the compiled forms, not ui/)."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gwgk_desktop import paths

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gwgk_desktop"

#: Modules below the layers, open to every layer but the domain: the error types, safe file
#: writing, file locks, the progress protocol, where files are, the log, hashing (bulk
#: SHA-256 and scrypt), work on a thread beside the caller's, the start-up timeline, and
#: the package itself (its version).
SHARED = frozenset(
    {
        "errors",
        "files",
        "filelock",
        "progress",
        "paths",
        "logs",
        "hashing",
        "beside",
        "startup_trace",
        "",
    }
)
LAYERS = ("domain", "store", "submission", "pdf", "services", "bureau", "cli", "gui")
#: What each layer may import of the project besides itself (imports point inward).
ALLOWED: dict[str, frozenset[str]] = {
    "domain": frozenset(),
    "store": SHARED | {"domain"},
    "submission": SHARED | {"domain"},
    "pdf": SHARED | {"domain"},
    "services": SHARED | {"domain", "store", "submission", "pdf"},
    # The city bureau's side: its own database and use cases, beside the station's services
    # (whose demo and export make the bureau's demo packages); no station code imports it.
    "bureau": SHARED | {"domain", "store", "submission", "pdf", "services"},
    # The CLI reaches the GUI only through the gui command (cli/gui_cmd.py, below).
    "cli": SHARED
    | {"domain", "store", "submission", "pdf", "services", "bureau", "selftest", "diagnostics"},
}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(source: Path, *, typing_too: bool = True) -> list[tuple[str, int]]:
    """Every module ``source`` imports (lazy ones inside functions too), with the line."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    if not typing_too:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and _is_type_checking(node):
                skipped.update(id(sub) for sub in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
    return found


#: The package's top-level modules and sub-packages.
TOP_LEVEL = frozenset(p.stem for p in PACKAGE.iterdir() if p.suffix == ".py" or p.is_dir())


def _layer_of(module: str) -> str | None:
    """The top-level part of ``gwgk_desktop`` a module belongs to: '' for the package
    itself and its attributes (``from gwgk_desktop import __version__``)."""
    if module != "gwgk_desktop" and not module.startswith("gwgk_desktop."):
        return None
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in TOP_LEVEL else ""


@pytest.mark.parametrize("layer", [layer for layer in LAYERS if layer != "gui"])
def test_layer_does_not_import_qt(layer: str) -> None:
    offenders = [
        f"{source.relative_to(ROOT)}:{line}"
        for source in (PACKAGE / layer).rglob("*.py")
        for name, line in _imports(source)
        if name.startswith(("PySide6", "shiboken6"))
    ]
    assert offenders == []


@pytest.mark.parametrize("layer", list(ALLOWED))
def test_imports_point_inward(layer: str) -> None:
    offenders = []
    for source in (PACKAGE / layer).rglob("*.py"):
        if "migrations/versions" in source.as_posix():
            continue
        allowed = set(ALLOWED[layer])
        if source == PACKAGE / "cli" / "gui_cmd.py":
            allowed.add("gui")
        for name, line in _imports(source):
            target = _layer_of(name)
            if target is None or target == layer or target in allowed:
                continue
            offenders.append(f"{source.relative_to(ROOT)}:{line} imports {name}")
    assert offenders == []


def test_only_the_gui_and_its_entry_points_import_the_gui() -> None:
    entry_points = {PACKAGE / "cli" / "gui_cmd.py", PACKAGE / "selftest.py"}
    offenders = [
        f"{source.relative_to(ROOT)}:{line}"
        for source in PACKAGE.rglob("*.py")
        if source not in entry_points and PACKAGE / "gui" not in source.parents
        for name, line in _imports(source)
        if _layer_of(name) == "gui"
    ]
    assert offenders == []


def test_no_import_cycles() -> None:
    """No module imports, however indirectly or lazily, a module that imports it back
    (type-checking imports aside); a package's __init__ counts as imported with it."""
    modules: dict[str, Path] = {}
    for source in PACKAGE.rglob("*.py"):
        if "migrations/versions" in source.as_posix() or "gui/designer" in source.as_posix():
            continue
        parts = list(source.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = source
    graph: dict[str, set[str]] = {}
    for module, source in modules.items():
        edges = set()
        for name, _line in _imports(source, typing_too=False):
            if name in modules and name != module:
                edges.add(name)  # named outright, even the module's own package
            parts = name.split(".")
            for end in range(2, len(parts)):  # the packages on the way are imported too
                target = ".".join(parts[:end])
                if target in modules and not module.startswith(target + "."):
                    edges.add(target)
        graph[module] = edges
    assert _cycles(graph) == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))
    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_checkout_paths() -> None:
    assert paths.resources_dir() == ROOT / "resources"
    assert (paths.migrations_dir() / "env.py").is_file()
    assert (paths.bureau_migrations_dir() / "env.py").is_file()
    assert paths.resource("templates", "reference-template.json").is_file()


@pytest.mark.slow
def test_the_wheel_carries_ui_and_resources(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("gwgk_desktop-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    assert "gwgk_desktop/_data/resources/templates/reference-template.json" in names
    assert "gwgk_desktop/store/migrations/versions/0001_initial_schema.py" in names
    # The forms travel compiled, as code; the .ui sources are not loaded at run time.
    assert not any(n.startswith("gwgk_desktop/_data/ui/") for n in names)
    assert "gwgk_desktop/bureau/migrations/versions/bureau_0001_initial.py" in names
    for ui in (ROOT / "ui").rglob("*.ui"):
        assert f"gwgk_desktop/gui/designer/{ui.stem}.py" in names
    # Installed (here: unpacked on sys.path, away from the checkout), paths.py finds them.
    probe = "import gwgk_desktop.paths as p;print(p.resources_dir()); print(p.migrations_dir())"
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); {probe}",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    resources, migrations = map(Path, result.stdout.splitlines())
    site = tmp_path / "site" / "gwgk_desktop"
    assert resources == site / "_data" / "resources"
    assert migrations == site / "store" / "migrations"
