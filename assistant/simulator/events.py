"""Ids, server event construction and the protocol errors the simulator reports.

Every server event gets a fresh ``event_id`` ("event_" + 20 alphanumerics). Object ids follow
the real service's prefixes ("sess_", "item_", "resp_", "call_", "conv_") and stay <= 32 chars.
Handlers raise `ProtocolError`; the session turns it into an ``error`` event that echoes the
client's ``event_id`` and keeps the session going.
"""

from __future__ import annotations

import secrets
import string
from typing import Any

Event = dict[str, Any]

_ALPHABET = string.ascii_letters + string.digits
_ID_LENGTH = 20
_ID_SPACE = len(_ALPHABET) ** _ID_LENGTH


def new_id(prefix: str) -> str:
    """A random id like the service's: ``{prefix}_`` + 20 alphanumerics (<= 32 chars).

    One random number written in base 62 (every server event needs an id: one draw from the
    system's random source per id, not one per character).
    """
    number = secrets.randbelow(_ID_SPACE)
    chars = []
    for _ in range(_ID_LENGTH):
        number, digit = divmod(number, len(_ALPHABET))
        chars.append(_ALPHABET[digit])
    return f"{prefix}_{''.join(chars)}"


def server_event(kind: str, **fields: Any) -> Event:
    """A server event of type `kind` with a fresh ``event_id`` and the given fields."""
    return {"type": kind, "event_id": new_id("event"), **fields}


class ProtocolError(Exception):
    """A client mistake reported in-band as an ``error`` event; the session continues."""

    def __init__(
        self,
        code: str | None,
        message: str,
        param: str | None = None,
        error_type: str = "invalid_request_error",
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.param = param
        self.error_type = error_type

    def to_event(self, client_event_id: str | None = None) -> Event:
        """The ``error`` server event for this error."""
        return error_event(self.error_type, self.code, self.message, self.param, client_event_id)


def error_event(
    error_type: str,
    code: str | None,
    message: str,
    param: str | None = None,
    client_event_id: str | None = None,
) -> Event:
    """An ``error`` server event in the shape shared by GA and beta."""
    error = {
        "type": error_type,
        "code": code,
        "message": message,
        "param": param,
        "event_id": client_event_id,
    }
    return server_event("error", error=error)


def unknown_parameter(path: str) -> ProtocolError:
    """The service's error for a field it does not know, e.g. ``session.type`` on beta."""
    return ProtocolError("unknown_parameter", f"Unknown parameter: '{path}'.", path)


def missing_parameter(path: str) -> ProtocolError:
    """The service's error for a required field that is absent."""
    return ProtocolError(
        "missing_required_parameter", f"Missing required parameter: '{path}'.", path
    )


def invalid_value(path: str, value: Any, supported: list[str] | None = None) -> ProtocolError:
    """The service's ``invalid_value`` error, listing the supported values when known."""
    message = f"Invalid value: '{value}'."
    if supported:
        quoted = [f"'{s}'" for s in supported]
        listing = ", ".join(quoted[:-1]) + f", and {quoted[-1]}" if len(quoted) > 1 else quoted[0]
        message += f" Supported values are: {listing}."
    return ProtocolError("invalid_value", message, path)


def invalid_type(path: str, expected: str, value: Any) -> ProtocolError:
    """The service's error for a field of the wrong JSON type."""
    got = _json_type_name(value)
    message = f"Invalid type for '{path}': expected {expected}, but got {got} instead."
    return ProtocolError("invalid_type", message, path)


def _json_type_name(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a decimal", str: "a string"}
    if value is None:
        return "null"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return names.get(type(value), "a value")


def string_too_long(path: str, value: str, maximum: int) -> ProtocolError:
    """The service's error for an over-long string such as a 33-character item id."""
    message = (
        f"Invalid '{path}': string too long. Expected a string with maximum length "
        f"{maximum}, but got a string with length {len(value)} instead."
    )
    return ProtocolError("string_above_max_length", message, path)


def already_active(response_id: str) -> ProtocolError:
    """``response.create`` while a response is active (no response events follow)."""
    message = (
        f"Conversation already has an active response in progress: {response_id}. "
        "Wait until the response is finished before creating a new one."
    )
    return ProtocolError("conversation_already_has_active_response", message)


def cancel_not_active() -> ProtocolError:
    """``response.cancel`` with no (matching) active response."""
    message = "Cancellation failed: no active response found"
    return ProtocolError("response_cancel_not_active", message)


def session_expired(max_session_seconds: float) -> ProtocolError:
    """The error sent when the maximum session duration is reached (minutes as the service says)."""
    minutes = max_session_seconds / 60
    shown = f"{minutes:.0f}" if minutes == int(minutes) else f"{minutes:.2f}".rstrip("0")
    return ProtocolError(
        "session_expired", f"Your session hit the maximum duration of {shown} minutes."
    )


def webrtc_only(_event: dict[str, Any]) -> list[Event]:
    """``output_audio_buffer.clear`` is for WebRTC/SIP; over WebSocket the client owns playback."""
    message = "output_audio_buffer.clear is only supported for WebRTC and SIP connections."
    raise ProtocolError("invalid_value", message, "type")


def transcription_unsupported(_event: dict[str, Any]) -> list[Event]:
    """Beta ``transcription_session.update`` on a realtime session (not simulated)."""
    message = "transcription_session.update is not supported on a realtime session."
    raise ProtocolError("invalid_value", message, "type")
