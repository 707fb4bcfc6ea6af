"""reportlab's link-splitting pattern, compiled when first used instead of on import.

Importing ``reportlab.platypus`` (which every printed document does) runs
``reportlab.platypus.paragraph``, and that compiles ``uri_pat``: a case-insensitive URL
pattern whose character classes span ``\\xa1-\\uffff``. Case-folding those ranges makes it
the slowest regular expression to compile in the whole program, 28 ms of every print's
half second of start-up, for a pattern used only to split a link inside a ``Paragraph``
across lines, which none of our documents has.

``install()`` puts a finder first on ``sys.meta_path`` that, for that one module only,
runs it with ``re.compile`` handing out a ``DeferredPattern`` for that one pattern (and
compiling everything else as ever). The deferred pattern compiles itself the first time
anything asks it for anything, so reportlab behaves exactly as before, only later. If
reportlab was imported before ``install()`` or changes its pattern, nothing is deferred.
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.util
import re
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

MODULE = "reportlab.platypus.paragraph"
#: How ``uri_pat`` starts (the scheme group); compiled with ``re.I``.
PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"


class DeferredPattern:
    """Stands in for ``re.compile(pattern, flags)`` until first used."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.source = (pattern, flags)

    @functools.cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(*self.source)

    def __getattr__(self, name: str) -> Any:
        # Only for what this object does not have itself: match, search, pattern, ...
        return getattr(self.compiled, name)


def _compile_deferring(compile_now: Any) -> Any:
    def compile(pattern: Any, flags: int = 0) -> Any:
        ours = isinstance(pattern, str) and pattern.startswith(PATTERN_START)
        if ours and flags == re.IGNORECASE:
            return DeferredPattern(pattern, flags)
        return compile_now(pattern, flags)

    return compile


class _Loader(importlib.abc.Loader):
    """Runs the module's own loader with ``re.compile`` deferring the one pattern."""

    def __init__(self, inner: importlib.abc.Loader) -> None:
        self.inner = inner

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self.inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        compile_now = re.compile
        re.compile = _compile_deferring(compile_now)
        try:
            self.inner.exec_module(module)
        finally:
            re.compile = compile_now

    def __getattr__(self, name: str) -> Any:
        # get_source, get_code, get_resource_reader ...: the module's own loader's.
        return getattr(self.inner, name)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != MODULE:
            return None
        uninstall()  # once, and so that the search below finds the module's own spec
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _Loader(spec.loader)
        return spec


_FINDER = _Finder()


def install() -> None:
    """Defer the pattern when reportlab's paragraph module is imported (from now on)."""
    if MODULE not in sys.modules and _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def uninstall() -> None:
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
