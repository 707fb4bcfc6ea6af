"""Helpers for taking packages apart and putting them back together (tamper tests)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.build import signature_document
from gwgk_desktop.submission.format import LIMITS, MANIFEST, SIGNATURE
from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.registry import Registry
from gwgk_desktop.submission.state import State
from gwgk_desktop.submission.verify import Verified, verify_stream
from gwgk_desktop.submission.zipfmt import ZipWriter, read_directory, read_entry


@dataclass
class Part:
    name: str
    method: int
    data: bytes


def parts_of(data: bytes) -> list[Part]:
    handle = io.BytesIO(data)
    parts = []
    for entry in read_directory(handle, len(data), LIMITS):
        chunks: list[bytes] = []
        read_entry(handle, entry, chunks.append)
        parts.append(Part(entry.name, entry.method, b"".join(chunks)))
    return parts


def repack(parts: list[Part]) -> bytes:
    handle = io.BytesIO()
    writer = ZipWriter(handle)
    for part in parts:
        writer.add_bytes(part.name, part.data, part.method)
    writer.finish()
    return handle.getvalue()


def part(parts: list[Part], name: str) -> Part:
    return next(p for p in parts if p.name == name)


def manifest_of(data: bytes) -> dict[str, Any]:
    return canonical.parse_canonical(part(parts_of(data), MANIFEST).data)


def resign(
    data: bytes,
    signer: KeyPair,
    change: Callable[[dict[str, Any]], None] = lambda _m: None,
    encode: Callable[[dict[str, Any]], bytes] = canonical.encode,
) -> bytes:
    """The package with its manifest changed by ``change`` and signed again by
    ``signer`` (a forger who holds some key)."""
    parts = parts_of(data)
    manifest = canonical.parse_canonical(part(parts, MANIFEST).data)
    change(manifest)
    manifest["key_id"] = manifest.get("key_id") and signer.key_id
    body = encode(manifest)
    part(parts, MANIFEST).data = body
    part(parts, SIGNATURE).data = canonical.encode(
        signature_document(signer.key_id, signer.sign(body))
    )
    return repack(parts)


def verify_bytes(data: bytes, registry: Registry, state: State | None = None) -> Verified:
    return verify_stream(io.BytesIO(data), len(data), registry, state)
