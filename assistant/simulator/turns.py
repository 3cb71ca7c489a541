"""The input audio buffer and turn detection, on the audio timeline (sans-I/O).

Appended PCM16 goes into the buffer and, when turn detection is on, through the energy VAD.
A detected turn reserves its item id at speech start (``speech_started`` carries it) and, at
speech stop, takes the buffered audio from ``audio_start_ms`` to ``audio_end_ms`` as the user's
item; what follows stays buffered. The idle timeout (``server_vad.idle_timeout_ms``) is armed
when a response is done, starts after that response's audio would have played, and fires when
that much more audio has arrived without speech. Positions are milliseconds of audio received
in the whole session (``input_audio_buffer.*`` events use the same clock). With turn detection
on, audio before speech is dropped once it is older than the prefix padding (and the idle
window) could reach, so an hour of silence does not pile up in the buffer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .conversation import BYTES_PER_MS
from .events import ProtocolError, new_id
from .vad import (
    FRAME_MS,
    MIN_SPEECH_MS,
    EnergyVad,
    SpeechStarted,
    SpeechStopped,
    VadEvent,
    VadSettings,
)

MIN_COMMIT_MS = 100
TRIM_STEP_MS = 1000  # drop stale audio in steps of at least this much


@dataclass(frozen=True)
class TurnStarted:
    """Speech started; `item_id` will be the user item's id."""

    item_id: str
    audio_start_ms: int


@dataclass(frozen=True)
class TurnEnded:
    """Speech stopped; `audio` is committed as the user item `item_id`."""

    item_id: str
    audio_end_ms: int
    audio: bytes
    speech_ms: int


@dataclass(frozen=True)
class IdleTimeout:
    """No speech for the idle timeout; `audio` (silence) is committed as `item_id`."""

    item_id: str
    audio_start_ms: int
    audio_end_ms: int
    audio: bytes


TurnEvent = TurnStarted | TurnEnded | IdleTimeout


class InputAudio:
    """Buffer + VAD + idle timer for one session."""

    def __init__(self) -> None:
        self.received = 0  # bytes of input audio received in the session
        self.buffer = bytearray()
        self.buffer_start = 0  # byte position of buffer[0] on the session timeline
        self.vad: EnergyVad | None = None
        self.turn_item_id: str | None = None
        self._turn_start_ms = 0
        self._onset_ms = 0
        self._idle: tuple[int, int] | None = None  # (start_ms, deadline_ms)

    @property
    def position_ms(self) -> int:
        """Milliseconds of audio received so far in the session."""
        return self.received // BYTES_PER_MS

    @property
    def buffered_ms(self) -> float:
        """Milliseconds of audio waiting in the buffer."""
        return len(self.buffer) / BYTES_PER_MS

    @property
    def in_speech(self) -> bool:
        """Whether the VAD is inside a turn."""
        return self.vad is not None and self.vad.in_speech

    def configure(self, turn_detection: dict[str, Any] | None) -> None:
        """Apply the session's ``turn_detection`` (None: manual turns, no VAD)."""
        settings = VadSettings.from_turn_detection(turn_detection) if turn_detection else None
        if settings == (self.vad.settings if self.vad else None):
            return
        self.vad = EnergyVad(settings, self.position_ms) if settings else None
        self.turn_item_id = None
        if settings is not None and self.vad is not None:
            self.vad.mark_buffer_start(self.buffer_start // BYTES_PER_MS)

    def append(self, pcm: bytes) -> list[TurnEvent]:
        """Add audio; returns the turn events it completed, in timeline order."""
        self.buffer += pcm
        self.received += len(pcm)
        if self.vad is None:
            return []
        events: list[TurnEvent] = [self._turn_event(event) for event in self.vad.feed(pcm)]
        timeout = self._idle_timeout()
        self._trim_before_speech()
        return [*events, timeout] if timeout else events

    def _trim_before_speech(self) -> None:
        """Drop buffered audio no turn can start in: older than onset detection plus padding."""
        if self.vad is None or self.vad.in_speech or self.turn_item_id is not None:
            return
        reach = self.vad.settings.prefix_padding_ms + MIN_SPEECH_MS + 2 * FRAME_MS
        keep_ms = self.position_ms - reach
        if self._idle is not None:
            keep_ms = min(keep_ms, self._idle[0])
        if keep_ms * BYTES_PER_MS - self.buffer_start >= TRIM_STEP_MS * BYTES_PER_MS:
            self._take(keep_ms, keep_ms)

    def _turn_event(self, event: VadEvent) -> TurnStarted | TurnEnded:
        if isinstance(event, SpeechStarted):
            self._idle = None
            self.turn_item_id = new_id("item")
            self._turn_start_ms, self._onset_ms = event.audio_start_ms, event.onset_ms
            return TurnStarted(self.turn_item_id, event.audio_start_ms)
        return self._turn_ended(event)

    def _turn_ended(self, event: SpeechStopped) -> TurnEnded:
        item_id = self.turn_item_id or new_id("item")
        self.turn_item_id = None
        audio = self._take(self._turn_start_ms, event.audio_end_ms)
        speech_ms = event.speech_end_ms - self._onset_ms
        return TurnEnded(item_id, event.audio_end_ms, audio, speech_ms)

    def _take(self, start_ms: int, end_ms: int) -> bytes:
        """Audio between two timeline positions; the buffer then starts at `end_ms`."""
        start = max(0, start_ms * BYTES_PER_MS - self.buffer_start)
        end = max(0, end_ms * BYTES_PER_MS - self.buffer_start)
        audio = bytes(self.buffer[start:end])
        del self.buffer[:end]
        self.buffer_start += end
        if self.vad is not None:
            self.vad.mark_buffer_start(end_ms)
        return audio

    def arm_idle(self, timeout_ms: int, start_ms: int) -> None:
        """Fire once `timeout_ms` of audio without speech has arrived after `start_ms`."""
        start = max(start_ms, self.position_ms)
        self._idle = (start, start + timeout_ms)

    def _idle_timeout(self) -> IdleTimeout | None:
        if self._idle is None or self.in_speech or self.position_ms < self._idle[1]:
            return None
        start, deadline = self._idle
        self._idle = None
        return IdleTimeout(new_id("item"), start, deadline, self._take(start, deadline))

    def commit(self) -> tuple[str, bytes]:
        """Take the whole buffer as a user item; raises the service's error under 100 ms."""
        if self.buffered_ms < MIN_COMMIT_MS:
            raise ProtocolError("input_audio_buffer_commit_empty", _too_small(self.buffered_ms))
        item_id = self.turn_item_id or new_id("item")
        audio = bytes(self.buffer)
        self.clear()
        return item_id, audio

    def clear(self) -> None:
        """Drop the buffered audio and any turn in progress."""
        self.buffer.clear()
        self.buffer_start = self.received
        self.turn_item_id = None
        if self.vad is not None:
            self.vad.reset(self.position_ms)


def _too_small(buffered_ms: float) -> str:
    return (
        "Error committing input audio buffer: buffer too small. Expected at least "
        f"{MIN_COMMIT_MS}ms of audio, but buffer only has {buffered_ms:.2f}ms of audio."
    )
