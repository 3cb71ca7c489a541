"""The real window, assembled as the app does it, against the simulator on 127.0.0.1.

The audio backend is `assistant.audio.fakes.FakeBackend`: the test plays the sound card,
pushing microphone blocks and pulling speaker blocks, so nothing depends on a clock. Every wait
is bounded (qtbot's timeouts); asyncio work runs inside those waits (see `qloop`). The device
watcher does not poll on a timer here (fake streams only move when the test moves them, which
would look like a stalled device): tests call `rig.app.audio.watcher.poll()` themselves.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from pytestqt.qtbot import QtBot

from assistant.app.assembly import RunningApp, assemble
from assistant.app.history import AppHistory
from assistant.app.tools import ToolServices
from assistant.audio.fakes import FakeBackend, FakeStream, fake_device
from assistant.audio.selection import DeviceInfo
from assistant.settings.store import AppSettings
from assistant.simulator import Simulator, SimulatorOptions
from assistant.transport import Backoff, ClientOptions, Endpoint, custom
from assistant.ui.chat_rows import ChatRow, RowKind

RATE = 48000
BLOCK = RATE // 50  # 20 ms at the device rate
WAIT_MS = 15_000
FAST = ClientOptions(backoff=Backoff(first=0.05, factor=2.0, limit=0.2))
T = TypeVar("T")


def voiced(seconds: float) -> np.ndarray:
    """A buzzy vowel the simulator's VAD takes for speech."""
    t = np.arange(int(RATE * seconds)) / RATE
    wave = sum(np.sin(2 * math.pi * 180 * k * t) / k for k in (1, 2, 3))
    return (wave / 1.8 * 0.3 * 32767).astype(np.int16)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(RATE * seconds), np.int16)


def room_noise(seconds: float) -> np.ndarray:
    """A quiet room: neither speech nor the constant value of a dead microphone."""
    return np.random.default_rng(7).normal(0, 30, int(RATE * seconds)).astype(np.int16)


def audio_backend(*extra: DeviceInfo) -> FakeBackend:
    return FakeBackend(
        [
            fake_device(0, "Mic", inputs=1, rate=RATE, default=True),
            fake_device(1, "Speaker", outputs=2, rate=RATE, default=True),
            *extra,
        ]
    )


@dataclass
class Rig:
    qtbot: QtBot
    loop: Any
    sim: Simulator
    app: RunningApp
    backend: FakeBackend | None

    @property
    def window(self) -> Any:
        return self.app.window

    @property
    def rows(self) -> list[ChatRow]:
        return self.window.chat_model.log.rows

    def rows_of(self, kind: RowKind) -> list[ChatRow]:
        return [row for row in self.rows if row.kind is kind]

    def run(self, work: Awaitable[T], timeout_ms: int = WAIT_MS) -> T:
        """Run a coroutine on the loop, processing Qt events until it is done."""
        task = self.loop.create_task(work)
        self.qtbot.waitUntil(task.done, timeout=timeout_ms)
        return task.result()  # type: ignore[no-any-return]

    def wait(self, condition: Callable[[], Any], timeout_ms: int = WAIT_MS) -> None:
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=timeout_ms)

    @property
    def mic(self) -> FakeStream:
        assert self.backend is not None
        return self.backend.stream("input")

    @property
    def out(self) -> FakeStream:
        assert self.backend is not None
        return self.backend.stream("output")

    def say(self, samples: np.ndarray) -> None:
        """Push audio through the microphone in 20 ms device blocks, letting the loop run."""
        self.run(self._say(samples))

    async def _say(self, samples: np.ndarray) -> None:
        for start in range(0, len(samples), BLOCK):
            self.mic.push(samples[start : start + BLOCK])
            await asyncio.sleep(0)  # the microphone hands each block to the loop

    def play(self, blocks: int) -> None:
        """Let the speaker's device take `blocks` output blocks (10 ms each)."""
        for _ in range(blocks):
            self.out.pull()
        self.qtbot.wait(0)


@contextmanager
def window_rig(
    qtbot: QtBot,
    loop: Any,
    *,
    settings: AppSettings | None = None,
    audio: bool = True,
    simulator: SimulatorOptions | None = None,
    endpoint: Callable[[Simulator], Endpoint] | None = None,
    connect: bool = True,
    options: ClientOptions = FAST,
    backend: FakeBackend | None = None,
    tool_services: ToolServices | None = None,
    history: AppHistory | None = None,
) -> Iterator[Rig]:
    """The window of `assemble(...)`, shown, connected to a fresh simulator (pace 0)."""
    sim = Simulator(simulator or SimulatorOptions(pace=0), host="127.0.0.1", port=0)
    backend = backend or (audio_backend() if audio else None)
    rig = Rig(qtbot, loop, sim, None, backend)  # type: ignore[arg-type]  # app set below
    rig.run(sim.start())
    target = endpoint(sim) if endpoint else custom(sim.url, model="gpt-realtime")
    settings = settings or AppSettings()
    services = tool_services or ToolServices()  # never the user's clipboard, browser or files
    rig.app = assemble(
        target,
        "Offline demo",
        settings,
        backend=backend,
        options=options,
        watch_interval=None,
        tool_services=services,
        history=history,
    )
    qtbot.addWidget(rig.window)
    rig.window.show()
    qtbot.waitExposed(rig.window)
    rig.app.core.start()
    if connect:
        rig.wait(lambda: rig.app.core.session.connected)
    try:
        yield rig
    finally:
        rig.run(rig.app.aclose())
        rig.run(sim.close())
