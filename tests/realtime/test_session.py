"""The sans-I/O session fed with GA event sequences built from the protocol reference."""

from __future__ import annotations

import json
from itertools import count
from typing import Any

import pytest

from assistant.realtime import (
    Dialect,
    ItemStatus,
    Role,
    ServerVad,
    Session,
    SessionConfig,
)
from assistant.realtime import events as ev
from tests.oracle import validate_client_event
from tests.realtime import wire


def new_session(config: SessionConfig | None = None, **kwargs: Any) -> Session:
    ids = count(1)
    return Session(config, new_item_id=lambda: f"item_local{next(ids)}", **kwargs)


def connected(config: SessionConfig | None = None, **kwargs: Any) -> Session:
    session = new_session(config, **kwargs)
    session.receive_message(wire.session_created())
    sent(session)
    session.events_received()
    return session


def sent(session: Session, dialect: str = "ga") -> list[dict[str, Any]]:
    """Drain the outbox, checking every client event against the openai models."""
    messages = [json.loads(m) for m in session.messages_to_send()]
    for message in messages:
        validate_client_event(message, dialect)  # type: ignore[arg-type]
    return messages


def types(messages: list[dict[str, Any]]) -> list[str]:
    return [m["type"] for m in messages]


def feed(session: Session, *messages: str) -> list[ev.Event]:
    for message in messages:
        session.receive_message(message)
    return session.events_received()


def audio_reply(
    response_id: str, item_id: str, previous: str, words: list[str], ms_per_word: int = 100
) -> list[str]:
    """A complete spoken reply: one audio chunk and one transcript delta per word."""
    item = wire.message(item_id, "assistant", status="in_progress")
    seq = [
        wire.response_created(response_id),
        wire.output_item_added(response_id, item),
        wire.item_added(item, previous),
    ]
    for word in words:
        seq.append(wire.transcript_delta(response_id, item_id, word))
        seq.append(wire.audio_delta(response_id, item_id, ms_per_word))
    done = {**wire.message(item_id, "assistant"), "content": [{"type": "output_audio"}]}
    seq += [
        wire.audio_done(response_id, item_id),
        wire.transcript_done(response_id, item_id, "".join(words)),
        wire.output_item_done(response_id, done),
        wire.response_done(response_id, [done]),
    ]
    return seq


def test_first_session_created_sends_the_ga_config() -> None:
    session = new_session(SessionConfig(voice="cedar", turn_detection=None))
    assert session.messages_to_send() == []  # nothing before a server session exists
    events = feed(session, wire.session_created(model="gpt-realtime-2025-08-28"))
    assert events == [ev.SessionCreated("sess_1", "gpt-realtime-2025-08-28", 1_900_000_000)]
    (update,) = sent(session)
    assert update["type"] == "session.update"
    assert update["session"]["type"] == "realtime"
    assert update["session"]["audio"]["output"]["voice"] == "cedar"
    assert update["session"]["audio"]["input"]["turn_detection"] is None
    assert session.connected and session.expires_at == 1_900_000_000


def test_text_turn_streams_reply_and_prices_it() -> None:
    session = connected()
    user_id = session.send_text("hello")
    assert types(sent(session)) == ["conversation.item.create", "response.create"]
    (shown,) = session.events_received()
    assert isinstance(shown, ev.ItemAdded) and shown.item.status is ItemStatus.PENDING
    added = feed(session, wire.item_added(wire.message(user_id, "user", "hello"), None))
    assert [type(e) for e in added] == [ev.ItemCompleted]
    events = feed(session, *audio_reply("resp_1", "item_a", user_id, ["Hi", " there"]))
    deltas = [e.delta for e in events if isinstance(e, ev.TextDelta)]
    assert deltas == ["Hi", " there"]
    assert sum(len(e.pcm) for e in events if isinstance(e, ev.AudioDelta)) == 2 * 4800
    finished = [e for e in events if isinstance(e, ev.ResponseFinished)]
    assert finished[0].usage.input_audio == 476 and finished[0].usage.cached_audio == 384
    # gpt-realtime: text in 4.00, cached 0.40, out 16.00; audio in 32, cached 0.40, out 64 per 1M
    expected = (57 * 4 + 256 * 0.4 + 9 * 16 + 92 * 32 + 384 * 0.4 + 23 * 64) / 1e6
    assert finished[0].cost is not None
    assert finished[0].cost.total == pytest.approx(expected)
    items = session.conversation.items()
    assert [(i.role, i.text, i.status) for i in items] == [
        ("user", "hello", ItemStatus.COMPLETED),
        ("assistant", "Hi there", ItemStatus.COMPLETED),
    ]
    assert items[1].audio_ms == 200


