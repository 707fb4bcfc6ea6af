"""Reading a package's content back (the bureau's intake, and the round-trip tests):
the station profile, reference data, item records streamed line by line, attachments.

Reading checks the container and each entry's CRC and size as it goes; it does not check
the signature: verify first (``verify.verify_package``), then read.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.format import (
    ANNUAL_REPORTS_FILE,
    AUDIT_FILE,
    ITEM_FILES,
    LIMITS,
    MANIFEST,
    attachment_path,
)
from gwgk_desktop.submission.zipfmt import EntryStream, read_directory


def json_lines(chunks: Iterable[bytes], name: str) -> Iterator[Any]:
    """The records of a JSON Lines entry, one at a time, without holding the whole file."""
    pending = b""
    for chunk in chunks:
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            yield canonical.parse(line, floats=True)
    if pending:
        raise ValueError(f"{name} does not end with a newline")


class PackageContents:
    """The entries of an open package, read on demand."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self.handle = handle
        self.entries = {e.name: e for e in read_directory(handle, size, LIMITS)}

    def chunks(self, path: str) -> Iterator[bytes]:
        return iter(EntryStream(self.handle, self.entries[path]))

    def json(self, path: str) -> Any:
        return canonical.parse(b"".join(self.chunks(path)), floats=True)

    @property
    def manifest(self) -> dict[str, Any]:
        value = self.json(MANIFEST)
        assert isinstance(value, dict)
        return value

    def records(self, kind: str) -> Iterator[dict[str, Any]]:
        """The item records of one kind (``catalogue``, ``licensing``, ``fee``), one at a
        time, without reading the whole file into memory."""
        return json_lines(self.chunks(ITEM_FILES[kind]), ITEM_FILES[kind])

    def annual_reports(self) -> list[dict[str, Any]]:
        """The station's annual reports (年度报告, one per year, in the national format's
        labels; see ``domain.annual_report``); empty for a package older than format 1.1.
        The bureau adds its stations' reports of a year up with
        ``domain.annual_report.add_up``."""
        if ANNUAL_REPORTS_FILE not in self.entries:
            return []
        return list(json_lines(self.chunks(ANNUAL_REPORTS_FILE), ANNUAL_REPORTS_FILE))

    def audit_records(self) -> Iterator[dict[str, Any]]:
        """The station's audit records since its previous package (format 1.2; none in
        older packages)."""
        if AUDIT_FILE not in self.entries:
            return iter(())
        return json_lines(self.chunks(AUDIT_FILE), AUDIT_FILE)

    def attachment(self, sha256: str) -> Iterator[bytes]:
        return self.chunks(attachment_path(sha256))


@contextlib.contextmanager
def open_package(path: Path) -> Iterator[PackageContents]:
    with path.open("rb") as handle:
        yield PackageContents(handle, os.fstat(handle.fileno()).st_size)
