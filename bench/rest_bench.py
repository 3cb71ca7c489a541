"""Resting device streams: what a push-to-talk press and a reply's start cost when the streams
rest between turns (the app's default in push-to-talk), side by side with streams that run.

For each case the stream is opened as the app opens it (capture: 40 ms blocks, playback: 10 ms
blocks, PortAudio's "high" latency), left idle (running or resting) for a moment, then the
talk key is "pressed" (capture) or a reply's first audio arrives (playback), at time T on the
device layer's stream clock (the wall clock, as PortAudio's ALSA host API uses). Reported:

capture   first audio: the ADC time of the first sample that will be delivered, minus T (a
          positive figure is speech lost at the start of the turn; a running stream delivers
          the block in progress, so its figure is negative: audio from before the press);
          first block: when that block reaches the app, after T; start: how long the call
          that starts a resting stream blocks the event loop.
playback  first sound: the DAC time of the first block the callback fills after T, minus T
          (the prebuffer comes on top, in both cases); start: as above.

    python bench/rest_bench.py --runs 20     # through scripts/with-services.sh here
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from collections.abc import Callable
from typing import Any

from assistant.audio.capture import DEVICE_BLOCK_MS
from assistant.audio.devices import PortAudioBackend
from assistant.audio.playback import BLOCK_MS
from assistant.audio.selection import DeviceInfo, default_device
from assistant.audio.streams import AudioStream


class _FirstAfter:
    """Records the stamp of the first callback that runs after `arm(t)`, and when it ran."""

    def __init__(self) -> None:
        self._after = float("inf")
        self.stamp = self.ran = 0.0
        self.done = threading.Event()

    def arm(self, after: float) -> None:
        self.done.clear()
        self._after = after

    def __call__(self, block: Any, stamp: float) -> None:
        if block.dtype.kind == "f":
            block.fill(0)
        now = time.time()  # the first callback after T: the block in progress at T
        if not self.done.is_set() and now > self._after:
            self.stamp, self.ran = stamp, now
            self.done.set()


def _case(
    open_stream: Callable[[_FirstAfter], AudioStream], resting: bool, runs: int
) -> tuple[list[float], list[float], list[float]]:
    first = _FirstAfter()
    stream = open_stream(first)
    stream.start()
    first.arm(time.time() + 1.0)  # a new stream's first second is start-up, not idle
    first.done.wait(3.0)
    offsets, delays, starts = [], [], []
    try:
        for _ in range(runs):
            time.sleep(0.3)
            if resting:
                stream.rest()
                time.sleep(0.3)
            now = time.time()
            first.arm(now)
            if resting:
                stream.start()
                starts.append(time.time() - now)
            if not first.done.wait(2.0):
                raise RuntimeError("no callback within 2 s")
            offsets.append(first.stamp - now)
            delays.append(first.ran - now)
    finally:
        stream.close()
    return offsets, delays, starts


def _ms(values: list[float]) -> str:
    if not values:
        return "-"
    ordered = sorted(v * 1000 for v in values)
    return f"{ordered[0]:.1f} / {statistics.median(ordered):.1f} / {ordered[-1]:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    backend = PortAudioBackend()
    devices = backend.list_devices()
    mic: DeviceInfo | None = default_device(devices, "input")
    out: DeviceInfo | None = default_device(devices, "output")
    if mic is None or out is None:
        raise SystemExit("no devices: run through scripts/with-services.sh")

    def capture(first: _FirstAfter) -> AudioStream:
        return backend.open_input(mic, DEVICE_BLOCK_MS, first, lambda: None)

    def playback(first: _FirstAfter) -> AudioStream:
        return backend.open_output(out, BLOCK_MS, first, lambda: None)

    print(f"min / median / max over {args.runs} runs, ms; {mic.name} and {out.name}\n")
    print("| stream | idle as | first audio after T | first block after T | start blocks |")
    print("|---|---|---:|---:|---:|")
    for name, opener in (("capture (talk key)", capture), ("playback (reply)", playback)):
        for resting in (False, True):
            offsets, delays, starts = _case(opener, resting, args.runs)
            idle = "resting" if resting else "running"
            print(f"| {name} | {idle} | {_ms(offsets)} | {_ms(delays)} | {_ms(starts)} |")


if __name__ == "__main__":
    main()
