"""The app core (session, client, controller; no window) against the scripted fault server.

A recording bridge stands in for the Qt one (same four methods). Each case ends with the
conversation intact (every user turn answered once, in order) or with one plain sentence on
`on_connection_failed`; the window's status sees "attempt N" while it reconnects.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from assistant.app.core import AppCore
from assistant.controller import TurnState
from assistant.realtime import Event, Message, SessionConfig
from assistant.transport import Backoff, ClientOptions, LinkState, LinkStatus, custom
from tests.faults.server import Action, Fault, FaultServer, Phase, fault_server, until

FAST = ClientOptions(backoff=Backoff(first=0.01, limit=0.05), session_timeout=2.0)
TEXT = SessionConfig(output="text", turn_detection=None, transcription=None)
AUDIO = SessionConfig(output="audio", turn_detection=None, transcription=None)


class RecordingBridge:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self.statuses: list[LinkStatus] = []
        self.failures: list[str] = []
        self.notices: list[str] = []

    def on_event(self, event: Event) -> None:
        self.events.append(event)

    def on_turn_state(self, state: TurnState) -> None:
        pass

    def on_link_status(self, status: LinkStatus) -> None:
        self.statuses.append(status)

    def on_connection_failed(self, message: str) -> None:
        self.failures.append(message)

    def on_notice(self, message: str) -> None:
        self.notices.append(message)


@asynccontextmanager
async def running_core(
    server: FaultServer, config: SessionConfig = TEXT, options: ClientOptions = FAST
) -> AsyncIterator[tuple[AppCore, RecordingBridge]]:
    bridge = RecordingBridge()
    endpoint = custom(server.url, lambda: "sk-test-core-faults", model="gpt-realtime")
    core: Any = AppCore(endpoint, config, bridge, options=options)  # type: ignore[arg-type]
    core.start()
    try:
        yield core, bridge
    finally:
        await core.aclose()


def replies(core: AppCore) -> list[str]:
    return [
        item.shown_text
        for item in core.session.conversation.items()
        if isinstance(item, Message) and item.role == "assistant" and not item.cut_off
    ]


def users(core: AppCore) -> list[str]:
    items = core.session.conversation.items()
    return [i.shown_text for i in items if isinstance(i, Message) and i.role == "user"]


async def turn(core: AppCore, text: str, answered: int) -> None:
    core.session.send_text(text)
    core.flush()
    await until(lambda: len(replies(core)) >= answered and not core.session.response_active)


@pytest.mark.parametrize(
    "phase",
    [
        Phase.SESSION_CREATED,
        Phase.USER_TEXT,
        Phase.MID_TEXT,
        Phase.ITEM_DONE,
    ],
    ids=lambda phase: phase.value,
)
async def test_a_text_conversation_survives_a_drop_at_each_phase(phase: Phase) -> None:
    async with (
        fault_server(Fault(phase, Action.DROP)) as server,
        running_core(server) as (
            core,
            bridge,
        ),
    ):
        await turn(core, "one", 1)
        await turn(core, "two", 2)
        assert users(core) == ["one", "two"]
        assert len(replies(core)) == 2 and not bridge.failures
        assert len(server.connections) == 2


async def test_a_drop_mid_audio_reply_asks_again_and_keeps_the_conversation() -> None:
    async with (
        fault_server(Fault(Phase.MID_AUDIO, Action.DROP), reply="audio") as server,
        running_core(server, AUDIO) as (core, bridge),
    ):
        await turn(core, "one", 1)
        assert users(core) == ["one"] and replies(core)[-1].startswith("Fine thanks")
        assert not bridge.failures and len(server.connections) == 2


async def test_a_drop_mid_user_audio_keeps_the_conversation_going() -> None:
    async with (
        fault_server(Fault(Phase.USER_AUDIO, Action.DROP)) as server,
        running_core(server) as (core, bridge),
    ):
        await until(lambda: core.session.connected)
        core.session.append_audio(bytes(4800))
        core.flush()
        await until(lambda: len(server.connections) == 2 and core.session.connected)
        await turn(core, "after the drop", 1)
        assert users(core)[-1] == "after the drop" and not bridge.failures


async def test_a_drop_mid_push_to_talk_drops_the_turn_and_says_so() -> None:
    """Issue 12: the turn's head went with the old connection; its tail was once committed."""
    async with (
        fault_server(Fault(Phase.USER_AUDIO, Action.DROP)) as server,
        running_core(server) as (core, bridge),
    ):
        await until(lambda: core.session.connected)
        core.controller.press_to_talk()
        core.controller.microphone_block(bytes(960))  # the head: lost with the connection
        await until(lambda: len(server.connections) == 2 and core.session.connected)
        core.controller.microphone_block(bytes(960))  # the tail: not sent on its own
        assert core.controller.release_to_talk() is False
        assert core.controller.state is TurnState.IDLE
        assert len(bridge.notices) == 1 and "say it again" in bridge.notices[0]
        second = server.connections[1].received
        assert not [e for e in second if e["type"] == "input_audio_buffer.commit"]
        assert not [e for e in second if e["type"] == "input_audio_buffer.append"]
        await turn(core, "after the drop", 1)
        assert users(core)[-1] == "after the drop" and not bridge.failures


