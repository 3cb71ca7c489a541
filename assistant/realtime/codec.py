"""Wire names and shapes: the one place that knows both dialects.

Incoming: `decode` parses a server message and renames beta/preview event types to their GA
names, so the session handles one vocabulary. Outgoing: the `*_event` builders write GA client
events and `to_dialect` rewrites the few that differ in the beta shape (assistant content
types, `response.create` modalities). Nothing here raises on server input: a message nested
deeper than any real event is malformed (so nothing downstream recurses without bound), and NaN
and Infinity (not JSON) read as null (`values` bounds the numbers handlers read), and a lone
UTF-16 surrogate in a string (a `\\ud83d` escape without its pair) becomes U+FFFD, as it does
in every message encoded here (`text.valid_text`).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from typing import Any

from assistant.realtime.config import Dialect
from assistant.realtime.events import MalformedMessage
from assistant.realtime.items import Picture, Role
from assistant.realtime.text import valid_json, valid_text

BETA_TO_GA = {
    "response.text.delta": "response.output_text.delta",
    "response.text.done": "response.output_text.done",
    "response.audio.delta": "response.output_audio.delta",
    "response.audio.done": "response.output_audio.done",
    "response.audio_transcript.delta": "response.output_audio_transcript.delta",
    "response.audio_transcript.done": "response.output_audio_transcript.done",
    "conversation.item.created": "conversation.item.added",
    "transcription_session.updated": "session.updated",
}
_BETA_CONTENT = {"output_text": "text", "output_audio": "audio"}
_EXCERPT = 120
MAX_DEPTH = 64  # real events nest about 8 deep; tool schemas in `session` a little more
_CONTAINERS = (dict, list)
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")  # escaped, or already decoded


def decode(message: str | bytes) -> tuple[str, dict[str, Any]] | MalformedMessage:
    """Parse one server message into (GA event type, payload), or say why it is malformed."""
    try:
        text = _text(message)
        payload = _DECODER.decode(text)
    except (ValueError, UnicodeDecodeError) as exc:
        return MalformedMessage(f"not JSON: {exc.__class__.__name__}", _excerpt(message))
    except RecursionError:
        return MalformedMessage("nested too deeply", _excerpt(message))
    if not isinstance(payload, dict):
        return MalformedMessage("not a JSON object", _excerpt(message))
    if _deeper_than(payload, MAX_DEPTH):
        return MalformedMessage("nested too deeply", _excerpt(message))
    kind = payload.get("type")
    if not isinstance(kind, str):
        return MalformedMessage("no string 'type' field", _excerpt(message))
    if _may_hold_surrogate(text):  # rare: then repair every string (pairs stay)
        payload = valid_json(payload)
        kind = payload["type"]
    return BETA_TO_GA.get(kind, kind), payload


def _may_hold_surrogate(text: str) -> bool:
    """Whether `text` has a surrogate, escaped or decoded. This runs on every server message:
    an audio delta (long ASCII, no `\\u`) is answered without a scan."""
    if text.isascii() and "\\u" not in text:
        return False
    return _SURROGATE.search(text) is not None


def _absent(constant: str) -> None:
    """NaN, Infinity and -Infinity are not JSON: read them as null."""
    del constant


_DECODER = json.JSONDecoder(parse_constant=_absent)  # made once: `json.loads(..., hook)` costs


def _text(message: str | bytes) -> str:
    """What `json.loads` does with bytes (UTF-8, or UTF-16/32 by their byte order mark)."""
    if isinstance(message, str):
        return message
    return message.decode(json.detect_encoding(message), "surrogatepass")


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether containers nest more than `limit` deep (level by level: no recursion)."""
    level, depth = [value], 1
    while level:
        if depth > limit:
            return True
        level = [
            child
            for container in level
            for child in (container.values() if isinstance(container, dict) else container)
            if isinstance(child, _CONTAINERS)
        ]
        depth += 1
    return False


def encode(event: dict[str, Any]) -> str:
    """JSON text any UTF-8 encoder takes (whatever text a command was given)."""
    return valid_text(json.dumps(event, separators=(",", ":"), ensure_ascii=False))


def dialect_of_events(types: list[str]) -> Dialect:
    """Recognise the dialect of a recorded log from its raw event types."""
    if "session.started" in types:  # GPT-Live answers `session.start`
        return Dialect.LIVE
    return Dialect.BETA if any(t in BETA_TO_GA for t in types) else Dialect.GA


def to_dialect(event: dict[str, Any], dialect: Dialect) -> dict[str, Any]:
    """Rewrite a GA client event for the beta/preview shape (a no-op for GA)."""
    if dialect is Dialect.GA:
        return event
    kind = event["type"]
    if kind == "conversation.item.create":
        return {**event, "item": _beta_item(event["item"])}
    if kind == "response.create" and "response" in event:
        response = dict(event["response"])
        if "output_modalities" in response:
            modalities = response.pop("output_modalities")
            response["modalities"] = ["text", "audio"] if "audio" in modalities else ["text"]
        return {**event, "response": response}
    return event


def _beta_item(item: dict[str, Any]) -> dict[str, Any]:
    content = item.get("content")
    if not isinstance(content, list):
        return item
    parts = [{**part, "type": _BETA_CONTENT.get(part["type"], part["type"])} for part in content]
    return {**item, "content": parts}


def _excerpt(message: str | bytes) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
    return valid_text(text[:_EXCERPT])


# Client events (GA shape). `event_id` lets an `error` event name the command that failed.


def session_update(event_id: str, session: dict[str, Any]) -> dict[str, Any]:
    return {"type": "session.update", "event_id": event_id, "session": session}


def item_create(
    event_id: str, item: dict[str, Any], previous_item_id: str | None = None
) -> dict[str, Any]:
    event: dict[str, Any] = {"type": "conversation.item.create", "event_id": event_id, "item": item}
    if previous_item_id is not None:
        event["previous_item_id"] = previous_item_id
    return event


def message_item(
    item_id: str, role: Role, text: str, pictures: Sequence[Picture] = ()
) -> dict[str, Any]:
    """A message with its text (none if empty and there are pictures), then its pictures."""
    part = "output_text" if role is Role.ASSISTANT else "input_text"
    content = [{"type": part, "text": text}] if text or not pictures else []
    content += [image_part(p) for p in pictures]
    return {"id": item_id, "type": "message", "role": role.value, "content": content}


def image_part(picture: Picture) -> dict[str, Any]:
    """An `input_image` content part: the picture as a base64 data URL."""
    encoded = base64.b64encode(picture.data).decode("ascii")
    return {
        "type": "input_image",
        "image_url": f"data:{picture.mime};base64,{encoded}",
        "detail": picture.detail.value,
    }


def tool_output_item(item_id: str, call_id: str, output: str) -> dict[str, Any]:
    return {"id": item_id, "type": "function_call_output", "call_id": call_id, "output": output}


def audio_append(pcm: bytes) -> dict[str, Any]:
    return {"type": "input_audio_buffer.append", "audio": base64.b64encode(pcm).decode("ascii")}


def simple(kind: str, event_id: str, **fields: Any) -> dict[str, Any]:
    """A client event with only scalar fields (commit, clear, cancel, truncate, delete...)."""
    return {"type": kind, "event_id": event_id, **fields}


def text_of_content(content: Any) -> str:
    """The text of an item's content parts: text, or the transcript of audio parts."""
    if not isinstance(content, list):
        return ""
    texts = []
    for part in content:
        if isinstance(part, dict):
            value = part.get("text") if "text" in part else part.get("transcript")
            if isinstance(value, str):
                texts.append(value)
    return "".join(texts)
