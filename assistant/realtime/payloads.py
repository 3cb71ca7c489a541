"""An item as a JSON object, and back: the history file's and the JSON export's form.

Each kind is its own serializer: its dataclass fields by name, enums by value, tuples as lists,
nested frozen dataclasses (a part of a message) as objects. Reading checks every value against
the kind's annotations: a damaged or hostile value falls back to the field's default (an
element of a tuple is dropped), and the item is kept. A new kind, or a new field, needs no code
here.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any

from assistant.realtime.items import (
    KINDS,
    Item,
    ItemKind,
    ItemStatus,
    McpApprovalResponse,
    Message,
    Note,
    Role,
)


def to_payload(item: Item) -> dict[str, Any]:
    """The item's fields as JSON values (without `id`, which the store keeps in a column)."""
    return {f.name: _to_json(getattr(item, f.name)) for f in fields(item) if f.name != "id"}


def from_payload(kind: ItemKind, item_id: str, payload: dict[str, Any]) -> Item:
    """The item `to_payload` wrote (fields missing or mistyped get their defaults). A message
    whose role is not known comes back as a `Note`."""
    cls = KINDS[kind]
    if cls is Message and Role.parse(payload.get("role")) is None:
        cls, payload = Note, {**payload, "type_name": "message"}
    values = {"status": ItemStatus.INCOMPLETE, **_fields_of(cls, payload), "id": item_id}
    if cls is McpApprovalResponse and "reason" not in payload:
        text = payload.get("text")  # a version 1 export kept the reason there
        values["reason"] = text if isinstance(text, str) else ""
    return cls(**values)


def _to_json(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_to_json(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_json(getattr(value, f.name)) for f in fields(value)}
    return value


def _fields_of(cls: type, payload: dict[str, Any]) -> dict[str, Any]:
    """The fields of `cls` that `payload` holds with a value of the annotated type."""
    values = {}
    for name, hint in _hints(cls).items():
        if name in payload:
            value = _checked(hint, payload[name])
            if value is not _BAD:
                values[name] = value
    return values


_BAD = object()
_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        hints = typing.get_type_hints(cls)
        _HINTS[cls] = {f.name: hints[f.name] for f in fields(cls)}
    return _HINTS[cls]


def _checked(hint: Any, value: Any) -> Any:
    """`value` as the type `hint` names (one of a union's), or `_BAD`."""
    origin = typing.get_origin(hint)
    options = typing.get_args(hint) if origin is not tuple and origin is not None else (hint,)
    for option in options:
        checked = _one(option, value)
        if checked is not _BAD:
            return checked
    return _BAD


def _one(hint: Any, value: Any) -> Any:
    if typing.get_origin(hint) is tuple:
        return _tuple(typing.get_args(hint)[0], value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(value)
        except (ValueError, TypeError):
            return _BAD
    if is_dataclass(hint):
        return _nested(hint, value)
    return _SCALARS[hint](value)


def _tuple(element: Any, value: Any) -> Any:
    if not isinstance(value, list | tuple):
        return _BAD
    checked = (_checked(element, v) for v in value)
    return tuple(v for v in checked if v is not _BAD)


def _nested(cls: Any, value: Any) -> Any:
    if not isinstance(value, dict):
        return _BAD
    try:
        return cls(**_fields_of(cls, value))
    except TypeError:  # a required field is missing or damaged: the part is dropped
        return _BAD


def _exact(cls: type) -> Callable[[Any], Any]:
    return lambda value: value if type(value) is cls else _BAD


def _number(value: Any) -> Any:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if ok else _BAD


_SCALARS: dict[Any, Callable[[Any], Any]] = {
    type(None): lambda value: None if value is None else _BAD,
    float: _number,
    int: _exact(int),
    str: _exact(str),
    bool: _exact(bool),
}
