"""`realtime-assistant chat`: a text conversation in the terminal, with tokens and cost per turn.

The model may call the tools the window offers that need no desktop (`cli.tools`); each call
is answered in a task of its own, so the conversation is never blocked by a slow tool. A
reasoning model's preamble is marked "(preamble)" in the text output, and its items carry
`phase` in the --json output.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from typing import Any, TextIO

from assistant.cli.pictures import add_message_options, messages, refuse_pictures
from assistant.cli.profiles import add_endpoint_options, choose_endpoint
from assistant.cli.runtime import (
    EXIT_OK,
    EXIT_SERVER,
    dollars_text,
    endpoint_of,
    event_log_file,
    fan_out,
    item_json,
    recorder_for,
    report_failure,
    summary_json,
    summary_line,
    tokens_text,
)
from assistant.cli.session_options import add_session_options, with_session_options
from assistant.cli.tools import add_tool_options, refuse_approval, terminal_tools, tool_schemas
from assistant.realtime import (
    ConversationSession,
    Dialect,
    ErrorSeverity,
    Event,
    ItemCompleted,
    Message,
    Picture,
    ResponseFinished,
    ServerError,
    SessionConfig,
    SessionCreated,
    TextDelta,
    ToolCallReady,
    new_session,
    valid_text,
)
from assistant.tools import ToolRegistry
from assistant.transport import (
    Backoff,
    ClientOptions,
    ConnectionFailed,
    FailureKind,
    LinkState,
    LinkStatus,
    RealtimeClient,
)

CHAT_CONFIG = SessionConfig(output="text", turn_detection=None, transcription=None)
TURN_TIMEOUT = 180.0
RECONNECTS = 5  # then the last cause ends the command in one sentence
NO_TOOLS = "Tools are off in this terminal chat (--no-tools), so the function did not run."
PREAMBLE = "(preamble) "


def client_options(scale: float) -> ClientOptions:
    """The terminal's connection policy; `scale` shrinks every wait (tests use it)."""
    return ClientOptions(
        backoff=Backoff(first=0.5 * scale, limit=8.0 * scale),
        max_reconnects=RECONNECTS,
        session_timeout=15.0 * scale,
        stable_after=60.0 * scale,
    )


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("chat", help="text conversation in the terminal")
    add_endpoint_options(parser)
    add_message_options(parser, "send this message (repeatable)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--instructions", help="system instructions for the model")
    parser.add_argument("--event-log", metavar="FILE", help="record the session events (JSONL)")
    parser.add_argument(
        "--no-history", action="store_true", help="do not keep this conversation in the history"
    )
    parser.add_argument(
        "--reply-timeout",
        type=float,
        default=TURN_TIMEOUT,
        metavar="SECONDS",
        help=f"give up on a reply after this long (default {TURN_TIMEOUT:.0f})",
    )
    add_session_options(parser)
    add_tool_options(parser)
    # Shrinks the reconnect delays and the session timeout; for the fault tests.
    parser.add_argument("--time-scale", type=float, default=1.0, help=argparse.SUPPRESS)
    parser.set_defaults(run=run)


class TerminalChat:
    """Prints the conversation as events arrive and tells the runner when a reply ended."""

    def __init__(
        self,
        session: ConversationSession,
        out: TextIO,
        *,
        as_json: bool,
        flush: Callable[[], None] = lambda: None,
        tools: ToolRegistry | None = None,
    ) -> None:
        self.session, self.out, self.as_json = session, out, as_json
        self.flush = flush  # sends what the session queued (the client's flush)
        self.tools = tools
        self.tool_tasks: set[asyncio.Task[None]] = set()
        self._streaming: str | None = None  # the item whose text is being printed
        self.turn_over = asyncio.Event()
        self.failed_turns = 0
        self._mid_line = False

    def on_event(self, event: Event) -> None:
        if isinstance(event, TextDelta) and not self.as_json:
            self._text(event)
        elif isinstance(event, ToolCallReady):
            self._call(event)
        elif isinstance(event, ItemCompleted) and self.as_json:
            self._json(item_json(event.item))
        elif isinstance(event, ResponseFinished):
            if not self.as_json:
                self.out.write("\n" + self._cost_line(event) + "\n")
                self._mid_line = False
            if not (self.session.response_active or self.session.awaiting_tools):
                self.turn_over.set()
        elif isinstance(event, ServerError) and event.severity is ErrorSeverity.RECOVERABLE:
            sys.stderr.write(f"Server error: {event.message}\n")
            self.failed_turns += 1
            self.turn_over.set()
        elif isinstance(event, SessionCreated) and self.session.server_sessions > 1:
            self._reconnected()

    def on_status(self, status: LinkStatus) -> None:
        """Reconnect progress goes to stderr, so a waiting terminal is never silent."""
        if status.state is LinkState.RECONNECTING and status.attempt and status.detail:
            sys.stderr.write(f"realtime-assistant: reconnecting: {status.detail}\n")
            sys.stderr.flush()

    def _reconnected(self) -> None:
        if self._mid_line:
            self.out.write("\n")
            self._mid_line = False
        sys.stderr.write("(reconnected; the conversation was restored)\n")
        if not self.session.response_active:
            # The reply was complete when the connection dropped (only its `response.done`
            # was lost), so nothing is owed: the turn is over.
            self.turn_over.set()

    def _text(self, event: TextDelta) -> None:
        if event.item_id != self._streaming:  # a new reply item: a preamble is marked
            self._streaming = event.item_id
            item = self.session.conversation.get(event.item_id)
            if isinstance(item, Message) and item.phase == "commentary":
                self._write(("\n" if self._mid_line else "") + PREAMBLE)
            elif self._mid_line:
                self._write("\n")
        self._write(event.delta)
        self._mid_line = not event.delta.endswith("\n")

    def _call(self, call: ToolCallReady) -> None:
        """Every call gets an output (the reply waits for it): the tool's, or an error."""
        if self.tools is None:
            body = {"error": {"type": "unknown_tool", "message": NO_TOOLS}}
            self._answer(call, json.dumps(body))
            return
        task = asyncio.get_running_loop().create_task(self._run_tool(self.tools, call))
        self.tool_tasks.add(task)
        task.add_done_callback(self.tool_tasks.discard)

    async def _run_tool(self, tools: ToolRegistry, call: ToolCallReady) -> None:
        result = await tools.call(call.name, call.arguments, refuse_approval)
        self._answer(call, result.output)

    def _answer(self, call: ToolCallReady, output: str) -> None:
        self.session.submit_tool_output(call.call_id, output)
        self.flush()

    def failure(self, failure: ConnectionFailed) -> None:
        """With --json, the failure is a JSON object on stdout too (the sentence is on stderr)."""
        self._json({"type": "error", "kind": failure.kind.value, "message": failure.message})

    def summary(self) -> None:
        if self.as_json:
            self._json(summary_json(self.session))
        elif line := summary_line(self.session):
            self.out.write(line + "\n")

    def _cost_line(self, event: ResponseFinished) -> str:
        if self.session.dialect is Dialect.LIVE:  # billed per second: the session so far
            total = dollars_text(self.session.cost.total, True, "session")
            return f"  [{self.session.usage.audio_seconds:.1f} s{total}]"
        turn = dollars_text(event.cost.total, True, "this turn") if event.cost else ""
        session = dollars_text(self.session.cost.total, self.session.cost_complete, "session")
        note = (
            "" if event.cost or not event.usage.total_tokens else " (no price known for this model)"
        )
        return f"  [{tokens_text(event.usage)}{turn}{session if event.cost else ''}{note}]"

    def _json(self, data: dict[str, Any]) -> None:
        self._write(json.dumps(data, ensure_ascii=False) + "\n")

    def _write(self, text: str) -> None:
        """Write text any terminal encoding takes (the core sends valid text; this is the edge)."""
        self.out.write(valid_text(text))
        self.out.flush()


