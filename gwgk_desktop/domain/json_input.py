"""Strict JSON for everything handed to us (item and request JSON, calendars, templates,
key registries, state files, package manifests): one clear error or a value, never a
traceback and never a silent guess.

Refused, each with a Chinese message saying where: bytes that are not UTF-8 (text saved as
GBK is named as such), duplicate keys (no last-one-wins), NaN and Infinity, integers
outside 64 bits (what SQLite holds; Python would take a 5,000-digit one apart slowly, then
fail), numbers that overflow to infinity (``1e999``), nesting deeper than 64 levels (the
parser would exhaust the stack), and unpaired surrogates (``"\\ud800"``), which no UTF-8
file or database can hold.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 64
_BOM = "\ufeff"


class JsonInputError(ValueError):
    """Input that is not acceptable JSON; ``message`` (Chinese) says why and where."""

    def __init__(self, message: str, english: str) -> None:
        super().__init__(message)
        self.message = message
        self.english = english


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise JsonInputError(f"键“{key}”出现了两次", f"duplicate key {key!r}")
        result[key] = value
    return result


def _integer(text: str) -> int:
    # The length first: Python takes a 5,000-digit number apart slowly, then refuses it.
    value = int(text) if len(text) <= 20 else None
    if value is None or not -(2**63) <= value < 2**63:
        shown = text if len(text) <= 20 else f"{text[:20]}…（{len(text)}位）"
        raise JsonInputError(
            f"整数 {shown} 超出范围（应为64位整数）", f"integer {text[:20]} out of 64-bit range"
        )
    return value


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonInputError(f"数字 {text[:20]} 超出范围", f"number {text[:20]} overflows")
    return value


def _no_float(text: str) -> Any:
    raise JsonInputError(f"此处只能是整数，不能是 {text[:20]}", f"non-integer number {text[:20]}")


def _no_constant(text: str) -> Any:
    raise JsonInputError(f"{text} 不是 JSON 允许的数值", f"{text} is not JSON")


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _depth(text: str) -> int:
    """The deepest nesting of arrays and objects in ``text``, counted without recursion
    (strings are matched whole, so brackets inside them do not count)."""
    deepest = depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth -= 1
    return deepest


def _has_lone_surrogate(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def decode_text(data: bytes, *, bom: bool = True) -> str:
    """``data`` as UTF-8 text (a leading byte order mark dropped when ``bom``)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            hint = ""
        else:
            hint = "（看起来是GBK/GB18030编码，请在编辑器中另存为UTF-8）"
        raise JsonInputError(
            f"不是UTF-8编码的文本{hint}", f"not UTF-8 at byte {error.start}"
        ) from error
    return text.removeprefix(_BOM) if bom else text


def loads(
    data: bytes | str,
    *,
    floats: bool = True,
    bom: bool = True,
    thorough: bool = True,
) -> Any:
    """Parse ``data`` strictly (see the module docstring). ``floats=False`` refuses
    non-integer numbers; ``bom=False`` refuses a byte order mark (canonical JSON).
    ``thorough=False`` skips the two walks (nesting depth before parsing, unpaired
    surrogates after) for bulk data already covered by a signature; the parser's own
    recursion limit still ends an absurdly deep document with an error."""
    text = decode_text(data, bom=bom) if isinstance(data, bytes) else data
    if thorough and (text.count("[") + text.count("{")) > MAX_DEPTH and _depth(text) > MAX_DEPTH:
        raise JsonInputError(f"嵌套超过{MAX_DEPTH}层", f"nested deeper than {MAX_DEPTH}")
    try:
        value = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_int=_integer,
            parse_float=_finite if floats else _no_float,
            parse_constant=_no_constant,
        )
    except json.JSONDecodeError as error:
        raise JsonInputError(
            f"不是有效的 JSON：第{error.lineno}行第{error.colno}列，{error.msg}",
            f"not JSON: {error}",
        ) from error
    except RecursionError as error:
        raise JsonInputError("嵌套层数过多", "nested too deeply") from error
    if thorough and _has_lone_surrogate(value):
        raise JsonInputError("文本中有不成对的代理字符（\\ud800 之类）", "unpaired surrogate")
    return value
