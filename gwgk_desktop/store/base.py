"""The declarative base of every table of a station's database, with stable constraint
names (so batch migrations on SQLite can find and alter them). The tables are in
``store.models`` (the catalogue, station, audit, keys, exports) and
``store.request_models`` (依申请公开); ``store.schema.metadata`` holds them all."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: dict[Any, Any] = {  # noqa: RUF012
        str: String(),
        dt.datetime: DateTime(),
    }
