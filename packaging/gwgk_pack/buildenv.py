"""The virtual environment the bundle is built in: the bundle's own Python (``runtime``)
with the app's dependencies and PyInstaller, every one of them a wheel for glibc 2.28.

pip picks the newest wheel the running machine can use; on this Debian 12 build machine
that would be a ``manylinux_2_34`` wheel where one exists (cryptography has them). A
``_manylinux`` module (PEP 600's hook, read by pip) tells pip this environment is for
glibc 2.28, so it takes ``manylinux_2_28`` or older wheels. ``--only-binary`` keeps pip
from compiling a source package with the build machine's compiler.

The dependencies are the app's own (``pyproject.toml``); the environment is rebuilt when
that file, the runtime or this recipe changes.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tomllib
from pathlib import Path

from gwgk_pack import runtime, zig

MANYLINUX_HOOK = f'''"""PEP 600 hook: this environment builds a bundle for glibc {zig.GLIBC}."""


def manylinux_compatible(major, minor, arch):
    return (major, minor) <= ({zig.GLIBC.replace(".", ", ")})
'''


def requirements(pyproject: Path) -> list[str]:
    """The app's dependencies and the PyInstaller requirement of its dev extras."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    dev = project["optional-dependencies"]["dev"]
    return [*project["dependencies"], *(r for r in dev if r.lower().startswith("pyinstaller"))]


def ensure(built: runtime.Runtime, pyproject: Path, folder: Path) -> Path:
    """The environment's python (the environment is made or remade when needed)."""
    wanted = requirements(pyproject)
    stamp_text = "\n".join([str(built.prefix), MANYLINUX_HOOK, *wanted, _recipe()]) + "\n"
    stamp = folder / ".gwgk-buildenv"
    python = folder / "bin" / "python"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == stamp_text and python.exists():
        return python
    if folder.exists():
        shutil.rmtree(folder)
    subprocess.run([str(built.python), "-m", "venv", str(folder)], check=True)
    (site,) = (folder / "lib").glob("python3.*/site-packages")
    (site / "_manylinux.py").write_text(MANYLINUX_HOOK, encoding="utf-8")
    pip = [str(python), "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "--only-binary=:all:", *wanted], check=True)
    stamp.write_text(stamp_text, encoding="utf-8")
    return python


def _recipe() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
