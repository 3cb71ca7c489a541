"""GPT-Live server events for tests, each validated by the oracle as it is built."""

from __future__ import annotations

import base64
import itertools
from typing import Any

from tests.oracle import validate_server_event

_ids = itertools.count(1)


def event(kind: str, **fields: Any) -> dict[str, Any]:
    data = {"type": kind, "event_id": f"sevt_{next(_ids)}", **fields}
    validate_server_event(data, "live")
    return data


def started(model: str = "gpt-live-1", session_id: str = "sess_1", expires_at: int = 1900000000):
    session = {"id": session_id, "expires_at": expires_at, "model": model, "status": "active"}
    return event("session.started", session=session)


def input_delta(text: str, start_ms: int = 0, end_ms: int = 100) -> dict[str, Any]:
    return event("session.input_transcript.delta", delta=text, start_ms=start_ms, end_ms=end_ms)


def output_delta(text: str, start_ms: int = 0, end_ms: int = 100) -> dict[str, Any]:
    return event("session.output_transcript.delta", delta=text, start_ms=start_ms, end_ms=end_ms)


def audio(ms: int = 20, value: int = 1) -> dict[str, Any]:
    pcm = value.to_bytes(2, "little", signed=True) * (24 * ms)
    data = {"type": "session.output_audio.delta", "delta": base64.b64encode(pcm).decode()}
    validate_server_event(data, "live")
    return data


def delegation(delegation_id: str = "del_1", target: str = "responses") -> dict[str, Any]:
    body: dict[str, Any] = {"id": delegation_id, "type": "delegation", "target": target}
    if target == "responses":
        body["response_id"] = f"resp_{delegation_id}"
    return event("session.delegation.created", delegation=body, offset_ms=1200)


def response(inner: dict[str, Any], delegation_id: str | None = "del_1") -> dict[str, Any]:
    return event("response.event", event=inner, delegation_id=delegation_id)


def function_call(call_id: str = "call_1", name: str = "get_current_time", arguments: str = "{}"):
    item = {
        "type": "function_call",
        "id": f"fc_{call_id}",
        "call_id": call_id,
        "name": name,
        "arguments": arguments,
        "status": "completed",
    }
    return {"type": "response.output_item.done", "output_index": 0, "item": item}


def completed(input_tokens: int = 100, output_tokens: int = 20) -> dict[str, Any]:
    usage = {"input_tokens": input_tokens, "output_tokens": output_tokens}
    return {"type": "response.completed", "response": {"id": "resp_x", "usage": usage}}


def usage(seconds: float) -> dict[str, Any]:
    return event("session.usage.updated", usage={"seconds": seconds})


def closed(seconds: float, reason: str = "close_requested") -> dict[str, Any]:
    session = {"id": "sess_1", "expires_at": 1900000000, "model": "gpt-live-1", "status": "active"}
    return event("session.closed", reason=reason, session=session, usage={"seconds": seconds})


def appended(client_event_id: str, kind: str = "instructions") -> dict[str, Any]:
    return event(
        f"session.{kind}.appended", start_ms=500, end_ms=500, client_event_id=client_event_id
    )


def error(code: str, message: str, client_event_id: str | None = None) -> dict[str, Any]:
    body = {"type": "invalid_request_error", "code": code, "message": message}
    if client_event_id:
        body["client_event_id"] = client_event_id
    return event("error", error=body)
