"""No server input can make the GPT-Live core raise or send an invalid client event."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.realtime.live import LiveConfig, LiveSession
from assistant.realtime.live.handlers import HANDLERS
from tests.live import fuzz, wire
from tests.oracle import validate_client_event

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
field_names = st.sampled_from(
    [
        "session",
        "delta",
        "start_ms",
        "end_ms",
        "delegation",
        "delegation_id",
        "event",
        "usage",
        "reason",
        "error",
        "client_event_id",
        "offset_ms",
    ]
)


@st.composite
def server_events(draw: st.DrawFn) -> dict[str, Any]:
    payload: dict[str, Any] = draw(st.dictionaries(field_names, json_values, max_size=6))
    payload["type"] = draw(st.sampled_from(sorted(HANDLERS)) | st.text(max_size=20))
    return payload


@settings(max_examples=300, deadline=None)
@given(st.lists(server_events(), max_size=8))
def test_arbitrary_events_never_raise(events: list[dict[str, Any]]) -> None:
    session = LiveSession(LiveConfig(tools=(fuzz.TOOL,)))
    session.connection_opened()
    session.receive_message(json.dumps(wire.started()))
    session.send_text("hello")
    for index, event in enumerate(events):
        session.receive_message(json.dumps(event))
        session.events_received()
        session.tick(float(index))
    for message in session.messages_to_send():
        validate_client_event(json.loads(message), "live")


def test_mutated_conversations_never_raise() -> None:
    outcome = fuzz.run(count=3000, seed_value=15)
    assert outcome.events == 3000
    assert not outcome.failures, f"{dict(outcome.failures)}: {outcome.examples}"
