"""GPT-Live client events (`openai.types.live.ClientEvent`), written as JSON-ready dicts.

Every event carries an `event_id`, which the service echoes as `client_event_id` in its answer
or in an `error`, so a typed message can be matched with its `session.instructions.appended`.
"""

from __future__ import annotations

import base64
from typing import Any

TYPED_PREFIX = "The user typed: "  # how a typed message reaches a model with no typed turn


def session_start(event_id: str, session: dict[str, Any]) -> dict[str, Any]:
    return {"type": "session.start", "event_id": event_id, "session": session}


def audio_append(pcm: bytes) -> dict[str, Any]:
    return {"type": "session.input_audio.append", "audio": base64.b64encode(pcm).decode("ascii")}


def append_context(
    kind: str, event_id: str, content: str, delegation_id: str | None = None
) -> dict[str, Any]:
    """`session.instructions|thinking|commentary.append`; `delegation_id` is required, nullable."""
    return {
        "type": f"session.{kind}.append",
        "event_id": event_id,
        "content": content,
        "delegation_id": delegation_id,
    }


def tool_output(event_id: str, call_id: str, output: str) -> dict[str, Any]:
    item = {"type": "function_call_output", "call_id": call_id, "output": output}
    return {"type": "response.item.create", "event_id": event_id, "item": item}


def simple(kind: str, event_id: str) -> dict[str, Any]:
    """`response.create`, `session.close`: no fields but the id."""
    return {"type": kind, "event_id": event_id}


def history_message(role: str, text: str) -> dict[str, Any]:
    """One text message of the startup `input` (developer, user or assistant)."""
    part = "output_text" if role == "assistant" else "input_text"
    return {"type": "message", "role": role, "content": [{"type": part, "text": text}]}