def test_unknown_model_shows_tokens_without_cost() -> None:
    session = new_session()
    feed(session, wire.session_created(model="my-azure-deployment"))
    events = feed(session, *audio_reply("resp_1", "item_a", "x", ["ok"]))
    finished = next(e for e in events if isinstance(e, ev.ResponseFinished))
    assert finished.cost is None and finished.usage.total_tokens == 821
    assert not session.cost_complete


def test_items_follow_previous_item_id_not_arrival_order() -> None:
    session = connected()
    a = wire.message("item_a", "assistant", status="in_progress")
    feed(
        session,
        wire.output_item_added("resp_1", a),  # no position yet: shown at the end
        wire.item_added(wire.message("item_u1", "user", "first"), None),
        wire.item_added(wire.message("item_u2", "user", "second"), "item_a"),
        wire.item_added(a, "item_u1"),  # now it moves between the two user items
    )
    assert [i.id for i in session.conversation.items()] == ["item_u1", "item_a", "item_u2"]


def test_late_and_early_user_transcripts_attach_to_their_item() -> None:
    session = connected(SessionConfig())
    audio_item = {**wire.message("item_u", "user"), "content": [{"type": "input_audio"}]}
    feed(session, wire.item_added(audio_item, None))
    feed(session, *audio_reply("resp_1", "item_a", "item_u", ["Sure"]))
    late = wire.event(
        "conversation.item.input_audio_transcription.completed",
        item_id="item_u",
        content_index=0,
        transcript="what time is it",
        usage={"type": "duration", "seconds": 2.0},
    )
    early = wire.event(
        "conversation.item.input_audio_transcription.completed",
        item_id="item_u2",
        content_index=0,
        transcript="and the date",
        usage={"type": "duration", "seconds": 1.0},
    )
    events = feed(session, late, early)
    assert ev.UserTranscriptCompleted("item_u", "what time is it") in events
    feed(session, wire.item_added({**audio_item, "id": "item_u2"}, "item_a"))
    texts = [(i.id, i.text) for i in session.conversation.items()]
    assert texts == [("item_u", "what time is it"), ("item_a", "Sure"), ("item_u2", "and the date")]


def test_response_create_is_sequenced_and_coalesced() -> None:
    session = connected()
    first = session.send_text("one")
    assert types(sent(session)) == ["conversation.item.create", "response.create"]
    feed(session, wire.response_created("resp_1"))
    session.send_text("two")
    session.send_text("three")
    assert types(sent(session)) == ["conversation.item.create"] * 2  # no create while active
    feed(session, *audio_reply("resp_1", "item_a", first, ["ok"])[1:])
    assert types(sent(session)) == ["response.create"]  # one create answers both
    assert session.response_active


