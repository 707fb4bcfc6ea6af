"""The virtual environment the bundle is built in: the bundle's own Python (``runtime``)
with the app's dependencies and PyInstaller, every one of them a wheel for glibc 2.28.

pip picks the newest wheel the running machine can use; on this Debian 12 build machine
that would be a ``manylinux_2_34`` wheel where one exists (cryptography has them). A
``_manylinux`` module (PEP 600's hook, read by pip) tells pip this environment is for
glibc 2.28, so it takes ``manylinux_2_28`` or older wheels. ``--only-binary`` keeps pip
from compiling a source package with the build machine's compiler.

One package is compiled here, with zig for glibc 2.28: Pillow. reportlab imports it at
start-up but the app draws no bitmaps with it, and PyPI's wheel brings twelve image
libraries (6.4 MB, one of them padded to 2 MB). Built from its source with only zlib
(PNG), it adds 0.8 MB. The wheel is cached beside the runtime.

The dependencies are the app's own (``pyproject.toml``); the environment is rebuilt when
that file, the runtime or this recipe changes.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
import tomllib
from pathlib import Path

from gwgk_pack import runtime, zig

MANYLINUX_HOOK = f'''"""PEP 600 hook: this environment builds a bundle for glibc {zig.GLIBC}."""


def manylinux_compatible(major, minor, arch):
    return (major, minor) <= ({zig.GLIBC.replace(".", ", ")})
'''

#: Pillow's optional image libraries, all left out (its build options, ``-C name=disable``).
PILLOW_LEFT_OUT = (
    "jpeg", "tiff", "freetype", "lcms", "webp", "jpeg2000", "imagequant", "xcb", "avif",
    "raqm",
)  # fmt: skip


class EnvError(Exception):
    """The build environment cannot be made (the message says why)."""


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
    pillow = slim_pillow(built, python, built.prefix.parent.parent / "wheels")
    subprocess.run([*pip, "install", "--only-binary=:all:", str(pillow), *wanted], check=True)
    stamp.write_text(stamp_text, encoding="utf-8")
    return python


def slim_pillow(built: runtime.Runtime, python: Path, wheels: Path) -> Path:
    """A Pillow wheel with PNG only, compiled for glibc 2.28 (cached in ``wheels``)."""
    pip = [str(python), "-m", "pip", "--disable-pip-version-check", "--quiet"]
    with tempfile.TemporaryDirectory() as temporary:
        subprocess.run(
            [*pip, "download", "--no-deps", "--no-binary=:all:", "-d", temporary, "pillow"],
            check=True,
        )
        (sdist,) = Path(temporary).glob("pillow-*.tar.gz")
        key = hashlib.sha256(
            sdist.read_bytes() + _recipe().encode() + str(built.prefix).encode()
        ).hexdigest()[:12]
        version = sdist.name.removeprefix("pillow-").removesuffix(".tar.gz")
        target = wheels / f"pillow-{version}-{key}"
        found = sorted(target.glob("pillow-*.whl"))
        if found:
            return found[0]
        zlib = built.libraries["zlib"]
        env = {
            **built.toolchain.env(),
            "PATH": f"{built.prefix / 'bin'}:/usr/bin:/bin",
            "HOME": str(Path.home()),
            "CFLAGS": f"{runtime.CFLAGS} -I{zlib / 'include'}",
            "LDFLAGS": f"-L{zlib / 'lib'}",
            "PKG_CONFIG_LIBDIR": "/nonexistent",
        }
        env["LDSHARED"] = f"{env['CC']} -shared"
        # Only the folders given here: none of the build machine's headers or libraries.
        options = ["-Cplatform-guessing=disable"]
        options += [f"-C{name}=disable" for name in PILLOW_LEFT_OUT]
        partial = target.with_name(target.name + ".partial")
        if partial.exists():
            shutil.rmtree(partial)
        result = subprocess.run(
            [*pip, "wheel", "--no-deps", "-w", str(partial), *options, str(sdist)],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise EnvError(f"Pillow did not build:\n{(result.stdout + result.stderr)[-4000:]}")
        if target.exists():
            shutil.rmtree(target)
        partial.rename(target)
    (wheel,) = target.glob("pillow-*.whl")
    return wheel


def _recipe() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
