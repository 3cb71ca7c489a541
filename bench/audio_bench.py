"""Audio engine: cost per block of the device callbacks and of the loop-side work, and the CPU
share of a full-duplex conversation.

Callback costs are measured by calling the engine's callbacks directly, as PortAudio would,
with the same arrays (capture: 40 ms of PCM16 at 48 kHz; playback: 10 ms of float32 at
48 kHz), through the sounddevice wrapper when PortAudio is installed. Loop-side costs are what
the asyncio thread spends per block: resampling, framing, metering, and for playback the
per-delta resampling of `Speaker.enqueue`.

Full duplex runs real streams when a sound server answers (for example under
scripts/with-services.sh): the microphone captures (the fake microphone fed with noise by
pacat) while a reply is streamed to the speaker in 100 ms deltas at real-time pace, and the
process CPU time is compared with the wall time. This includes PortAudio's threads and the
PulseAudio client library in this process, which the same streams with empty callbacks measure
on their own. The engine runs with its 40 ms capture blocks and, side by side, with 20 ms ones.

    python bench/audio_bench.py              # table; full duplex for 10 s if devices answer
                                             # (PYTHONPATH=. to measure a checkout, not the
                                             # installed package)
    python bench/audio_bench.py --seconds 30 --input fakemic --output speaker
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from latency_bench import noise_into  # bench/ is on sys.path when a bench runs

from assistant.audio.capture import DEVICE_BLOCK_MS, Microphone
from assistant.audio.fakes import FakeBackend, fake_device
from assistant.audio.playback import BLOCK_MS, Speaker

RATE = 48000
CAPTURE_BLOCK = RATE * DEVICE_BLOCK_MS // 1000
PLAYBACK_BLOCK = RATE * BLOCK_MS // 1000


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    """Microseconds per call, one sample per call."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        call()
        samples.append((time.perf_counter_ns() - start) / 1000)
    return samples


def summary(samples: list[float]) -> tuple[float, float, float]:
    """Median, 99th percentile and maximum, in microseconds."""
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.99)], ordered[-1]


