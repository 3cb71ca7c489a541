"""One function per GPT-Live server event: what it does to the state, which events it yields.

Live has no items, no responses and no turn events: the handlers make them. The user's words
(`session.input_transcript.delta`) collect in a user item; the model's audio and words
(`session.output_audio.delta`, `session.output_transcript.delta`) in an assistant item of a
synthetic response (`ResponseStarted` at its first output). A reply ends when no delegation is
open and the output has been quiet for a while: that needs time, so `LiveSession.tick` decides
it, not a handler. Function calls arrive inside `response.event` (Responses delegation) and
become `ToolCallReady`. Every field is read defensively: a hostile server gets nothing but
`UnknownEvent`, ignored fields, or a `ServerError`.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any

from assistant.realtime.errors import classify
from assistant.realtime.events import (
    AudioDelta,
    AudioDone,
    DelegationFinished,
    DelegationStarted,
    ErrorSeverity,
    ItemAdded,
    ItemCompleted,
    ResponseStarted,
    ServerError,
    SessionClosed,
    SessionCreated,
    TextDelta,
    ToolCallReady,
    UserTranscriptCompleted,
    UserTranscriptDelta,
)
from assistant.realtime.items import ItemStatus, Role, plain_text
from assistant.realtime.live.cost import LiveSeconds, backend_price
from assistant.realtime.live.state import LiveState
from assistant.realtime.usage import Usage
from assistant.realtime.values import wire_float, wire_int

Handler = Callable[[LiveState, dict[str, Any]], None]
_MAX_ID = 256


def _str(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _id(data: Any, key: str) -> str | None:
    value = _str(data, key)
    return value if value and len(value) <= _MAX_ID else None


def _ms(data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    return wire_int(value) if isinstance(value, int | float) else None


def session_started(s: LiveState, event: dict[str, Any]) -> None:
    session = event.get("session")
    session = session if isinstance(session, dict) else {}
    s.connected = True
    s.server_sessions += 1
    s.session_id = _id(session, "id") or f"live_{s.server_sessions}"
    s.model = _str(session, "model") or s.model
    expires = session.get("expires_at")
    s.expires_at = wire_int(expires) or None if isinstance(expires, int | float) else None
    s.timeline_start, s.sent_ms = None, 0.0
    s.emit(SessionCreated(s.session_id, s.model or "", s.expires_at))


def input_transcript(s: LiveState, event: dict[str, Any]) -> None:
    delta = _str(event, "delta")
    if not delta:
        return
    if s.user_item is None:
        user = s.items.add_message(Role.USER, ItemStatus.IN_PROGRESS, audio=True)
        s.user_item = user.id
        s.emit(ItemAdded(user))
    s.items.append_text(s.user_item, delta)
    s.emit(UserTranscriptDelta(s.user_item, delta, _ms(event, "start_ms"), _ms(event, "end_ms")))


def finish_user_item(s: LiveState) -> None:
    """The user's words so far are one item: the model answers them (or a delegation does)."""
    item = s.items.finish(s.user_item)
    s.user_item = None
    if item is not None:
        s.emit(ItemCompleted(item))
        s.emit(UserTranscriptCompleted(item.id, plain_text(item)))


def _reply_item(s: LiveState) -> str:
    """The assistant item of the reply in progress, started at its first output."""
    s.output_seen, s.awaiting_reply = True, False
    if s.reply_item is not None and s.conversation.peek(s.reply_item) is not None:
        return s.reply_item
    finish_user_item(s)
    if s.response_id is None:
        s.replies += 1
        s.response_id = f"live_resp_{s.replies}"
        s.emit(ResponseStarted(s.response_id))
    item = s.items.add_message(Role.ASSISTANT, ItemStatus.IN_PROGRESS, audio=True)
    s.reply_item = item.id
    s.emit(ItemAdded(item))
    return item.id


def finish_reply_item(s: LiveState) -> None:
    """The assistant item so far is complete; later output of this reply starts a new one."""
    item = s.items.finish(s.reply_item)
    s.reply_item = None
    if item is not None:
        s.emit(AudioDone(item.id))
        s.emit(ItemCompleted(item))


