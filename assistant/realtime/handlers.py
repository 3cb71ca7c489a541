"""What each server event does to the session state, and which typed events it yields.

One function per GA event type (beta names are renamed by the codec first). Handlers read
payloads defensively: a missing or mistyped field degrades to an empty value, never an
exception, because servers add and change fields over time.
"""

from __future__ import annotations

import base64
import binascii
import math
from collections.abc import Callable
from typing import Any

from assistant.realtime import codec, errors, mcp, replay
from assistant.realtime.conversation import _State
from assistant.realtime.events import (
    AudioDelta,
    AudioDone,
    InputCleared,
    InputCommitted,
    InputIdleTimeout,
    ItemAdded,
    ItemCompleted,
    ItemDeleted,
    ItemTruncated,
    RateLimitsUpdated,
    ResponseFinished,
    ResponseStarted,
    SessionCreated,
    SessionUpdated,
    SpeechStarted,
    SpeechStopped,
    TextDelta,
    ToolCallArgumentsDelta,
    ToolCallReady,
    TranscriptionBilled,
    UserTranscriptCompleted,
    UserTranscriptDelta,
    UserTranscriptFailed,
    UserTranscriptSegment,
)
from assistant.realtime.items import ItemKind, ItemStatus, SpeakerSegment
from assistant.realtime.models import PHASES
from assistant.realtime.state import SessionState
from assistant.realtime.usage import (
    Usage,
    price_for,
    usage_from_response,
    usage_from_transcription,
)
from assistant.realtime.values import MAX_NUMBER, wire_float, wire_int

Handler = Callable[[SessionState, dict[str, Any]], None]


def _str(payload: Any, key: str) -> str:
    value = payload.get(key) if isinstance(payload, dict) else None
    return value if isinstance(value, str) else ""


def _opt_str(payload: Any, key: str) -> str | None:
    value = payload.get(key) if isinstance(payload, dict) else None
    return value if isinstance(value, str) else None


def _int(payload: dict[str, Any], key: str) -> int:
    return wire_int(payload.get(key))


def _dict(payload: dict[str, Any], key: str) -> dict[str, Any]:
    value = payload.get(key)
    return value if isinstance(value, dict) else {}


def _list(payload: dict[str, Any], key: str) -> list[Any]:
    value = payload.get(key)
    return value if isinstance(value, list) else []


# Session


def session_created(s: SessionState, p: dict[str, Any]) -> None:
    session = _dict(p, "session")
    s.session_id = _opt_str(session, "id")
    s.model = _opt_str(session, "model") or s.model
    s.expires_at = wire_int(session.get("expires_at")) or None  # absurd: no known expiry
    s.emit(SessionCreated(s.session_id or "", s.model or "", s.expires_at))
    replay.start_server_session(s)


def session_updated(s: SessionState, p: dict[str, Any]) -> None:
    s.emit(SessionUpdated(_dict(p, "session")))


# Conversation items


def _new_state(item: dict[str, Any]) -> _State | None:
    item_id = _str(item, "id")
    if not item_id:
        return None
    type_name = _str(item, "type") or "message"
    try:
        kind = ItemKind(type_name)
    except ValueError:
        kind = ItemKind.OTHER
    state = _State(item_id, kind, _opt_str(item, "role"), _status(item), type_name)
    state.name, state.call_id = _opt_str(item, "name"), _opt_str(item, "call_id")
    state.output = _opt_str(item, "output")
    text = codec.text_of_content(item.get("content"))
    state.parts = [text] if text else []
    arguments = _opt_str(item, "arguments")
    state.arg_parts = [arguments] if arguments else []
    content = item.get("content")
    state.has_audio = isinstance(content, list) and any(
        isinstance(c, dict) and "audio" in str(c.get("type")) for c in content
    )
    mcp.take_fields(state, item)
    _take_phase(state, item)
    return state


def _take_phase(state: _State, item: dict[str, Any]) -> None:
    """A reasoning model's reply says whether it is a preamble or the answer (else: none)."""
    phase = item.get("phase")
    if state.role == "assistant" and phase in PHASES:
        state.phase = phase


def _status(item: dict[str, Any]) -> ItemStatus:
    try:
        return ItemStatus(_str(item, "status"))
    except ValueError:
        return ItemStatus.IN_PROGRESS


