"""No server input can make the core raise: every message becomes state or an event."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.realtime import Session, SessionConfig
from assistant.realtime.handlers import HANDLERS
from tests.realtime import wire

scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)
known_types = st.sampled_from(sorted(HANDLERS))
field_names = st.sampled_from(
    [
        "item",
        "item_id",
        "response",
        "response_id",
        "delta",
        "previous_item_id",
        "error",
        "session",
        "usage",
        "transcript",
        "text",
        "arguments",
        "call_id",
        "rate_limits",
        "output",
    ]
)


@st.composite
def server_events(draw: st.DrawFn) -> dict[str, Any]:
    payload: dict[str, Any] = draw(st.dictionaries(field_names, json_values, max_size=6))
    payload["type"] = draw(known_types | st.text(max_size=20))
    return payload


def primed_session() -> Session:
    session = Session(SessionConfig(), model="gpt-realtime")
    session.receive_message(wire.session_created())
    session.send_text("hello")
    return session


@settings(max_examples=400, deadline=None)
@given(st.lists(server_events(), max_size=12))
def test_random_server_events_never_raise(events: list[dict[str, Any]]) -> None:
    session = primed_session()
    for payload in events:
        session.receive_message(json.dumps(payload))
    session.events_received()
    session.interrupt(123)
    session.connection_lost()
    session.receive_message(wire.session_created())
    assert all(isinstance(m, str) for m in session.messages_to_send())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=64) | st.text(max_size=64))
def test_random_bytes_never_raise(message: bytes | str) -> None:
    session = primed_session()
    session.receive_message(message)
    assert session.events_received()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(sorted(HANDLERS)), max_size=30), st.integers(0, 5000))
def test_well_formed_sequences_keep_invariants(kinds: list[str], played: int) -> None:
    """Events with plausible ids in any order: items stay unique and at most one reply runs."""
    session = primed_session()
    for index, kind in enumerate(kinds):
        item = wire.message(f"item_{index % 4}", "assistant", "x", status="in_progress")
        payload = {
            "type": kind,
            "item": item,
            "item_id": item["id"],
            "response_id": "resp_1",
            "response": {"id": f"resp_{index % 2}", "status": "completed", "output": []},
            "delta": "AAAA",
            "previous_item_id": None,
        }
        session.receive_message(json.dumps(payload))
    session.interrupt(played)
    ids = [i.id for i in session.conversation.items()]
    assert len(ids) == len(set(ids))
    creates = [m for m in session.messages_to_send() if '"response.create"' in m]
    assert len(creates) <= 2  # the initial request and at most one deferred


def test_lists_of_the_wrong_type_are_ignored() -> None:
    """Found by hypothesis: `rate_limits: true` and `output: 1` once raised TypeError."""
    session = primed_session()
    session.receive_message(json.dumps({"type": "rate_limits.updated", "rate_limits": True}))
    session.receive_message(json.dumps({"type": "response.done", "response": {"output": 1}}))
    assert len(session.events_received()) >= 2
