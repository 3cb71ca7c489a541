"""The session's input audio handlers: buffer events, VAD turns, transcription, auto responses.

A completed turn gives, in order: ``input_audio_buffer.speech_stopped``, ``.committed``, the user
item (``conversation.item.added`` + ``.done``, content ``input_audio`` with a null transcript),
input transcription events when ``audio.input.transcription`` is set, then (``create_response``)
a response. Speech starting during a response cancels it (``turn_detected``) when
``interrupt_response`` is true. Transcription events come from `transcription`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .audio_formats import to_pcm24
from .conversation import Entry
from .events import Event, server_event
from .items import decode_audio
from .transcription import transcription_events
from .turns import IdleTimeout, InputAudio, TurnEnded, TurnEvent, TurnStarted

if TYPE_CHECKING:
    from .session import ServerSession


class InputTurns:
    """Turns input audio into conversation items and automatic responses for a `ServerSession`."""

    def __init__(self, session: ServerSession) -> None:
        self.session = session
        self.audio = InputAudio()
        self.response_started_ms = 0

    def configure(self, turn_detection: dict[str, Any] | None) -> None:
        """Apply a new ``turn_detection`` setting."""
        self.audio.configure(turn_detection)

    def _turn_detection(self) -> dict[str, Any] | None:
        value: dict[str, Any] | None = self.session.config["audio"]["input"]["turn_detection"]
        return value

    def append(self, event: dict[str, Any]) -> list[Event]:
        """``input_audio_buffer.append``: no ack, only the turn events the audio completes."""
        events: list[Event] = []
        audio_format = self.session.config["audio"]["input"]["format"]
        pcm = to_pcm24(decode_audio(event.get("audio")), audio_format)
        for turn in self.audio.append(pcm):
            events += self._turn(turn)
        return events

    def commit(self, _event: dict[str, Any]) -> list[Event]:
        """``input_audio_buffer.commit``: the whole buffer becomes a user item."""
        item_id, audio = self.audio.commit()
        return self._commit(item_id, audio, 0)

    def clear(self, _event: dict[str, Any]) -> list[Event]:
        """``input_audio_buffer.clear`` -> ``input_audio_buffer.cleared``."""
        self.audio.clear()
        return [server_event("input_audio_buffer.cleared")]

    def _turn(self, turn: TurnEvent) -> list[Event]:
        if isinstance(turn, TurnStarted):
            return self._started(turn)
        if isinstance(turn, TurnEnded):
            stopped = server_event(
                "input_audio_buffer.speech_stopped",
                audio_end_ms=turn.audio_end_ms,
                item_id=turn.item_id,
            )
            return [
                stopped,
                *self._commit(turn.item_id, turn.audio, turn.speech_ms),
                *self._auto_response(idle=False),
            ]
        return self._timed_out(turn)

    def _started(self, turn: TurnStarted) -> list[Event]:
        started = server_event(
            "input_audio_buffer.speech_started",
            audio_start_ms=turn.audio_start_ms,
            item_id=turn.item_id,
        )
        detection = self._turn_detection() or {}
        if detection.get("interrupt_response") and self.session.active is not None:
            return [started, *self.session.cancel_active("turn_detected")]
        return [started]

    def _timed_out(self, turn: IdleTimeout) -> list[Event]:
        timeout = server_event(
            "input_audio_buffer.timeout_triggered",
            audio_start_ms=turn.audio_start_ms,
            audio_end_ms=turn.audio_end_ms,
            item_id=turn.item_id,
        )
        return [
            timeout,
            *self._commit(turn.item_id, turn.audio, 0),
            *self._auto_response(idle=True),
        ]

    def _commit(self, item_id: str, audio: bytes, speech_ms: int) -> list[Event]:
        content = [{"type": "input_audio", "transcript": None}]
        item = {
            "id": item_id,
            "type": "message",
            "object": "realtime.item",
            "status": "completed",
            "role": "user",
            "content": content,
        }
        entry = Entry(item, audio=audio, speech_ms=speech_ms)
        previous = self.session.conversation.insert(entry)
        committed = server_event(
            "input_audio_buffer.committed", previous_item_id=previous, item_id=item_id
        )
        return [committed, *self.session.add_item(entry, previous), *self._transcriptions(entry)]

    def _transcriptions(self, entry: Entry) -> list[Event]:
        return transcription_events(entry, self.session.config["audio"]["input"]["transcription"])

    def _auto_response(self, *, idle: bool) -> list[Event]:
        detection = self._turn_detection()
        if detection and detection.get("create_response") and self.session.active is None:
            self.session.start_auto_response(idle=idle)
        return []

    def response_started(self) -> None:
        """Remember where on the audio timeline the current response began."""
        self.response_started_ms = self.audio.position_ms

    def response_finished(self, audio_ms: int) -> None:
        """Arm the idle timeout (server_vad ``idle_timeout_ms``) after the response's playback."""
        detection = self._turn_detection() or {}
        timeout = detection.get("idle_timeout_ms")
        if detection.get("type") == "server_vad" and timeout:
            self.audio.arm_idle(int(timeout), self.response_started_ms + audio_ms)
