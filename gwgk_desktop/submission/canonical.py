"""Canonical JSON: the byte form that is hashed and signed.

Encoding (``encode``) is the project's ``canonical_json``: UTF-8, keys sorted by code
point, separators ``,`` and ``:`` without spaces, non-ASCII characters written as
themselves. ``parse_canonical`` accepts a document only if re-encoding what it parsed gives
back exactly the same bytes, and refuses what that round trip cannot see: duplicate keys,
non-integer numbers (whose text form differs between languages), NaN and Infinity.
"""

from __future__ import annotations

import json
from typing import Any

from gwgk_desktop.domain.serialize import canonical_json

encode = canonical_json


class NotCanonical(ValueError):
    """The bytes are JSON but not in canonical form."""


class NotJson(ValueError):
    """The bytes are not a JSON document of the accepted kind."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise NotJson(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_float(text: str) -> Any:
    raise NotJson(f"non-integer number {text}")


def _no_constant(text: str) -> Any:
    raise NotJson(f"{text} is not JSON")


def parse(data: bytes, *, floats: bool = False) -> Any:
    """Strict JSON: UTF-8, no duplicate keys, no NaN or Infinity, and integers only unless
    ``floats`` (documents verified over their re-encoding, not their bytes, may have them).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotJson(f"not UTF-8: {error}") from error
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_float=float if floats else _no_float,
            parse_constant=_no_constant,
        )
    except json.JSONDecodeError as error:
        raise NotJson(f"not JSON: {error}") from error
    except RecursionError as error:
        raise NotJson("nested too deeply") from error


def parse_canonical(data: bytes) -> dict[str, Any]:
    """Parse a canonical JSON object; raise NotJson or NotCanonical."""
    value = parse(data)
    if not isinstance(value, dict):
        raise NotJson("the top level is not an object")
    try:
        again = encode(value)
    except (ValueError, UnicodeEncodeError) as error:  # lone surrogates cannot be UTF-8
        raise NotJson(str(error)) from error
    if again != data:
        raise NotCanonical("re-encoding gives different bytes")
    return value