async def test_a_drop_during_a_function_call_gets_an_output_and_a_reply() -> None:
    async with (
        fault_server(Fault(Phase.FUNCTION_CALL, Action.DROP), reply="function") as server,
        running_core(server) as (core, bridge),
    ):
        await turn(core, "weather?", 1)
        outputs = [
            e["item"]
            for e in server.all_received()
            if e["type"] == "conversation.item.create"
            and e["item"]["type"] == "function_call_output"
        ]
        assert len(outputs) == 1 and "error" in outputs[0]["output"]
        assert not bridge.failures


async def test_a_crash_looping_server_gets_a_growing_backoff_and_the_window_sees_attempts() -> None:
    crash = Fault(Phase.SESSION_CREATED, Action.DROP, every=True)
    async with fault_server(crash) as server, running_core(server) as (_core, bridge):
        await until(lambda: server.handshakes >= 5)
        attempts = [s.attempt for s in bridge.statuses if s.state is LinkState.RECONNECTING]
        shown = [s.detail for s in bridge.statuses if s.detail.startswith("the connection")]
        assert max(attempts) >= 4  # not reset to 1 by every session.created
        assert "attempt 3 in " in " ".join(shown)


async def test_a_server_that_keeps_refusing_ends_with_the_cause_in_the_window() -> None:
    refuse = Fault(Phase.HANDSHAKE, Action.REFUSE, status=503, every=True, skip=1)
    drop = Fault(Phase.SESSION_CREATED, Action.DROP)
    options = ClientOptions(backoff=Backoff(first=0.01, limit=0.02), max_reconnects=3)
    async with (
        fault_server(drop, refuse) as server,
        running_core(server, options=options) as (_core, bridge),
    ):
        await until(lambda: bool(bridge.failures))
        assert bridge.failures == [
            "Could not reconnect to 127.0.0.1 after 3 attempts: the server answered HTTP 503. "
            "Check your internet connection and the endpoint address, or try again later."
        ]
        assert bridge.statuses[-1].state is LinkState.FAILED


async def test_an_oversized_frame_is_one_sentence_and_the_conversation_is_kept() -> None:
    async with (
        fault_server(Fault(Phase.MID_TEXT, Action.OVERSIZED)) as server,
        running_core(server) as (core, bridge),
    ):
        core.session.send_text("one")
        core.flush()
        await until(lambda: bool(bridge.failures))
        assert "larger than 16 MiB" in bridge.failures[0]
        assert users(core) == ["one"]


async def test_a_flood_of_events_does_not_break_the_conversation() -> None:
    flood = Fault(Phase.SESSION_CREATED, Action.FLOOD, count=20_000)
    async with fault_server(flood) as server, running_core(server) as (core, bridge):
        await turn(core, "one", 1)
        assert not bridge.failures and len(server.connections) == 1


@pytest.mark.parametrize("close", [1000, 1001, 1011])
async def test_recoverable_closes_reconnect_with_the_conversation(close: int) -> None:
    fault = Fault(Phase.MID_TEXT, Action.CLOSE, code=close)
    async with fault_server(fault) as server, running_core(server) as (core, bridge):
        await turn(core, "one", 1)
        assert users(core) == ["one"] and not bridge.failures


async def test_a_silent_server_is_retried_with_the_cause_shown() -> None:
    silent = Fault(Phase.CONNECTED, Action.SILENCE, every=True)
    options = ClientOptions(backoff=Backoff(first=0.01, limit=0.02), session_timeout=0.2)
    async with fault_server(silent) as server, running_core(server, options=options) as (_, b):
        await until(lambda: server.handshakes >= 3)
        details = [s.detail for s in b.statuses if s.state is LinkState.RECONNECTING]
        assert any("started no session within 0.2 s" in d for d in details)
    await asyncio.sleep(0)
