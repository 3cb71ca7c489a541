"""A simulated room on the virtual PulseAudio devices: the speaker's output reaches the microphone.

`pulse_room(echo_db, delay_ms)` loads `module-loopback` from the speaker sink's monitor
(`spk.monitor`, or another sink's) into the microphone feed (`micsink`, heard on `fakemic`),
scales the loopback's sink-input for the asked echo level and measures what it got: a 1 kHz tone
and a chirp played on the sink and recorded at once from its monitor and from `fakemic` give
the echo level (relative, so the playback level does not matter) and the delay (chirp lag in
`fakemic` minus lag in the monitor; the two parec recorders start independently, so the delay
is good to about ±20 ms: 40 ms asked measured 18-57 ms). The level must be within
`TOLERANCE_DB` of the one asked for.

PulseAudio's volume scale is cubic: amplitude = (volume / 65536) ** 3, so `echo_db` dB needs
the raw volume 65536 * 10 ** (echo_db / 60). Note: the sink-input of the loopback is found by
its owner module (`pactl list short sink-inputs` shows the *client* in its third column, and a
loopback has none).
"""

from __future__ import annotations

import contextlib
import json
import math
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.audio.resample import float_to_pcm16

from .pulse import Recorder, pactl, play_into

TOLERANCE_DB = 2.0
RATE = 24000
LEVEL = 0.25  # the measuring signals' peak (-12 dBFS)
MAX_DELAY_S = 0.5  # longest lag the delay search considers


@dataclass(frozen=True)
class Room:
    """One echo path, as loaded and as measured."""

    module: str
    sink_input: int
    source: str
    asked_db: float
    echo_db: float  # measured: fakemic level of the speaker's signal, dB relative to it
    delay_ms: float  # measured: how much later the echo arrives in fakemic than in the monitor


def cubic_volume(echo_db: float) -> int:
    """The raw PulseAudio volume (65536 = 100 %) that scales amplitude by `echo_db` dB."""
    return round(65536 * 10 ** (echo_db / 60))


@contextlib.contextmanager
def pulse_room(echo_db: float, delay_ms: float, sink: str = "spk") -> Iterator[Room]:
    """The speaker sink `sink` heard in `fakemic` at `echo_db` dB, `delay_ms` later (nominal:
    the loopback's latency setting); measured, asserted within ±2 dB, unloaded on exit."""
    source = f"{sink}.monitor"
    module = pactl(
        "load-module",
        "module-loopback",
        f"source={source}",
        "sink=micsink",
        f"latency_msec={round(delay_ms)}",
        "source_dont_move=true",
        "sink_dont_move=true",
    )
    try:
        sink_input = loopback_sink_input(module)
        pactl("set-sink-input-volume", str(sink_input), str(cubic_volume(echo_db)))
        level, delay = measure(sink)
        room = Room(module, sink_input, source, echo_db, level, delay)
        assert abs(level - echo_db) <= TOLERANCE_DB, f"asked for {echo_db} dB, measured {room}"
        yield room
    finally:
        pactl("unload-module", module)


def loopback_sink_input(module: str) -> int:
    """The sink-input index that `module` (a loaded module-loopback) plays through."""
    inputs = json.loads(pactl("--format=json", "list", "sink-inputs"))
    found = [int(i["index"]) for i in inputs if str(i.get("owner_module")) == module]
    assert len(found) == 1, f"module {module} owns sink-inputs {found}"
    return found[0]


def measure(sink: str) -> tuple[float, float]:
    """(echo level in dB, echo delay in ms) of the path from `sink` into `fakemic`."""
    chirp, tone = _chirp(0.4), LEVEL * _sine(1000, 0.6)
    gap = np.zeros(round(0.2 * RATE), dtype=np.float32)
    signal = np.concatenate([gap, chirp, gap, tone, gap, gap])
    monitor, mic = Recorder(f"{sink}.monitor", RATE), Recorder("fakemic", RATE)
    try:
        play_into(sink, float_to_pcm16(signal), RATE).wait(timeout=10)
        # both recorders have caught up once each holds the whole signal plus the longest delay
        wanted = len(signal) + round(MAX_DELAY_S * RATE)
        for _ in range(500):
            if min(monitor.frames(), mic.frames()) >= wanted:
                break
            time.sleep(0.02)
    finally:
        heard_monitor, heard_mic = monitor.stop(), mic.stop()
    lag_monitor, lag_mic = _lag(heard_monitor, chirp), _lag(heard_mic, chirp)
    tone_at = len(gap) * 2 + len(chirp)
    middle = slice(round(0.1 * RATE), round(0.5 * RATE))  # away from the tone's edges
    level_monitor = _rms(heard_monitor[lag_monitor + tone_at :][middle])
    level_mic = _rms(heard_mic[lag_mic + tone_at :][middle])
    echo_db = 20 * math.log10(max(level_mic, 1e-9) / max(level_monitor, 1e-9))
    return echo_db, (lag_mic - lag_monitor) * 1000 / RATE


def _lag(recording: npt.NDArray[np.float32], chirp: npt.NDArray[np.float32]) -> int:
    """Where `chirp` starts in `recording` (the chirp is 0.2 s in: that is subtracted)."""
    if len(recording) < len(chirp):
        return 0
    spectrum = np.fft.rfft(recording, 2 * len(recording))
    kernel = np.fft.rfft(chirp[::-1], 2 * len(recording))
    correlation = np.fft.irfft(spectrum * kernel)[len(chirp) - 1 : len(recording)]
    return int(np.argmax(np.abs(correlation))) - round(0.2 * RATE)


def _chirp(seconds: float) -> npt.NDArray[np.float32]:
    t = np.arange(round(seconds * RATE)) / RATE
    sweep = np.sin(2 * np.pi * (300 * t + (3000 - 300) / (2 * seconds) * t**2))
    return (LEVEL * sweep * np.hanning(len(t))).astype(np.float32)


def _sine(hz: float, seconds: float) -> npt.NDArray[np.float32]:
    return np.sin(2 * np.pi * hz * np.arange(round(seconds * RATE)) / RATE).astype(np.float32)


def _rms(samples: npt.NDArray[np.float32]) -> float:
    return float(np.sqrt(np.mean(np.square(samples)))) if len(samples) else 0.0
