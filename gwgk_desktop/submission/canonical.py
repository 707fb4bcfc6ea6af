"""Canonical JSON: the byte form that is hashed and signed.

Encoding (``encode``) is the project's ``canonical_json``: UTF-8, keys sorted by code
point, separators ``,`` and ``:`` without spaces, non-ASCII characters written as
themselves. ``parse_canonical`` accepts a document only if re-encoding what it parsed gives
back exactly the same bytes, and refuses what that round trip cannot see: duplicate keys,
non-integer numbers (whose text form differs between languages), NaN and Infinity.
"""

from __future__ import annotations

from typing import Any

from gwgk_desktop.domain.json_input import JsonInputError, loads
from gwgk_desktop.domain.serialize import canonical_json

encode = canonical_json


class NotCanonical(ValueError):
    """The bytes are JSON but not in canonical form."""


class NotJson(ValueError):
    """The bytes are not a JSON document of the accepted kind."""


def parse(data: bytes, *, floats: bool = False, thorough: bool = False) -> Any:
    """Strict JSON (``domain.json_input``): UTF-8 without a byte order mark, no duplicate
    keys, no NaN or Infinity, no integers beyond 18 digits, and integers only unless
    ``floats`` (documents verified over their re-encoding, not their bytes, may have
    them). ``thorough``: also refuse deep nesting and unpaired surrogates up front (files
    a person hands over; bulk package records are covered by their signature)."""
    try:
        return loads(data, floats=floats, bom=False, thorough=thorough)
    except JsonInputError as error:
        raise NotJson(error.english) from error


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
