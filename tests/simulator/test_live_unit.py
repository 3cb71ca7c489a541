"""The simulated GPT-Live session without sockets: whatever a client sends, it answers with
server events the oracle accepts, and never raises."""

from __future__ import annotations

import base64
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.simulator.live_session import LiveSimSession
from tests.oracle import validate_server_event

CLIENT_TYPES = [
    "session.start",
    "session.update",
    "session.input_audio.append",
    "session.input_audio.mute",
    "session.instructions.append",
    "session.thinking.append",
    "session.commentary.append",
    "response.item.create",
    "response.create",
    "session.close",
]
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
fields = st.sampled_from(
    ["session", "audio", "content", "delegation_id", "item", "event_id", "model", "tools"]
)


@st.composite
def client_events(draw: st.DrawFn) -> dict[str, Any]:
    event: dict[str, Any] = draw(st.dictionaries(fields, values, max_size=4))
    event["type"] = draw(st.sampled_from(CLIENT_TYPES) | st.text(max_size=10))
    return event


def started() -> LiveSimSession:
    session = LiveSimSession()
    tool = {"type": "function", "name": "get_current_time", "parameters": {"type": "object"}}
    delegation = {"type": "responses", "responses": {"model": "gpt-5.4-mini", "tools": [tool]}}
    start = {"type": "session.start", "session": {"model": "gpt-live-1", "delegation": delegation}}
    (event,) = session.receive(start)
    assert event["type"] == "session.started"
    return session


def drain(session: LiveSimSession) -> list[dict[str, Any]]:
    events = []
    while (step := session.pump()) is not None:
        events += step.events
    return events


@settings(max_examples=120, deadline=None)
@given(st.lists(client_events(), max_size=6))
def test_any_client_event_gets_valid_server_events(events: list[dict[str, Any]]) -> None:
    session = started()
    for event in events:
        for answer in session.receive(event) + drain(session):
            validate_server_event(answer, "live")


def test_a_typed_question_flows_through_delegation_and_back() -> None:
    session = started()
    typed = {"type": "session.instructions.append", "content": "The user typed: what time?"}
    (error,) = session.receive(typed)  # delegation_id is required (null for general context)
    assert error["error"]["code"] == "missing_required_parameter"
    session.receive({**typed, "delegation_id": None})
    events = drain(session)
    for event in events:
        validate_server_event(event, "live")
    call = next(
        e["event"]["item"]
        for e in events
        if e["type"] == "response.event" and e["event"]["type"] == "response.output_item.done"
    )
    output = {"type": "function_call_output", "call_id": call["call_id"], "output": "12:00"}
    assert session.receive({"type": "response.item.create", "item": output}) == []
    assert session.receive({"type": "response.create"}) == []
    spoken = "".join(
        e["delta"] for e in drain(session) if e["type"] == "session.output_transcript.delta"
    )
    assert spoken == "The tool get_current_time returned: 12:00"


def test_audio_moves_the_timeline_and_appends_land_on_it() -> None:
    session = started()
    audio = base64.b64encode(bytes(48 * 250)).decode()
    assert session.receive({"type": "session.input_audio.append", "audio": audio}) == []
    thinking = {"type": "session.thinking.append", "content": "x", "delegation_id": None}
    (acked,) = session.receive({**thinking, "event_id": "e1"})
    assert (acked["start_ms"], acked["client_event_id"]) == (250, "e1")
