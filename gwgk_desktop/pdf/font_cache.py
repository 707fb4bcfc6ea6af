"""A TrueType font for reportlab whose parsed tables come from a cache file.

reportlab reads a whole font file and parses its character map, widths and glyph offsets
(``TTFontFile.extractInfo``) every time a process registers it: for WenQuanYi Micro Hei's
34,600 characters about 0.1 s of every printed document, the same each time. This module
keeps what that parse produces in the user's cache folder (one file per font file,
``marshal``-ed: plain numbers, strings, lists and dicts, nothing that runs code when read),
keyed by the font file's path, size and modification time and by the reportlab version.
The font file itself is still read each time: subsets are cut from its bytes.

The glyph-to-characters map is kept as a separate marshalled part, read only when something
asks for it (text shaping; printing plain text never does): a third of the time reading a
cache file takes.

The cache only ever saves time: a missing, unreadable, corrupt or stale cache file means
the font is parsed as before (and the cache file written again); a cache folder that
cannot be written is left alone. Nothing here can stop a document from being printed that
would have printed without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from gwgk_desktop.errors import UserError
from gwgk_desktop.files import write_bytes_atomic

log = logging.getLogger(__name__)

#: Bumped when what is stored changes; part of every key.
FORMAT = 2
#: A cache file: these bytes, the SHA-256 of the rest, the marshalled (key, attributes).
_MAGIC = b"GWGK-TTF-CACHE\n"
_BODY = len(_MAGIC) + 32
#: Marks a reportlab name string (bytes that also carry their decoded text) in the cache.
_NAME = "gwgk-ttf-name"
#: Face attributes not stored: the file's bytes (read afresh) and the scaling function
#: (rebuilt from ``unitsPerEm``).
_NOT_STORED = frozenset({"_ttf_data", "_pdfScale"})
#: Face attributes stored as a separate marshalled part and read when first asked for.
_LAZY = "glyphToChar"
#: The lazy part of each face read from the cache, until the face asks for it (the face's
#: own attributes stay exactly reportlab's).
_PENDING: WeakKeyDictionary[Any, bytes] = WeakKeyDictionary()


def cache_key(path: Path, subfont: int) -> str:
    """What the cached parse of ``path`` depends on: the file (path, size, modification
    time), the face in it, the reportlab that parsed it and this cache's format."""
    stat = path.stat()
    resolved = path.resolve()
    return f"{FORMAT}|{reportlab.Version}|{resolved}|{stat.st_size}|{stat.st_mtime_ns}|{subfont}"


def cache_file(folder: Path, path: Path, subfont: int) -> Path:
    """The cache file of ``path``'s face ``subfont`` (one per font file: a changed font
    replaces its stale entry)."""
    name = f"{path.resolve()}|{subfont}".encode()
    digest = hashlib.sha256(name).hexdigest()[:24]
    return folder / f"ttf-{digest}.marshal"


def _encode(value: Any) -> Any:
    if isinstance(value, TTFNameBytes):
        return (_NAME, bytes(value), value.ustr)
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 3 and value[0] == _NAME:
        name = TTFNameBytes(value[1])
        name.ustr = value[2]
        return name
    return value