def output_transcript(s: LiveState, event: dict[str, Any]) -> None:
    delta = _str(event, "delta")
    if not delta:
        return
    item_id = _reply_item(s)
    start_ms, end_ms = _ms(event, "start_ms"), _ms(event, "end_ms")
    delta = _spaced(s.items.last_char(item_id), delta, start_ms, s.output_end_ms)
    s.items.append_text(item_id, delta)
    s.output_end_ms = end_ms if end_ms is not None else s.output_end_ms
    s.emit(TextDelta(item_id, delta, start_ms, end_ms))


def _spaced(before: str, delta: str, start_ms: int | None, last_end_ms: int | None) -> str:
    """A new utterance within one reply ("Let me check." ... "It is noon.") starts with a
    space when the words before it (`before`: their last character) end a sentence and time
    passed between them."""
    if not before or before.isspace() or delta[0].isspace():
        return delta
    gap = start_ms is not None and last_end_ms is not None and start_ms > last_end_ms
    return " " + delta if gap and before in ".!?" else delta


def output_audio(s: LiveState, event: dict[str, Any]) -> None:
    encoded = _str(event, "delta")
    if not encoded:
        return
    try:
        pcm = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return  # not audio: nothing to play
    pcm = pcm[: len(pcm) - len(pcm) % 2]  # whole PCM16 samples only
    if not pcm:
        return
    item_id = _reply_item(s)
    s.items.add_audio(item_id, len(pcm))
    s.emit(AudioDelta(item_id, s.response_id or "", pcm))


def delegation_created(s: LiveState, event: dict[str, Any]) -> None:
    delegation = event.get("delegation")
    delegation_id = _id(delegation, "id")
    if delegation_id is None or delegation_id in s.delegations:
        return
    target = _str(delegation, "target") or "responses"
    task = s.items.text(s.user_item) if s.user_item else s.last_typed  # said, else typed
    s.last_typed = ""
    finish_user_item(s)
    s.awaiting_reply = False
    s.delegations[delegation_id] = set()
    s.emit(DelegationStarted(delegation_id, target, task))


def close_delegation(s: LiveState, delegation_id: str) -> None:
    if s.delegations.pop(delegation_id, None) is not None:
        s.quiet_since = None  # the answer is still to be spoken: the quiet starts over
        s.output_seen = True
        s.emit(DelegationFinished(delegation_id))


def response_event(s: LiveState, event: dict[str, Any]) -> None:
    inner = event.get("event")
    if not isinstance(inner, dict):
        return
    delegation_id = _id(event, "delegation_id") or _only_delegation(s)
    kind = _str(inner, "type")
    if kind == "response.output_item.done":
        _function_call(s, delegation_id, inner.get("item"))
    elif kind in ("response.completed", "response.failed", "response.incomplete"):
        response = inner.get("response")
        _add_tokens(s, response.get("usage") if isinstance(response, dict) else None)
        if kind == "response.failed":
            _backend_failed(s, response)
        if delegation_id is not None and not s.delegations.get(delegation_id):
            close_delegation(s, delegation_id)


def _only_delegation(s: LiveState) -> str | None:
    return next(iter(s.delegations)) if len(s.delegations) == 1 else None


def _function_call(s: LiveState, delegation_id: str | None, item: Any) -> None:
    if not isinstance(item, dict) or item.get("type") != "function_call":
        return
    call_id, name = _id(item, "call_id"), _id(item, "name")
    if call_id is None or name is None or call_id in s.calls_seen:
        return
    arguments = _str(item, "arguments") or "{}"
    s.calls_seen.add(call_id)
    finish_reply_item(s)  # what was said so far ("Let me check.") comes before the call
    call = s.items.add_call(name, call_id, arguments)
    if delegation_id is not None and delegation_id in s.delegations:
        s.delegations[delegation_id].add(call_id)
        s.calls[call_id] = delegation_id
    s.emit(ItemAdded(call))
    s.emit(ItemCompleted(call))
    s.emit(ToolCallReady(call.id, call_id, name, arguments))


