"""Where the application's files are: ``resources/``, migrations, user data.

Works from a source checkout (the folder sits beside the package), an installed wheel
(it travels inside the package as ``_data/``) and a PyInstaller bundle (under
``sys._MEIPASS``), in that order of preference for a frozen app first. The Designer forms
of ``ui/`` are compiled into ``gui/designer/`` and not needed at run time.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import platformdirs

from gwgk_desktop import APP_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    found: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / name)
    found.append(_PACKAGE_DIR.parent / name)  # source checkout
    found.append(_PACKAGE_DIR / "_data" / name)  # installed wheel
    return found


@cache
def _data_dir(name: str) -> Path:
    for candidate in _candidates(name):
        if candidate.is_dir():
            return candidate
    tried = ", ".join(str(c) for c in _candidates(name))
    raise FileNotFoundError(f"cannot find the application's {name}/ folder (tried {tried})")


def resources_dir() -> Path:
    """Icons, reference template, translations, style sheet."""
    return _data_dir("resources")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def _package_folder(*parts: str) -> Path:
    """A folder of the package shipped as plain files (also inside the bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        frozen = Path(bundle, "gwgk_desktop", *parts)
        if frozen.is_dir():
            return frozen
    return _PACKAGE_DIR.joinpath(*parts)


def migrations_dir() -> Path:
    """Alembic's script location for the station's database."""
    return _package_folder("store", "migrations")


def bureau_migrations_dir() -> Path:
    """The bureau database's Alembic scripts."""
    return _package_folder("bureau", "migrations")


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """Files kept only to save time (parsed fonts); anything in it may be deleted."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    return user_data_dir() / "gwgk.sqlite"


def default_bureau_database() -> Path:
    """The city bureau's database when neither ``--db`` nor ``GWGK_BUREAU_DB`` says."""
    return user_data_dir() / "bureau.sqlite"
