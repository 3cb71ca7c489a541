"""Memory over a long voice conversation: the client and the simulator, RSS growth.

The simulator runs in its own process (pace 0, events not recorded: the offline demo's
settings); the client (`Session`, `RealtimeClient`, `Controller` and a `Speaker` on a fake
sound card) runs here. The bench streams `--minutes` of microphone audio (3 s of a voiced buzz,
then 7 s of silence, over and over) in 20 ms appends as fast as the two sides take it: server
VAD cuts a turn per cycle and the simulator answers each with audio, which the speaker plays.
RSS of both processes is read from /proc after the first `--warmup` minutes and at the end;
the growth in between is what an hour-long session would add. The bench prints; it asserts
nothing.

    python bench/longrun_bench.py [--minutes 60] [--warmup 5]   # PYTHONPATH=. for a checkout
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import math
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from assistant.audio.fakes import FakeBackend, fake_device
from assistant.audio.playback import Speaker
from assistant.controller import Controller
from assistant.realtime import Event, ResponseFinished, Session, SessionConfig
from assistant.transport import ClientOptions, RealtimeClient, custom

RATE = 24000
BLOCK = RATE // 50  # 20 ms
CYCLE_S, SPEECH_S = 10, 3
SERVER = """
import asyncio, sys
from assistant.simulator import SimulatorOptions
from assistant.simulator.server import run_simulator
options = SimulatorOptions(pace=0, record=False, max_session_seconds=86400)
asyncio.run(run_simulator("127.0.0.1", int(sys.argv[1]), options))
"""


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return math.nan


def cycle_audio() -> list[bytes]:
    """One 10 s cycle as 20 ms PCM16 blocks: 3 s voiced, 7 s silence."""
    t = np.arange(RATE * SPEECH_S) / RATE
    wave = sum(np.sin(2 * math.pi * 180 * k * t) / k for k in (1, 2, 3))
    voiced = (wave / 1.8 * 0.3 * 32767).astype(np.int16)
    pcm = np.concatenate([voiced, np.zeros(RATE * (CYCLE_S - SPEECH_S), np.int16)]).tobytes()
    return [pcm[i : i + BLOCK * 2] for i in range(0, len(pcm), BLOCK * 2)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def wait_port(port: int) -> None:
    for _ in range(500):
        with contextlib.suppress(OSError):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        await asyncio.sleep(0.02)
    raise RuntimeError("the simulator did not start")


async def run(minutes: int, warmup: int) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port)])  # noqa: S603
    try:
        await wait_port(port)
        await converse(port, server.pid, minutes, warmup)
    finally:
        server.terminate()
        server.wait()


async def converse(port: int, server_pid: int, minutes: int, warmup: int) -> None:
    endpoint = custom(f"ws://127.0.0.1:{port}/v1/realtime", None, model="gpt-realtime")
    session = Session(SessionConfig(), dialect=endpoint.dialect, model=endpoint.model)
    device = fake_device(0, "Speaker", outputs=2, rate=48000, default=True)
    backend = FakeBackend([device])
    speaker = Speaker(asyncio.get_running_loop())
    speaker.attach(backend, device)
    replies = 0

    def count(event: object) -> None:
        nonlocal replies
        replies += isinstance(event, ResponseFinished)

    controller: Controller | None = None

    def handle(event: Event) -> None:
        assert controller is not None
        controller.handle(event)

    client = RealtimeClient(endpoint, session, handle, options=ClientOptions())
    controller = Controller(session, client, speaker=speaker)
    controller.listeners.append(count)
    runner = asyncio.create_task(client.run())
    while not session.connected:
        await asyncio.sleep(0.01)
    blocks, stream = cycle_audio(), backend.stream("output")
    marks: dict[str, tuple[float, float]] = {}
    started = time.monotonic()
    for cycle in range(minutes * 60 // CYCLE_S):
        for block in blocks:
            session.append_audio(block)
            client.flush()
            await asyncio.sleep(0)
        target = cycle + 1
        for _ in range(2000):  # the reply of this cycle, played on the fake device
            if replies >= target:
                break
            stream.pull()
            await asyncio.sleep(0.001)
        while speaker.is_busy:
            stream.pull()
        if (cycle + 1) * CYCLE_S == warmup * 60:
            gc.collect()
            marks["warmup"] = (rss_mib(_self()), rss_mib(server_pid))
    gc.collect()
    marks["end"] = (rss_mib(_self()), rss_mib(server_pid))
    elapsed = time.monotonic() - started
    await client.close()
    await runner
    (c0, s0), (c1, s1) = marks["warmup"], marks["end"]
    print(f"{minutes} min of voice ({replies} replies) in {elapsed:.0f} s")
    print(f"{'process':<10} {'RSS after warmup':>17} {'RSS at end':>11} {'growth':>9}")
    print(f"{'client':<10} {c0:>13.1f} MiB {c1:>7.1f} MiB {c1 - c0:>+5.1f} MiB")
    print(f"{'simulator':<10} {s0:>13.1f} MiB {s1:>7.1f} MiB {s1 - s0:>+5.1f} MiB")


def _self() -> int:
    return os.getpid()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(run(args.minutes, args.warmup))


if __name__ == "__main__":
    main()