def test_server_started_response_settles_a_racing_create() -> None:
    session = connected()
    session.request_response()
    assert types(sent(session)) == ["response.create"]
    msg = "Conversation already has an active response in progress: resp_9."
    events = feed(session, wire.error("conversation_already_has_active_response", msg))
    assert events[0].severity is ev.ErrorSeverity.BENIGN  # type: ignore[union-attr]
    feed(session, *audio_reply("resp_9", "item_a", "x", ["hi"]))
    assert sent(session) == []  # not retried: the server's own reply answered it
    assert not session.response_active


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("response_cancel_not_active", "Cancellation failed: no active response found"),
        ("input_audio_buffer_commit_empty", "buffer too small. Expected at least 100ms"),
        ("invalid_value", "Audio content of 300ms is already shorter than 900ms"),
        (None, "Conversation already has an active response"),
    ],
)
def test_benign_errors_never_break_the_session(code: str | None, message: str) -> None:
    session = connected()
    (error,) = feed(session, wire.error(code, message))
    assert isinstance(error, ev.ServerError) and error.severity is ev.ErrorSeverity.BENIGN
    session.send_text("still here")
    assert "conversation.item.create" in types(sent(session))


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("invalid_api_key", ev.ErrorSeverity.FATAL),
        ("insufficient_quota", ev.ErrorSeverity.FATAL),
        ("session_expired", ev.ErrorSeverity.EXPIRED),
        ("server_error", ev.ErrorSeverity.RECOVERABLE),
    ],
)
def test_error_severity(code: str, severity: ev.ErrorSeverity) -> None:
    (error,) = feed(connected(), wire.error(code, "x", event_id="evt_3"))
    assert isinstance(error, ev.ServerError)
    assert (error.severity, error.client_event_id) == (severity, "evt_3")


def start_audio_reply(session: Session, ms: int) -> None:
    item = wire.message("item_a", "assistant", status="in_progress")
    feed(
        session,
        wire.response_created("resp_1"),
        wire.output_item_added("resp_1", item),
        wire.transcript_delta("resp_1", "item_a", "one two three four"),
        wire.audio_delta("resp_1", "item_a", ms),
    )


def test_interrupt_truncates_at_heard_ms_and_cancels() -> None:
    session = connected(SessionConfig(turn_detection=None))
    start_audio_reply(session, 1000)
    interrupted = session.interrupt(played_ms=500.7)
    assert interrupted == ev.Interrupted("item_a", 500, 1000)
    out = sent(session)
    assert types(out) == ["response.cancel", "conversation.item.truncate"]
    assert out[1]["audio_end_ms"] == 500 and out[1]["item_id"] == "item_a"
    assert session.events_received() == [interrupted]
    late = feed(session, wire.audio_delta("resp_1", "item_a", 100))
    assert late == []  # the rest of the interrupted reply is dropped
    item = session.conversation.get("item_a")
    assert item is not None and item.interrupted and item.heard_text == "one two"


def test_interrupt_clamps_to_received_audio_and_leaves_cancel_to_server_vad() -> None:
    session = connected(SessionConfig(turn_detection=ServerVad(interrupt_response=True)))
    start_audio_reply(session, 300)
    feed(session, wire.event("input_audio_buffer.speech_started", audio_start_ms=10, item_id="u"))
    interrupted = session.interrupt(played_ms=900)  # the speaker reports more than arrived
    assert interrupted is not None and interrupted.heard_ms == 300
    out = sent(session)
    assert types(out) == ["conversation.item.truncate"]  # the server cancels by itself
    assert out[0]["audio_end_ms"] == 300


def test_interrupt_after_everything_was_heard_cuts_nothing() -> None:
    session = connected()
    feed(session, *audio_reply("resp_1", "item_a", "x", ["done"]))
    assert session.interrupt(played_ms=100) is None
    assert sent(session) == []


def test_tool_call_flow_answers_with_output_then_one_create() -> None:
    session = connected()
    calls = [
        wire.function_call("item_f1", "call_1", "get_time", '{"tz":"UTC"}'),
        wire.function_call("item_f2", "call_2", "get_date", "{}"),
    ]
    events = feed(
        session,
        wire.response_created("resp_1"),
        wire.output_item_added("resp_1", {**calls[0], "status": "in_progress", "arguments": ""}),
        wire.event(
            "response.function_call_arguments.delta",
            response_id="resp_1",
            item_id="item_f1",
            output_index=0,
            call_id="call_1",
            delta='{"tz":',
        ),
        wire.output_item_done("resp_1", calls[0]),
        wire.output_item_done("resp_1", calls[1]),
    )
    ready = [e for e in events if isinstance(e, ev.ToolCallReady)]
    assert [(r.call_id, r.name, r.arguments) for r in ready] == [
        ("call_1", "get_time", '{"tz":"UTC"}'),
        ("call_2", "get_date", "{}"),
    ]
    session.submit_tool_output("call_1", "12:00")
    assert types(sent(session)) == ["conversation.item.create"]  # call_2 still open
    session.submit_tool_output("call_2", "2026-11-21")
    out = sent(session)
    assert out[0]["item"] == {
        "id": "item_local2",
        "type": "function_call_output",
        "call_id": "call_2",
        "output": "2026-11-21",
    }
    feed(session, wire.response_done("resp_1", calls))
    assert types(sent(session)) == ["response.create"]


