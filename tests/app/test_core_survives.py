"""Nothing that reaches the loop ends the conversation (issue 12): the app core logs an
internal error, tells the user one sentence and goes on, against the simulator on 127.0.0.1."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable

import pytest
from PySide6.QtWidgets import QApplication

from assistant.app.core import INTERNAL_ERROR, AppCore
from assistant.realtime import Event, ResponseFinished, SessionConfig, TextDelta
from assistant.transport import RealtimeClient
from assistant.ui.bridge import CoreBridge
from tests.integration.harness import FAST, endpoint_for, simulator


class Watched:
    """What the bridge told the window."""

    def __init__(self, bridge: CoreBridge) -> None:
        self.notices: list[str] = []
        self.finished: list[object] = []
        bridge.notice.connect(self.notices.append)
        bridge.response_finished.connect(self.finished.append)


async def until(done: Callable[[], bool], timeout: float = 15.0) -> None:
    async with asyncio.timeout(timeout):
        while not done():
            await asyncio.sleep(0.01)


@pytest.fixture
async def core(qapp: QApplication) -> AsyncIterator[AppCore]:
    del qapp  # the bridge is a QObject
    async with simulator() as sim:
        app = AppCore(endpoint_for(sim, "ga"), SessionConfig(output="text"), CoreBridge())
        app.restart_delay = 0.0
        yield app
        await app.aclose()


def boom_once(kind: type) -> Callable[[Event], None]:
    fired: list[Event] = []

    def listener(event: Event) -> None:
        if isinstance(event, kind) and not fired:
            fired.append(event)
            raise RuntimeError("a view failed")

    return listener


async def test_a_failing_listener_costs_one_event_not_the_connection(
    core: AppCore, caplog: pytest.LogCaptureFixture
) -> None:
    watched = Watched(core.bridge)
    core.controller.listeners.insert(0, boom_once(TextDelta))
    core.start()
    await until(lambda: core.session.connected)
    core.session.send_text("hello")
    core.flush()
    await until(lambda: len(watched.finished) == 1)
    assert watched.notices == [INTERNAL_ERROR]
    assert core.running and core.session.server_sessions == 1  # never reconnected
    assert "handling TextDelta" in caplog.text and "a view failed" in caplog.text
    core.session.send_text("again")
    core.flush()
    await until(lambda: len(watched.finished) == 2)


class StopsOnce(RealtimeClient):
    """The real client, but its first run ends with an unexpected exception."""

    failed = False

    async def run(self) -> None:
        if not self.failed:
            self.failed = True
            raise RuntimeError("an unexpected bug")
        await super().run()


async def test_a_client_that_stops_on_a_bug_is_started_again(
    core: AppCore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    watched = Watched(core.bridge)
    core.client = StopsOnce(core.endpoint, core.session, core._received, options=FAST)
    core.start()
    await until(lambda: core.session.connected)
    assert watched.notices == [INTERNAL_ERROR] and "an unexpected bug" in caplog.text
    core.session.send_text("hello")
    core.flush()
    await until(lambda: bool(watched.finished))
    assert isinstance(watched.finished[0], ResponseFinished)
