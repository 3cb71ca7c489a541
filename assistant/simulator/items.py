"""Turning a client's ``conversation.item.create`` item (GA shape) into a conversation `Entry`.

The reported item gets an id (the client's, if given: at most 32 characters), ``object`` and
``status: "completed"``; base64 ``input_audio`` is decoded into the entry and left out of the
echoed item (its ``transcript`` stays, ``null`` if absent). Assistant audio cannot be created,
as on the real service: history has to be replayed as ``output_text``. An
``mcp_approval_response`` must answer an ``mcp_approval_request`` of the conversation.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from .audio_formats import to_pcm24
from .conversation import Entry, Item, ServerConversation
from .events import (
    ProtocolError,
    invalid_type,
    invalid_value,
    missing_parameter,
    new_id,
    string_too_long,
)
from .mcp import approval_fields

MAX_ID_LENGTH = 32
_ITEM_TYPES = ["message", "function_call", "function_call_output", "mcp_approval_response"]
_ROLES = ["user", "assistant", "system"]
_PARTS = {
    "user": ["input_text", "input_audio", "input_image"],
    "assistant": ["output_text"],
    "system": ["input_text"],
}
_AUDIO_INVALID = (
    "Invalid 'audio'. Expected base64-encoded audio bytes (mono PCM16 at 24kHz) "
    "but got an invalid value."
)


def entry_from_client(
    item: Any,
    path: str = "item",
    audio_format: dict[str, Any] | None = None,
    conversation: ServerConversation | None = None,
) -> Entry:
    """A validated `Entry` for a client item (audio in `audio_format`); raises like the service."""
    if not isinstance(item, dict):
        raise missing_parameter(path) if item is None else invalid_type(path, "an object", item)
    kind = item.get("type", "message")
    if kind not in _ITEM_TYPES:
        raise invalid_value(f"{path}.type", kind, _ITEM_TYPES)
    base = {
        "id": _item_id(item, path),
        "type": kind,
        "object": "realtime.item",
        "status": "completed",
    }
    if kind == "message":
        return _message(item, base, path, audio_format)
    if kind == "function_call":
        fields = _strings(item, ["name", "arguments"], ["call_id"], path)
        return Entry({**base, "call_id": new_id("call"), **fields})
    if kind == "mcp_approval_response":
        return Entry({**base, **approval_fields(item, path, conversation or ServerConversation())})
    return Entry({**base, **_strings(item, ["call_id", "output"], [], path)})


def _item_id(item: Item, path: str) -> str:
    given = item.get("id")
    if given is None:
        return new_id("item")
    if not isinstance(given, str):
        raise invalid_type(f"{path}.id", "a string", given)
    if len(given) > MAX_ID_LENGTH:
        raise string_too_long(f"{path}.id", given, MAX_ID_LENGTH)
    return given


def _strings(item: Item, required: list[str], optional: list[str], path: str) -> Item:
    fields: Item = {}
    for key in required + optional:
        value = item.get(key)
        if value is None and key in required:
            raise missing_parameter(f"{path}.{key}")
        if value is not None and not isinstance(value, str):
            raise invalid_type(f"{path}.{key}", "a string", value)
        if value is not None:
            fields[key] = value
    return fields


def _message(item: Item, base: Item, path: str, audio_format: dict[str, Any] | None) -> Entry:
    role = item.get("role")
    if role not in _ROLES:
        raise invalid_value(f"{path}.role", role, _ROLES)
    content = item.get("content")
    if not isinstance(content, list):
        raise invalid_type(f"{path}.content", "an array", content)
    entry = Entry({**base, "role": role, "content": []})
    for index, part in enumerate(content):
        part_path = f"{path}.content[{index}]"
        entry.item["content"].append(_part(entry, role, part, part_path, audio_format))
    return entry


def _part(
    entry: Entry, role: str, part: Any, path: str, audio_format: dict[str, Any] | None
) -> Item:
    if not isinstance(part, dict):
        raise invalid_type(path, "an object", part)
    kind = part.get("type")
    if kind == "output_audio" and role == "assistant":
        message = "Assistant audio content cannot be created; use 'output_text' content instead."
        raise ProtocolError("invalid_value", message, f"{path}.type")
    if kind not in _PARTS[role]:
        raise invalid_value(f"{path}.type", kind, _PARTS[role])
    if kind == "input_audio":
        raw = decode_audio(part.get("audio", ""), f"{path}.audio")
        entry.audio += to_pcm24(raw, audio_format)
        return {"type": kind, "transcript": part.get("transcript")}
    return {key: value for key, value in part.items() if key != "audio"}


def decode_audio(value: Any, path: str = "audio") -> bytes:
    """The bytes of base64 audio; raises the service's error for invalid base64."""
    if not isinstance(value, str):
        raise invalid_type(path, "a string", value)
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ProtocolError("invalid_value", _AUDIO_INVALID, path) from None
