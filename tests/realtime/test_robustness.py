"""No server input can make the core raise: every message becomes state or an event."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.realtime import Dialect, MalformedMessage, Session, SessionConfig
from assistant.realtime import events as ev
from assistant.realtime.handlers import HANDLERS
from tests.realtime import fuzz, wire

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


@pytest.mark.parametrize("dialect", [Dialect.GA, Dialect.BETA])
@settings(max_examples=20, deadline=None, derandomize=True)
@given(st.integers(0, 2**32 - 1))
def test_mutated_schema_valid_events_never_raise(dialect: Dialect, seed: int) -> None:
    """The quick run of `fuzz` (the long one: bench/fuzz_bench.py): conversations of valid
    events, about a third of them mutated, with the app's commands in between."""
    outcome = fuzz.run(dialect, 150, seed)
    assert outcome.events == 150
    assert outcome.failures == {}, outcome.examples


def test_lists_of_the_wrong_type_are_ignored() -> None:
    """Found by hypothesis: `rate_limits: true` and `output: 1` once raised TypeError."""
    session = primed_session()
    session.receive_message(json.dumps({"type": "rate_limits.updated", "rate_limits": True}))
    session.receive_message(json.dumps({"type": "response.done", "response": {"output": 1}}))
    assert len(session.events_received()) >= 2


# Hostile but well-formed input (issue 12): each of these once raised out of receive_message.


def _reply_still_works(session: Session) -> None:
    """The conversation goes on: a reply after the hostile message is received in full."""
    session.events_received()
    item = wire.message("item_after", "assistant", "still here")
    session.receive_message(wire.item_done(item, session.conversation.ids()[-1]))
    texts = [i.text for i in session.conversation.items()]
    assert texts[-1] == "still here"


def test_deeply_nested_json_is_a_malformed_message() -> None:
    session = primed_session()
    deep = '{"type":"response.done","response":' + "[" * 100_000 + "]" * 100_000 + "}"
    assert session.receive_message(deep) is None
    malformed = [e for e in session.events_received() if isinstance(e, MalformedMessage)]
    assert [e.reason for e in malformed] == ["nested too deeply"]
    _reply_still_works(session)


def test_nesting_under_the_parser_limit_but_beyond_any_real_event_is_malformed() -> None:
    session = primed_session()
    deep = '{"type":"session.updated","session":' + "[" * 500 + "]" * 500 + "}"
    assert session.receive_message(deep) is None
    assert any(isinstance(e, MalformedMessage) for e in session.events_received())


@pytest.mark.parametrize("number", ["Infinity", "-Infinity", "NaN", "1e400", "-1e400"])
def test_numbers_json_cannot_carry_read_as_absent(number: str) -> None:
    session = primed_session()
    messages = [
        '{"type":"conversation.item.truncated","item_id":"a","audio_end_ms":%s}',
        '{"type":"input_audio_buffer.speech_started","item_id":"a","audio_start_ms":%s}',
        '{"type":"rate_limits.updated","rate_limits":'
        '[{"name":"tokens","limit":%s,"remaining":%s,"reset_seconds":%s}]}',
    ]
    for message in messages:
        session.receive_message(message.replace("%s", number))
    events = session.events_received()
    assert ev.ItemTruncated("a", 0) in events
    assert ev.SpeechStarted("a", 0) in events
    assert ev.RateLimitsUpdated((("tokens", 0, 0, 0.0),)) in events
    _reply_still_works(session)


@pytest.mark.parametrize("number", ["Infinity", "NaN", "1e400", "1" + "0" * 400])
def test_usage_with_absurd_numbers_keeps_the_cost_finite(number: str) -> None:
    session = primed_session()
    session.receive_message(wire.response_created("resp_1"))
    usage = '{"input_tokens":N,"output_tokens":N,"input_token_details":{"text_tokens":N}}'
    response = '{"id":"resp_1","status":"completed","output":[],"usage":' + usage + "}"
    done = '{"type":"response.done","response":' + response + "}"
    session.receive_message(done.replace("N", number))
    transcribed = (
        '{"type":"conversation.item.input_audio_transcription.completed","item_id":"x",'
        '"content_index":0,"transcript":"hi","usage":{"type":"duration","seconds":N}}'
    )
    session.receive_message(transcribed.replace("N", number))
    finished = [e for e in session.events_received() if isinstance(e, ev.ResponseFinished)]
    assert [e.usage.total_tokens for e in finished] == [0]
    assert math.isfinite(session.cost.total)
    assert session.usage.audio_seconds == 0.0
    _reply_still_works(session)


def test_an_item_placed_after_itself_goes_to_the_end_once() -> None:
    session = primed_session()
    item = wire.message("item_self", "user", "me")
    session.receive_message(wire.item_added(item, "item_self"))
    ids = session.conversation.ids()
    assert ids.count("item_self") == 1 and ids[-1] == "item_self"
    assert [i.id for i in session.conversation.items()] == ids
    session.connection_lost()
    session.receive_message(wire.session_created())  # the replay reads every item
    replayed = [json.loads(m) for m in session.messages_to_send()]
    assert "item_self" in [m.get("item", {}).get("id") for m in replayed]
    _reply_still_works(session)


@pytest.mark.parametrize("expires_at", ["1" + "0" * 400, "1e400", "NaN"])
def test_an_absurd_expiry_is_no_expiry(expires_at: str) -> None:
    """A 400-digit `expires_at` once overflowed the transport's rollover arithmetic."""
    session = Session(SessionConfig(), model="gpt-realtime")
    created = wire.session_created().replace("1900000000", expires_at)
    session.receive_message(created)
    assert session.connected and session.expires_at is None