def _complete(s: SessionState, item_id: str, status: ItemStatus) -> None:
    state = s.conversation.state(item_id)
    if state is None or item_id in s.completed_items:
        return
    if status in (ItemStatus.COMPLETED, ItemStatus.INCOMPLETE):
        state.status = status
        s.completed_items.add(item_id)
        s.emit(ItemCompleted(state.snapshot()))
        mcp.item_completed(s, state)


def _upsert(s: SessionState, item: dict[str, Any], previous: str | None, *, placed: bool) -> None:
    item_id = _str(item, "id")
    s.live_items.add(item_id)
    known = s.conversation.state(item_id)
    if known is not None:
        if item_id not in s.completed_items:
            mcp.take_fields(known, item)
            _take_phase(known, item)
        if placed:
            s.conversation.place(item_id, previous)
        if known.status is ItemStatus.PENDING:
            known.status = ItemStatus.IN_PROGRESS
        if item.get("status") in ("completed", "incomplete"):
            _complete(s, item_id, _status(item))
        return
    state = _new_state(item)
    if state is None:
        return
    s.conversation.add(state, previous, placed=placed)
    s.emit(ItemAdded(state.snapshot()))
    if item.get("status") == "completed" and state.role != "assistant":
        _complete(s, item_id, ItemStatus.COMPLETED)


def item_added(s: SessionState, p: dict[str, Any]) -> None:
    _upsert(s, _dict(p, "item"), _opt_str(p, "previous_item_id"), placed=True)


def item_done(s: SessionState, p: dict[str, Any]) -> None:
    item = _dict(p, "item")
    _upsert(s, item, _opt_str(p, "previous_item_id"), placed=True)
    _complete(s, _str(item, "id"), _final_status(item))


def _final_status(item: dict[str, Any]) -> ItemStatus:
    """The status of a finished item; MCP items carry none, and `done` means completed."""
    if "status" not in item and _str(item, "type").startswith("mcp_"):
        return ItemStatus.COMPLETED
    return _status(item)


def item_deleted(s: SessionState, p: dict[str, Any]) -> None:
    item_id = _str(p, "item_id")
    if s.conversation.remove(item_id):
        s.emit(ItemDeleted(item_id))


def item_truncated(s: SessionState, p: dict[str, Any]) -> None:
    # The server also drops the item's transcript here; we keep the heard part on purpose.
    s.emit(ItemTruncated(_str(p, "item_id"), _int(p, "audio_end_ms")))


# Input audio buffer and transcription


def speech_started(s: SessionState, p: dict[str, Any]) -> None:
    s.user_speaking = True
    if s.tracker.busy and s.config.server_interrupts:
        s.tracker.server_cancelling = True
    s.emit(SpeechStarted(_str(p, "item_id"), _int(p, "audio_start_ms")))


def speech_stopped(s: SessionState, p: dict[str, Any]) -> None:
    s.user_speaking = False
    s.emit(SpeechStopped(_str(p, "item_id"), _int(p, "audio_end_ms")))


def committed(s: SessionState, p: dict[str, Any]) -> None:
    s.buffered_audio_bytes = 0
    s.user_speaking = False
    s.emit(InputCommitted(_str(p, "item_id")))


def cleared(s: SessionState, p: dict[str, Any]) -> None:
    del p
    s.buffered_audio_bytes = 0
    s.emit(InputCleared())


def idle_timeout(s: SessionState, p: dict[str, Any]) -> None:
    s.emit(InputIdleTimeout(_str(p, "item_id")))


def transcript_delta(s: SessionState, p: dict[str, Any]) -> None:
    item_id, delta = _str(p, "item_id"), _str(p, "delta")
    state = s.conversation.state(item_id)
    if state is not None:
        state.parts.append(delta)
    s.emit(UserTranscriptDelta(item_id, delta))


def transcript_completed(s: SessionState, p: dict[str, Any]) -> None:
    item_id, transcript = _str(p, "item_id"), _str(p, "transcript")
    state = s.conversation.state(item_id)
    if state is None:
        s.conversation.stash_transcript(item_id, transcript)
    else:
        state.parts = [transcript]
    s.emit(UserTranscriptCompleted(item_id, transcript))
    if "usage" in p:
        model = s.config.transcription.model if s.config.transcription else None
        _bill(s, usage_from_transcription(p["usage"]), model, item_id)


MAX_SPEAKER_CHARS = 64  # a label is "A", "speaker_1"...: anything longer is not a label


