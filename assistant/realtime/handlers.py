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
from dataclasses import replace
from typing import Any

from assistant.realtime import codec, errors, mcp, replay
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
from assistant.realtime.items import (
    FunctionCall,
    Item,
    ItemStatus,
    McpCall,
    Message,
    Role,
    SpeakerSegment,
)
from assistant.realtime.state import SessionState
from assistant.realtime.usage import (
    Usage,
    usage_from_response,
    usage_from_transcription,
)
from assistant.realtime.values import MAX_NUMBER, wire_float, wire_int
from assistant.realtime.wire_items import item_from_wire, merge
from assistant.realtime.wire_items import status as _status

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
    s.server_session_created(_opt_str(session, "id"), _opt_str(session, "model"))
    s.set_expiry(wire_int(session.get("expires_at")) or None)  # absurd: no known expiry
    s.emit(SessionCreated(s.session_id or "", s.model or "", s.expires_at))
    replay.start_server_session(s)


def session_updated(s: SessionState, p: dict[str, Any]) -> None:
    s.emit(SessionUpdated(_dict(p, "session")))


# Conversation items


def _complete(s: SessionState, item_id: str, status: ItemStatus) -> None:
    item = s.conversation.get(item_id)
    if item is None or item_id in s.completed_items:
        return
    if status in (ItemStatus.COMPLETED, ItemStatus.INCOMPLETE):
        item = replace(item, status=status)
        s.conversation.put(item)
        s.item_finished(item_id)
        s.emit(ItemCompleted(item))
        mcp.item_completed(s, item)


def _upsert(s: SessionState, wire: dict[str, Any], previous: str | None, *, placed: bool) -> None:
    item_id = _str(wire, "id")
    s.item_seen(item_id)
    known = s.conversation.get(item_id)
    if known is not None:
        if item_id not in s.completed_items:
            known = merge(known, wire)
        if known.status is ItemStatus.PENDING:
            known = replace(known, status=ItemStatus.IN_PROGRESS)
        s.conversation.put(known)
        if placed:
            s.conversation.place(item_id, previous)
        if wire.get("status") in ("completed", "incomplete"):
            _complete(s, item_id, _status(wire))
        return
    item = item_from_wire(wire)
    if item is None:
        return
    item = s.conversation.add(item, previous, placed=placed)
    s.emit(ItemAdded(item))
    if wire.get("status") == "completed" and not _is_reply(item):
        _complete(s, item_id, ItemStatus.COMPLETED)


def _is_reply(item: Item) -> bool:
    return isinstance(item, Message) and item.role is Role.ASSISTANT


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
    s.speech(started=True)
    s.emit(SpeechStarted(_str(p, "item_id"), _int(p, "audio_start_ms")))


def speech_stopped(s: SessionState, p: dict[str, Any]) -> None:
    s.speech(started=False)
    s.emit(SpeechStopped(_str(p, "item_id"), _int(p, "audio_end_ms")))


def committed(s: SessionState, p: dict[str, Any]) -> None:
    s.input_emptied()
    s.speech(started=False)
    s.emit(InputCommitted(_str(p, "item_id")))


def cleared(s: SessionState, p: dict[str, Any]) -> None:
    del p
    s.input_emptied()
    s.emit(InputCleared())


def idle_timeout(s: SessionState, p: dict[str, Any]) -> None:
    s.emit(InputIdleTimeout(_str(p, "item_id")))


def transcript_delta(s: SessionState, p: dict[str, Any]) -> None:
    item_id, delta = _str(p, "item_id"), _str(p, "delta")
    if isinstance(s.conversation.peek(item_id), Message):
        s.conversation.append(item_id, delta)
    s.emit(UserTranscriptDelta(item_id, delta))


def transcript_completed(s: SessionState, p: dict[str, Any]) -> None:
    item_id, transcript = _str(p, "item_id"), _str(p, "transcript")
    item = s.conversation.get(item_id)
    if item is None:
        s.conversation.stash_transcript(item_id, transcript)
    elif isinstance(item, Message):
        s.conversation.put(replace(item, text=transcript))
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
    s.conversation.add_segment(item_id, segment_id, SpeakerSegment(speaker, text, start, end))
    s.emit(UserTranscriptSegment(item_id, segment_id, speaker, text, start, end))


def transcript_failed(s: SessionState, p: dict[str, Any]) -> None:
    error = _dict(p, "error")
    message = _str(error, "message") or "the speech could not be transcribed"
    s.emit(UserTranscriptFailed(_str(p, "item_id"), message))


def _bill(s: SessionState, usage: Usage, model: str | None, item_id: str) -> None:
    cost = s.bill(usage, model, transcription=True)
    s.emit(TranscriptionBilled(item_id, usage, cost))


