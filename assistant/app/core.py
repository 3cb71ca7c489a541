"""One conversation wired together without widgets: session, client, controller, bridge.

The transport hands each event to the controller, which applies it (audio to the speaker,
barge-in) and passes it on to the bridge and to the tool box. Commands change the session and
call `flush()`: the client sends the outbox, and the events the command itself produced (the
typed message, the cut-in mark) are delivered on the next loop iteration, even while
disconnected, so the window shows them at once.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TextIO

from assistant.app.tools import ToolBox
from assistant.controller import Controller
from assistant.realtime import Event, Session, SessionConfig, ToolCallReady
from assistant.transport import ClientOptions, ConnectionFailed, Endpoint, RealtimeClient
from assistant.ui.bridge import CoreBridge


class AppCore:
    """Runs one `Session` against one `Endpoint` and reports to one `CoreBridge`."""

    def __init__(
        self,
        endpoint: Endpoint,
        config: SessionConfig,
        bridge: CoreBridge,
        *,
        tools: ToolBox | None = None,
        options: ClientOptions | None = None,
        event_log: TextIO | None = None,
    ) -> None:
        self.endpoint, self.bridge, self.tools = endpoint, bridge, tools
        self._options = options
        self.session = self.new_session(config)
        self.client = self._client(event_log)
        self.controller = Controller(self.session, self)
        self.controller.listeners += [bridge.on_event, self._answer_tools]
        self.controller.state_listeners.append(bridge.on_turn_state)
        self._runner: asyncio.Task[None] | None = None
        self._pump_due = False

    def new_session(self, config: SessionConfig | None = None) -> Session:
        """A new, unconnected session on this endpoint (default: the current config)."""
        config = config or self.session.config
        return Session(config, dialect=self.endpoint.dialect, model=self.endpoint.model)

    def _client(self, event_log: TextIO | None) -> RealtimeClient:
        return RealtimeClient(
            self.endpoint,
            self.session,
            self._received,
            on_status=self.bridge.on_link_status,
            options=self._options,
            event_log=event_log,
        )

    async def switch_to(self, session: Session, event_log: TextIO | None = None) -> None:
        """Stop the reply, close the connection and go on with `session` (a conversation
        continued from the history), connecting at once."""
        self.controller.stop_reply()
        await self.aclose()
        self.session = self.controller.session = session
        self.client = self._client(event_log)
        self.start()

    def configure(self, config: SessionConfig) -> None:
        """Replace the session config; before `start()` it is simply the first one sent."""
        self.session.update_session(config)
        self.flush()

    # The connection

    def start(self) -> None:
        """Connect in the background (needs a running loop); failures reach the bridge."""
        if self._runner is None or self._runner.done():
            self._runner = asyncio.get_running_loop().create_task(self._run())

    def retry(self) -> None:
        """Connect again after a failure; the conversation so far is kept and replayed."""
        self.start()

    @property
    def running(self) -> bool:
        return self._runner is not None and not self._runner.done()

    async def _run(self) -> None:
        try:
            await self.client.run()
        except ConnectionFailed as failure:
            self.bridge.on_connection_failed(failure.message)

    async def aclose(self) -> None:
        """Close the connection and wait for the client to stop."""
        await self.client.close()
        if self._runner is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._runner

    # What the controller calls

    def flush(self) -> None:
        """Send what the session queued, and deliver the events the command produced."""
        self.client.flush()
        if not self._pump_due:
            self._pump_due = True
            asyncio.get_running_loop().call_soon(self._pump)

    def _pump(self) -> None:
        self._pump_due = False
        for event in self.session.events_received():
            self.controller.handle(event)

    def _received(self, event: Event) -> None:
        self.controller.handle(event)

    def _answer_tools(self, event: Event) -> None:
        if isinstance(event, ToolCallReady) and self.tools is not None:
            asyncio.get_running_loop().call_soon(self._answer, event)

    def _answer(self, call: ToolCallReady) -> None:
        assert self.tools is not None
        self.session.submit_tool_output(call.call_id, self.tools.run(call.name, call.arguments))
        self.flush()
