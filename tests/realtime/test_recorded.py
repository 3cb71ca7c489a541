"""Real event sequences logged from Azure's preview service (beta dialect), replayed into the core.

The logs come from the project's seed notes: a VAD audio turn, and a function call whose
arguments stream in 17 deltas followed by a text reply in Japanese.
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.realtime import Dialect, ItemKind, ItemStatus, Session
from assistant.realtime import events as ev
from assistant.realtime.codec import dialect_of_events
from tests.oracle import validate_server_event

DATA = Path(__file__).parent.parent / "data"


def recorded(name: str) -> list[str]:
    return (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()


def play(name: str) -> tuple[Session, list[ev.Event]]:
    session = Session(dialect=Dialect.BETA)
    for line in recorded(name):
        session.receive_message(line)
    return session, session.events_received()


def test_recorded_logs_are_beta_events() -> None:
    for name in ("azure_preview_vad_turn", "azure_preview_function_call"):
        lines = [json.loads(line) for line in recorded(name)]
        for event in lines:
            validate_server_event(event, "beta")
        assert dialect_of_events([e["type"] for e in lines]) is Dialect.BETA


def test_vad_turn_orders_user_then_assistant_with_its_transcript() -> None:
    session, events = play("azure_preview_vad_turn")
    items = session.conversation.items()
    assert [(i.role, i.kind) for i in items] == [
        ("user", ItemKind.MESSAGE),
        ("assistant", ItemKind.MESSAGE),
    ]
    assert items[1].status is ItemStatus.COMPLETED
    assert items[1].text == "こんにちは!今日はどんなお手伝いが必要ですか?"  # the logged transcript
    assert not any(isinstance(e, ev.UnknownEvent | ev.MalformedMessage) for e in events)


def test_function_call_with_streamed_arguments_then_text_reply() -> None:
    session, events = play("azure_preview_function_call")
    deltas = [e.delta for e in events if isinstance(e, ev.ToolCallArgumentsDelta)]
    assert len(deltas) == 17
    (ready,) = [e for e in events if isinstance(e, ev.ToolCallReady)]
    assert ready.name == "get_weather"
    assert json.loads(ready.arguments) == {"location": "Tokyo", "scale": "celsius"}
    assert "".join(deltas) == ready.arguments
    kinds = [i.kind for i in session.conversation.items()]
    assert kinds == [
        ItemKind.MESSAGE,
        ItemKind.FUNCTION_CALL,
        ItemKind.FUNCTION_CALL_OUTPUT,
        ItemKind.MESSAGE,
    ]
    reply = session.conversation.items()[-1]
    assert reply.text.startswith("東京の天気は雨")
    assert reply.status is ItemStatus.COMPLETED
