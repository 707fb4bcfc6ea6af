"""Autosaved drafts of open item editors, kept in files beside the database (never in it).

A crash or a power cut must lose at most a few seconds of typing, without writing
half-finished content into the catalogue. Every running application instance owns one
session folder::

    <database>.drafts/
        <session-id>/
            owner.lock      locked by the running instance (flock / msvcrt)
            <key>.json      one per editor with unsaved changes, replaced atomically

The operating system releases the lock when the process dies, however it dies, so the
next instance finds the folder unlocked and offers its drafts back (``orphaned_drafts``).
A folder whose lock is still held belongs to a live instance and is left alone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.domain.models import Actor, Item, ItemContent
from gwgk_desktop.domain.serialize import content_from_dict, content_to_dict
from gwgk_desktop.errors import NotFound, UserError, WriteFailed
from gwgk_desktop.filelock import try_lock
from gwgk_desktop.files import write_bytes_atomic
from gwgk_desktop.services.catalogue import Catalogue

log = logging.getLogger(__name__)

DRAFT_FORMAT = "gwgk-editor-draft"
DRAFT_VERSION = 1
LOCK_NAME = "owner.lock"


def drafts_dir(db_path: Path) -> Path:
    """The folder beside ``db_path`` holding the session folders."""
    db_path = Path(db_path).absolute()
    return db_path.with_name(db_path.name + ".drafts")


@dataclass(frozen=True)
class Draft:
    """One autosaved editor: what was typed, on top of which revision, by whom."""

    key: str
    path: Path
    item_id: int | None
    item_uuid: str | None
    base_revision: int | None
    operator: str
    saved_at: dt.datetime
    content: ItemContent

    @property
    def kind(self) -> ItemKind:
        return self.content.kind

    @property
    def is_new(self) -> bool:
        """A draft of an item that was never saved."""
        return self.item_id is None


class DraftSession:
    """This instance's draft folder. ``write`` and ``remove`` drafts; ``close`` on exit.

    Raises ``UserError`` when the folder cannot be created (read-only medium, full disk):
    the caller should tell the user that autosave is off, not refuse to start.
    """

    def __init__(self, db_path: Path) -> None:
        self.root = drafts_dir(db_path)
        self.session_id = f"{dt.datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}"
        self.folder = self.root / self.session_id
        try:
            self.folder.mkdir(parents=True)
            self._lock_handle: IO[bytes] | None = (self.folder / LOCK_NAME).open("wb")
        except OSError as error:
            raise UserError(
                f"无法建立自动保存文件夹 {self.root}（{error.strerror}），本次编辑不会自动保存",
                f"cannot create draft folder {self.root}: {error}",
            ) from error
        if not try_lock(self._lock_handle):  # pragma: no cover - a fresh uuid folder
            raise UserError("自动保存文件夹被占用", "draft folder locked")
        self.closed = False

    def path_for(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def write(
        self,
        key: str,
        content: ItemContent,
        *,
        item_id: int | None,
        item_uuid: str | None,
        base_revision: int | None,
        operator: str,
    ) -> Path:
        """Replace the draft ``key`` with ``content``. Raises ``UserError`` on a full disk."""
        payload = {
            "format": DRAFT_FORMAT,
            "version": DRAFT_VERSION,
            "key": key,
            "item_id": item_id,
            "item_uuid": item_uuid,
            "base_revision": base_revision,
            "operator": operator,
            "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
            "content": content_to_dict(content),
        }
        data = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
        path = self.path_for(key)
        try:
            write_bytes_atomic(path, data)
        except WriteFailed as error:
            raise UserError(
                f"自动保存失败，请尽快手动保存。{error.message}",
                f"autosave failed: {error.english}",
            ) from error
        return path

    def remove(self, key: str) -> None:
        self.path_for(key).unlink(missing_ok=True)

    def close(self) -> None:
        """Release the lock and delete the folder (a clean exit leaves no drafts behind
        unless the user chose to keep unsaved work, which the GUI never does)."""
        if self.closed:
            return
        self.closed = True
        if self._lock_handle is not None:
            self._lock_handle.close()
            self._lock_handle = None
        leftovers = list(self.folder.glob("*.json"))
        if leftovers:
            log.warning("keeping %d unsaved drafts in %s", len(leftovers), self.folder)
            return
        shutil.rmtree(self.folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            self.root.rmdir()  # only when no other session is left


def _read_draft(path: Path) -> Draft:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != DRAFT_FORMAT or data.get("version") != DRAFT_VERSION:
        raise ValueError(f"not a draft of this version: {path}")
    return Draft(
        key=str(data["key"]),
        path=path,
        item_id=data.get("item_id"),
        item_uuid=data.get("item_uuid"),
        base_revision=data.get("base_revision"),
        operator=str(data.get("operator", "")),
        saved_at=dt.datetime.fromisoformat(data["saved_at"]),
        content=content_from_dict(data["content"]),
    )


def orphaned_drafts(db_path: Path, own: DraftSession | None = None) -> list[Draft]:
    """Drafts left by instances that are no longer running, oldest first.

    Unreadable files are skipped (and logged), never deleted: they may still be worth
    rescuing by hand.
    """
    root = drafts_dir(db_path)
    if not root.is_dir():
        return []
    found: list[Draft] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if own is not None and folder == own.folder:
            continue
        lock_path = folder / LOCK_NAME
        with contextlib.ExitStack() as stack:
            if lock_path.exists():
                try:
                    handle = stack.enter_context(lock_path.open("rb+"))
                except OSError:
                    continue
                if not try_lock(handle):
                    continue  # a running instance owns it
            drafts = sorted(folder.glob("*.json"))
            if not drafts:
                # A crashed instance that had nothing unsaved: tidy up its folder.
                stack.close()
                shutil.rmtree(folder, ignore_errors=True)
                continue
            for path in drafts:
                try:
                    found.append(_read_draft(path))
                except (OSError, ValueError, KeyError, TypeError) as error:
                    log.warning("skipping unreadable draft %s: %s", path, error)
    found.sort(key=lambda d: d.saved_at)
    return found


def find_draft(db_path: Path, key: str) -> Draft:
    """The orphaned draft called ``key`` (``gwgk drafts`` takes keys from ``list``)."""
    for draft in orphaned_drafts(db_path):
        if draft.key == key:
            return draft
    raise NotFound(
        f"没有名为 {key} 的自动保存内容（或它属于仍在运行的程序）", f"no orphaned draft {key}"
    )


def save_draft(catalogue: Catalogue, actor: Actor, draft: Draft, *, force: bool = False) -> Item:
    """Write a draft into the catalogue (as ``actor``) and delete it. A draft of an item
    that changed since it was typed is refused (``Conflict``) unless ``force``, which
    puts it on top of the current revision."""
    if draft.item_id is None:
        item = catalogue.changes.create(actor, draft.content)
    else:
        base = draft.base_revision
        if force or base is None:
            base = catalogue.items.get(draft.item_id).revision
        item = catalogue.changes.update(actor, draft.item_id, draft.content, base)
    discard(draft)
    return item


def discard(draft: Draft) -> None:
    """Delete a recovered or rejected draft, and its session folder once it is empty."""
    draft.path.unlink(missing_ok=True)
    folder = draft.path.parent
    if not any(folder.glob("*.json")):
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            folder.parent.rmdir()
