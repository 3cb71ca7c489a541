"""Audio latencies through the controller: barge-in, first audio, microphone to socket.

Every measure starts where the app's code gets the event and ends where the device or the server
gets the result, with the real `Controller`, `Speaker` and `Microphone` in between:

- barge-in: from `Controller.handle(SpeechStarted)` returning to the first all-silent block the
  output callback delivers, counted in device frames (the fade-out and whatever else the device
  still got), while a reply streams in 100 ms deltas at real-time pace. Also shown: the wall
  time from `handle()` to the moment the last sounding sample is due on the callbacks' timeline
  (the callback's start plus the sample's offset), which adds the wait for the next callback.
  Neither includes the device's own buffer (PortAudio's output latency), which no engine can
  take back once a block was handed over.
- first audio: from `Controller.handle(AudioDelta)` with the first delta of a reply (the next
  ones following at real-time pace) to the first non-silent sample handed to the device: the
  device callback's time plus the sample's offset in its block. "engine 4x" rows send the
  deltas four times faster than real time, as a server that generates faster than it speaks.
- microphone to socket: from the capture callback that completed a 20 ms block to the simulator
  (in another process, on 127.0.0.1) receiving the `input_audio_buffer.append` carrying it,
  through the real `RealtimeClient`. Both timestamps are CLOCK_MONOTONIC. A second row adds
  the audio the same device block captured after the 20 ms block ended (a 40 ms device block
  yields two blocks, and the older one waits for the callback): the age of the block's last
  sample when the server gets it.

"device" rows run on PortAudio devices (PulseAudio null sinks under scripts/with-services.sh:
`fakemic`, fed with noise by pacat, and `speaker`); "engine" rows run on `FakeBackend`, where the
bench is the sound card and time is counted in device frames, so they show the engine's own share
without scheduling noise. The bench prints; it asserts nothing.

    python bench/latency_bench.py [--trials 40] [--seconds 10]   # PYTHONPATH=. for a checkout
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.audio.capture import BLOCK_FRAMES, Microphone
from assistant.audio.fakes import FakeBackend, FakeStream, fake_device
from assistant.audio.lister import DeviceLister
from assistant.audio.playback import Speaker
from assistant.audio.selection import DeviceInfo
from assistant.audio.streams import AudioBackend, AudioStream, InputCallback, OutputCallback
from assistant.controller import Controller
from assistant.realtime import AudioDelta, Session, SessionConfig, SessionCreated, SpeechStarted

ROOT = Path(__file__).resolve().parent.parent
DELTA_MS = 100  # what the simulator sends (assistant.simulator.response.CHUNK_MS)
SOURCE_RATE = 24000


@dataclass
class Row:
    """One line of the table: samples in milliseconds against a target."""

    name: str
    where: str
    target_ms: float | None  # None: shown for information, no target
    samples: list[float] = field(default_factory=list)
    note: str = ""

    def target(self) -> str:
        return "-" if self.target_ms is None else f"{self.target_ms:.1f}"

    def verdict(self) -> str:
        if not self.samples:
            return "skipped"
        if self.target_ms is None:
            return "info"
        if percentile(self.samples, 95) <= self.target_ms:
            return "pass"
        return "median only" if statistics.median(self.samples) <= self.target_ms else "FAIL"


def percentile(samples: list[float], pct: int) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, len(ordered) * pct // 100)]


def print_table(rows: list[Row]) -> None:
    head = f"{'measure':<44}{'on':<8}{'target':>8}{'median':>8}{'p95':>8}{'max':>8}{'n':>5}  "
    print(head + "verdict")
    for row in rows:
        if not row.samples:
            print(f"{row.name:<44}{row.where:<8}{row.target():>8}  skipped: {row.note}")
            continue
        median = statistics.median(row.samples)
        print(
            f"{row.name:<44}{row.where:<8}{row.target():>8}{median:>8.1f}"
            f"{percentile(row.samples, 95):>8.1f}{max(row.samples):>8.1f}{len(row.samples):>5}"
            f"  {row.verdict()}"
        )
    for row in rows:
        if row.note and row.samples:
            print(f"  {row.name}: {row.note}")


class NoTransport:
    """The controller's transport for the playback measures: nothing leaves the process."""

    def flush(self) -> None:
        pass


