"""One conversation wired together without widgets: session, client, controller, listener.

The listener is the window's `CoreBridge` or the terminal's voice view (`realtime-assistant
voice`): anything with the `CoreListener` methods, so this module loads no Qt (its two
notices are `assistant.text.Sentence`s: the window's bridge translates them, the terminal
prints them in English).

The transport hands each event to the controller, which applies it (audio to the speaker,
barge-in) and passes it on to the bridge and to the tools. Commands change the session and
call `flush()`: the client sends the outbox, and the events the command itself produced (the
typed message, the cut-in mark) are delivered on the next loop iteration, even while
disconnected, so the window shows them at once.

Each function call is answered in a task of its own through the tool registry, so a slow tool
or one waiting for the user's approval blocks neither the loop nor other calls; the session
requests the reply once every call of a response is answered. An MCP server's approval
request is answered the same way, by the tools' approval policy
(`assistant.tools.mcp_approval`); a withdrawn request (the connection dropped) cancels its
prompt.

Nothing that reaches the loop ends the conversation: an exception while an event is handled
(a view, the recorder) costs that event's handling only, and one that stops the client is
followed by a new connection (the conversation is replayed). Each is logged and told to the
user in one sentence. A bug that stops the client again and again (a message it cannot
handle, replayed on every connection) is not retried forever: each restart waits twice as
long as the one before, and after `MAX_RESTARTS` restarts in a row (each stop within
`RESTART_WINDOW` seconds of the previous one) the next stop gives up like a failed connection
(one sentence, Retry), keeping the conversation.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any, Protocol, TextIO

from assistant.controller import Controller, TurnState
from assistant.realtime import (
    ConversationSession,
    DelegationStarted,
    Event,
    McpApprovalRequested,
    McpApprovalWithdrawn,
    SessionConfig,
    ToolCallReady,
    new_session,
)
from assistant.realtime.live import Delegation, LiveSession
from assistant.text import QT_TRANSLATE_NOOP, Sentence
from assistant.tools import Approver, ErrorKind, ToolRegistry, mcp_approval
from assistant.tools.delegation import answer_task
from assistant.tools.registry import error_output
from assistant.transport import (
    ClientOptions,
    ConnectionFailed,
    Endpoint,
    FailureKind,
    LinkStatus,
    RealtimeClient,
)

# For the model (it reads English best); the user switched the tools off mid-call.
TOOLS_OFF = "The user has switched tools off, so this function did not run."
INTERNAL_ERROR = QT_TRANSLATE_NOOP(
    "AppCore", "Something went wrong inside the app; it was logged and the conversation goes on."
)
GAVE_UP = QT_TRANSLATE_NOOP(
    "AppCore",
    "The connection kept stopping on an error inside the app, so it was not started again; "
    "the conversation is kept.",
)
MAX_RESTARTS = 3  # restarts after internal stops in a row; the next stop gives up
RESTART_WINDOW = 60.0  # seconds: a stop later than this after the previous one starts a new count
TURN_DROPPED = QT_TRANSLATE_NOOP(
    "AppCore",
    "The connection dropped while you were talking, so that turn was not sent. Please say it "
    "again.",
)
logger = logging.getLogger(__name__)


class CoreListener(Protocol):
    """What the core reports to: the window's `CoreBridge`, or the terminal's voice view."""

    def on_event(self, event: Event) -> None: ...
    def on_turn_state(self, state: TurnState) -> None: ...
    def on_link_status(self, status: LinkStatus) -> None: ...
    def on_connection_failed(self, message: str) -> None: ...
    def on_notice(self, message: str) -> None: ...


class AppCore:
    """Runs one `Session` against one `Endpoint` and reports to one `CoreListener`."""

    restart_delay = 1.0  # seconds before connecting again after an internal error (doubled
    # for each further one in a row)
    clock: Callable[[], float] = time.monotonic  # when internal stops happen (tests set it)

    def __init__(
        self,
        endpoint: Endpoint,
        config: SessionConfig,
        bridge: CoreListener,
        *,
        tools: ToolRegistry | None = None,
        approve: Approver | None = None,
        options: ClientOptions | None = None,
        event_log: TextIO | None = None,
        delegation: Delegation = "responses",
    ) -> None:
        self.endpoint, self.bridge, self.tools = endpoint, bridge, tools
        self.delegation = delegation  # GPT-Live: who answers the tasks the model hands off
        self.approve = approve
        self.tool_tasks: set[asyncio.Task[None]] = set()
        self.mcp_prompts: dict[str, asyncio.Task[None]] = {}  # approval request id -> its task
        self._options = options
        self.session = self.new_session(config)
        self.client = self._client(event_log)
        self.controller = Controller(self.session, self)
        self.controller.listeners += [bridge.on_event, self._answer_tools]
        self.controller.state_listeners.append(bridge.on_turn_state)
        self.controller.dropped_turn_listeners.append(
            lambda: bridge.on_notice(Sentence("AppCore", TURN_DROPPED))
        )
        self._runner: asyncio.Task[None] | None = None
        self._stops: list[float] = []  # when the client stopped on internal errors, in a row
        self._pump_due = False
        self.failure: ConnectionFailed | None = None  # why the last connection gave up

    def new_session(self, config: SessionConfig | None = None) -> ConversationSession:
        """A new, unconnected session on this endpoint (default: the current config)."""
        config = config or self.session.config
        return new_session(
            config,
            dialect=self.endpoint.dialect,
            model=self.endpoint.model,
            delegation=self.delegation,
        )

    def _client(self, event_log: TextIO | None) -> RealtimeClient:
        return RealtimeClient(
            self.endpoint,
            self.session,
            self._received,
            on_status=self.bridge.on_link_status,
            options=self._options,
            event_log=event_log,
        )

    async def switch_to(
        self, session: ConversationSession, event_log: TextIO | None = None
    ) -> None:
        """Stop the reply, close the connection and go on with `session` (a conversation
        continued from the history), connecting at once."""
        self.controller.stop_reply()
        await self.aclose()
        self.session = self.controller.session = session
        self.client = self._client(event_log)
        self.start()

    async def switch_endpoint(self, endpoint: Endpoint, event_log: TextIO | None = None) -> None:
        """Go on with the same conversation over `endpoint` (the user saved a new connection,
        or the key can be read now): stop the reply, close the connection, seed a session on
        the new endpoint with the conversation so far and connect at once. The new server
        replays it like after a reconnect (`Session.restore`)."""
        self.controller.stop_reply()
        await self.aclose()
        items = self.session.conversation.items()
        self.endpoint = endpoint
        session = self.new_session()
        session.restore(items)
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
            self._stops = []
            self._runner = asyncio.get_running_loop().create_task(self._run())

    def retry(self) -> None:
        """Connect again after a failure; the conversation so far is kept and replayed."""
        self.start()

    @property
    def running(self) -> bool:
        return self._runner is not None and not self._runner.done()

    async def _run(self) -> None:
        """Keep the client running until it is closed or fails for good."""
        while True:
            try:
                await self.client.run()
                return
            except ConnectionFailed as failure:
                self.failure = failure
                self.bridge.on_connection_failed(failure.message)
                return
            except Exception:  # whatever it was, the conversation goes on
                self._internal_error("the connection stopped")
            if not self._count_stop():
                self._give_up()
                return
            await asyncio.sleep(self.restart_delay * 2 ** (len(self._stops) - 1))

    def _count_stop(self) -> bool:
        """Note an internal stop; False when it is one too many in a row."""
        now = self.clock()
        if self._stops and now - self._stops[-1] > RESTART_WINDOW:
            self._stops = []
        self._stops.append(now)
        return len(self._stops) <= MAX_RESTARTS

    def _give_up(self) -> None:
        message = Sentence("AppCore", GAVE_UP)
        self.failure = ConnectionFailed(FailureKind.SERVER, message)  # the CLI's exit status 5
        self.bridge.on_connection_failed(message)

    def _internal_error(self, what: str) -> None:
        """Log the exception being handled (with its traceback) and tell the user once."""
        logger.exception("internal error: %s", what)
        self.bridge.on_notice(Sentence("AppCore", INTERNAL_ERROR))

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
            self._received(event)

    def _received(self, event: Event) -> None:
        try:
            self.controller.handle(event)
        except Exception:  # one event's handling is lost, not the connection
            self._internal_error(f"handling {type(event).__name__}")

    def _answer_tools(self, event: Event) -> None:
        match event:
            case ToolCallReady():
                self._spawn(self._answer(self.tools, event))
            case McpApprovalRequested(item_id=item_id):
                self.mcp_prompts[item_id] = self._spawn(self._answer_mcp(event))
            case McpApprovalWithdrawn(item_id=item_id) if item_id in self.mcp_prompts:
                self.mcp_prompts.pop(item_id).cancel()  # closes its dialog
            case DelegationStarted(target="client"):
                self._spawn(self._answer_delegation(event))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(work)
        self.tool_tasks.add(task)
        task.add_done_callback(self.tool_tasks.discard)
        return task

    async def _answer(self, tools: ToolRegistry | None, call: ToolCallReady) -> None:
        """Every call gets an output, even with tools switched off: the reply waits for it."""
        if tools is None:
            result = error_output(ErrorKind.UNKNOWN_TOOL, TOOLS_OFF)
        else:
            try:
                result = await tools.call(call.name, call.arguments, self.approve)
            except Exception as error:  # the registry answers every call; this is the backstop
                result = error_output(
                    ErrorKind.FAILED, f"The call failed ({type(error).__name__})."
                )
        self.session.submit_tool_output(call.call_id, result.output)
        self.flush()

    async def _answer_delegation(self, delegation: DelegationStarted) -> None:
        """A GPT-Live client delegation: the registry answers what it recognises."""
        answer = await answer_task(self.tools, delegation.task)
        session = self.session
        if isinstance(session, LiveSession):
            session.answer_delegation(delegation.delegation_id, answer.text, spoken=answer.spoken)
            self.flush()

    async def _answer_mcp(self, request: McpApprovalRequested) -> None:
        try:
            approve, reason = await mcp_approval.decide(
                self.tools, self.approve, request.server_label, request.name, request.arguments
            )
        finally:
            self.mcp_prompts.pop(request.item_id, None)
        if self.session.answer_mcp_approval(request.item_id, approve, reason):
            self.flush()
