"""`realtime-assistant chat`: a text conversation in the terminal, with tokens and cost per turn."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import replace
from typing import Any, TextIO

from assistant.cli.profiles import add_endpoint_options, choose_endpoint
from assistant.cli.runtime import EXIT_OK, EXIT_SERVER, endpoint_of, report_failure
from assistant.realtime import (
    ErrorSeverity,
    Event,
    ItemCompleted,
    ItemKind,
    ResponseFinished,
    ServerError,
    Session,
    SessionConfig,
    SessionCreated,
    TextDelta,
    Usage,
    valid_text,
)
from assistant.store import ConversationRecorder, HistoryStore, StoreError
from assistant.transport import ConnectionFailed, Endpoint, FailureKind, RealtimeClient

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
            self._json(_item_json(event))
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
        usage, cost = self.session.usage, self.session.cost
        priced = self.session.cost_complete
        if self.as_json:
            self._json(
                {
                    "type": "summary",
                    "model": self.session.model,
                    "usage": usage.to_dict(),
                    "cost_usd": round(cost.total, 6) if priced else None,
                }
            )
        elif usage.total_tokens:
            self.out.write(f"Session: {_tokens(usage)}{_dollars(cost.total, priced, 'total')}\n")

    def _cost_line(self, event: ResponseFinished) -> str:
        turn = _dollars(event.cost.total, True, "this turn") if event.cost else ""
        session = _dollars(self.session.cost.total, self.session.cost_complete, "session")
        note = (
            "" if event.cost or not event.usage.total_tokens else " (no price known for this model)"
        )
        return f"  [{_tokens(event.usage)}{turn}{session if event.cost else ''}{note}]"

    def _json(self, data: dict[str, Any]) -> None:
        self._write(json.dumps(data, ensure_ascii=False) + "\n")

    def _write(self, text: str) -> None:
        """Write text any terminal encoding takes (the core sends valid text; this is the edge)."""
        self.out.write(valid_text(text))
        self.out.flush()


def _tokens(usage: Usage) -> str:
    cached = f" ({usage.cached_tokens} cached)" if usage.cached_tokens else ""
    return f"{usage.input_tokens} in{cached} / {usage.output_tokens} out tokens"


def _dollars(amount: float, priced: bool, label: str) -> str:
    return f" · ${amount:.4f} {label}" if priced else ""


def _item_json(event: ItemCompleted) -> dict[str, Any]:
    item = event.item
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
        with _log_file(args.event_log) as log, _recorder(args, session, endpoint) as recorder:
            handlers: list[Callable[[Event], None]] = [view.on_event]
            if recorder is not None:
                handlers.append(recorder.on_event)
            client = RealtimeClient(endpoint, session, _fan_out(handlers), event_log=log)
            try:
                await _converse(args, client, view)
            except ConnectionFailed as failure:
                return report_failure(failure)
        view.summary()
    return EXIT_SERVER if view.failed_turns else EXIT_OK


def _fan_out(handlers: list[Callable[[Event], None]]) -> Callable[[Event], None]:
    def handle(event: Event) -> None:
        for handler in handlers:
            handler(event)

    return handle


@contextlib.contextmanager
def _recorder(
    args: argparse.Namespace, session: Session, endpoint: Endpoint
) -> Iterator[ConversationRecorder | None]:
    """The conversation goes to the history unless --no-history; a broken store only warns."""
    if args.no_history:
        yield None
        return
    try:
        store = HistoryStore.open()
    except StoreError as exc:
        sys.stderr.write(f"History not kept: {exc}\n")
        yield None
        return
    with store:
        recorder = ConversationRecorder(
            store, session, profile=endpoint.provider.value, on_failure=_warn_history
        )
        try:
            yield recorder
        finally:
            if not recorder.flush():  # what met a lock is tried once more before exiting
                _warn_history(f"{recorder.pending} changes could not be saved.")


def _warn_history(message: str) -> None:
    sys.stderr.write(f"History: {message}\n")


@contextlib.contextmanager
def _log_file(path: str | None) -> Iterator[TextIO | None]:
    if path is None:
        yield None
        return
    with open(path, "a", encoding="utf-8") as log:
        yield log


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_chat(args))