def reply_pcm(ms: int, seed: int) -> bytes:
    """A voice-like reply (a tone with noise) that has no exactly-zero sample."""
    frames = SOURCE_RATE * ms // 1000
    t = np.arange(frames) / SOURCE_RATE
    noise = np.random.default_rng(seed).standard_normal(frames) * 0.05
    wave = 0.3 * np.sin(2 * np.pi * 220 * t) + noise
    pcm = np.clip(wave * 32767, -32767, 32767).astype("<i2")
    pcm[pcm == 0] = 1
    return pcm.tobytes()


# Output taps


@dataclass(frozen=True, slots=True)
class OutBlock:
    """What one output callback delivered: when, how many frames, first and last sound."""

    start_ns: int
    end_ns: int
    frames: int
    first_sound: int  # index of the first non-zero sample, -1 for a silent block
    last_sound: int


def tap_output(callback: OutputCallback, blocks: list[OutBlock]) -> OutputCallback:
    """The engine's output callback, noting what it delivered (device thread: list append)."""

    def tapped(out: Any) -> None:
        start = time.perf_counter_ns()
        callback(out)
        sound = np.flatnonzero(out[:, 0])
        first, last = (int(sound[0]), int(sound[-1])) if len(sound) else (-1, -1)
        blocks.append(OutBlock(start, time.perf_counter_ns(), len(out), first, last))

    return tapped


class TappedBackend:
    """An `AudioBackend` that records every output block the engine delivers to its device."""

    def __init__(self, inner: AudioBackend) -> None:
        self.inner = inner
        self.blocks: list[OutBlock] = []

    def list_devices(self) -> list[DeviceInfo]:
        return self.inner.list_devices()

    def rescan(self) -> list[DeviceInfo]:
        return self.inner.rescan()

    def lister(self, seconds: float) -> DeviceLister | None:
        return self.inner.lister(seconds)

    def open_input(
        self, device: DeviceInfo, block_ms: int, callback: InputCallback, on_failure: Any
    ) -> AudioStream:
        return self.inner.open_input(device, block_ms, callback, on_failure)

    def open_output(
        self, device: DeviceInfo, block_ms: int, callback: OutputCallback, on_failure: Any
    ) -> AudioStream:
        tapped = tap_output(callback, self.blocks)
        return self.inner.open_output(device, block_ms, tapped, on_failure)


def blocks_after(blocks: list[OutBlock], moment_ns: int) -> list[OutBlock]:
    """Blocks whose callback finished after `moment_ns`."""
    return [b for b in list(blocks) if b.end_ns > moment_ns]


def silence_after(blocks: list[OutBlock], rate: int) -> tuple[int, int] | None:
    """Frames delivered before the first all-silent block, and when the last sound was due
    (perf_counter ns on the callbacks' timeline); None if no silent block came."""
    frames, due = 0, 0
    for block in blocks:
        if block.first_sound < 0:
            return frames, due
        frames += block.frames
        due = block.start_ns + (block.last_sound + 1) * 1_000_000_000 // rate
    return None


def first_sound(blocks: list[OutBlock], rate: int) -> int | None:
    """perf_counter ns at which the first non-silent sample of `blocks` is due."""
    for block in blocks:
        if block.first_sound >= 0:
            return block.start_ns + block.first_sound * 1_000_000_000 // rate
    return None


# Playback on a device: first audio and barge-in, trial by trial


@dataclass
class PlaybackRows:
    first_audio: Row
    beyond_prebuffer: Row
    barge_in: Row
    barge_in_wall: Row

    def all(self) -> list[Row]:
        return [self.first_audio, self.beyond_prebuffer, self.barge_in, self.barge_in_wall]

    def heard(self, latency_ms: float, prebuffer_ms: int) -> None:
        self.first_audio.samples.append(latency_ms)
        self.beyond_prebuffer.samples.append(latency_ms - prebuffer_ms)


def playback_rows(where: str, speaker: Speaker | None = None) -> PlaybackRows:
    prebuffer = speaker.prebuffer_ms if speaker else 80
    block = f"{speaker.stream.blocksize} frames" if speaker and speaker.stream else "?"
    return PlaybackRows(
        Row("first audio: 1st delta -> 1st sample out", where, prebuffer + 10.0),
        Row("first audio beyond the prebuffer", where, 10.0),
        Row("barge-in: handle() -> silent block (frames)", where, 25.0, note=f"blocks: {block}"),
        Row("barge-in: handle() -> last sound due (wall)", where, None),
    )