def _seconds(value: Any) -> float | None:
    """A time in seconds as sent; None for anything but a number `wire_float` keeps (it reads
    the rest as 0, which would pass for a time here)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and abs(value) <= MAX_NUMBER else None


def transcript_segment(s: SessionState, p: dict[str, Any]) -> None:
    """A diarized segment: who said what, when. A segment without a usable speaker, text or
    times is dropped (the completed transcript still comes)."""
    item_id, speaker, text = _str(p, "item_id"), _str(p, "speaker").strip(), _str(p, "text")
    start, end = _seconds(p.get("start")), _seconds(p.get("end"))
    usable = item_id and speaker and text and len(speaker) <= MAX_SPEAKER_CHARS
    if not usable or start is None or end is None or not 0 <= start <= end:
        return
    segment_id = _str(p, "id") or f"{start}-{end}"
    state = s.conversation.state(item_id)
    if state is not None:
        state.segments[segment_id] = SpeakerSegment(speaker, text, start, end)
    s.emit(UserTranscriptSegment(item_id, segment_id, speaker, text, start, end))


def transcript_failed(s: SessionState, p: dict[str, Any]) -> None:
    error = _dict(p, "error")
    message = _str(error, "message") or "the speech could not be transcribed"
    s.emit(UserTranscriptFailed(_str(p, "item_id"), message))


def _bill(s: SessionState, usage: Usage, model: str | None, item_id: str) -> None:
    price = price_for(model)
    cost = price.cost(usage, transcription=True) if price else None
    s.usage += usage
    if cost is None:
        s.unpriced_usage = True
    else:
        s.cost += cost
    s.emit(TranscriptionBilled(item_id, usage, cost))


# Responses


def response_created(s: SessionState, p: dict[str, Any]) -> None:
    response_id = _str(_dict(p, "response"), "id")
    s.tracker.created(response_id)
    s.emit(ResponseStarted(response_id))


def output_item_added(s: SessionState, p: dict[str, Any]) -> None:
    _upsert(s, _dict(p, "item"), None, placed=False)


def output_item_done(s: SessionState, p: dict[str, Any]) -> None:
    item = _dict(p, "item")
    item_id = _str(item, "id")
    state = s.conversation.state(item_id)
    if state is None:
        _upsert(s, item, None, placed=False)
        state = s.conversation.state(item_id)
    if state is None:
        return
    if state.kind is ItemKind.FUNCTION_CALL:
        state.arg_parts = [_str(item, "arguments")]
        state.name = _opt_str(item, "name") or state.name
        state.call_id = _opt_str(item, "call_id") or state.call_id
    mcp.take_fields(state, item)
    _take_phase(state, item)
    status = _final_status(item) if not state.interrupted else ItemStatus.INCOMPLETE
    _complete(s, item_id, status)
    call_id = state.call_id
    if state.kind is ItemKind.FUNCTION_CALL and status is ItemStatus.COMPLETED and call_id:
        if call_id in s.calls_seen:
            return  # a repeated `done` (or item) for this call: it runs once, answered once
        s.calls_seen.add(call_id)
        s.open_calls.add(call_id)
        s.emit(ToolCallReady(item_id, call_id, state.name or "", "".join(state.arg_parts)))


def _streaming(s: SessionState, p: dict[str, Any]) -> _State | None:
    """The item a delta is for, or None when it is unknown or the user cut it off."""
    state = s.conversation.state(_str(p, "item_id"))
    if state is None or state.interrupted:
        return None
    return state


def text_delta(s: SessionState, p: dict[str, Any]) -> None:
    state = _streaming(s, p)
    if state is not None:
        delta = _str(p, "delta")
        state.parts.append(delta)
        s.emit(TextDelta(state.id, delta))


def text_done(s: SessionState, p: dict[str, Any]) -> None:
    state = _streaming(s, p)
    final = _opt_str(p, "text") if "text" in p else _opt_str(p, "transcript")
    if state is not None and final is not None:
        state.parts = [final]


def audio_delta(s: SessionState, p: dict[str, Any]) -> None:
    response_id = _str(p, "response_id")
    state = _streaming(s, p)
    if state is None or response_id in s.interrupted_responses:
        return
    try:
        pcm = base64.b64decode(_str(p, "delta"), validate=True)
    except (binascii.Error, ValueError):
        return
    state.has_audio = True
    state.audio_bytes += len(pcm)
    s.audio_item_id, s.audio_response_id = state.id, response_id
    s.emit(AudioDelta(state.id, response_id, pcm))


def audio_done(s: SessionState, p: dict[str, Any]) -> None:
    if _streaming(s, p) is not None:
        s.emit(AudioDone(_str(p, "item_id")))


def arguments_delta(s: SessionState, p: dict[str, Any]) -> None:
    state = _streaming(s, p)
    if state is not None:
        delta = _str(p, "delta")
        state.arg_parts.append(delta)
        s.emit(ToolCallArgumentsDelta(state.id, _str(p, "call_id"), delta))


def arguments_done(s: SessionState, p: dict[str, Any]) -> None:
    state = _streaming(s, p)
    if state is not None and isinstance(p.get("arguments"), str):
        state.arg_parts = [p["arguments"]]


def response_done(s: SessionState, p: dict[str, Any]) -> None:
    response = _dict(p, "response")
    response_id, status = _str(response, "id"), _str(response, "status") or "completed"
    for item in _list(response, "output"):
        if isinstance(item, dict):
            _finish_output_item(s, item, status)
    usage = usage_from_response(response.get("usage"))
    price = price_for(s.model)
    cost = price.cost(usage) if price else None
    s.usage += usage
    if cost is None and usage.total_tokens:
        s.unpriced_usage = True
    elif cost is not None:
        s.cost += cost
    reason = _opt_str(_dict(response, "status_details"), "reason")
    s.emit(ResponseFinished(response_id, status, reason, usage, cost))
    s.interrupted_responses.discard(response_id)
    if mcp.owes_answer(response) and s.tracker.busy:
        s.tracker.request()  # while busy this only marks the reply pending: `done` sends it
    if s.tracker.done(response_id):
        s.send(codec.simple("response.create", s.event_id()))


def _finish_output_item(s: SessionState, item: dict[str, Any], response_status: str) -> None:
    item_id = _str(item, "id")
    state = s.conversation.state(item_id)
    if state is None or item_id in s.completed_items:
        return
    finished = response_status == "completed" and not state.interrupted
    _complete(s, item_id, ItemStatus.COMPLETED if finished else ItemStatus.INCOMPLETE)


def rate_limits(s: SessionState, p: dict[str, Any]) -> None:
    limits = []
    for entry in _list(p, "rate_limits"):
        if isinstance(entry, dict):
            reset_s = wire_float(entry.get("reset_seconds"))
            limits.append(
                (_str(entry, "name"), _int(entry, "limit"), _int(entry, "remaining"), reset_s)
            )
    s.emit(RateLimitsUpdated(tuple(limits)))


def error(s: SessionState, p: dict[str, Any]) -> None:
    s.emit(errors.handle(s, _dict(p, "error")))


def ignored(s: SessionState, p: dict[str, Any]) -> None:
    """Known events that carry nothing the conversation needs (content parts, WebRTC buffers)."""
    del s, p


HANDLERS: dict[str, Handler] = {
    "session.created": session_created,
    "session.updated": session_updated,
    "conversation.item.added": item_added,
    "conversation.item.done": item_done,
    "conversation.item.retrieved": item_done,
    "conversation.item.deleted": item_deleted,
    "conversation.item.truncated": item_truncated,
    "input_audio_buffer.speech_started": speech_started,
    "input_audio_buffer.speech_stopped": speech_stopped,
    "input_audio_buffer.committed": committed,
    "input_audio_buffer.cleared": cleared,
    "input_audio_buffer.timeout_triggered": idle_timeout,
    "conversation.item.input_audio_transcription.delta": transcript_delta,
    "conversation.item.input_audio_transcription.completed": transcript_completed,
    "conversation.item.input_audio_transcription.failed": transcript_failed,
    "conversation.item.input_audio_transcription.segment": transcript_segment,
    "response.created": response_created,
    "response.output_item.added": output_item_added,
    "response.output_item.done": output_item_done,
    "response.output_text.delta": text_delta,
    "response.output_text.done": text_done,
    "response.output_audio_transcript.delta": text_delta,
    "response.output_audio_transcript.done": text_done,
    "response.output_audio.delta": audio_delta,
    "response.output_audio.done": audio_done,
    "response.function_call_arguments.delta": arguments_delta,
    "response.function_call_arguments.done": arguments_done,
    "response.done": response_done,
    "rate_limits.updated": rate_limits,
    "error": error,
    **mcp.SERVER_EVENTS,
    **dict.fromkeys(mcp.INFORMATIONAL, ignored),
    "conversation.created": ignored,
    "response.content_part.added": ignored,
    "response.content_part.done": ignored,
    "output_audio_buffer.started": ignored,
    "output_audio_buffer.stopped": ignored,
    "output_audio_buffer.cleared": ignored,
}
