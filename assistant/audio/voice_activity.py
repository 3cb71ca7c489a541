"""Local speech detection for barge-in ahead of the server: WebRTC's VAD (`webrtcvad`).

The only module that imports `webrtcvad`. It runs on what the server is sent (after echo
cancellation), 10 ms at a time, so the speaker can pause within a few frames of the user's
first syllable; the server's `speech_started`, 100-300 ms later on real networks, then decides.
WebRTC's VAD takes 8/16/32/48 kHz, so frames are resampled from 24 to 16 kHz (soxr, streaming).
It also says "speech" to loud noise, so a frame must be voiced *and* above `min_dbfs`; onset
needs `onset` voiced frames out of the last `onset + 1`, the end `hangover` unvoiced ones.
WebRTC's VAD takes about 30 ms to say "speech", so a faster path runs beside it: two frames in a
row `jump_db` above the running floor of the stream (and above -40 dBFS) are an onset too. After
echo cancellation the floor is the room's noise and the echo's residue, 40 dB or more under a
talking user, so this path rarely fires for anything else.
"""

from __future__ import annotations

from collections import deque

import numpy as np
import numpy.typing as npt

from assistant.audio.levels import dbfs
from assistant.audio.resample import StreamResampler, float_to_int16
from assistant.text import QT_TRANSLATE_NOOP, Sentence

_VAD_RATE = 16000
_VAD_FRAME = _VAD_RATE // 100


class VadUnavailable(Exception):
    """webrtcvad is missing or failed to load (the message is a `Sentence`)."""


NOT_LOADED = QT_TRANSLATE_NOOP("Audio", "webrtcvad could not be loaded ({error})")


class LocalVad:
    """Says when speech starts and ends in a stream of 10 ms frames of 24 kHz float audio."""

    def __init__(
        self,
        *,
        aggressiveness: int = 3,
        min_dbfs: float = -45.0,
        onset: int = 3,
        hangover: int = 30,
        jump_db: float = 20.0,
    ) -> None:
        """Raises VadUnavailable when webrtcvad cannot be loaded."""
        try:
            import webrtcvad  # type: ignore[import-untyped]  # noqa: PLC0415  # ships no types
        except Exception as exc:  # ImportError, or its extension module failed
            raise VadUnavailable(Sentence("Audio", NOT_LOADED, error=str(exc))) from exc
        self._vad = webrtcvad.Vad(aggressiveness)
        self._resampler = StreamResampler(24000, _VAD_RATE, "LQ")
        self._pending = np.zeros(0, dtype=np.float32)
        self._min_dbfs, self._onset, self._hangover = min_dbfs, onset, hangover
        self._recent: deque[bool] = deque(maxlen=onset + 1)
        self._quiet = 0
        self._last = False
        self._jump_db, self._floor_db, self._jumps = jump_db, -60.0, 0
        self.speaking = False

    def feed(self, frame: npt.NDArray[np.float32]) -> bool | None:
        """One 10 ms frame; True when speech starts, False when it ends, None otherwise."""
        level = dbfs(float(np.sqrt(np.mean(frame**2)))) if len(frame) else -100.0
        voiced = self._voiced(frame) and level >= self._min_dbfs
        self._recent.append(voiced)
        if not self.speaking and (sum(self._recent) >= self._onset or self._jumped(level)):
            self.speaking, self._quiet = True, 0
            return True
        if self.speaking:
            self._quiet = 0 if voiced else self._quiet + 1
            if self._quiet >= self._hangover:
                self.speaking = False
                self._recent.clear()
                return False
        return None

    def begin(self) -> bool:
        """Another detector heard speech start: speaking from now on, until `hangover` unvoiced
        frames end it as usual. False when speech had already started."""
        if self.speaking:
            return False
        self.speaking, self._quiet = True, 0
        return True

    def _jumped(self, level: float) -> bool:
        # Two frames in a row well above the floor; the floor follows quiet frames quickly
        # down and slowly up (about 1 dB per 100 ms), so speech does not lift it much.
        jump = level > max(self._floor_db + self._jump_db, -40.0)
        self._jumps = self._jumps + 1 if jump else 0
        step = 0.1 if level > self._floor_db else 0.5 * (level - self._floor_db)
        self._floor_db = max(-90.0, self._floor_db + step)
        return self._jumps >= 2

    def _voiced(self, frame: npt.NDArray[np.float32]) -> bool:
        # The resampler returns 16 kHz samples in bursts: a frame that completes no VAD frame
        # keeps the last decision.
        self._pending = np.concatenate([self._pending, self._resampler.process(frame)])
        while len(self._pending) >= _VAD_FRAME:
            chunk, self._pending = self._pending[:_VAD_FRAME], self._pending[_VAD_FRAME:]
            self._last = bool(self._vad.is_speech(float_to_int16(chunk).tobytes(), _VAD_RATE))
        return self._last