async def device_playback(backend: AudioBackend, device: DeviceInfo, trials: int) -> PlaybackRows:
    """First-audio and barge-in trials on a real output device."""
    tapped = TappedBackend(backend)
    loop = asyncio.get_running_loop()
    speaker = Speaker(loop)
    controller = Controller(Session(SessionConfig()), NoTransport(), speaker)
    speaker.attach(tapped, device)  # type: ignore[arg-type]  # TappedBackend is an AudioBackend
    rate = speaker.stream.rate if speaker.stream else 48000
    try:
        await asyncio.sleep(0.3)  # let the stream settle
        rows = playback_rows("device")
        for trial in range(trials + 1):
            if trial == 1:  # the first reply adapts the prebuffer: not counted
                rows = playback_rows("device", speaker)
            await one_device_trial(controller, speaker, tapped.blocks, rate, trial=trial, rows=rows)
    finally:
        speaker.detach()
    note_prebuffer(rows, speaker)
    return rows


def note_prebuffer(rows: PlaybackRows, speaker: Speaker) -> None:
    rows.first_audio.target_ms = speaker.prebuffer_ms + 10.0
    rows.first_audio.note = (
        f"prebuffer {speaker.prebuffer_ms} ms at the end (80 ms at the start),"
        f" {speaker.underruns} underruns; target: that prebuffer + 10 ms"
    )


async def one_device_trial(
    controller: Controller,
    speaker: Speaker,
    blocks: list[OutBlock],
    rate: int,
    *,
    trial: int,
    rows: PlaybackRows,
) -> None:
    item = f"reply{trial}"
    loop = asyncio.get_running_loop()
    await asyncio.sleep(random.uniform(0.0, 0.02))  # vary the phase against the device blocks
    start_ns, start = time.perf_counter_ns(), loop.time()
    talk_for = random.uniform(0.25, 0.45)
    sent, prebuffer = 0, speaker.prebuffer_ms
    while loop.time() - start < talk_for:
        controller.handle(AudioDelta(item, "resp", reply_pcm(DELTA_MS, trial * 100 + sent)))
        sent += 1
        await asyncio.sleep(max(0.0, start + sent * DELTA_MS / 1000 - loop.time()))
    heard = first_sound(blocks_after(blocks, start_ns), rate)
    if heard is not None:
        rows.heard((heard - start_ns) / 1e6, prebuffer)
    if not speaker.is_audible:
        return  # nothing to cut (should not happen while a reply streams)
    controller.handle(SpeechStarted(f"user{trial}", 0))
    returned_ns = time.perf_counter_ns()
    await asyncio.sleep(0.1)
    silenced = silence_after(blocks_after(blocks, returned_ns), rate)
    if silenced is not None:
        frames, due = silenced
        rows.barge_in.samples.append(frames * 1000 / rate)
        rows.barge_in_wall.samples.append(max(0, due - returned_ns) / 1e6)


# Playback on FakeBackend: the same trials with the bench as the sound card


async def engine_playback(trials: int, speedup: int = 1) -> PlaybackRows:
    """First audio and barge-in in device time, with no scheduler involved.

    `speedup`: deltas arrive that many times faster than real time (a server that generates
    faster than it speaks, as OpenAI's does), instead of exactly at the pace of speech.
    """
    device = fake_device(0, "Speakers", outputs=1, default=True)
    backend = FakeBackend([device])
    speaker = Speaker(asyncio.get_running_loop())
    controller = Controller(Session(SessionConfig()), NoTransport(), speaker)
    speaker.attach(backend, device)
    stream = backend.stream("output")
    where = "engine" if speedup == 1 else f"engine {speedup}x"
    rows = playback_rows(where)
    handle_us: list[float] = []
    for trial in range(trials + 1):
        if trial == 1:  # the first reply adapts the prebuffer: not counted
            rows, handle_us = playback_rows(where, speaker), []
        engine_trial(
            controller,
            stream,
            trial,
            rows,
            handle_us=handle_us,
            prebuffer_ms=speaker.prebuffer_ms,
            speedup=speedup,
        )
        await asyncio.sleep(0)  # the speaker's state notifications
    speaker.detach()
    note_prebuffer(rows, speaker)
    rows.barge_in_wall = Row(
        "barge-in: time spent in handle()",
        "engine",
        None,
        [us / 1000 for us in handle_us],
    )
    return rows


