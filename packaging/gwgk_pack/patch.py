"""A bundled third-party module changed at build time: psycopg's ``import ssl``.

The Linux bundle has no ``ssl`` module (Python's OpenSSL is left out; ``cryptography``
brings its own). psycopg's pure-Python libpq wrapper, which the bureau's PostgreSQL
connection uses, imports ``ssl`` only "to set up Python's libcrypto callbacks" before it
tells libpq not to: thread-locking callbacks that OpenSSL 1.1.0 and later no longer have
(libpq ignores ``PQinitOpenSSL`` with them, and Debian 10, UOS 20 and Kylin V10 ship
OpenSSL 1.1 or 3). The bundle's copy of that module makes the import optional; with an
``ssl`` module it behaves as before. If psycopg's source no longer has the line, the build
stops here rather than ship a module that cannot be imported.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from pathlib import Path

MODULE = "psycopg.pq.pq_ctypes"
ORIGINAL = "\nimport ssl  # noqa\n"
PATCHED = (
    "\ntry:  # gwgk-desktop's bundle: no ssl module, and OpenSSL >= 1.1 needs no callbacks\n"
    "    import ssl  # noqa\n"
    "except ImportError:\n"
    "    pass\n"
)

TocEntry = tuple[str, str, str]


def patched_source(source: str) -> str:
    if source.count(ORIGINAL) != 1:
        raise RuntimeError(f"{MODULE}: its 'import ssl' line changed; check patch.py")
    return source.replace(ORIGINAL, PATCHED)


def optional_ssl_import(
    pure: Iterable[TocEntry], work: Path, code_cache: MutableMapping[str, object] | None
) -> list[TocEntry]:
    """PyInstaller's ``a.pure`` with ``MODULE`` taken from a patched copy in ``work``. Its
    compiled form is dropped from ``code_cache`` so that PYZ compiles the copy."""
    entries = list(pure)
    for index, (name, source, typecode) in enumerate(entries):
        if name != MODULE:
            continue
        work.mkdir(parents=True, exist_ok=True)
        copy = work / f"{name}.py"
        copy.write_text(patched_source(Path(source).read_text(encoding="utf-8")), encoding="utf-8")
        entries[index] = (name, str(copy), typecode)
        if code_cache is not None:
            code_cache.pop(name, None)
        return entries
    raise RuntimeError(f"{MODULE} is not in the bundle: the bureau could not reach PostgreSQL")
