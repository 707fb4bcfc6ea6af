"""How hashes are shown to people, who compare them by eye (a receipt against the bureau's
list, a key's fingerprint against the paper form): in short groups."""

from __future__ import annotations


def grouped(hex_text: str, size: int = 8) -> str:
    """A long hex string in groups of ``size`` separated by spaces."""
    return " ".join(hex_text[i : i + size] for i in range(0, len(hex_text), size))
