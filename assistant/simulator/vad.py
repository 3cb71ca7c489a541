"""Energy voice activity detection on the *audio timeline* (ms of audio received), not wall clock.

PCM16 mono 24 kHz is cut into 10 ms frames and each frame's RMS level (dBFS) is compared with a
level derived from ``threshold``: ``-70 + 60 * threshold`` dBFS, so the default 0.5 means -40 dBFS:
speech at about -30 dBFS triggers, near-silence below -50 dBFS does not. Speech starts after
50 ms of consecutive loud frames; while in speech a frame counts as voiced down to 6 dB below the
level (hysteresis). Speech stops once ``silence_duration_ms`` of unvoiced audio has followed it.

Reported positions follow the service's definitions: ``audio_start_ms`` is the onset minus
``prefix_padding_ms`` (never before the buffer start) and ``audio_end_ms`` is the position where
the silence requirement was met, so it includes ``silence_duration_ms``.
"""

from __future__ import annotations

import math
import operator
from array import array
from dataclasses import dataclass
from typing import Any

SAMPLE_RATE = 24000
FRAME_MS = 10
FRAME_BYTES = SAMPLE_RATE * FRAME_MS // 1000 * 2
MIN_SPEECH_MS = 50
HYSTERESIS_DB = 6.0
# semantic_vad has no silence setting; its eagerness picks one (auto = medium)
SEMANTIC_SILENCE_MS = {"low": 1000, "medium": 700, "auto": 700, "high": 350}


@dataclass(frozen=True)
class VadSettings:
    """The turn-detection numbers the detector uses."""

    threshold: float = 0.5
    prefix_padding_ms: int = 300
    silence_duration_ms: int = 500

    @classmethod
    def from_turn_detection(cls, turn_detection: dict[str, Any]) -> VadSettings:
        """Settings for a GA ``server_vad`` or ``semantic_vad`` object."""
        if turn_detection.get("type") == "semantic_vad":
            silence = SEMANTIC_SILENCE_MS.get(turn_detection.get("eagerness") or "auto", 700)
            return cls(silence_duration_ms=silence)
        return cls(
            threshold=float(turn_detection.get("threshold", 0.5)),
            prefix_padding_ms=int(turn_detection.get("prefix_padding_ms", 300)),
            silence_duration_ms=int(turn_detection.get("silence_duration_ms", 500)),
        )

    @property
    def level_dbfs(self) -> float:
        """The RMS level (dBFS) a frame must reach to count as speech."""
        return -70.0 + 60.0 * self.threshold


@dataclass(frozen=True)
class SpeechStarted:
    """Speech began at `onset_ms`; `audio_start_ms` includes the prefix padding."""

    onset_ms: int
    audio_start_ms: int


@dataclass(frozen=True)
class SpeechStopped:
    """Speech ended at `speech_end_ms`; `audio_end_ms` includes the required silence."""

    speech_end_ms: int
    audio_end_ms: int


VadEvent = SpeechStarted | SpeechStopped


def frame_dbfs(pcm: bytes) -> float:
    """The RMS level of PCM16 LE samples in dBFS (-100 for digital silence)."""
    samples = array("h", pcm)
    if not samples:
        return -100.0
    rms = math.sqrt(sum(map(operator.mul, samples, samples)) / len(samples)) / 32768.0
    return max(-100.0, 20.0 * math.log10(rms)) if rms > 0 else -100.0


class EnergyVad:
    """Feeds on PCM16 bytes and reports speech start/stop positions on the audio timeline."""

    def __init__(self, settings: VadSettings, position_ms: int = 0) -> None:
        self.settings = settings
        self.reset(position_ms)

    def reset(self, position_ms: int) -> None:
        """Forget any speech in progress; the next byte fed is at `position_ms`."""
        self.position_ms = position_ms
        self.buffer_start_ms = position_ms
        self.in_speech = False
        self._pending = b""
        self._run_ms = 0  # consecutive loud ms before a start, or quiet ms during speech
        self._onset_ms = 0

    def feed(self, pcm: bytes) -> list[VadEvent]:
        """Process more audio; returns the starts/stops it completed, in order."""
        data = self._pending + pcm
        whole = len(data) - len(data) % FRAME_BYTES
        self._pending = data[whole:]
        events: list[VadEvent] = []
        for offset in range(0, whole, FRAME_BYTES):
            event = self._frame(frame_dbfs(data[offset : offset + FRAME_BYTES]))
            if event is not None:
                events.append(event)
        return events

    def _frame(self, level: float) -> VadEvent | None:
        start = self.position_ms
        self.position_ms += FRAME_MS
        if self.in_speech:
            return self._speech_frame(level >= self.settings.level_dbfs - HYSTERESIS_DB)
        return self._quiet_frame(level >= self.settings.level_dbfs, start)

    def _quiet_frame(self, loud: bool, start: int) -> SpeechStarted | None:
        if not loud:
            self._run_ms = 0
            return None
        if self._run_ms == 0:
            self._onset_ms = start
        self._run_ms += FRAME_MS
        if self._run_ms < MIN_SPEECH_MS:
            return None
        self.in_speech, self._run_ms = True, 0
        padded = max(self.buffer_start_ms, self._onset_ms - self.settings.prefix_padding_ms)
        return SpeechStarted(self._onset_ms, padded)

    def _speech_frame(self, voiced: bool) -> SpeechStopped | None:
        self._run_ms = 0 if voiced else self._run_ms + FRAME_MS
        if self._run_ms < self.settings.silence_duration_ms:
            return None
        self.in_speech, self._run_ms = False, 0
        return SpeechStopped(self.position_ms - self.settings.silence_duration_ms, self.position_ms)

    def mark_buffer_start(self, position_ms: int) -> None:
        """The input buffer now starts at `position_ms` (after a commit); padding stops there."""
        self.buffer_start_ms = position_ms
