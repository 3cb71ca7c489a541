"""One conversation wired together without widgets: session, client, controller, bridge.

The transport hands each event to the controller, which applies it (audio to the speaker,
barge-in) and passes it on to the bridge and to the tools. Commands change the session and
call `flush()`: the client sends the outbox, and the events the command itself produced (the
typed message, the cut-in mark) are delivered on the next loop iteration, even while
disconnected, so the window shows them at once.

Each function call is answered in a task of its own through the tool registry, so a slow tool
or one waiting for the user's approval blocks neither the loop nor other calls; the session
requests the reply once every call of a response is answered.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TextIO

from assistant.controller import Controller
from assistant.realtime import Event, Session, SessionConfig, ToolCallReady
from assistant.tools import Approver, ErrorKind, ToolRegistry
from assistant.tools.registry import error_output
from assistant.transport import ClientOptions, ConnectionFailed, Endpoint, RealtimeClient
from assistant.ui.bridge import CoreBridge

# For the model (it reads English best); the user switched the tools off mid-call.
TOOLS_OFF = "The user has switched tools off, so this function did not run."


class AppCore:
    """Runs one `Session` against one `Endpoint` and reports to one `CoreBridge`."""

    def __init__(
        self,
        endpoint: Endpoint,
        config: SessionConfig,
        bridge: CoreBridge,
        *,
        tools: ToolRegistry | None = None,
        approve: Approver | None = None,
        options: ClientOptions | None = None,
        event_log: TextIO | None = None,
    ) -> None:
        self.endpoint, self.bridge, self.tools = endpoint, bridge, tools
        self.approve = approve
        self.tool_tasks: set[asyncio.Task[None]] = set()
        self.session = Session(config, dialect=endpoint.dialect, model=endpoint.model)
        self.client = RealtimeClient(
            endpoint,
            self.session,
            self._received,
            on_status=bridge.on_link_status,
            options=options,
            event_log=event_log,
        )
        self.controller = Controller(self.session, self)
        self.controller.listeners += [bridge.on_event, self._answer_tools]
        self.controller.state_listeners.append(bridge.on_turn_state)
        self._runner: asyncio.Task[None] | None = None
        self._pump_due = False

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
        for task in list(self.tool_tasks):
            task.cancel()
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
        if isinstance(event, ToolCallReady):
            task = asyncio.get_running_loop().create_task(self._answer(self.tools, event))
            self.tool_tasks.add(task)
            task.add_done_callback(self.tool_tasks.discard)

    async def _answer(self, tools: ToolRegistry | None, call: ToolCallReady) -> None:
        """Every call gets an output, even with tools switched off: the reply waits for it."""
        if tools is None:
            result = error_output(ErrorKind.UNKNOWN_TOOL, TOOLS_OFF)
        else:
            result = await tools.call(call.name, call.arguments, self.approve)
        self.session.submit_tool_output(call.call_id, result.output)
        self.flush()