def _pdf_scale(units_per_em: int) -> Any:
    """reportlab's glyph-units-to-1/1000-point function (``TTFontFile.extractInfo``)."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _read(file: Path, key: str) -> tuple[dict[str, Any], bytes] | None:
    """The stored face attributes and the marshalled lazy attribute when ``file`` holds
    a sound entry for ``key``."""
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        log.info("font cache %s unreadable (%s); parsing the font again", file, error)
        return None
    head, digest, payload = data[: len(_MAGIC)], data[len(_MAGIC) : _BODY], data[_BODY:]
    # marshal is not meant for damaged data: only bytes this module wrote (their digest
    # matches) are handed to it.
    if head != _MAGIC or hashlib.sha256(payload).digest() != digest:
        log.info("font cache %s damaged; parsing the font again", file)
        return None
    try:
        stored = marshal.loads(payload)  # noqa: S302 (our own bytes: digest checked)
    except (EOFError, ValueError, TypeError) as error:
        log.info("font cache %s unreadable (%s); parsing the font again", file, error)
        return None
    if not (isinstance(stored, tuple) and len(stored) == 3 and stored[0] == key):
        return None  # a stale entry (the font file changed) or not ours
    attributes, lazy = stored[1], stored[2]
    if not isinstance(lazy, bytes):
        return None
    if not isinstance(attributes, dict) or not isinstance(attributes.get("unitsPerEm"), int):
        return None
    for needed, kind in (("charToGlyph", dict), ("charWidths", dict), ("glyphPos", list)):
        if not isinstance(attributes.get(needed), kind):
            return None
    if attributes["unitsPerEm"] <= 0:
        return None
    return {name: _decode(value) for name, value in attributes.items()}, lazy


def _write(file: Path, key: str, attributes: dict[str, Any]) -> None:
    stored = {
        name: _encode(value)
        for name, value in attributes.items()
        if name not in _NOT_STORED and name != _LAZY
    }
    try:
        payload = marshal.dumps((key, stored, marshal.dumps(attributes[_LAZY])))
    except (ValueError, KeyError) as error:  # a later reportlab's attributes
        log.info("font cache: %s not cached (%s)", file, error)
        return
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(file, _MAGIC + hashlib.sha256(payload).digest() + payload)
    except (OSError, UserError) as error:  # a read-only or full cache folder
        log.info("font cache %s not written (%s)", file, error)


class _CachedFace(TTFontFace):
    """A ``TTFontFace`` that takes the result of ``extractInfo`` from the cache file when
    it holds a sound one for this font file, and stores it there otherwise."""

    def __init__(self, filename: str, subfont: int, cache: tuple[Path, str] | None) -> None:
        self._cache = cache
        try:
            super().__init__(filename, subfontIndex=subfont)
        finally:
            del self._cache

    def extractInfo(self, char_info: int = 1) -> None:
        cache = self._cache
        if cache is None or not char_info:
            super().extractInfo(char_info)
            return
        file, key = cache
        found = _read(file, key)
        if found is None:
            super().extractInfo(char_info)
            _write(file, key, {k: v for k, v in self.__dict__.items() if k != "_cache"})
            return
        stored, _PENDING[self] = found
        self.__dict__.update(stored)  # reading position included, as the parse leaves it
        self._pdfScale = _pdf_scale(self.unitsPerEm)

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes the face does not have: the lazy one, when first
        # asked for, is read from its part of the cache file (checked with the rest).
        lazy = _PENDING.pop(self, None) if name == _LAZY else None
        if lazy is None:
            raise AttributeError(name)
        value = marshal.loads(lazy)  # noqa: S302 (our own bytes: digest checked)
        setattr(self, name, value)
        return value


class CachedTTFont(TTFont):
    """reportlab's ``TTFont`` (embedded as subsets, as ever) with its face parsed through
    the cache in ``folder`` (None: no cache, parsed as reportlab does)."""

    def __init__(self, name: str, filename: Path, subfont: int, folder: Path | None) -> None:
        cache = None
        if folder is not None:
            with contextlib.suppress(OSError):  # no file to stat: reportlab says what is wrong
                key = cache_key(filename, subfont)
                cache = (cache_file(folder, filename, subfont), key)
        # What TTFont.__init__ sets, with the cached face (tests/pdf/test_font_cache.py
        # compares the result with reportlab's own TTFont).
        self.fontName = name
        self.face = _CachedFace(str(filename), subfont, cache)
        self.encoding = TTEncoding()
        self.state: WeakKeyDictionary[Any, Any] = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        unshaped = rl_config.unShapedFontGlob or ()
        self.shapable = not any(fnmatch(name, pattern) for pattern in unshaped)
