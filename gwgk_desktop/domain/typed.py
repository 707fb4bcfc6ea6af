"""Plain JSON values into the domain's dataclasses, strictly: every value must already be
of the field's type, nothing is coerced (``123`` is not the text "123", ``["a"]`` not
"['a']", ``null`` not ""), an unknown key is an error, not ignored. The types come from the
dataclasses' own annotations, so a new field is read the moment it is declared.

Understood: ``str``, ``int`` (not a boolean), ``float`` (an integer or a finite number),
``bool``, enumerations (by their code), ``datetime.date`` (``YYYY-MM-DD``), ``X | None``,
``list[X]``, ``tuple[X, ...]``, ``dict[str, X]``, nested dataclasses, and ``Any`` (left to
whoever reads that part). A missing key takes the field's
default; a field without a default must be given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import math
import re
import types
import typing
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class FieldError(ValueError):
    """A value of the wrong type; ``path`` names where (``guide.legal_limit_days``,
    ``flowchart.nodes[3].x``) and ``message`` says what was expected, in Chinese."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}：{message}" if path else message)
        self.path = path
        self.message = message


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "文本"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "对象"
    return type(value).__name__


def _wrong(path: str, expected: str, value: Any) -> FieldError:
    return FieldError(path, f"应为{expected}，实为{_describe(value)}")


def read(cls: type[T], data: Any, path: str = "") -> T:
    """``data`` (a JSON object) as an instance of the dataclass ``cls``."""
    if not isinstance(data, dict):
        raise _wrong(path, "对象", data)
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(data) - fields.keys())
    if unknown:
        where = f"{path}中" if path else ""
        raise FieldError(
            path,
            f"{where}有不认识的字段“{'、'.join(map(str, unknown))}”；可用字段：{'、'.join(fields)}",
        )
    hints = _hints(typing.cast(Any, cls))
    values = {}
    for name, value in data.items():
        values[name] = _value(hints[name], value, f"{path}.{name}" if path else name)
    for name, field in fields.items():
        missing = field.default is dataclasses.MISSING
        if name not in values and missing and field.default_factory is dataclasses.MISSING:
            raise FieldError(f"{path}.{name}" if path else name, "缺少此字段")
    return cls(**values)


def _value(kind: Any, value: Any, path: str) -> Any:
    if kind is Any:
        return value  # checked by whoever reads it (e.g. a template's privacy rules)
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        if value is None:
            return None
        if len(options) != 1:  # pragma: no cover - no such field in the domain
            raise TypeError(f"unsupported union {kind}")
        return _value(options[0], value, path)
    if origin is list:
        if not isinstance(value, list):
            raise _wrong(path, "列表", value)
        (item,) = typing.get_args(kind)
        return [_value(item, v, f"{path}[{i}]") for i, v in enumerate(value)]
    if origin is tuple:
        if not isinstance(value, list):
            raise _wrong(path, "列表", value)
        item = typing.get_args(kind)[0]
        return tuple(_value(item, v, f"{path}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        if not isinstance(value, dict):
            raise _wrong(path, "对象", value)
        item = typing.get_args(kind)[1]
        return {k: _value(item, v, f"{path}.{k}") for k, v in value.items()}
    if dataclasses.is_dataclass(kind):
        return read(kind, value, path)  # type: ignore[arg-type]
    return _scalar(kind, value, path)


def _scalar(kind: Any, value: Any, path: str) -> Any:
    if kind is str:
        if not isinstance(value, str):
            raise _wrong(path, "文本", value)
        return value
    if kind is bool:
        if not isinstance(value, bool):
            raise _wrong(path, "true 或 false", value)
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _wrong(path, "整数", value)
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _wrong(path, "数字", value)
        if not math.isfinite(value):
            raise FieldError(path, "应为有限的数字")
        return float(value)
    if kind is dt.date:
        if not isinstance(value, str) or not _DATE.match(value):
            raise _wrong(path, "YYYY-MM-DD 格式的日期", value)
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise FieldError(path, f"“{value}”不是存在的日期") from None
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        codes = [m.value for m in kind]
        if not isinstance(value, str) or value not in codes:
            raise FieldError(path, f"应为 {'、'.join(map(str, codes))} 之一，实为“{value}”")
        return kind(value)
    raise TypeError(f"unsupported field type {kind}")  # pragma: no cover
