"""``conversation.item.truncate``: cut an assistant audio item to what the user heard.

Only assistant messages with an ``output_audio`` part at ``content_index`` can be truncated.
``audio_end_ms`` may not exceed the audio actually sent for the item (a cancelled response
sent less); beyond it the service's error is ``Audio content of {sent}ms is already shorter
than {audio_end_ms}ms``. On success the item keeps ``audio_end_ms`` of audio and, as the
service documents, its server-side transcript is removed so the context holds nothing unheard.
"""

from __future__ import annotations

from typing import Any

from .conversation import ServerConversation
from .events import Event, ProtocolError, invalid_type, server_event


def truncate(conversation: ServerConversation, event: dict[str, Any]) -> Event:
    """Apply a truncate event; returns ``conversation.item.truncated`` or raises."""
    entry = conversation.get(event.get("item_id"))
    index, end_ms = _index(event), _end_ms(event)
    parts = entry.item.get("content", []) if entry.item.get("role") == "assistant" else []
    if not 0 <= index < len(parts) or parts[index].get("type") != "output_audio":
        message = "Only assistant messages with audio content can be truncated."
        raise ProtocolError("invalid_value", message, "content_index")
    if end_ms > entry.audio_ms:
        message = f"Audio content of {entry.audio_ms}ms is already shorter than {end_ms}ms"
        raise ProtocolError("invalid_value", message, "audio_end_ms")
    entry.audio_ms = end_ms
    parts[index]["transcript"] = ""
    entry.meta["truncated"] = True
    conversation.touched(entry.id)
    return server_event(
        "conversation.item.truncated", item_id=entry.id, content_index=index, audio_end_ms=end_ms
    )


def _index(event: dict[str, Any]) -> int:
    value = event.get("content_index", 0)
    if not isinstance(value, int) or isinstance(value, bool):
        raise invalid_type("content_index", "an integer", value)
    return value


def _end_ms(event: dict[str, Any]) -> int:
    value = event.get("audio_end_ms")
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise invalid_type("audio_end_ms", "a non-negative integer", value)
    return value