def _add_tokens(s: LiveState, raw: Any) -> None:
    if not isinstance(raw, dict):
        return
    details = raw.get("input_tokens_details")
    cached = details.get("cached_tokens") if isinstance(details, dict) else 0
    text_in = wire_int(raw.get("input_tokens"))
    usage = Usage(
        input_text=max(0, text_in),
        cached_text=min(max(0, wire_int(cached)), max(0, text_in)),
        output_text=max(0, wire_int(raw.get("output_tokens"))),
    )
    s.usage += usage
    price = backend_price(s.config.backend_model)
    if price is None:
        s.unpriced_usage = s.unpriced_usage or bool(usage.total_tokens)
    else:
        s.backend_cost += price.cost(usage)


def _backend_failed(s: LiveState, response: Any) -> None:
    error = response.get("error") if isinstance(response, dict) else None
    message = _str(error, "message") or "The backend model failed to answer."
    s.emit(ServerError(ErrorSeverity.RECOVERABLE, _str(error, "code"), message))


def usage_updated(s: LiveState, event: dict[str, Any]) -> None:
    _seconds(s, event.get("usage"))


def _seconds(s: LiveState, raw: Any) -> None:
    """Cumulative seconds: never less than already reported (a hostile value cannot refund)."""
    if not isinstance(raw, dict):
        return
    seconds = max(s.seconds.seconds, wire_float(raw.get("seconds")))
    active = raw.get("active_seconds")
    paused = max(0.0, min(wire_float(raw.get("paused_seconds")), seconds))
    active_seconds = min(max(0.0, wire_float(active)), seconds) if active is not None else None
    s.seconds = LiveSeconds(seconds, active_seconds, paused)


def session_closed(s: LiveState, event: dict[str, Any]) -> None:
    _seconds(s, event.get("usage"))
    reason = _str(event, "reason") or "unknown"
    s.connected = False
    s.emit(SessionClosed(reason[:_MAX_ID], s.billed_seconds))


def appended(s: LiveState, event: dict[str, Any]) -> None:
    """`session.instructions|thinking|commentary.appended`: a typed message reached the model."""
    item_id = s.typed.pop(_str(event, "client_event_id") or "", None)
    typed = s.items.get(item_id)
    if typed is not None and typed.status is not ItemStatus.COMPLETED:
        s.emit(ItemCompleted(s.items.finish(item_id) or typed))


def error(s: LiveState, event: dict[str, Any]) -> None:
    raw = event.get("error")
    raw = raw if isinstance(raw, dict) else {}
    code, message = _str(raw, "code"), _str(raw, "message") or "unknown server error"
    client_event_id = _str(raw, "client_event_id") or _str(event, "client_event_id")
    if client_event_id in s.typed:  # the typed message was refused: no reply will come
        s.typed.pop(client_event_id)
        s.awaiting_reply = False
    # Before `session.started` the session itself was refused: the same start would be again.
    severity = classify(code, message) if s.connected else ErrorSeverity.FATAL
    s.emit(
        ServerError(
            severity=severity,
            code=code,
            message=message,
            error_type=_str(raw, "type"),
            param=_str(raw, "param"),
            client_event_id=client_event_id,
        )
    )


def ignored(s: LiveState, event: dict[str, Any]) -> None:
    """Acknowledgements and notices with nothing to do (`info`, mute confirmations...)."""
    del s, event


HANDLERS: dict[str, Handler] = {
    "session.started": session_started,
    "session.updated": ignored,
    "session.input_transcript.delta": input_transcript,
    "session.output_transcript.delta": output_transcript,
    "session.output_audio.delta": output_audio,
    "session.delegation.created": delegation_created,
    "response.event": response_event,
    "session.usage.updated": usage_updated,
    "session.closed": session_closed,
    "session.instructions.appended": appended,
    "session.thinking.appended": appended,
    "session.commentary.appended": appended,
    "session.input_audio.muted": ignored,
    "session.input_audio.unmuted": ignored,
    "session.input_audio.append": ignored,  # sideband reflection: not ours to play
    "info": ignored,
    "error": error,
}
