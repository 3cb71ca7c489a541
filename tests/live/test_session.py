"""The GPT-Live core without sockets: every client event it sends passes the oracle (with no
unknown field), and every server event fed to it was built through the oracle (`wire`)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from assistant.realtime import (
    AudioDelta,
    AudioDone,
    DelegationFinished,
    DelegationStarted,
    Detail,
    ErrorSeverity,
    ItemAdded,
    ItemCompleted,
    ItemKind,
    ItemStatus,
    Message,
    Picture,
    ResponseFinished,
    ResponseStarted,
    Role,
    ServerError,
    SessionClosed,
    SessionCreated,
    TextDelta,
    ToolCallReady,
    UserTranscriptCompleted,
    UserTranscriptDelta,
)
from assistant.realtime.live import QUIET_SECONDS, LiveConfig, LiveSession
from assistant.realtime.live.cost import ACTIVE_PER_MINUTE
from tests.live import wire
from tests.oracle import UnknownFieldError, validate_client_event

TIME_TOOL = {
    "type": "function",
    "name": "get_current_time",
    "description": "The time",
    "parameters": {"type": "object", "properties": {}},
}


def sent(session: LiveSession) -> list[dict[str, Any]]:
    messages = [json.loads(m) for m in session.messages_to_send()]
    for message in messages:
        validate_client_event(message, "live")
    return messages


def feed(session: LiveSession, *events: dict[str, Any]) -> list[Any]:
    for event in events:
        session.receive_message(json.dumps(event))
    return session.events_received()


def started(config: LiveConfig | None = None) -> LiveSession:
    session = LiveSession(config or LiveConfig(tools=(TIME_TOOL,)))
    session.connection_opened()
    sent(session)
    feed(session, wire.started())
    return session


def test_session_start_is_first_and_alone_until_started() -> None:
    session = LiveSession(LiveConfig(model="gpt-live-1.1", tools=(TIME_TOOL,)))
    session.send_text("hello")  # typed before the session exists: kept, not sent
    session.append_audio(b"\x00\x00" * 480)
    session.connection_opened()
    session.tick(0.0)
    (start,) = sent(session)
    assert start["type"] == "session.start"
    config = start["session"]
    assert config["model"] == "gpt-live-1.1"
    assert config["audio"]["format"] == {"type": "audio/pcm", "rate": 24000}
    assert config["delegation"]["type"] == "responses"
    assert config["delegation"]["responses"]["tools"] == [TIME_TOOL]
    session.events_received()
    events = feed(session, wire.started(model="gpt-live-1.1"))
    assert isinstance(events[0], SessionCreated)
    assert events[0].model == "gpt-live-1.1"
    (typed,) = sent(session)
    assert typed["type"] == "session.instructions.append"
    assert typed["content"] == "The user typed: hello"
    assert typed["delegation_id"] is None


def test_client_delegation_config_and_unknown_field_guard() -> None:
    session = LiveSession(LiveConfig(delegation="client"))
    session.connection_opened()
    (start,) = sent(session)
    assert start["session"]["delegation"] == {"type": "client"}
    with pytest.raises(UnknownFieldError):
        validate_client_event({**start, "session": {**start["session"], "tools": []}}, "live")


def test_spoken_reply_with_timeline_ms_ends_after_quiet() -> None:
    session = started()
    session.tick(10.0)
    sent(session)
    events = feed(
        session,
        wire.input_delta("What time", 100, 600),
        wire.input_delta(" is it?", 600, 900),
        wire.audio(40),
        wire.output_delta("It is noon.", 1000, 1800),
    )
    deltas = [e for e in events if isinstance(e, UserTranscriptDelta)]
    assert [(d.delta, d.start_ms, d.end_ms) for d in deltas] == [
        ("What time", 100, 600),
        (" is it?", 600, 900),
    ]
    completed_user = [e for e in events if isinstance(e, UserTranscriptCompleted)]
    assert completed_user[0].transcript == "What time is it?"
    assert any(isinstance(e, ResponseStarted) for e in events)
    audio = [e for e in events if isinstance(e, AudioDelta)]
    assert len(audio[0].pcm) == 40 * 48
    text = [e for e in events if isinstance(e, TextDelta)]
    assert (text[0].start_ms, text[0].end_ms) == (1000, 1800)
    assert session.response_active
    session.tick(10.5)
    session.tick(10.5 + QUIET_SECONDS * 0.9)
    assert not any(isinstance(e, ResponseFinished) for e in session.events_received())
    session.tick(10.5 + QUIET_SECONDS + 0.01)
    events = session.events_received()
    finished = [e for e in events if isinstance(e, ResponseFinished)]
    assert finished and finished[0].status == "completed"
    reply = next(e.item for e in events if isinstance(e, ItemCompleted))
    assert reply.role == "assistant" and reply.text == "It is noon."
    assert any(isinstance(e, AudioDone) for e in events)
    assert not session.response_active


def test_responses_delegation_tool_call_round_trip() -> None:
    session = started()
    session.send_text("What time is it?")
    (typed,) = sent(session)
    events = feed(session, wire.appended(typed["event_id"]), wire.delegation("del_1"))
    assert any(isinstance(e, ItemCompleted) and e.item.role == "user" for e in events)
    assert any(isinstance(e, DelegationStarted) for e in events)
    events = feed(session, wire.response(wire.function_call("call_1")))
    (call,) = [e for e in events if isinstance(e, ToolCallReady)]
    assert call.name == "get_current_time" and call.call_id == "call_1"
    feed(session, wire.response(wire.completed()))
    session.tick(1.0)
    session.tick(5.0)  # a delegation is open: the reply is not over however quiet it is
    sent(session)
    assert not any(isinstance(e, ResponseFinished) for e in session.events_received())
    session.submit_tool_output("call_1", '{"time": "12:00"}')
    output, create = sent(session)
    assert output["type"] == "response.item.create"
    assert output["item"] == {
        "type": "function_call_output",
        "call_id": "call_1",
        "output": '{"time": "12:00"}',
    }
    assert create["type"] == "response.create"
    events = feed(session, wire.response(wire.completed()))
    assert any(isinstance(e, DelegationFinished) for e in events)
    feed(session, wire.output_delta("It is twelve."))
    session.tick(6.0)
    session.tick(7.1)
    assert any(isinstance(e, ResponseFinished) for e in session.events_received())
    kinds = [item.kind for item in session.conversation.items()]
    assert kinds == [
        ItemKind.MESSAGE,
        ItemKind.FUNCTION_CALL,
        ItemKind.FUNCTION_CALL_OUTPUT,
        ItemKind.MESSAGE,
    ]
    assert session.usage.input_text == 200


def test_client_delegation_answered_with_commentary() -> None:
    session = started(LiveConfig(delegation="client"))
    events = feed(session, wire.input_delta("What time is it?"), wire.delegation("d1", "client"))
    (delegation,) = [e for e in events if isinstance(e, DelegationStarted)]
    assert delegation.target == "client" and delegation.task == "What time is it?"
    assert session.answer_delegation("d1", "It is 12:00.")
    (answer,) = sent(session)
    assert answer["type"] == "session.commentary.append"
    assert answer["delegation_id"] == "d1"
    assert not session.answer_delegation("d1", "again")
    session.send_text("What is the date?")  # typed: the task is the typed text
    sent(session)
    events = feed(session, wire.delegation("d2", "client"))
    (typed,) = [e for e in events if isinstance(e, DelegationStarted)]
    assert typed.task == "What is the date?"


def test_silence_keeps_the_timeline_moving() -> None:
    session = started()
    session.tick(100.0)
    assert sent(session) == []
    session.append_audio(b"\x01\x00" * 2400)  # 100 ms of microphone audio
    session.tick(100.15)  # 150 ms passed, 100 ms covered: not yet a silence step
    sent(session)
    session.tick(100.5)
    (silence,) = sent(session)
    assert silence["type"] == "session.input_audio.append"
    assert len(base64.b64decode(silence["audio"])) == 400 * 48
    session.tick(200.0)  # a stalled loop: at most a second of silence, never a burst
    (catch_up,) = sent(session)
    assert len(base64.b64decode(catch_up["audio"])) == 1000 * 48


def test_per_second_cost_and_close() -> None:
    session = started()
    feed(session, wire.usage(30.0), wire.usage(12.0))  # cumulative: a lower value is ignored
    assert session.billed_seconds == 30.0
    assert session.cost.session_time == pytest.approx(30 / 60 * ACTIVE_PER_MINUTE)
    assert session.close_session()
    (close,) = sent(session)
    assert close["type"] == "session.close"
    session.send_text("too late")
    assert sent(session) == []
    (closed,) = [e for e in feed(session, wire.closed(60.0)) if isinstance(e, SessionClosed)]
    assert closed.reason == "close_requested" and closed.seconds == 60.0
    assert session.cost.session_time == pytest.approx(60 / 60 * ACTIVE_PER_MINUTE)
    assert session.usage.audio_seconds == 60.0


def test_a_result_after_a_drop_goes_in_as_silent_context() -> None:
    session = started()
    feed(session, wire.delegation("del_1"), wire.response(wire.function_call("call_9")))
    session.connection_lost()
    session.connection_opened()
    sent(session)
    feed(session, wire.started(session_id="sess_2"))
    session.submit_tool_output("call_9", '"12:00"')
    (note,) = sent(session)
    assert note["type"] == "session.thinking.append" and note["delegation_id"] is None
    assert note["content"] == 'Tool get_current_time returned: "12:00"'


def test_reconnect_replays_text_as_startup_input() -> None:
    session = started()
    session.send_text("remember the word kiwi")
    sent(session)
    feed(session, wire.output_delta("Noted."))
    session.tick(1.0)
    session.connection_lost()
    events = session.events_received()
    assert any(isinstance(e, ResponseFinished) and e.status == "incomplete" for e in events)
    session.connection_opened()
    (start,) = sent(session)
    history = start["session"]["input"]
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert history[0]["content"][0]["text"] == "remember the word kiwi"


def test_errors_are_classified_and_startup_errors_fatal() -> None:
    session = LiveSession()
    session.connection_opened()
    (error,) = feed(session, wire.error("unknown_parameter", "Unknown parameter: 'session.x'."))
    assert isinstance(error, ServerError) and error.severity is ErrorSeverity.FATAL
    session = started()
    (error,) = feed(session, wire.error("invalid_api_key", "Incorrect API key provided."))
    assert error.severity is ErrorSeverity.FATAL
    session.send_text("hi")
    (typed,) = sent(session)
    session.events_received()
    (error,) = feed(session, wire.error("bad", "Too long.", typed["event_id"]))
    assert error.severity is ErrorSeverity.RECOVERABLE
    assert not session.response_active  # the refused message waits for no reply


def test_no_cancel_or_truncate_is_ever_sent() -> None:
    session = started()
    assert session.interrupt(100) is None  # nothing playing
    feed(session, wire.output_delta("One two three four."), wire.audio(200))
    cut = session.interrupt(100)  # the stop button after 100 of 200 ms: the pane shows that
    assert cut is not None and (cut.heard_ms, cut.received_ms) == (100, 200)
    item = session.conversation.get(cut.item_id)
    assert item is not None and item.interrupted and item.shown_text == "One two"
    events = feed(session, wire.output_delta("Sorry."))  # the model goes on: a new item
    (added,) = [e for e in events if isinstance(e, ItemAdded)]
    assert added.item.id != cut.item_id
    session.cancel_response()
    session.clear_audio()
    assert session.commit_audio()
    assert sent(session) == []


def test_restoring_a_history_with_two_items_of_one_id_is_refused() -> None:
    said = Message("u1", Role.USER, ItemStatus.COMPLETED, "hello")
    with pytest.raises(ValueError, match="same id"):
        LiveSession(LiveConfig()).restore([said, said])


def test_pictures_are_refused_before_anything_is_sent() -> None:
    session = started()
    picture = Picture("screen.png", "image/png", 1, 1, b"\x89PNG", Detail.AUTO)
    with pytest.raises(ValueError, match="takes no pictures"):
        session.send_text("what is this?", [picture])
    with pytest.raises(ValueError, match="takes no pictures"):
        session.add_message(Role.USER, "", [picture])
    assert sent(session) == [] and len(session.conversation) == 0
