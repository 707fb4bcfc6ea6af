"""The operations on one item that the editor and its menus offer besides saving: a review
step (asking for its comment or date first), delete into the recycle bin, restore. Each
runs as a ``gui.operations`` operation: refusals and errors are shown, and on success
``then`` updates the caller before every view hears what changed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from gwgk_desktop.domain.models import Actor, Item
from gwgk_desktop.domain.validation import Problem
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import UserError, ValidationFailed
from gwgk_desktop.gui.editor.transition_dialog import ask_for_step
from gwgk_desktop.gui.operations import Change, OpChanges, Operations
from gwgk_desktop.services.catalogue import Catalogue


def take_step(
    ops: Operations,
    parent: QWidget,
    catalogue: Catalogue,
    actor: Actor,
    item: Item,
    action: Action,
    *,
    prepare: Callable[[], bool],
    then: Callable[[], None],
    incomplete: Callable[[list[Problem]], None],
) -> bool:
    """Review step ``action`` on ``item``. Once the step is allowed, ``prepare`` may stop
    it (False: e.g. unsaved edits that could not be saved); ``incomplete`` gets the
    problems when the content is not complete enough to submit or approve."""
    reason = catalogue.review.allowed(actor, item.id, action)
    if reason:
        QMessageBox.information(parent, action.label, reason)
        return False
    if not prepare():
        return False
    asked = ask_for_step(parent, action, item.name)
    if asked is None:
        return False
    comment, publish_date = asked

    def done(_item: Item) -> OpChanges:
        then()
        return OpChanges(Change.REVIEWED, item.id, item.name)

    def refused(error: UserError) -> None:
        assert isinstance(error, ValidationFailed)
        incomplete(error.problems)

    return ops.run(
        parent,
        action.label,
        lambda: catalogue.review.transition(
            actor, item.id, action, comment=comment, publish_date=publish_date
        ),
        done,
        {ValidationFailed: refused},
    )


def delete(
    ops: Operations,
    parent: QWidget,
    catalogue: Catalogue,
    actor: Actor,
    item: Item,
    *,
    then: Callable[[], None],
) -> bool:
    """Move ``item`` to the recycle bin (the main window offers to undo it)."""

    def done(_none: None) -> OpChanges:
        then()
        return OpChanges(Change.DELETED, item.id, item.name)

    return ops.run(
        parent,
        QCoreApplication.translate("ItemOps", "删除"),
        lambda: catalogue.changes.delete(actor, item.id),
        done,
    )


def restore(
    ops: Operations,
    parent: QWidget,
    catalogue: Catalogue,
    actor: Actor,
    item_id: int,
    name: str = "",
    *,
    then: Callable[[], None],
    title: str = "",
) -> bool:
    """Take an item out of the recycle bin."""

    def done(_none: None) -> OpChanges:
        then()
        return OpChanges(Change.RESTORED, item_id, name)

    return ops.run(
        parent,
        title or QCoreApplication.translate("ItemOps", "恢复"),
        lambda: catalogue.changes.restore(actor, item_id),
        done,
    )
