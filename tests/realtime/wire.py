"""GA server events built from the protocol reference, each checked against the `openai` models.

Tests script conversations with these, so a test fixture cannot drift from the real protocol.
"""

from __future__ import annotations

import base64
import itertools
import json
from typing import Any

from tests.oracle import validate_server_event

_ids = itertools.count(1)


def event(kind: str, dialect: str = "ga", **fields: Any) -> str:
    payload = {"type": kind, "event_id": f"event_{next(_ids)}", **fields}
    validate_server_event(payload, "ga" if dialect == "ga" else "beta")
    return json.dumps(payload)


def session_created(model: str = "gpt-realtime", expires_at: int = 1_900_000_000) -> str:
    session = {"type": "realtime", "id": "sess_1", "model": model, "expires_at": expires_at}
    return event("session.created", session=session)


def message(
    item_id: str, role: str, text: str | None = None, status: str = "completed"
) -> dict[str, Any]:
    content: list[dict[str, Any]] = []
    if text is not None:
        content = [{"type": "input_text" if role == "user" else "output_text", "text": text}]
    return {
        "id": item_id,
        "object": "realtime.item",
        "type": "message",
        "role": role,
        "status": status,
        "content": content,
    }


def item_added(item: dict[str, Any], previous: str | None) -> str:
    return event("conversation.item.added", item=item, previous_item_id=previous)


def item_done(item: dict[str, Any], previous: str | None) -> str:
    return event("conversation.item.done", item=item, previous_item_id=previous)


def response_created(response_id: str) -> str:
    return event(
        "response.created",
        response={
            "id": response_id,
            "object": "realtime.response",
            "status": "in_progress",
            "output": [],
        },
    )


def output_item_added(response_id: str, item: dict[str, Any]) -> str:
    return event("response.output_item.added", response_id=response_id, output_index=0, item=item)


def output_item_done(response_id: str, item: dict[str, Any]) -> str:
    return event("response.output_item.done", response_id=response_id, output_index=0, item=item)


def _part(response_id: str, item_id: str) -> dict[str, Any]:
    return {"response_id": response_id, "item_id": item_id, "output_index": 0, "content_index": 0}


def transcript_delta(response_id: str, item_id: str, delta: str) -> str:
    return event(
        "response.output_audio_transcript.delta", delta=delta, **_part(response_id, item_id)
    )


def transcript_done(response_id: str, item_id: str, transcript: str) -> str:
    return event(
        "response.output_audio_transcript.done",
        transcript=transcript,
        **_part(response_id, item_id),
    )


def text_delta(response_id: str, item_id: str, delta: str) -> str:
    return event("response.output_text.delta", delta=delta, **_part(response_id, item_id))


def audio_delta(response_id: str, item_id: str, ms: int) -> str:
    pcm = b"\x01\x00" * (24 * ms)
    return event(
        "response.output_audio.delta",
        delta=base64.b64encode(pcm).decode(),
        **_part(response_id, item_id),
    )


def audio_done(response_id: str, item_id: str) -> str:
    return event("response.output_audio.done", **_part(response_id, item_id))


USAGE = {
    "total_tokens": 821,
    "input_tokens": 789,
    "output_tokens": 32,
    "input_token_details": {
        "text_tokens": 313,
        "audio_tokens": 476,
        "image_tokens": 0,
        "cached_tokens": 640,
        "cached_tokens_details": {"text_tokens": 256, "audio_tokens": 384, "image_tokens": 0},
    },
    "output_token_details": {"text_tokens": 9, "audio_tokens": 23},
}


def response_done(
    response_id: str,
    output: list[dict[str, Any]],
    status: str = "completed",
    usage: dict[str, Any] | None = None,
    reason: str | None = None,
) -> str:
    response: dict[str, Any] = {
        "id": response_id,
        "object": "realtime.response",
        "status": status,
        "output": output,
        "usage": usage or USAGE,
    }
    if reason:
        response["status_details"] = {"type": status, "reason": reason}
    return event("response.done", response=response)


def error(code: str | None, message: str, event_id: str | None = None) -> str:
    return event(
        "error",
        error={
            "type": "invalid_request_error",
            "code": code,
            "message": message,
            "param": None,
            "event_id": event_id,
        },
    )


def function_call(
    item_id: str, call_id: str, name: str, arguments: str = "", status: str = "completed"
) -> dict[str, Any]:
    return {
        "id": item_id,
        "object": "realtime.item",
        "type": "function_call",
        "status": status,
        "call_id": call_id,
        "name": name,
        "arguments": arguments,
    }


def mcp_list_tools(item_id: str, label: str, tools: list[str]) -> dict[str, Any]:
    listed = [{"name": name, "input_schema": {"type": "object"}} for name in tools]
    return {"id": item_id, "type": "mcp_list_tools", "server_label": label, "tools": listed}


def mcp_approval_request(item_id: str, label: str, name: str, arguments: str) -> dict[str, Any]:
    return {
        "id": item_id,
        "type": "mcp_approval_request",
        "server_label": label,
        "name": name,
        "arguments": arguments,
    }


def mcp_call(
    item_id: str,
    label: str,
    name: str,
    arguments: str = "",
    *,
    output: str | None = None,
    error: dict[str, Any] | None = None,
    approval_request_id: str | None = None,
) -> dict[str, Any]:
    return {
        "id": item_id,
        "type": "mcp_call",
        "server_label": label,
        "name": name,
        "arguments": arguments,
        "output": output,
        "error": error,
        "approval_request_id": approval_request_id,
    }


def mcp_event(kind: str, item_id: str, response_id: str | None = None, **fields: Any) -> str:
    """An MCP progress event: listing events name the item, call events also the response."""
    if response_id is not None:
        fields = {"output_index": 0, **fields}
        if "arguments" in kind:
            fields["response_id"] = response_id
    return event(kind, item_id=item_id, **fields)
