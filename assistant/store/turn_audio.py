"""Keeping the audio of each turn next to the history (a setting, off by default).

`TurnAudio` collects the assistant's audio per item from `AudioDelta` events, and the
microphone audio the app sent to the server (`microphone(pcm)`), and writes one FLAC file
per finished turn into `HistoryStore.audio_dir(conversation)`, named after the item id.
A spoken user turn is the audio sent for it: with push-to-talk exactly the held key; with
server VAD the stretch the server took as the turn (`SpeechStarted.audio_start_ms` to
`SpeechStopped.audio_end_ms`, offsets in the server session's input audio, which include
the server's prefix padding and closing silence). Deleting the conversation deletes its
audio directory. A failed write is reported to `on_failure` and never raised: the
conversation matters more than its audio.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.realtime import (
    AudioDelta,
    Event,
    InputCommitted,
    ItemCompleted,
    SessionCreated,
    SpeechStarted,
    SpeechStopped,
)
from assistant.store.audiofiles import AudioUnavailable, write_flac
from assistant.store.errors import FAILURES
from assistant.store.history import HistoryStore

BYTES_PER_MS = 48  # PCM16 mono at 24 kHz
# soundfile's errors are RuntimeErrors (LibsndfileError)
_FAILURES: tuple[type[Exception], ...] = (*FAILURES, AudioUnavailable, RuntimeError)
MAX_WAITING_MS = 120_000  # microphone audio kept while no turn has ended


class TurnAudio:
    """See the module docstring. `conversation_id()` gives (creating if need be) the id."""

    def __init__(
        self,
        store: HistoryStore,
        conversation_id: Callable[[], str],
        on_failure: Callable[[str], None],
    ) -> None:
        self._store, self._cid, self._on_failure = store, conversation_id, on_failure
        self._replies: dict[str, bytearray] = {}
        self._input = bytearray()
        self._input_start_ms = 0.0  # where `_input` starts in the session's input audio
        self._speech_end_ms: float | None = None

    def microphone(self, pcm: bytes) -> None:
        """Audio that was just sent to the server (call only for audio really sent)."""
        self._input += pcm
        excess = len(self._input) - MAX_WAITING_MS * BYTES_PER_MS
        if excess > 0:
            self._drop_input(excess)

    def on_event(self, event: Event) -> None:
        """Collect or write what `event` finished. Never raises for a failed write."""
        try:
            self._handle(event)
        except _FAILURES as exc:
            self._on_failure(f"The audio of a turn could not be saved: {exc}")

    def _handle(self, event: Event) -> None:
        if isinstance(event, AudioDelta):
            self._replies.setdefault(event.item_id, bytearray()).extend(event.pcm)
        elif isinstance(event, ItemCompleted) and event.item.id in self._replies:
            self._write(event.item.id, bytes(self._replies.pop(event.item.id)))
        elif isinstance(event, SpeechStarted):
            self._drop_input(self._offset(event.audio_start_ms))
        elif isinstance(event, SpeechStopped):
            self._speech_end_ms = float(event.audio_end_ms)
        elif isinstance(event, InputCommitted):
            self._commit(event.item_id)
        elif isinstance(event, SessionCreated):  # offsets start again in a new session
            self._input.clear()
            self._input_start_ms, self._speech_end_ms = 0.0, None

    def _offset(self, ms: float) -> int:
        """Bytes into `_input` of the session's input audio at `ms` (clamped)."""
        at = int((ms - self._input_start_ms) * BYTES_PER_MS) // 2 * 2
        return max(0, min(at, len(self._input)))

    def _drop_input(self, count: int) -> None:
        del self._input[:count]
        self._input_start_ms += count / BYTES_PER_MS

    def _commit(self, item_id: str) -> None:
        end = len(self._input)
        if self._speech_end_ms is not None:
            end = self._offset(self._speech_end_ms)
        turn = bytes(self._input[:end])
        self._drop_input(end)
        self._speech_end_ms = None
        if turn:
            self._write(item_id, turn)

    def _write(self, item_id: str, pcm: bytes) -> None:
        if pcm:
            write_flac(self._store.audio_dir(self._cid()) / item_id, pcm)
