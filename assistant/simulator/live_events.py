"""GPT-Live server events the simulator sends (`openai.types.live.ServerEvent` shapes).

Live errors differ from Realtime ones: `code` is always a string and the failing command's id
is `error.client_event_id` (also echoed at the top level). The session resource is what
`session.started` and `session.closed` carry.
"""

from __future__ import annotations

import base64
from typing import Any

from .events import Event, new_id, server_event


class LiveError(Exception):
    """A client mistake reported in-band; the session continues (unless not yet started)."""

    def __init__(self, code: str, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.param = code, message, param

    def to_event(self, client_event_id: str | None) -> Event:
        return live_error(self.code, self.message, self.param, client_event_id)


def live_error(
    code: str, message: str, param: str | None = None, client_event_id: str | None = None
) -> Event:
    error: dict[str, Any] = {"type": "invalid_request_error", "code": code, "message": message}
    if param is not None:
        error["param"] = param
    if client_event_id is not None:
        error["client_event_id"] = client_event_id
        return server_event("error", error=error, client_event_id=client_event_id)
    return server_event("error", error=error)


def echoed(kind: str, client_event_id: str | None, **fields: Any) -> Event:
    """A server event answering a command: `client_event_id` names it when it had an id."""
    if client_event_id is not None:
        fields["client_event_id"] = client_event_id
    return server_event(kind, **fields)


def audio_delta(pcm: bytes) -> Event:
    """`session.output_audio.delta`: the one server event without an `event_id`."""
    return {"type": "session.output_audio.delta", "delta": base64.b64encode(pcm).decode("ascii")}


def transcript_delta(side: str, text: str, start_ms: int, end_ms: int) -> Event:
    return server_event(
        f"session.{side}_transcript.delta", delta=text, start_ms=start_ms, end_ms=end_ms
    )


def delegation_created(delegation_id: str, target: str, offset_ms: int) -> Event:
    delegation: dict[str, Any] = {"id": delegation_id, "type": "delegation", "target": target}
    if target == "responses":
        delegation["response_id"] = new_id("resp")
    return server_event("session.delegation.created", delegation=delegation, offset_ms=offset_ms)


def response_event(delegation_id: str, inner: dict[str, Any]) -> Event:
    return server_event("response.event", event=inner, delegation_id=delegation_id)
