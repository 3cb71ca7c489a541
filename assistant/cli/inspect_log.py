"""`realtime-assistant inspect LOG.jsonl`: rebuild a conversation from a session event log."""

from __future__ import annotations

import argparse
import base64
import json
import sys
from pathlib import Path
from typing import Any

from assistant.cli.history import item_line
from assistant.cli.runtime import EXIT_OK, EXIT_USAGE
from assistant.realtime import Session, SessionConfig
from assistant.realtime.codec import dialect_of_events
from assistant.realtime.eventlog import read_server_events


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("inspect", help="show the conversation recorded in an event log")
    parser.add_argument("log", help="a JSONL event log (or raw server events, one per line)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.set_defaults(run=run)


def _restore_audio(event: dict[str, Any]) -> dict[str, Any]:
    """Elided audio deltas become silence of the same length, so durations stay right."""
    delta = event.get("delta")
    if isinstance(delta, dict) and isinstance(delta.get("elided_bytes"), int):
        silence = base64.b64encode(bytes(delta["elided_bytes"])).decode("ascii")
        return {**event, "delta": silence}
    return event


def rebuild(lines: list[str]) -> Session:
    events = list(read_server_events(lines))
    dialect = dialect_of_events([str(e.get("type")) for e in events])
    session = Session(SessionConfig(), dialect=dialect)
    for event in events:
        session.receive_message(json.dumps(_restore_audio(event)))
    session.events_received()
    return session


def run(args: argparse.Namespace) -> int:
    try:
        lines = Path(args.log).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        sys.stderr.write(f"realtime-assistant: cannot read {args.log}: {exc.strerror}\n")
        return EXIT_USAGE
    session = rebuild(lines)
    items = session.conversation.items()
    cost = session.cost.total if session.cost_complete else None
    if args.json:
        for item in items:
            print(
                json.dumps(
                    {
                        "type": "item",
                        "id": item.id,
                        "role": item.role,
                        "item_type": item.type_name,
                        "text": item.shown_text,
                        "status": item.status.value,
                    },
                    ensure_ascii=False,
                )
            )
        print(
            json.dumps(
                {
                    "type": "summary",
                    "dialect": session.dialect.value,
                    "model": session.model,
                    "usage": session.usage.to_dict(),
                    "cost_usd": cost,
                }
            )
        )
        return EXIT_OK
    print(
        f"{len(items)} items ({session.dialect.value} protocol, model {session.model or 'unknown'})"
    )
    for item in items:
        print(item_line(item))
    usage = session.usage
    price = f", ${cost:.4f}" if cost is not None else " (no price known)"
    print(
        f"usage: {usage.input_tokens} in ({usage.cached_tokens} cached) / "
        f"{usage.output_tokens} out tokens{price}"
    )
    return EXIT_OK
