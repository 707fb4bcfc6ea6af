"""Helpers for the package GUI tests: a bureau key file."""

from __future__ import annotations

from pathlib import Path

from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.registry import BUREAU, KeyRecord, Registry


def bureau_key_file(path: Path) -> KeyPair:
    """A bureau key pair whose public-key file is written to ``path``."""
    pair = KeyPair.generate()
    Registry([KeyRecord(pair.key_id, pair.public.hex(), BUREAU, "", "市局", "t")]).save(path)
    return pair
