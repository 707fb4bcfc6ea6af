"""Project-wide rules: the layers below the GUI never import Qt, and resources/ is found
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
QT_FREE = ("domain", "store", "services", "submission", "pdf", "cli")


@pytest.mark.parametrize("layer", QT_FREE)
def test_layer_does_not_import_qt(layer: str) -> None:
    folder = ROOT / "gwgk_desktop" / layer
    offenders = []
    for source in folder.rglob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            # the CLI may reach the GUI only through gui_cmd's lazy import
            if any(n.startswith(("PySide6", "shiboken6")) for n in names) or (
                layer != "cli" and any(n.startswith("gwgk_desktop.gui") for n in names)
            ):
                offenders.append(f"{source.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}")
    assert offenders == []


def test_checkout_paths() -> None:
    assert paths.resources_dir() == ROOT / "resources"
    assert (paths.migrations_dir() / "env.py").is_file()
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
