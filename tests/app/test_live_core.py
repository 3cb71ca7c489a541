"""The app core on GPT-Live against the simulator: a client delegation answered by the tool
registry, the closing handshake; every client event passes the oracle (no unknown field)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from assistant.app.core import AppCore
from assistant.realtime import Event, ResponseFinished, SessionClosed, SessionConfig
from assistant.realtime.live import LiveSession
from assistant.tools import Desktop, ToolRegistry, builtin_tools
from assistant.transport import custom
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


async def test_the_app_core_answers_a_client_delegation_with_its_tools(
    qapp: QApplication,
) -> None:
    del qapp
    async with simulator() as sim:
        endpoint = custom(sim.live_url)
        listener = Listener()
        tools = ToolRegistry.of(builtin_tools(Desktop()))
        core = AppCore(
            endpoint,
            SessionConfig(instructions="Be brief."),
            listener,  # type: ignore[arg-type]
            tools=tools,
            options=FAST,
            delegation="client",
        )
        assert isinstance(core.session, LiveSession)
        core.start()
        await until(lambda: core.session.connected)
        core.controller.send_text("What time is it?")
        await until(lambda: listener.finished() == 1)
        await core.aclose()
        types = check_client_events(sim.received, "live")
    assert types[0] == "session.start"
    assert sim.received[0]["session"]["delegation"] == {"type": "client"}
    commentary = next(e for e in sim.received if e["type"] == "session.commentary.append")
    assert commentary["content"].startswith("The tool get_current_time returned:")
    reply = [i for i in core.session.conversation.items() if i.role == "assistant"][-1]
    assert reply.text == commentary["content"]
    assert types[-1] == "session.close"
    assert any(isinstance(e, SessionClosed) for e in listener.events)
