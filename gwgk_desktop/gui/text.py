"""Small text helpers shared by the GUI: filling ``%1``-style placeholders of translated
strings, and the Chinese names of audit actions and sizes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from gwgk_desktop.domain.workflow import Action


def fmt(template: str, *args: object) -> str:
    """Qt-style ``%1 … %n`` placeholders (translators may reorder them), highest first so
    ``%1`` never eats the start of ``%10``."""
    text = template
    for number in range(len(args), 0, -1):
        text = text.replace(f"%{number}", str(args[number - 1]))
    return text


def audit_action_label(action: str) -> str:
    """What an audit-log action code (``item.create``, ``item.approve`` …) means."""
    fixed = {
        "item.create": QCoreApplication.translate("History", "新建"),
        "item.update": QCoreApplication.translate("History", "修改"),
        "item.revise": QCoreApplication.translate("History", "修订（生成新版草稿）"),
        "item.delete": QCoreApplication.translate("History", "删除"),
        "item.restore": QCoreApplication.translate("History", "恢复"),
    }
    if action in fixed:
        return fixed[action]
    code = action.removeprefix("item.")
    try:
        return Action(code).label
    except ValueError:
        return action


def local_time(value: dt.datetime) -> str:
    """A stored (naive UTC) time in the computer's local time, to the minute."""
    return value.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
