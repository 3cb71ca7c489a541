"""`realtime-assistant chat`: a text conversation in the terminal, with tokens and cost per turn."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from typing import Any, TextIO

from assistant.cli.profiles import add_endpoint_options, choose_endpoint
from assistant.cli.runtime import (
    EXIT_OK,
    EXIT_SERVER,
    dollars_text,
    endpoint_of,
    event_log_file,
    fan_out,
    recorder_for,
    report_failure,
    summary_json,
    summary_line,
    tokens_text,
)
from assistant.realtime import (
    ErrorSeverity,
    Event,
    Item,
    ItemCompleted,
    ItemKind,
    ResponseFinished,
    ServerError,
    Session,
    SessionConfig,
    SessionCreated,
    TextDelta,
    valid_text,
)
from assistant.transport import ConnectionFailed, FailureKind, RealtimeClient

CHAT_CONFIG = SessionConfig(output="text", turn_detection=None, transcription=None)
TURN_TIMEOUT = 180.0


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("chat", help="text conversation in the terminal")
    add_endpoint_options(parser)
    parser.add_argument("--text", action="append", help="send this message (repeatable)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--instructions", help="system instructions for the model")
    parser.add_argument("--event-log", metavar="FILE", help="record the session events (JSONL)")
    parser.add_argument(
        "--no-history", action="store_true", help="do not keep this conversation in the history"
    )
    parser.set_defaults(run=run)


class ChatView:
    """Prints the conversation as events arrive and tells the runner when a reply ended."""

    def __init__(self, session: Session, out: TextIO, *, as_json: bool) -> None:
        self.session, self.out, self.as_json = session, out, as_json
        self.turn_over = asyncio.Event()
        self.failed_turns = 0

    def on_event(self, event: Event) -> None:
        if isinstance(event, TextDelta) and not self.as_json:
            self._write(event.delta)
        elif isinstance(event, ItemCompleted) and self.as_json:
            self._json(item_json(event.item))
        elif isinstance(event, ResponseFinished):
            if not self.as_json:
                self.out.write("\n" + self._cost_line(event) + "\n")
            self.turn_over.set()
        elif isinstance(event, ServerError) and event.severity is ErrorSeverity.RECOVERABLE:
            sys.stderr.write(f"Server error: {event.message}\n")
            self.failed_turns += 1
            self.turn_over.set()
        elif isinstance(event, SessionCreated) and self.session.server_sessions > 1:
            sys.stderr.write("(reconnected; the conversation was restored)\n")

    def summary(self) -> None:
        if self.as_json:
            self._json(summary_json(self.session))
        elif line := summary_line(self.session):
            self.out.write(line + "\n")

    def _cost_line(self, event: ResponseFinished) -> str:
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


def item_json(item: Item) -> dict[str, Any]:
    """One conversation item as a --json line."""
    data: dict[str, Any] = {
        "type": "item",
        "id": item.id,
        "role": item.role,
        "item_type": item.type_name,
        "text": item.shown_text,
        "status": item.status.value,
    }
    if item.interrupted:
        data["interrupted_at_ms"] = item.heard_ms
    if item.kind is ItemKind.FUNCTION_CALL:
        data.update(name=item.name, arguments=item.arguments)
    return data


async def _lines(args: argparse.Namespace) -> AsyncIterator[str]:
    if args.text:
        for text in args.text:
            yield text
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
            yield line.strip()


async def _converse(args: argparse.Namespace, client: RealtimeClient, view: ChatView) -> None:
    runner = asyncio.create_task(client.run())
    try:
        async for text in _lines(args):
            view.turn_over.clear()
            client.session.send_text(text)
            client.flush()
            turn = asyncio.create_task(view.turn_over.wait())
            done, _ = await asyncio.wait(
                {turn, runner}, timeout=TURN_TIMEOUT, return_when=asyncio.FIRST_COMPLETED
            )
            turn.cancel()
            if runner in done:
                runner.result()  # raises the ConnectionFailed that ended it
            if not done:
                message = f"No reply within {TURN_TIMEOUT:.0f} seconds. Try again later."
                raise ConnectionFailed(FailureKind.SERVER, message)
    finally:
        await client.close()
        if runner.done():
            runner.result()
        else:
            await runner


async def _chat(args: argparse.Namespace) -> int:
    config = (
        replace(CHAT_CONFIG, instructions=args.instructions) if args.instructions else CHAT_CONFIG
    )
    async with endpoint_of(choose_endpoint(args)) as endpoint:
        session = Session(config, dialect=endpoint.dialect, model=endpoint.model)
        view = ChatView(session, sys.stdout, as_json=args.json)
        with (
            event_log_file(args.event_log) as log,
            recorder_for(args, session, endpoint) as recorder,
        ):
            handlers: list[Callable[[Event], None]] = [view.on_event]
            if recorder is not None:
                handlers.append(recorder.on_event)
            client = RealtimeClient(endpoint, session, fan_out(handlers), event_log=log)
            try:
                await _converse(args, client, view)
            except ConnectionFailed as failure:
                return report_failure(failure)
        view.summary()
    return EXIT_SERVER if view.failed_turns else EXIT_OK


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_chat(args))
