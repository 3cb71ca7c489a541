"""Nothing that reaches the loop ends the conversation (issue 12): the app core logs an
internal error, tells the user one sentence and goes on, against the simulator on 127.0.0.1."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable

import pytest
from PySide6.QtWidgets import QApplication

from assistant.app.core import GAVE_UP, INTERNAL_ERROR, MAX_RESTARTS, RESTART_WINDOW, AppCore
from assistant.realtime import Event, Message, ResponseFinished, SessionConfig, TextDelta
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


class AlwaysStops(RealtimeClient):
    """The real client, but every run ends with the same unexpected exception (until `fail`
    is cleared: then a run ends as a closed client's does)."""

    runs = 0
    fail = True

    async def run(self) -> None:
        AlwaysStops.runs += 1
        if AlwaysStops.fail:
            raise RuntimeError("a bug on every connection")


class Failures:
    def __init__(self, bridge: CoreBridge) -> None:
        self.messages: list[str] = []
        bridge.connection_failed.connect(self.messages.append)


async def test_a_client_that_stops_on_every_run_is_given_up_with_retry_and_the_conversation_kept(
    core: AppCore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.CRITICAL)
    failures = Failures(core.bridge)
    core.session.send_text("kept while it fails")
    AlwaysStops.runs, AlwaysStops.fail = 0, True
    core.client = AlwaysStops(core.endpoint, core.session, core._received, options=FAST)
    core.start()
    await until(lambda: not core.running)
    assert AlwaysStops.runs == MAX_RESTARTS + 1  # the first run and its restarts, no more
    assert failures.messages == [GAVE_UP]
    assert core.failure is not None and core.failure.message == GAVE_UP
    core.client = RealtimeClient(core.endpoint, core.session, core._received, options=FAST)
    watched = Watched(core.bridge)
    core.retry()  # the problem's Retry: the typed message is replayed and answered
    await until(lambda: bool(watched.finished))
    assert "kept while it fails" in [
        m.shown_text for m in core.session.conversation.items() if isinstance(m, Message)
    ]


async def test_stops_far_apart_are_not_counted_as_a_row(
    core: AppCore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.CRITICAL)
    now = [0.0]

    def later() -> float:
        now[0] += RESTART_WINDOW + 1  # every stop comes long after the previous one
        return now[0]

    core.clock = later
    AlwaysStops.runs, AlwaysStops.fail = 0, True
    core.client = AlwaysStops(core.endpoint, core.session, core._received, options=FAST)
    core.start()
    await until(lambda: AlwaysStops.runs > 3 * MAX_RESTARTS)
    assert core.running and core.failure is None
    AlwaysStops.fail = False
    await until(lambda: not core.running)
