"""What every connecting command shares: the demo server, the exit statuses, the event log,
the history, and the session's tokens and cost."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, TextIO

from assistant.app.connection import endpoint_or_demo
from assistant.cli.pictures import pictures_json
from assistant.cli.profiles import Choice, UsageError
from assistant.realtime import (
    ConversationSession,
    Dialect,
    Event,
    FunctionCall,
    FunctionResult,
    Item,
    Message,
    Usage,
)
from assistant.realtime.items import plain_text, role_of, type_name
from assistant.store import ConversationRecorder, HistoryStore, StoreError
from assistant.store.private import private_opener
from assistant.transport import ConnectionFailed, Endpoint, FailureKind

EXIT_OK, EXIT_USAGE, EXIT_AUTH, EXIT_UNREACHABLE, EXIT_SERVER = 0, 2, 3, 4, 5
EXIT_FOR_FAILURE = {
    FailureKind.AUTH: EXIT_AUTH,
    FailureKind.UNREACHABLE: EXIT_UNREACHABLE,
    FailureKind.SERVER: EXIT_SERVER,
}


@contextlib.asynccontextmanager
async def endpoint_of(choice: Choice) -> AsyncIterator[Endpoint]:
    """The chosen endpoint, or the built-in simulator on 127.0.0.1 for the offline demo."""
    if choice.note:
        sys.stderr.write(choice.note + "\n")
    async with endpoint_or_demo(choice.endpoint, live=choice.live_demo) as endpoint:
        yield endpoint


def report_failure(failure: ConnectionFailed) -> int:
    sys.stderr.write(f"realtime-assistant: {failure.message}\n")
    return EXIT_FOR_FAILURE[failure.kind]


def fan_out(handlers: list[Callable[[Event], None]]) -> Callable[[Event], None]:
    """One event handler calling each of `handlers` in turn."""

    def handle(event: Event) -> None:
        for handler in handlers:
            handler(event)

    return handle


@contextlib.contextmanager
def recorder_for(
    args: argparse.Namespace, session: ConversationSession, endpoint: Endpoint
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
def event_log_file(path: str | None) -> Iterator[TextIO | None]:
    """The --event-log file opened for appending (None without the option); a new one is
    created 0600 like the history's logs, since it holds the conversation's text."""
    if path is None:
        yield None
        return
    try:
        log = open(path, "a", encoding="utf-8", opener=private_opener)  # noqa: SIM115  # closed below
    except OSError as exc:  # a usage error (exit 2), before anything connects
        raise UsageError(f"cannot write the event log {path}: {exc.strerror or exc}") from None
    with log:
        yield log


def summary_json(session: ConversationSession) -> dict[str, Any]:
    """The last line of a --json run: model, token usage and cost (None: no price known).

    GPT-Live is billed per second: `seconds` is the billed session time, and `cost_usd` is
    never None for it (the seconds have a price; backend tokens without one are left out,
    and `cost_complete` says so)."""
    priced = session.cost_complete
    summary = {
        "type": "summary",
        "model": session.model,
        "usage": session.usage.to_dict(),
        "cost_usd": round(session.cost.total, 6) if priced else None,
    }
    if session.dialect is Dialect.LIVE:
        summary.update(seconds=round(session.usage.audio_seconds, 3), cost_complete=priced)
        summary["cost_usd"] = round(session.cost.total, 6)
    return summary


def summary_line(session: ConversationSession) -> str:
    """The session's tokens and cost in words ("" before any token was used)."""
    usage, cost = session.usage, session.cost
    if session.dialect is Dialect.LIVE:
        return f"Session: {usage.audio_seconds:.1f} s{dollars_text(cost.total, True, 'total')}"
    if not usage.total_tokens:
        return ""
    return (
        f"Session: {tokens_text(usage)}{dollars_text(cost.total, session.cost_complete, 'total')}"
    )


def tokens_text(usage: Usage) -> str:
    cached = f", {usage.cached_tokens} cached" if usage.cached_tokens else ""
    image = f"{usage.input_image} image" if usage.input_image else ""
    detail = ", ".join(part for part in (image, cached.lstrip(", ")) if part)
    detail = f" ({detail})" if detail else ""
    return f"{usage.input_tokens} in{detail} / {usage.output_tokens} out tokens"


def dollars_text(amount: float, priced: bool, label: str) -> str:
    return f" · ${amount:.4f} {label}" if priced else ""


def item_json(item: Item, truncated: dict[str, int] | None = None) -> dict[str, Any]:
    """One conversation item as a --json line (`chat`, `voice`, `inspect`); `truncated` names
    replies an event log shows the server cut (item id -> milliseconds heard). A reasoning
    model's reply has `phase`; a diarized user transcript `speakers` (speaker, text, seconds);
    a message with pictures `pictures` (name, type, size)."""
    role = role_of(item)
    data: dict[str, Any] = {
        "type": "item",
        "id": item.id,
        "role": role.value if role else None,
        "item_type": type_name(item),
        "text": plain_text(item),
        "status": item.status.value,
    }
    match item:
        case FunctionCall():
            data.update(name=item.name, call_id=item.call_id, arguments=item.arguments)
        case FunctionResult():
            data.update(call_id=item.call_id, output=item.output)
    interrupted = isinstance(item, Message) and item.interrupted
    if isinstance(item, Message) and item.pictures:
        data["pictures"] = pictures_json(item)  # name, type, size: never the bytes
    if isinstance(item, Message) and item.phase:
        data["phase"] = item.phase  # "commentary" (a preamble) or "final_answer"
    if isinstance(item, Message) and item.segments:
        data["speakers"] = [
            {"speaker": s.speaker, "text": s.text, "start": s.start, "end": s.end}
            for s in item.segments
        ]
    truncated = truncated or {}
    if interrupted or item.id in truncated:
        heard = item.heard_ms if isinstance(item, Message) and interrupted else truncated[item.id]
        data.update(interrupted=True, interrupted_at_ms=heard)
    return data