def engine_trial(
    controller: Controller,
    stream: FakeStream,
    trial: int,
    rows: PlaybackRows,
    *,
    handle_us: list[float],
    prebuffer_ms: int,
    speedup: int = 1,
) -> None:
    """Device time advances one block per pull; deltas arrive when their time has come."""
    rate, block = stream.rate, stream.blocksize
    offset = random.randrange(block)  # where in a block the first delta arrives
    item, now, sent, heard = f"reply{trial}", -offset, 0, None
    talk_for = rate * random.randint(250, 450) // 1000
    while now < talk_for:
        while sent * rate * DELTA_MS // (1000 * speedup) <= now:
            controller.handle(AudioDelta(item, "resp", reply_pcm(DELTA_MS, trial + sent)))
            sent += 1
        out = stream.pull()[:, 0]
        sound = np.flatnonzero(out)
        if heard is None and len(sound):
            heard = now + int(sound[0])
        now += block
    if heard is not None:
        rows.heard(heard * 1000 / rate, prebuffer_ms)
    start = time.perf_counter_ns()
    controller.handle(SpeechStarted(f"user{trial}", 0))
    handle_us.append((time.perf_counter_ns() - start) / 1000)
    frames = 0
    while np.any(stream.pull()):
        frames += block
    rows.barge_in.samples.append(frames * 1000 / rate)


# Microphone to socket


SIMULATOR_CHILD = (
    "import sys; from bench.latency_bench import serve_stamped; serve_stamped(sys.argv[1])"
)


def serve_stamped(out_path: str) -> None:
    """The simulator (child process): note when each append arrives; write them out at EOF."""
    from assistant.simulator import Simulator

    stamps: list[tuple[int, int]] = []

    class StampedSimulator(Simulator):
        def _record(self, index: int, event: dict[str, Any]) -> None:
            if event.get("type") == "input_audio_buffer.append":
                key = zlib.crc32(str(event.get("audio", "")).encode())
                stamps.append((key, time.monotonic_ns()))
            super()._record(index, event)

    async def run() -> None:
        async with StampedSimulator() as sim:
            print(sim.url, flush=True)
            await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        Path(out_path).write_text(json.dumps(stamps))

    asyncio.run(run())