def test_a_message_typed_while_a_tool_runs_waits_for_its_output() -> None:
    session = connected()
    call = wire.function_call("item_f1", "call_1", "slow_lookup", "{}")
    feed(
        session,
        wire.response_created("resp_1"),
        wire.output_item_done("resp_1", call),
        wire.response_done("resp_1", [call]),
    )
    sent(session)
    session.send_text("and also, what is 2+2?")
    assert types(sent(session)) == ["conversation.item.create"]  # no reply without the output
    session.submit_tool_output("call_1", '{"found": true}')
    assert types(sent(session)) == ["conversation.item.create", "response.create"]


def test_a_repeated_done_for_a_call_runs_it_once_and_the_reply_is_not_held_back() -> None:
    session = connected()
    call = wire.function_call("item_f1", "call_1", "get_time", "{}")
    events = feed(
        session,
        wire.response_created("resp_1"),
        wire.output_item_done("resp_1", call),
        wire.output_item_done("resp_1", call),
    )
    assert [e.call_id for e in events if isinstance(e, ev.ToolCallReady)] == ["call_1"]
    session.submit_tool_output("call_1", "12:00")
    late = feed(session, wire.output_item_done("resp_1", call))  # after the output was sent
    assert not any(isinstance(e, ev.ToolCallReady) for e in late)
    feed(session, wire.response_done("resp_1", [call]))
    assert types(sent(session)) == ["conversation.item.create", "response.create"]


def test_cancelled_tool_call_is_not_run() -> None:
    session = connected()
    call = wire.function_call("item_f", "call_1", "x", "{", status="incomplete")
    events = feed(session, wire.response_created("r"), wire.output_item_done("r", call))
    assert not any(isinstance(e, ev.ToolCallReady) for e in events)


def test_push_to_talk_commit_and_too_short_tap() -> None:
    session = connected(SessionConfig(turn_detection=None))
    session.append_audio(b"\0" * 48 * 50)
    assert not session.commit_audio()
    out = sent(session)
    assert types(out) == ["input_audio_buffer.append", "input_audio_buffer.clear"]
    assert isinstance(session.events_received()[-1], ev.InputTooShort)
    session.append_audio(b"\0" * 48 * 150)
    assert session.commit_audio()
    assert types(sent(session))[1:] == ["input_audio_buffer.commit", "response.create"]


def test_reconnect_replays_conversation_and_reanswers_cut_off_turn() -> None:
    session = connected()
    first = session.send_text("hi")
    feed(session, wire.item_added(wire.message(first, "user", "hi"), None))
    feed(session, *audio_reply("resp_1", "item_a", first, ["Hello"]))
    second = session.send_text("tell me more")
    feed(session, wire.item_added(wire.message(second, "user", "tell me more"), "item_a"))
    start = audio_reply("resp_2", "item_b", second, ["Well"])[:4]
    feed(session, *start)
    sent(session)
    session.connection_lost()
    events = session.events_received()
    assert [type(e) for e in events] == [ev.ItemCompleted]
    assert session.conversation.get("item_b").cut_off  # type: ignore[union-attr]
    session.send_text("are you there?")  # typed while offline: kept, sent after the replay
    session.append_audio(b"\0" * 4800)  # stale microphone audio: dropped
    assert session.messages_to_send() == []
    feed(session, wire.session_created())
    out = sent(session)
    assert types(out) == ["session.update"] + ["conversation.item.create"] * 4 + ["response.create"]
    replayed = [(m["item"]["role"], m["item"]["content"][0]["text"]) for m in out[1:5]]
    assert replayed == [
        ("user", "hi"),
        ("assistant", "Hello"),
        ("user", "tell me more"),
        ("user", "are you there?"),
    ]
    assert session.server_sessions == 2