# Responses


def response_created(s: SessionState, p: dict[str, Any]) -> None:
    response_id = _str(_dict(p, "response"), "id")
    s.tracker.created(response_id)
    s.emit(ResponseStarted(response_id))


def output_item_added(s: SessionState, p: dict[str, Any]) -> None:
    _upsert(s, _dict(p, "item"), None, placed=False)


def output_item_done(s: SessionState, p: dict[str, Any]) -> None:
    wire = _dict(p, "item")
    item_id = _str(wire, "id")
    if s.conversation.get(item_id) is None:
        _upsert(s, wire, None, placed=False)
    item = s.conversation.get(item_id)
    if item is None:
        return
    if isinstance(item, FunctionCall):
        name, call_id = _str(wire, "name") or item.name, _str(wire, "call_id") or item.call_id
        item = replace(item, arguments=_str(wire, "arguments"), name=name, call_id=call_id)
    s.conversation.put(merge(item, wire))
    interrupted = isinstance(item, Message) and item.interrupted
    status = ItemStatus.INCOMPLETE if interrupted else _final_status(wire)
    _complete(s, item_id, status)
    if isinstance(item, FunctionCall) and status is ItemStatus.COMPLETED and item.call_id:
        if not s.call_ready(item.call_id):
            return  # a repeated `done` (or item) for this call: it runs once, answered once
        s.emit(ToolCallReady(item_id, item.call_id, item.name, item.arguments))


def _streaming(s: SessionState, p: dict[str, Any]) -> Item | None:
    """The item a delta is for, or None when it is unknown or the user cut it off."""
    item = s.conversation.peek(_str(p, "item_id"))
    if item is None or (isinstance(item, Message) and item.interrupted):
        return None
    return item


def text_delta(s: SessionState, p: dict[str, Any]) -> None:
    item = _streaming(s, p)
    if isinstance(item, Message):
        delta = _str(p, "delta")
        s.conversation.append(item.id, delta)
        s.emit(TextDelta(item.id, delta))


def text_done(s: SessionState, p: dict[str, Any]) -> None:
    item = _streaming(s, p)
    final = _opt_str(p, "text") if "text" in p else _opt_str(p, "transcript")
    if isinstance(item, Message) and final is not None:
        s.conversation.put(replace(item, text=final))


def audio_delta(s: SessionState, p: dict[str, Any]) -> None:
    response_id = _str(p, "response_id")
    item = _streaming(s, p)
    if not isinstance(item, Message) or response_id in s.interrupted_responses:
        return
    try:
        pcm = base64.b64decode(_str(p, "delta"), validate=True)
    except (binascii.Error, ValueError):
        return
    s.conversation.add_audio(item.id, len(pcm))
    s.audio_arrived(item.id, response_id)
    s.emit(AudioDelta(item.id, response_id, pcm))


def audio_done(s: SessionState, p: dict[str, Any]) -> None:
    if _streaming(s, p) is not None:
        s.emit(AudioDone(_str(p, "item_id")))


def arguments_delta(s: SessionState, p: dict[str, Any]) -> None:
    item = _streaming(s, p)
    if isinstance(item, FunctionCall | McpCall):
        delta = _str(p, "delta")
        s.conversation.append(item.id, delta)
        s.emit(ToolCallArgumentsDelta(item.id, _str(p, "call_id"), delta))


def arguments_done(s: SessionState, p: dict[str, Any]) -> None:
    item = _streaming(s, p)
    if isinstance(item, FunctionCall | McpCall) and isinstance(p.get("arguments"), str):
        s.conversation.put(replace(item, arguments=p["arguments"]))


def response_done(s: SessionState, p: dict[str, Any]) -> None:
    response = _dict(p, "response")
    response_id, status = _str(response, "id"), _str(response, "status") or "completed"
    for item in _list(response, "output"):
        if isinstance(item, dict):
            _finish_output_item(s, item, status)
    usage = usage_from_response(response.get("usage"))
    cost = s.bill(usage, s.model)
    reason = _opt_str(_dict(response, "status_details"), "reason")
    s.emit(ResponseFinished(response_id, status, reason, usage, cost))
    s.response_ended(response_id)
    if mcp.owes_answer(response) and s.tracker.busy:
        s.tracker.request()  # while busy this only marks the reply pending: `done` sends it
    if s.tracker.done(response_id):
        s.send(codec.simple("response.create", s.event_id()))


def _finish_output_item(s: SessionState, wire: dict[str, Any], response_status: str) -> None:
    item_id = _str(wire, "id")
    item = s.conversation.get(item_id)
    if item is None or item_id in s.completed_items:
        return
    interrupted = isinstance(item, Message) and item.interrupted
    finished = response_status == "completed" and not interrupted
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
