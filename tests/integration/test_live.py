"""GPT-Live against the simulator over real sockets: the app core with client delegation, a
dropped connection started over with the conversation as startup input, the closing
handshake. Every client event the simulator received passes the oracle with no unknown field."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace

from assistant.realtime import (
    Event,
    ItemKind,
    ResponseFinished,
)
from assistant.realtime.live import LiveSession
from assistant.simulator import Fault
from assistant.transport import RealtimeClient, custom
from tests.integration.harness import FAST, check_client_events, simulator


async def until(done: Callable[[], bool], timeout: float = 15.0) -> None:
    async with asyncio.timeout(timeout):
        while not done():
            await asyncio.sleep(0.01)


class Listener:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def on_event(self, event: Event) -> None:
        self.events.append(event)

    def on_turn_state(self, state: object) -> None: ...
    def on_link_status(self, status: object) -> None: ...
    def on_connection_failed(self, message: str) -> None: ...
    def on_notice(self, message: str) -> None: ...

    def finished(self) -> int:
        return sum(isinstance(e, ResponseFinished) for e in self.events)


async def test_a_dropped_connection_starts_over_with_the_conversation_as_input() -> None:
    async with simulator() as sim:
        session = LiveSession()
        events: list[Event] = []
        client = RealtimeClient(custom(sim.live_url), session, events.append, options=FAST)
        runner = asyncio.create_task(client.run())
        await until(lambda: session.connected)
        session.send_text("remember kiwi")
        client.flush()
        await until(lambda: any(isinstance(e, ResponseFinished) for e in events))
        sim.inject(Fault.drop_after(0))
        await until(lambda: session.server_sessions == 2)
        await client.close()
        await runner
        starts = [e for e in sim.received if e["type"] == "session.start"]
        check_client_events(sim.received, "live")
    assert len(starts) == 2 and "input" not in starts[0]["session"]
    history = starts[1]["session"]["input"]
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert history[0]["content"][0]["text"] == "remember kiwi"
    assert [i.kind for i in session.conversation.items()] == [ItemKind.MESSAGE] * 2


async def test_close_waits_for_session_closed_but_not_for_ever() -> None:
    async with simulator() as sim:
        session = LiveSession()
        options = replace(FAST, close_timeout=0.2)
        client = RealtimeClient(custom(sim.live_url), session, lambda _e: None, options=options)
        runner = asyncio.create_task(client.run())
        await until(lambda: session.connected)
        sim.inject(Fault.stall_after(0, seconds=30.0))  # `session.closed` will not come in time
        async with asyncio.timeout(10.0):
            await client.close()
            await runner
        types = check_client_events(sim.received, "live")
    assert types.count("session.close") == 1 and types.count("session.start") == 1
    assert sim.connections == 1  # the close was not taken for a drop: no reconnect
