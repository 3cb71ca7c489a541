"""Input audio transcription events for a committed user audio item (no ASR: placeholders).

When ``audio.input.transcription`` is set, each committed user audio item gets
``conversation.item.input_audio_transcription.delta`` events word by word and a ``.completed``
event whose transcript says how long the user spoke, e.g. "(1.2 seconds of speech)", with
usage by tokens (or by duration for ``whisper-1``). Audio with nothing above -50 dBFS gets
``.failed`` instead. The transcript is also stored on the item (``conversation.item.retrieve``).
"""

from __future__ import annotations

from typing import Any

from .conversation import Entry
from .events import Event, server_event
from .usage import transcription_usage
from .vad import FRAME_BYTES, frame_dbfs
from .voice import transcript_pieces

SILENCE_DBFS = -50.0
PREFIX = "conversation.item.input_audio_transcription"
NO_SPEECH = "Input audio transcription failed: no speech was detected in the audio."


def transcription_events(entry: Entry, settings: dict[str, Any] | None) -> list[Event]:
    """The transcription events for `entry` ([] when transcription is off)."""
    if not settings:
        return []
    if loudest_dbfs(entry.audio) < SILENCE_DBFS:
        return [_failed(entry)]
    transcript = f"({(entry.speech_ms or entry.input_audio_ms) / 1000:.1f} seconds of speech)"
    entry.item["content"][0]["transcript"] = transcript
    deltas = [_event(entry, "delta", delta=piece) for piece in transcript_pieces(transcript)]
    usage = transcription_usage(str(settings.get("model") or ""), entry.input_audio_ms, transcript)
    return [*deltas, _event(entry, "completed", transcript=transcript, usage=usage)]


def _event(entry: Entry, suffix: str, **fields: Any) -> Event:
    return server_event(f"{PREFIX}.{suffix}", item_id=entry.id, content_index=0, **fields)


def _failed(entry: Entry) -> Event:
    error = {
        "type": "invalid_request_error",
        "code": "transcription_failed",
        "message": NO_SPEECH,
        "param": None,
    }
    return _event(entry, "failed", error=error)


def loudest_dbfs(pcm: bytes) -> float:
    """The level of the loudest 10 ms frame of PCM16 audio (-100 when empty)."""
    frames = range(0, len(pcm) - FRAME_BYTES + 1, FRAME_BYTES)
    return max((frame_dbfs(pcm[i : i + FRAME_BYTES]) for i in frames), default=-100.0)
