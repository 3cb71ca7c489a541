"""Input and output levels for the UI meter, and the silent-microphone detector.

A `LevelMeter` is fed samples by whoever has them (the speaker's device callback, the
microphone's loop-side handler); feeding only copies into a small ring. Level and waveform are
computed when read, at whatever rate the UI asks, so the audio path pays nothing for a meter
nobody looks at.

Levels are dBFS with full scale = 1.0: `20 * log10(rms)`, so a full-scale sine reads -3.01 dB RMS
and 0 dB peak. Silence reads `FLOOR_DBFS`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.audio.ringbuffer import RecentSamples

FLOOR_DBFS = -100.0
"""The level reported for silence (PCM16's own floor is about -96 dBFS)."""


def dbfs(amplitude: float) -> float:
    """An amplitude (full scale = 1.0) in dBFS, never below FLOOR_DBFS."""
    return max(FLOOR_DBFS, 20.0 * math.log10(amplitude)) if amplitude > 0 else FLOOR_DBFS


@dataclass(frozen=True)
class Level:
    """A level reading: RMS and peak over the meter's window, in dBFS."""

    rms_dbfs: float
    peak_dbfs: float


def measure(samples: npt.NDArray[np.float32]) -> Level:
    """RMS and peak level of float samples (full scale = 1.0)."""
    if len(samples) == 0:
        return Level(FLOOR_DBFS, FLOOR_DBFS)
    wide = samples.astype(np.float64)
    rms = math.sqrt(float(np.mean(wide * wide)))
    return Level(dbfs(rms), dbfs(float(np.max(np.abs(wide)))))


class LevelMeter:
    """Level of the most recent `window_ms`, and a waveform of per-bucket peaks for a UI meter."""

    def __init__(
        self, rate: int, window_ms: int = 50, bucket_ms: int = 20, history: int = 150
    ) -> None:
        """`history` buckets of `bucket_ms` each: 150 x 20 ms shows the last 3 seconds."""
        self.rate = rate
        self._window = rate * window_ms // 1000
        self._bucket = rate * bucket_ms // 1000
        self._capacity = max(rate, 4 * self._window)  # reads use its newest half
        self._ring = RecentSamples(self._capacity)
        self._peaks: npt.NDArray[np.float32] = np.zeros(history, dtype=np.float32)
        self._bucketed = 0

    def write(self, samples: npt.NDArray[np.float32]) -> None:
        """Feed samples (full scale = 1.0). Copies only: safe in a device callback."""
        self._ring.write(samples)

    def level(self) -> Level:
        """RMS and peak over the newest `window_ms` of samples."""
        return measure(self._ring.latest(self._window))

    def waveform(self) -> npt.NDArray[np.float32]:
        """Peak amplitude per bucket, oldest first; buckets not yet heard are 0."""
        end = self._ring.write_pos
        start = max(self._bucketed, end - self._capacity // 2)
        complete = (end - start) // self._bucket
        if complete:
            fresh = self._ring.since(start, start + complete * self._bucket)
            peaks = np.abs(fresh).reshape(complete, self._bucket).max(axis=1)
            self._peaks = np.concatenate([self._peaks, peaks])[-len(self._peaks) :]
            self._bucketed = start + complete * self._bucket
        return self._peaks.copy()


@dataclass(frozen=True)
class SilentMicrophone:
    """A warning: `device` delivered nothing but the constant `value` for `seconds`."""

    device: str
    seconds: float
    value: int

    def message(self) -> str:
        """One line for the UI."""
        what = "only zeros" if self.value == 0 else f"a constant value ({self.value})"
        return (
            f"The microphone {self.device} has sent {what} for {self.seconds:.0f} s: "
            "it may be muted, in use elsewhere or the wrong device."
        )


class SilenceDetector:
    """Notices a microphone that delivers all-zero or constant samples for `seconds`."""

    def __init__(self, device: str, rate: int, seconds: float = 3.0) -> None:
        self.device = device
        self._seconds = seconds
        self._limit = round(rate * seconds)
        self._run = 0
        self._value = 0
        self._warned = False

    @property
    def silent(self) -> bool:
        """True while the current constant run is long enough to have warned."""
        return self._warned

    def feed(self, block: npt.NDArray[np.int16]) -> SilentMicrophone | None:
        """Count a block of device samples; returns the warning once per silent stretch."""
        if len(block) == 0:
            return None
        value = int(block[0])
        # Live input almost never starts and ends a block on the same value: skip the scan.
        if int(block[-1]) != value or bool((block != value).any()):
            self._run, self._warned = 0, False
            return None
        self._run = self._run + len(block) if value == self._value else len(block)
        self._value = value
        if self._run < self._limit or self._warned:
            return None
        self._warned = True
        return SilentMicrophone(self.device, self._seconds, self._value)
