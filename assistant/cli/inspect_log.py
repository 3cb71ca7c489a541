"""`realtime-assistant inspect LOG.jsonl`: rebuild a conversation from a session event log.

Any file is read without a traceback: bytes that are not UTF-8 become U+FFFD, lines that are
not JSON (or nest too deep to parse) are skipped, elided audio lengths outside 0..16 MiB
count as no audio, and text is printed with lone surrogates replaced.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
from pathlib import Path
from typing import Any

from assistant.cli.history import item_line
from assistant.cli.runtime import EXIT_OK, EXIT_USAGE, item_json
from assistant.realtime import (
    ConversationSession,
    Dialect,
    Message,
    SessionConfig,
    new_session,
    valid_text,
)
from assistant.realtime.codec import dialect_of_events
from assistant.realtime.eventlog import read_server_events
from assistant.realtime.events import ItemTruncated

MAX_ELIDED = 16 * 1024 * 1024  # no audio delta is larger than a frame the client accepts


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("inspect", help="show the conversation recorded in an event log")
    parser.add_argument("log", help="a JSONL event log (or raw server events, one per line)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.set_defaults(run=run)


def _restore_audio(event: dict[str, Any]) -> dict[str, Any]:
    """Elided audio deltas become silence of the same length, so durations stay right."""
    delta = event.get("delta")
    if isinstance(delta, dict) and "elided_bytes" in delta:
        size = delta["elided_bytes"]
        valid = isinstance(size, int) and not isinstance(size, bool) and 0 <= size <= MAX_ELIDED
        silence = base64.b64encode(bytes(size if valid else 0)).decode("ascii")
        return {**event, "delta": silence}
    return event


class Rebuilt:
    """The session a log replays into, the server's truncations, and the lines it skipped."""

    def __init__(self, session: ConversationSession) -> None:
        self.session = session
        self.truncated: dict[str, int] = {}  # item id -> audio_end_ms the server confirmed
        self.skipped = 0


def rebuild(lines: list[str]) -> Rebuilt:
    events = list(read_server_events(lines))
    dialect = dialect_of_events([str(e.get("type")) for e in events])
    rebuilt = Rebuilt(new_session(SessionConfig(), dialect=dialect, model=None))
    for event in events:
        try:
            rebuilt.session.receive_message(json.dumps(_restore_audio(event)))
        except Exception:  # one bad line costs that line, never the command
            rebuilt.skipped += 1
        _note_truncations(rebuilt)
    if dialect is Dialect.LIVE:  # a Live reply ends in quiet, not in an event: let time pass
        rebuilt.session.tick(0.0)
        rebuilt.session.tick(LONG_AFTER)
        _note_truncations(rebuilt)
    return rebuilt


LONG_AFTER = 3600.0  # seconds: any reply still open in a Live log is over by then


def _note_truncations(rebuilt: Rebuilt) -> None:
    for happened in rebuilt.session.events_received():
        if isinstance(happened, ItemTruncated):
            rebuilt.truncated[happened.item_id] = happened.audio_end_ms


def _read_lines(path: str) -> list[str]:
    return Path(path).read_bytes().decode("utf-8", errors="replace").splitlines()


def run(args: argparse.Namespace) -> int:
    try:
        lines = _read_lines(args.log)
    except OSError as exc:
        sys.stderr.write(f"realtime-assistant: cannot read {args.log}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    rebuilt = rebuild(lines)
    session = rebuilt.session
    items = session.conversation.items()
    cost = session.cost.total if session.cost_complete else None
    if rebuilt.skipped:
        sys.stderr.write(f"realtime-assistant: skipped {rebuilt.skipped} unreadable events\n")
    if args.json:
        for item in items:
            print(valid_text(json.dumps(item_json(item, rebuilt.truncated), ensure_ascii=False)))
        summary = {
            "type": "summary",
            "dialect": session.dialect.value,
            "model": session.model,
            "usage": session.usage.to_dict(),
            "cost_usd": cost,
        }
        if session.dialect is Dialect.LIVE:
            summary["seconds"] = session.usage.audio_seconds
        print(valid_text(json.dumps(summary, ensure_ascii=False)))
        return EXIT_OK
    model = session.model or "unknown"
    print(valid_text(f"{len(items)} items ({session.dialect.value} protocol, model {model})"))
    for item in items:
        line = item_line(item)
        cut_here = isinstance(item, Message) and item.interrupted
        if not cut_here and item.id in rebuilt.truncated:
            line += f"  [interrupted at {rebuilt.truncated[item.id] / 1000:.1f} s]"
        print(valid_text(line))
    usage = session.usage
    price = f", ${cost:.4f}" if cost is not None else " (no price known)"
    if session.dialect is Dialect.LIVE:
        print(f"billed: {usage.audio_seconds:.1f} s of session{price}")
    print(
        f"usage: {usage.input_tokens} in ({usage.cached_tokens} cached) / "
        f"{usage.output_tokens} out tokens{price}"
    )
    return EXIT_OK
