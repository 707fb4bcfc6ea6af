"""psycopg's libpq wrapper as the bundle ships it: importable without an ssl module."""

from __future__ import annotations

import ctypes.util
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from gwgk_pack import patch

_SPEC = importlib.util.find_spec(patch.MODULE)
assert _SPEC is not None and _SPEC.origin is not None
SOURCE = Path(_SPEC.origin)

#: Imports psycopg as in the bundle, where ``import ssl`` fails, with ``patch.MODULE``
#: taken from the file given; prints the libpq wrapper psycopg chose.
IMPORT_WITHOUT_SSL = r"""
import importlib.abc, importlib.util, sys
sys.modules["ssl"] = None  # what an excluded module looks like: ImportError
module, path = sys.argv[1], sys.argv[2]

class Patched(importlib.abc.MetaPathFinder):
    def find_spec(self, name, target_path=None, target=None):
        return importlib.util.spec_from_file_location(name, path) if name == module else None

sys.meta_path.insert(0, Patched())
import psycopg
print(psycopg.pq.__impl__)
"""


def _import_without_ssl(module_file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", IMPORT_WITHOUT_SSL, patch.MODULE, str(module_file)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={"PSYCOPG_IMPL": "python", "PATH": "/usr/bin:/bin"},
    )


def test_the_patch_fits_the_installed_psycopg_and_keeps_the_import_where_ssl_exists() -> None:
    patched = patch.patched_source(SOURCE.read_text(encoding="utf-8"))
    assert patch.PATCHED in patched and patch.ORIGINAL not in patched
    compile(patched, str(SOURCE), "exec")
    with pytest.raises(RuntimeError, match="changed"):
        patch.patched_source(patched)


@pytest.mark.skipif(ctypes.util.find_library("pq") is None, reason="libpq (libpq5) not installed")
def test_patched_wrapper_imports_without_ssl_and_the_original_does_not(tmp_path: Path) -> None:
    original = _import_without_ssl(SOURCE)
    assert original.returncode != 0 and "ssl" in original.stderr

    copy = patch.optional_ssl_import(
        [(patch.MODULE, str(SOURCE), "PYMODULE")], tmp_path, code_cache={patch.MODULE: None}
    )
    ((name, patched_file, typecode),) = copy
    assert (name, typecode) == (patch.MODULE, "PYMODULE") and Path(patched_file).parent == tmp_path
    done = _import_without_ssl(Path(patched_file))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "python"


def test_a_bundle_without_psycopg_stops_the_build(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="not in the bundle"):
        patch.optional_ssl_import([("psycopg", "x.py", "PYMODULE")], tmp_path, None)
