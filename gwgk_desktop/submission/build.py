"""Writing a package: payload entries streamed in, then the manifest that lists them and
the signature over the manifest's exact bytes.

The builder knows nothing about the database: the export service feeds it records and
attachment chunks. Nothing is held whole in memory except the manifest itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, BinaryIO

from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.format import (
    ALGORITHM,
    FORMAT_VERSION,
    MANIFEST,
    PACKAGE_FORMAT,
    SIGNATURE,
    SIGNATURE_FORMAT,
    method_for,
)
from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.zipfmt import (
    METHOD_NAMES,
    STORE,
    EntryWriter,
    Expected,
    ZipWriter,
)


@dataclass(frozen=True)
class Header:
    """The manifest fields that describe the package as a whole."""

    package_id: str
    station: dict[str, Any]
    sequence: int
    created_at: str
    app_version: str
    schema_version: str
    previous_package_sha256: str | None
    template: dict[str, Any] | None
    #: The package id of the station's previous successful export (None for the first).
    previous_package_id: str | None
    #: The station's audit chain: ``count`` and ``head`` now, and ``from_count`` /
    #: ``from_head`` where ``data/audit.jsonl`` starts (both None when it is empty because
    #: the previous package did not record a head).
    audit_chain: dict[str, Any]


class JsonLines:
    """One canonical JSON record per line, written straight into a zip entry."""

    def __init__(self, writer: EntryWriter) -> None:
        self._writer = writer
        self.count = 0

    def add(self, record: dict[str, Any]) -> None:
        self.add_encoded(canonical.encode(record))

    def add_encoded(self, line: bytes) -> None:
        """A record already in canonical JSON (``canonical.encode``), without its newline."""
        self._writer.write(line + b"\n")
        self.count += 1


def signature_document(key_id: str, signature: bytes) -> dict[str, Any]:
    return {
        "format": SIGNATURE_FORMAT,
        "algorithm": ALGORITHM,
        "key_id": key_id,
        "signature": signature.hex(),
    }


class PackageBuilder:
    """``add_*`` the payload, then ``finish`` to write manifest and signature. Used as a
    context manager (``with PackageBuilder(handle) as builder``): the compressing,
    hashing and writing run on a thread of their own (``ZipWriter(background=True)``),
    stopped when the block ends, however it ends."""

    def __init__(self, handle: BinaryIO) -> None:
        self._zip = ZipWriter(handle, background=True)
        self.files: dict[str, dict[str, Any]] = {}
        #: Entries ended but perhaps not yet finished by the writer's thread: recorded in
        #: ``files`` when the manifest is made, so that the caller never waits for the
        #: thread between entries (200 attachments read while the last ones are written).
        self._ended: list[tuple[str, EntryWriter]] = []

    def __enter__(self) -> PackageBuilder:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        self._zip.close(abandon=exc_type is not None)

    def _record(self, path: str, writer: EntryWriter) -> None:
        writer.end()
        self._ended.append((path, writer))

    def _settle(self) -> None:
        self._zip.drain()
        for path, writer in self._ended:
            digest = writer.digest
            assert digest is not None
            self.files[path] = {
                "size": digest.size,
                "sha256": digest.sha256,
                "method": METHOD_NAMES[method_for(path)],
                "zip_size": digest.zip_size,
                "zip_sha256": digest.zip_sha256,
            }
        self._ended.clear()

    def add_json(self, path: str, value: Any) -> None:
        writer = self._zip.entry(path, method_for(path))
        writer.write(canonical.encode(value))
        self._record(path, writer)

    def add_stream(
        self, path: str, chunks: Iterable[bytes], expected: Expected | None = None
    ) -> None:
        """An entry's bytes in chunks; ``expected``: what they were digested to before
        (a stored entry's only), then only checked by their CRC-32."""
        writer = self._zip.entry(path, method_for(path), expected)
        for chunk in chunks:
            writer.write(chunk)
        self._record(path, writer)

    def open_lines(self, path: str) -> tuple[EntryWriter, JsonLines]:
        writer = self._zip.entry(path, method_for(path))
        return writer, JsonLines(writer)

    def close_lines(self, path: str, writer: EntryWriter) -> None:
        self._record(path, writer)

    def manifest(
        self,
        header: Header,
        signer: KeyPair,
        counts: dict[str, int],
        warnings: list[dict[str, Any]],
    ) -> dict[str, Any]:
        self._settle()
        return {
            "format": PACKAGE_FORMAT,
            "format_version": FORMAT_VERSION,
            "package_id": header.package_id,
            "station": header.station,
            "key_id": signer.key_id,
            "sequence": header.sequence,
            "created_at": header.created_at,
            "app_version": header.app_version,
            "schema_version": header.schema_version,
            "previous_package_sha256": header.previous_package_sha256,
            "previous_package_id": header.previous_package_id,
            "audit_chain": header.audit_chain,
            "template": header.template,
            "counts": counts,
            "warnings": warnings,
            "files": self.files,
        }

    def finish(
        self,
        header: Header,
        signer: KeyPair,
        counts: dict[str, int],
        warnings: list[dict[str, Any]],
    ) -> bytes:
        """Write manifest.json and signature.json (both stored, uncompressed, so their
        bytes in the zip are the bytes that were signed) and the zip directory."""
        manifest = canonical.encode(self.manifest(header, signer, counts, warnings))
        self._zip.add_bytes(MANIFEST, manifest, STORE)
        signature = signature_document(signer.key_id, signer.sign(manifest))
        self._zip.add_bytes(SIGNATURE, canonical.encode(signature), STORE)
        self._zip.finish()
        return manifest