@contextlib.contextmanager
def simulator_process() -> Iterator[tuple[str, Callable[[], dict[int, int]]]]:
    """Start the stamping simulator; yields its URL and a function returning its stamps."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "stamps.json"
        child = subprocess.Popen(  # noqa: S603  # our own interpreter and code
            [sys.executable, "-c", SIMULATOR_CHILD, str(out)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert child.stdin is not None
        assert child.stdout is not None

        def stamps() -> dict[int, int]:
            assert child.stdin is not None
            child.stdin.close()
            child.wait(timeout=10)
            return dict(json.loads(out.read_text()))

        try:
            yield child.stdout.readline().strip(), stamps
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()


class StampedMicrophone(Microphone):
    """Notes the monotonic time of each capture callback and of the blocks it completes.

    `stamps` maps a block (crc32 of its base64) to (callback time, audio captured after the
    block's last sample in the same device block, in ms); 0 for blocks that were not unique.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, on_block: Callable[[bytes], None]) -> None:
        super().__init__(loop, self._stamp_block)
        self._forward = on_block
        self._captured: dict[int, int] = {}
        self._delivered: list[int] = []
        self.stamps: dict[int, tuple[int, int]] = {}

    def _capture(self, block: Any) -> None:
        session = self._session
        if session is not None:  # the sequence number the store below will hand out
            self._captured[session.slots._counter + 1] = time.monotonic_ns()
        super()._capture(block)

    def _deliver(self, session: Any, index: int, seq: int) -> None:
        self._delivered = []
        super()._deliver(session, index, seq)
        captured = self._captured.pop(seq, 0)
        for later, key in enumerate(reversed(self._delivered)):
            unique = key not in self.stamps
            self.stamps[key] = (
                (captured, later * BLOCK_FRAMES * 1000 // SOURCE_RATE) if unique else (0, 0)
            )

    def _stamp_block(self, pcm: bytes) -> None:
        self._delivered.append(zlib.crc32(base64.b64encode(pcm)))
        self._forward(pcm)


@contextlib.contextmanager
def noise_into(sink: str, seconds: float) -> Iterator[None]:
    """Feed `sink` with noise through pacat, so every captured block is different."""
    pacat = shutil.which("pacat")
    if pacat is None:  # no PulseAudio tools: the microphone records whatever it hears
        yield
        return
    rng = np.random.default_rng(7)
    noise = (rng.standard_normal(int(SOURCE_RATE * seconds)) * 3000).astype("<i2")
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "noise.raw"
        raw.write_bytes(noise.tobytes())
        command = [pacat, "-p", "-d", sink, "--raw", str(raw)]
        command += ["--format=s16le", "--rate=24000", "--channels=1"]
        feeder = subprocess.Popen(command, stderr=subprocess.DEVNULL)  # noqa: S603
        try:
            yield
        finally:
            feeder.kill()
            feeder.wait()


def microphone_rows(note: str = "") -> list[Row]:
    return [
        Row("microphone -> socket: callback -> server", "device", 25.0, note=note),
        Row("microphone -> socket: block's end -> server", "device", 25.0, note=note),
    ]


async def microphone_to_socket(
    backend: AudioBackend, device: DeviceInfo, seconds: float
) -> list[Row]:
    from assistant.transport import RealtimeClient, custom

    row, aged = microphone_rows()
    loop = asyncio.get_running_loop()
    with simulator_process() as (url, stamps), noise_into("micsink", seconds + 3):
        endpoint = custom(url, None, model="gpt-realtime")
        session = Session(
            SessionConfig(turn_detection=None), dialect=endpoint.dialect, model=endpoint.model
        )
        created = asyncio.Event()

        def on_event(event: object) -> None:
            controller.handle(event)  # type: ignore[arg-type]
            if isinstance(event, SessionCreated):
                created.set()

        client = RealtimeClient(endpoint, session, on_event)
        controller = Controller(session, client)
        microphone = StampedMicrophone(loop, controller.microphone_block)
        controller.microphone = microphone
        task = asyncio.create_task(client.run())
        await asyncio.wait_for(created.wait(), 15)
        microphone.attach(backend, device)
        controller.press_to_talk()  # push-to-talk held: every block is sent, no reply starts
        await asyncio.sleep(seconds)
        microphone.detach()
        await asyncio.sleep(0.2)
        await client.close()
        with contextlib.suppress(Exception):
            await task
        received = await asyncio.to_thread(stamps)
    sent = microphone.stamps.items()
    matched = [(received[key] - at, later) for key, (at, later) in sent if at and key in received]
    row.samples = [ns / 1e6 for ns, _ in matched]
    aged.samples = [ns / 1e6 + later for ns, later in matched]
    row.note = f"{len(row.samples)} blocks matched at the server"
    aged.note = "plus the audio its device block captured after it (the wait for the callback)"
    return [row, aged]


# Main


def real_devices() -> tuple[AudioBackend, DeviceInfo | None, DeviceInfo | None] | str:
    try:
        from assistant.audio.devices import PortAudioBackend
    except OSError as exc:
        return f"PortAudio not available ({exc})"
    backend = PortAudioBackend()
    devices = {d.name: d for d in backend.list_devices()}
    return backend, devices.get("fakemic"), devices.get("speaker")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=40, help="replies per playback measure")
    parser.add_argument("--seconds", type=float, default=10.0, help="microphone run length")
    args = parser.parse_args()
    random.seed(1)
    engine = await engine_playback(args.trials)
    faster = await engine_playback(args.trials, speedup=4)
    rows = [*engine.all(), faster.first_audio, faster.beyond_prebuffer]
    found = real_devices()
    if isinstance(found, str) or found[2] is None:
        reason = (
            found if isinstance(found, str) else "no 'speaker' device (scripts/with-services.sh)"
        )
        skipped = playback_rows("device")
        for row in skipped.all():
            row.note = reason
            rows.append(row)
    else:
        device = await device_playback(found[0], found[2], args.trials)
        rows += device.all()
    if isinstance(found, str) or found[1] is None:
        reason = found if isinstance(found, str) else "no 'fakemic' device"
        rows += microphone_rows(reason)
    else:
        rows += await microphone_to_socket(found[0], found[1], args.seconds)
    load = os.getloadavg()[0]
    print(f"load average {load:.2f} on {os.cpu_count()} cores")
    print_table(rows)


if __name__ == "__main__":
    asyncio.run(main())