Turn = tuple[str, tuple[Picture, ...]]


async def _lines(given: list[Turn]) -> AsyncIterator[Turn]:
    if given:
        for turn in given:
            yield turn
        return
    loop = asyncio.get_running_loop()
    while True:
        if sys.stdin.isatty():
            sys.stderr.write("you> ")
            sys.stderr.flush()
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line or line.strip() in ("/quit", "/exit"):
            return
        if line.strip():
            yield line.strip(), ()


async def _converse(
    args: argparse.Namespace, client: RealtimeClient, view: TerminalChat, given: list[Turn]
) -> None:
    runner = asyncio.create_task(client.run())
    try:
        async for text, pictures in _lines(given):
            view.turn_over.clear()
            client.session.send_text(text, pictures)
            client.flush()
            turn = asyncio.create_task(view.turn_over.wait())
            done, _ = await asyncio.wait(
                {turn, runner}, timeout=args.reply_timeout, return_when=asyncio.FIRST_COMPLETED
            )
            turn.cancel()
            if runner in done:
                runner.result()  # raises the ConnectionFailed that ended it
            if not done:
                raise _no_reply(client, args.reply_timeout)
    finally:
        await client.close()
        if runner.done():
            runner.result()
        else:
            await runner


def _no_reply(client: RealtimeClient, seconds: float) -> ConnectionFailed:
    """The turn timed out: say what was going on, not only that nothing came."""
    status, host = client.status, client.endpoint.host
    if status.state is LinkState.RECONNECTING and status.detail:
        cause = f"still reconnecting ({status.detail})"
    elif status.state is LinkState.CONNECTED:
        cause = f"{host} is connected but silent"
    else:
        cause = f"not connected to {host}"
    return ConnectionFailed(
        FailureKind.SERVER, f"No reply within {seconds:.0f} seconds: {cause}. Try again later."
    )


async def _chat(args: argparse.Namespace, given: list[Turn]) -> int:
    tools = terminal_tools(args)
    config = replace(CHAT_CONFIG, tools=tool_schemas(tools))
    config = with_session_options(config, args)
    if args.instructions:
        config = replace(config, instructions=args.instructions)
    async with endpoint_of(choose_endpoint(args)) as endpoint:
        refuse_pictures(given, endpoint.dialect)
        session = new_session(config, dialect=endpoint.dialect, model=endpoint.model)
        view = TerminalChat(session, sys.stdout, as_json=args.json, tools=tools)
        with (
            event_log_file(args.event_log) as log,
            recorder_for(args, session, endpoint) as recorder,
        ):
            handlers: list[Callable[[Event], None]] = [view.on_event]
            if recorder is not None:
                handlers.append(recorder.on_event)
            client = RealtimeClient(
                endpoint,
                session,
                fan_out(handlers),
                on_status=view.on_status,
                options=client_options(args.time_scale),
                event_log=log,
            )
            view.flush = client.flush
            try:
                await _converse(args, client, view, given)
            except ConnectionFailed as failure:
                if args.json:
                    view.failure(failure)
                return report_failure(failure)
        view.summary()
    return EXIT_SERVER if view.failed_turns else EXIT_OK


def run(args: argparse.Namespace) -> int:
    given = messages(args)  # pictures are read before connecting: a bad one sends nothing
    return asyncio.run(_chat(args, given))
