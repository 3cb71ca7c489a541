"""Test oracle: validate wire events against the official `openai` package's typed models.

The `openai` SDK is a *test-only* dependency used as an independent description of the protocol:
the simulator and the client must not share a mistake, so every event either side puts on the wire
can be checked here against OpenAI's own pydantic models.

- ``validate_server_event(event, dialect)`` checks a server -> client event,
- ``validate_client_event(event, dialect)`` checks a client -> server event,

with ``dialect`` ``"ga"`` (``openai.types.realtime``), ``"beta"``
(``openai.types.beta.realtime``, the Azure Preview protocol) or ``"live"``
(``openai.types.live``, GPT-Live at ``/v1/live/sessions``).

The SDK's unions are not pydantic-discriminated, so each union is turned into a map
``{type literal: model class}`` by reading every member's ``type`` annotation. An event whose
``type`` is not in the map raises ``UnknownEventTypeError``; a shape mismatch raises
pydantic's ``ValidationError``. Models allow extra fields, so only the typed fields are
checked, except for GPT-Live client events: the Live service rejects unknown fields, so there
any field the models do not know fails too (``UnknownFieldError``). Both return the validated
model instance.
"""

from __future__ import annotations

import functools
import typing
from typing import Any, Literal

from pydantic import BaseModel

Dialect = Literal["ga", "beta", "live"]
Direction = Literal["server", "client"]


class UnknownEventTypeError(AssertionError):
    """The event's ``type`` is not a member of the SDK union for that dialect and direction."""


class UnknownFieldError(AssertionError):
    """A GPT-Live client event has a field the SDK models do not know (the service refuses)."""


def _union_members(alias: Any) -> tuple[type[BaseModel], ...]:
    """The model classes of an SDK union alias (``Annotated[Union[...], PropertyInfo]``)."""
    if typing.get_origin(alias) is typing.Annotated:
        alias = typing.get_args(alias)[0]
    return tuple(m for m in typing.get_args(alias) if isinstance(m, type))


def _type_literal(model: type[BaseModel]) -> str:
    """The single value of the model's ``type: Literal[...]`` field."""
    annotation = model.model_fields["type"].annotation
    (value,) = typing.get_args(annotation)
    return str(value)


def _union_alias(dialect: Dialect, direction: Direction) -> Any:
    if dialect == "live":
        from openai.types import live

        return live.ServerEvent if direction == "server" else live.ClientEvent
    if dialect == "ga":
        from openai.types import realtime as ga

        return ga.RealtimeServerEvent if direction == "server" else ga.RealtimeClientEvent
    from openai.types.beta import realtime as beta

    return beta.RealtimeServerEvent if direction == "server" else beta.RealtimeClientEvent


@functools.cache
def event_models(dialect: Dialect, direction: Direction) -> dict[str, type[BaseModel]]:
    """``{event type: model class}`` for one dialect ("ga"/"beta") and direction."""
    if dialect not in ("ga", "beta", "live"):
        raise ValueError(f"unknown dialect {dialect!r}")
    members = _union_members(_union_alias(dialect, direction))
    return {_type_literal(model): model for model in members}


def _validate(event: dict[str, Any], dialect: Dialect, direction: Direction) -> BaseModel:
    models = event_models(dialect, direction)
    kind = event.get("type")
    if not isinstance(kind, str) or kind not in models:
        raise UnknownEventTypeError(f"{kind!r} is not a {dialect} {direction} event type")
    model = models[kind].model_validate(event)
    if dialect == "live" and direction == "client":
        _no_extra_fields(model, kind)
    return model


def _no_extra_fields(value: Any, path: str) -> None:
    """Walk a validated model: every field given must be one the model declares."""
    if isinstance(value, BaseModel):
        if value.model_extra:
            raise UnknownFieldError(f"{path}: unknown field(s) {sorted(value.model_extra)}")
        for name in type(value).model_fields:
            _no_extra_fields(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list):
        for index, element in enumerate(value):
            _no_extra_fields(element, f"{path}[{index}]")


def validate_server_event(event: dict[str, Any], dialect: Dialect) -> BaseModel:
    """Validate one server -> client event; raises on an unknown type or a shape mismatch."""
    return _validate(event, dialect, "server")


def validate_client_event(event: dict[str, Any], dialect: Dialect) -> BaseModel:
    """Validate one client -> server event; raises on an unknown type or a shape mismatch."""
    return _validate(event, dialect, "client")
