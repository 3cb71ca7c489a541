"""Input audio transcription events for a committed user audio item (no ASR: placeholders).

When ``audio.input.transcription`` is set, each committed user audio item gets
``conversation.item.input_audio_transcription.delta`` events word by word and a ``.completed``
event whose transcript says how long the user spoke, e.g. "(1.2 seconds of speech)", with
usage by tokens (or by duration for ``whisper-1``). Audio with nothing above -50 dBFS gets
``.failed`` instead. The transcript is also stored on the item (``conversation.item.retrieve``).

With ``gpt-4o-transcribe-diarize`` each stretch of speech (sound above -50 dBFS, pauses under
300 ms bridged) is one ``.segment`` event, the speakers taking turns ``A``, ``B``, ``A``...;
the transcript joins the segments' texts.
"""

from __future__ import annotations

from typing import Any

from .conversation import Entry
from .events import Event, new_id, server_event
from .models import DIARIZE_MODEL
from .usage import transcription_usage
from .vad import FRAME_BYTES, FRAME_MS, frame_dbfs
from .voice import transcript_pieces

SILENCE_DBFS = -50.0
PAUSE_MS = 300  # a shorter silence does not end a speaker's segment
PREFIX = "conversation.item.input_audio_transcription"
NO_SPEECH = "Input audio transcription failed: no speech was detected in the audio."


def transcription_events(entry: Entry, settings: dict[str, Any] | None) -> list[Event]:
    """The transcription events for `entry` ([] when transcription is off)."""
    if not settings:
        return []
    if loudest_dbfs(entry.audio) < SILENCE_DBFS:
        return [_failed(entry)]
    model = str(settings.get("model") or "")
    segments = _segments(entry) if model == DIARIZE_MODEL else []
    transcript = f"({(entry.speech_ms or entry.input_audio_ms) / 1000:.1f} seconds of speech)"
    if segments:
        transcript = " ".join(segment["text"] for segment in segments)
    entry.item["content"][0]["transcript"] = transcript
    deltas = [_event(entry, "delta", delta=piece) for piece in transcript_pieces(transcript)]
    usage = transcription_usage(model, entry.input_audio_ms, transcript)
    labelled = [_event(entry, "segment", **segment) for segment in segments]
    return [*deltas, *labelled, _event(entry, "completed", transcript=transcript, usage=usage)]


def _segments(entry: Entry) -> list[dict[str, Any]]:
    """One segment per stretch of speech, the speakers alternating."""
    segments = []
    for number, (start_ms, end_ms) in enumerate(speech_runs(entry.audio)):
        seconds = (end_ms - start_ms) / 1000
        segments.append(
            {
                "id": new_id("seg"),
                "speaker": "AB"[number % 2],
                "text": f"({seconds:.1f} seconds of speech)",
                "start": start_ms / 1000,
                "end": end_ms / 1000,
            }
        )
    return segments


def speech_runs(pcm: bytes) -> list[tuple[int, int]]:
    """(start ms, end ms) of each stretch of sound in PCM16 audio, short pauses bridged."""
    runs: list[tuple[int, int]] = []
    for index in range(0, len(pcm) - FRAME_BYTES + 1, FRAME_BYTES):
        if frame_dbfs(pcm[index : index + FRAME_BYTES]) < SILENCE_DBFS:
            continue
        start = index // FRAME_BYTES * FRAME_MS
        if runs and start - runs[-1][1] < PAUSE_MS:
            runs[-1] = (runs[-1][0], start + FRAME_MS)
        else:
            runs.append((start, start + FRAME_MS))
    return runs


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
