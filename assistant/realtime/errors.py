"""Server `error` events: which ones are expected races, which end the session, and why.

Most errors leave the session usable. A few are expected in normal operation and must never
break anything (the user barged in just as a reply ended, a push-to-talk tap was too short, a
truncate raced the end of the audio). A few mean no retry can work (a wrong key, no quota).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.realtime.events import ErrorSeverity, ServerError
from assistant.realtime.state import SessionState

FATAL_CODES = frozenset(
    {
        "invalid_api_key",
        "insufficient_quota",
        "account_deactivated",
        "billing_hard_limit_reached",
        "beta_api_shape_disabled",
    }
)
BENIGN_CODES = frozenset(
    {
        "response_cancel_not_active",
        "input_audio_buffer_commit_empty",
        "conversation_already_has_active_response",
    }
)
_TRUNCATE_PAST_END = re.compile(r"already shorter than", re.IGNORECASE)
_ACTIVE_RESPONSE = re.compile(r"already has an active response", re.IGNORECASE)


def _text(error: dict[str, Any], key: str) -> str | None:
    value = error.get(key)
    return value if isinstance(value, str) else None


def classify(code: str | None, message: str) -> ErrorSeverity:
    if code == "session_expired":
        return ErrorSeverity.EXPIRED
    if code in FATAL_CODES:
        return ErrorSeverity.FATAL
    if code in BENIGN_CODES or _TRUNCATE_PAST_END.search(message):
        return ErrorSeverity.BENIGN
    if _active_response(code, message):
        return ErrorSeverity.BENIGN
    return ErrorSeverity.RECOVERABLE


def _active_response(code: str | None, message: str) -> bool:
    """Our `response.create` lost the race to a response the server started itself."""
    if code == "conversation_already_has_active_response":
        return True
    return code is None and bool(_ACTIVE_RESPONSE.search(message))  # older servers: no code


def handle(s: SessionState, error: dict[str, Any]) -> ServerError:
    """Classify an error and settle the state it concerns; returns the event to emit."""
    code, message = _text(error, "code"), _text(error, "message") or "unknown server error"
    severity = classify(code, message)
    if _active_response(code, message):
        s.tracker.rejected_active()
    elif code == "response_cancel_not_active":
        s.tracker.cancel_not_active()
    elif code == "input_audio_buffer_commit_empty":
        s.input_emptied()
    return ServerError(
        severity=severity,
        code=code,
        message=message,
        error_type=_text(error, "type"),
        param=_text(error, "param"),
        client_event_id=_text(error, "event_id"),
    )
