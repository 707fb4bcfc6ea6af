"""Column types shared by the models."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from gwgk_desktop.store.reads import json_value
from gwgk_desktop.store.row_mapping import row_id

E = TypeVar("E", bound=StrEnum)


class CodeEnum(TypeDecorator[E], Generic[E]):
    """Stores a StrEnum by its code in a plain VARCHAR (no CHECK: adding a member needs no
    migration) and gives back the member."""

    impl = String(20)
    cache_ok = True

    def __init__(self, enum_type: type[E]) -> None:
        super().__init__()
        self.enum_type = enum_type
        # A dictionary lookup instead of Enum.__call__ for every value read: listing
        # thousands of rows reads tens of thousands of codes.
        self._members: dict[str, E] = {member.value: member for member in enum_type}

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum_type(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        if value is None:
            return None
        found = self._members.get(value)
        return found if found is not None else self.enum_type(value)


class JsonText(TypeDecorator[Any]):
    """JSON in a TEXT column, written compactly with sorted keys so equal values compare
    equal byte for byte."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return json_value(value)


def utcnow() -> dt.datetime:
    """Naive UTC: SQLite keeps no zone, so every stored time is UTC by convention."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


__all__ = ["CodeEnum", "JsonText", "row_id", "utcnow"]