def test_replay_keeps_new_replies_after_cut_off_items() -> None:
    session = connected()
    u = session.send_text("q")
    feed(session, wire.item_added(wire.message(u, "user", "q"), None))
    feed(session, *audio_reply("resp_1", "item_a", u, ["partial"])[:4])
    session.connection_lost()
    feed(session, wire.session_created(), wire.item_added(wire.message(u, "user", "q"), None))
    feed(session, *audio_reply("resp_2", "item_b", u, ["again"]))
    assert [i.id for i in session.conversation.items()] == [u, "item_a", "item_b"]


def test_interrupted_reply_is_replayed_as_heard() -> None:
    session = connected(SessionConfig(turn_detection=None))
    start_audio_reply(session, 1000)
    session.interrupt(250)
    session.connection_lost()
    feed(session, wire.session_created())
    out = sent(session)
    assert out[1]["item"]["content"] == [{"type": "output_text", "text": "one"}]


def test_tool_results_are_replayed_as_a_system_note() -> None:
    session = connected()
    call = wire.function_call("item_f", "call_1", "get_time", "{}")
    feed(session, wire.response_created("r"), wire.output_item_done("r", call))
    session.submit_tool_output("call_1", "noon")
    feed(session, wire.response_done("r", [call]))
    session.connection_lost()
    feed(session, wire.session_created())
    out = sent(session)
    note = out[1]["item"]
    assert note["role"] == "system"
    assert note["content"][0]["text"] == "Tool get_time({}) returned: noon"
    assert out[-1]["type"] == "response.create"  # the result was never answered


def test_beta_dialect_writes_the_preview_shapes() -> None:
    session = new_session(SessionConfig(voice="alloy"), dialect=Dialect.BETA)
    session.receive_message(
        json.dumps({"type": "session.created", "event_id": "e", "session": {"id": "s"}})
    )
    (update,) = sent(session, "beta")
    assert update["session"]["voice"] == "alloy" and "type" not in update["session"]
    assert update["session"]["input_audio_format"] == "pcm16"
    session.add_message(Role.ASSISTANT, "earlier reply")
    (create,) = sent(session, "beta")
    assert create["item"]["content"][0]["type"] == "text"


def test_unknown_and_malformed_messages_become_values() -> None:
    session = connected()
    events = feed(session, '{"type": "future.thing", "x": 1}', "not json", "[1]", '{"type": 5}')
    assert isinstance(events[0], ev.UnknownEvent) and events[0].type == "future.thing"
    assert [type(e) for e in events[1:]] == [ev.MalformedMessage] * 3


def test_delete_item_while_offline_removes_it_locally() -> None:
    session = connected()
    item_id = session.add_message(Role.USER, "note")
    session.connection_lost()
    session.delete_item(item_id)
    assert ev.ItemDeleted(item_id) in session.events_received()
    assert len(session.conversation) == 0


def test_a_tool_result_for_a_call_of_an_earlier_server_session_becomes_a_note() -> None:
    session = connected()
    call = wire.function_call("item_f", "call_1", "lookup", '{"q":"x"}')
    feed(session, wire.response_created("r"), wire.output_item_done("r", call))
    feed(session, wire.response_done("r", [call]))
    session.connection_lost()  # the tool is still running when the connection drops
    feed(session, wire.session_created())
    sent(session)
    session.submit_tool_output("call_1", "found it")
    out = sent(session)
    assert out[0]["item"]["role"] == "system"
    assert out[0]["item"]["content"][0]["text"] == 'Tool lookup({"q":"x"}) returned: found it'
    assert out[1]["type"] == "response.create"


@pytest.mark.parametrize(
    ("text", "heard", "expected"),
    [
        ("one two three", 500, "one"),
        ("Hello world", 200, ""),
        ("東京の天気は雨", 500, "東京の"),
        ("all of it", 1000, "all of it"),
        ("nothing", 0, ""),
    ],
)
def test_heard_part_never_cuts_inside_a_word(text: str, heard: int, expected: str) -> None:
    from assistant.realtime.session import heard_part

    assert heard_part(text, heard, 1000) == expected
