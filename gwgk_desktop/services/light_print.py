"""The ``gwgk print`` commands' fast path: the notice board, the catalogue list and a
service guide read
from the station's SQLite file through plain ``sqlite3``, without importing SQLAlchemy
(a third of such a command's time went to importing it).

It runs the very statements ``services.printing`` runs (``services.print_reads``,
compiled by ``tools/compile_statements.py``), builds the values with the same code and
writes the PDF with the same writers, in one read transaction as ``Database.snapshot``
gives. It is used only on a database at exactly the schema revision the statements were
compiled against; anything else (an older database that needs upgrading, a file that is
not one of ours, damaged) returns None
before anything is written, and the caller takes the full path, whose messages and exit
codes are the users' as ever.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from gwgk_desktop.domain.privacy import Rule
from gwgk_desktop.errors import DatabaseLocked
from gwgk_desktop.pdf.document import Notes
from gwgk_desktop.pdf.sources import PrintSource
from gwgk_desktop.progress import SILENT, Progress
from gwgk_desktop.services.print_reads import PrintReads
from gwgk_desktop.services.printing import (
    PrintRequest,
    PrintResult,
    check_paper,
    check_privacy,
    collect,
    document_filename,
    target_path,
    write_document,
)
from gwgk_desktop.store import sqlite_errors
from gwgk_desktop.store.compiled_statements import HEAD
from gwgk_desktop.store.quick_check import BUSY_TIMEOUT_S
from gwgk_desktop.store.reads import SqliteReader
from gwgk_desktop.store.uri import reading_uri

log = logging.getLogger(__name__)


@dataclass
class _Read:
    request: PrintRequest
    target: Path
    source: PrintSource
    rules: tuple[Rule, ...]
    notes: Notes


@contextlib.contextmanager
def snapshot(path: Path) -> Iterator[SqliteReader]:
    """A reader of ``path`` in one read transaction (as ``Database.snapshot``), refusing
    to be used (``LookupError``) unless the database is at revision ``HEAD``."""
    connection = sqlite3.connect(reading_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        connection.isolation_level = None  # transactions as written below
        connection.execute("PRAGMA query_only=ON")
        connection.execute("BEGIN")
        # The first read starts SQLite's read transaction: the snapshot is now.
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None or row[0] != HEAD:
            raise LookupError(f"schema revision {row and row[0]!r}, light path reads {HEAD}")
        yield SqliteReader(connection)
        connection.execute("COMMIT")
    finally:
        connection.close()


def print_light(
    path: Path,
    make_request: Callable[[PrintReads], PrintRequest],
    out: Path | None,
    progress: Progress = SILENT,
) -> PrintResult | None:
    """Print the document ``make_request`` asks for (given the reads, to resolve the
    categories and the item asked for) from the database ``path`` to ``out`` (a file, a
    folder, or None: the current folder, under ``printing.default_filename``); None when
    this path does not apply (see the module's docstring). A refusal of the privacy check, and any
    failure writing the PDF, are raised as ``printing.produce`` raises them."""
    read = _read(path, make_request, out, progress)
    if read is None:
        return None
    check_privacy(read.rules, read.source, read.request.mask_private, read.notes)
    return write_document(read.request, read.source, read.target, read.notes, progress)


def _read(
    path: Path,
    make_request: Callable[[PrintReads], PrintRequest],
    out: Path | None,
    progress: Progress,
) -> _Read | None:
    notes = Notes()
    try:
        with snapshot(path) as reader:
            reads = PrintReads(reader)
            request = make_request(reads)
            check_paper(request)
            source = collect(reads, request, notes, progress)
            rules = reads.privacy_rules()
            name = document_filename(reads, request)
    except Exception as error:
        locked = sqlite_errors.user_error(error)
        if isinstance(locked, DatabaseLocked):
            # The busy timeout has been waited out already: the full path would only wait
            # as long again before saying the same.
            raise locked from error
        # Anything else: the full path reads again and says what is wrong.
        log.info("printing %s the full way: %r", path, error)
        return None
    return _Read(request, target_path(out, name), source, rules, notes)