def sounddevice_wrapper(kind: str, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """The engine callback wrapped as `assistant.audio.devices` does, if PortAudio loads."""
    try:
        from assistant.audio.devices import PortAudioStream
    except OSError:
        return callback
    device = fake_device(0, "bench", inputs=1, outputs=1)
    frames = CAPTURE_BLOCK if kind == "input" else PLAYBACK_BLOCK
    stream = PortAudioStream(
        device, RATE, 1, frames, on_failure=lambda: None, on_close=lambda _s: None
    )
    wrapped = stream.wrap(callback)
    return lambda block: wrapped(block, len(block), None, 0)


async def capture_costs(repeat: int) -> dict[str, list[float]]:
    """Device-thread and loop-side cost of one capture block (DEVICE_BLOCK_MS)."""
    device = fake_device(0, "Mic", inputs=1, default=True)
    backend = FakeBackend([device])
    delivered: list[bytes] = []
    mic = Microphone(asyncio.get_running_loop(), delivered.append)
    mic.attach(backend, device)
    stream = backend.stream("input")
    block = (np.random.default_rng(1).standard_normal((CAPTURE_BLOCK, 1)) * 3000).astype(np.int16)
    device_thread = sounddevice_wrapper("input", stream._callback)  # type: ignore[arg-type]
    callback, loop_side = [], []
    for _ in range(repeat):
        callback += timed(lambda: device_thread(block), 1)
        start = time.perf_counter_ns()
        await asyncio.sleep(0)  # runs the hand-off: resample, meter, frame, deliver
        loop_side.append((time.perf_counter_ns() - start) / 1000)
    mic.detach()
    return {"capture callback (device thread)": callback, "capture hand-off (loop)": loop_side}


async def playback_costs(repeat: int) -> dict[str, list[float]]:
    """Device-thread cost of one 10 ms output block, and loop cost of a 100 ms delta.

    Each delta is played out (ten blocks) before the next, as at real-time pace.
    """
    device = fake_device(0, "Speakers", outputs=1, default=True)
    backend = FakeBackend([device])
    speaker = Speaker(asyncio.get_running_loop())
    speaker.attach(backend, device)
    delta = (np.random.default_rng(2).standard_normal(2400) * 3000).astype("<i2").tobytes()
    stream = backend.stream("output")
    out = np.zeros((PLAYBACK_BLOCK, 1), dtype=np.float32)
    device_thread = sounddevice_wrapper("output", stream._callback)  # type: ignore[arg-type]
    enqueue: list[float] = []
    callback: list[float] = []
    for _ in range(repeat // 10):
        enqueue += timed(lambda: speaker.enqueue("item", delta), 1)
        callback += timed(lambda: device_thread(out), 10)
    speaker.detach()
    return {
        "playback callback (device thread)": callback,
        "enqueue 100 ms delta (loop)": enqueue,
    }


def print_costs(costs: dict[str, list[float]]) -> None:
    print(f"{'per block':<36}{'median us':>10}{'p99 us':>9}{'max us':>9}")
    for name, samples in costs.items():
        median, p99, worst = summary(samples)
        print(f"{name:<36}{median:>10.1f}{p99:>9.1f}{worst:>9.1f}")


def estimated_share(costs: dict[str, list[float]]) -> float:
    """Percent of one core for audio at full duplex, from the median costs."""
    per_second = (
        1000 / DEVICE_BLOCK_MS * statistics.median(costs["capture callback (device thread)"])
        + 1000 / DEVICE_BLOCK_MS * statistics.median(costs["capture hand-off (loop)"])
        + 1000 / BLOCK_MS * statistics.median(costs["playback callback (device thread)"])
        + 10 * statistics.median(costs["enqueue 100 ms delta (loop)"])
    )
    return per_second / 1e6 * 100


@dataclass
class Duplex:
    """One full-duplex run: shares of one core, in percent."""

    label: str
    empty: float  # the same two streams with callbacks that do nothing
    engine: float  # the whole process with the engine running
    loop_thread: float  # of which the asyncio thread (the engine's loop side, the bench's pacing)
    handoff_us: list[float]
    xruns: tuple[int, int]


async def full_duplex(seconds: float, input_name: str | None, output_name: str | None) -> None:
    """CPU share of capture plus paced playback on real devices, if a sound server answers.

    Each engine run is compared with the same two streams running empty callbacks (what
    PortAudio and the sound server's client library cost by themselves), once with the
    engine's 40 ms capture blocks and once with the 20 ms blocks it used before.
    """
    try:
        from assistant.audio.devices import PortAudioBackend
    except OSError as exc:
        print(f"full duplex: skipped ({exc})")
        return
    backend = PortAudioBackend()
    devices = {d.name: d for d in backend.list_devices()}
    defaults = [d for d in devices.values() if d.is_default_input or d.is_default_output]
    mic_device = devices.get(input_name or "") or next(iter(defaults), None)
    out_device = devices.get(output_name or "") or next(iter(defaults), None)
    if mic_device is None or out_device is None:
        print("full duplex: skipped (no input or output device)")
        return
    idle = await cpu_share(lambda: asyncio.sleep(seconds / 2))
    runs = []
    with noise_into("micsink", 4 * seconds + 5):  # a live microphone never sends pure zeros
        for block_ms in (DEVICE_BLOCK_MS, 20):
            pair = (backend, mic_device, out_device)
            empty = await empty_streams(*pair, seconds, block_ms)
            runs.append(await engine_run(*pair, seconds, block_ms=block_ms, empty=empty))
    print_duplex(f"{mic_device.name} -> {out_device.name}, {seconds:.0f} s each", idle, runs)


async def engine_run(
    backend: Any, mic_device: Any, out_device: Any, seconds: float, *, block_ms: int, empty: float
) -> Duplex:
    """The microphone capturing while a reply is streamed to the speaker at real-time pace."""
    loop = asyncio.get_running_loop()
    handoff: list[float] = []
    mic = TimedMicrophone(
        loop, lambda _block: handoff.append(mic.since_capture_us()), device_block_ms=block_ms
    )
    speaker = Speaker(loop)
    mic.attach(backend, mic_device)
    speaker.attach(backend, out_device)
    loop_cpu, wall = time.thread_time(), time.perf_counter()
    engine = await cpu_share(lambda: stream_reply(speaker, seconds))
    loop_share = (time.thread_time() - loop_cpu) / (time.perf_counter() - wall) * 100
    xruns = (mic.stream.xruns if mic.stream else 0, speaker.stream.xruns if speaker.stream else 0)
    mic.detach()
    speaker.detach()
    label = f"{block_ms} ms capture, {BLOCK_MS} ms output blocks"
    return Duplex(label, empty, engine, loop_share, handoff, xruns)


def print_duplex(title: str, idle: float, runs: list[Duplex]) -> None:
    print(f"full duplex, {title}; % of one core")
    print(f"  idle process {idle:.2f}")
    print(f"  {'blocks':<34}{'empty':>7}{'engine':>8}{'over empty':>11}{'loop thr':>9}  xruns")
    for run in runs:
        print(
            f"  {run.label:<34}{run.empty:>7.2f}{run.engine:>8.2f}{run.engine - run.empty:>11.2f}"
            f"{run.loop_thread:>9.2f}  {run.xruns}"
        )
    for run in runs:
        median, p99, worst = summary(run.handoff_us)
        print(
            f"  {run.label}: capture callback -> 20 ms block on the loop:"
            f" median {median:.0f} us, p99 {p99:.0f} us, max {worst:.0f} us"
        )


class TimedMicrophone(Microphone):
    """Notes when the device callback last ran (a bench-only look at a private hook)."""

    captured_ns = 0

    def _capture(self, block: Any) -> None:
        self.captured_ns = time.perf_counter_ns()
        super()._capture(block)

    def since_capture_us(self) -> float:
        return (time.perf_counter_ns() - self.captured_ns) / 1000


async def empty_streams(backend: Any, mic: Any, out: Any, seconds: float, in_ms: int) -> float:
    """CPU share of the same streams with callbacks that do nothing."""
    streams = [
        backend.open_input(mic, in_ms, lambda _block: None, lambda: None),
        backend.open_output(out, BLOCK_MS, lambda block: block.fill(0), lambda: None),
    ]
    for stream in streams:
        stream.start()
    share = await cpu_share(lambda: asyncio.sleep(seconds))
    for stream in streams:
        stream.close()
    return share


async def stream_reply(speaker: Speaker, seconds: float) -> None:
    """Send a reply in 100 ms deltas at real-time pace, as the network would."""
    rng = np.random.default_rng(3)
    loop = asyncio.get_running_loop()
    start = loop.time()
    for n in range(int(seconds * 10)):
        speaker.enqueue("reply", (rng.standard_normal(2400) * 3000).astype("<i2").tobytes())
        await asyncio.sleep(max(0.0, start + (n + 1) / 10 - loop.time()))
    speaker.end_item("reply")
    await speaker.drain(timeout=5.0)


async def cpu_share(work: Callable[[], Any]) -> float:
    """Percent of one core this process used while `work()` ran."""
    cpu, wall = time.process_time(), time.perf_counter()
    await work()
    return (time.process_time() - cpu) / (time.perf_counter() - wall) * 100


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="full-duplex run length")
    parser.add_argument("--repeat", type=int, default=5000, help="blocks per callback measure")
    parser.add_argument("--input", help="input device name for full duplex")
    parser.add_argument("--output", help="output device name for full duplex")
    args = parser.parse_args()
    costs = await capture_costs(args.repeat) | await playback_costs(args.repeat)
    print_costs(costs)
    print(f"estimated audio share at full duplex: {estimated_share(costs):.2f}% of one core")
    await full_duplex(args.seconds, args.input, args.output)


if __name__ == "__main__":
    asyncio.run(main())
