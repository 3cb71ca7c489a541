"""`Session.restore`: the core hook that seeds a new session with a stored conversation."""

from __future__ import annotations

import pytest

from assistant.realtime import (
    FunctionCall,
    FunctionResult,
    ItemCompleted,
    ItemStatus,
    Message,
    Note,
    Role,
    SessionConfig,
)
from tests.oracle import validate_client_event
from tests.realtime import wire
from tests.store import turns

STORED = [
    Message("item_u1", Role.USER, ItemStatus.COMPLETED, "what time is it"),
    Message(
        "item_a1",
        Role.ASSISTANT,
        ItemStatus.INCOMPLETE,
        "It is noon and the weather is fine",
        has_audio=True,
        audio_ms=2000.0,
        interrupted=True,
        heard_ms=500,
        heard_text="It is noon",
    ),
    FunctionCall("item_f", ItemStatus.COMPLETED, name="get_time", call_id="call_1", arguments="{}"),
    FunctionResult("item_o", ItemStatus.COMPLETED, call_id="call_1", output="12:00"),
    Message("item_a2", Role.ASSISTANT, ItemStatus.INCOMPLETE, "Let me", cut_off=True),
    Note("note", ItemStatus.COMPLETED, type_name="history_omitted", text="older turns left out"),
    Message("item_u2", Role.USER, ItemStatus.COMPLETED, "and tomorrow?"),
]


def test_restored_items_read_back_exactly() -> None:
    session = turns.new_session()
    session.restore(STORED)
    assert session.conversation.items() == STORED
    assert session.conversation.ids() == [item.id for item in STORED]
    assert session.events_received() == []  # nothing to announce: they are old news


def test_restored_items_are_replayed_with_their_ids_and_owed_reply_requested() -> None:
    session = turns.new_session(SessionConfig(output="text"))
    session.restore(STORED)
    session.receive_message(wire.session_created())
    out = turns.sent(session)
    for message in out:
        validate_client_event(message, "ga")
    creates = [m["item"] for m in out if m["type"] == "conversation.item.create"]
    assert [(c["id"], c["role"], c["content"][0]["text"]) for c in creates] == [
        ("item_u1", "user", "what time is it"),
        ("item_a1", "assistant", "It is noon"),  # the heard part of the interrupted reply
        ("item_o", "system", "Tool get_time({}) returned: 12:00"),
        ("item_u2", "user", "and tomorrow?"),  # the cut-off reply and the note are not sent
    ]
    assert out[-1]["type"] == "response.create"  # the last user turn was never answered


def test_server_confirmations_of_restored_items_emit_nothing() -> None:
    session = turns.new_session()
    session.restore(STORED[:1])
    session.receive_message(wire.session_created())
    session.receive_message(
        wire.item_added(wire.message("item_u1", "user", "what time is it"), None)
    )
    session.receive_message(
        wire.item_done(wire.message("item_u1", "user", "what time is it"), None)
    )
    assert not [e for e in session.events_received() if isinstance(e, ItemCompleted)]


def test_new_items_follow_the_restored_ones() -> None:
    session = turns.new_session(SessionConfig(output="text"))
    session.restore(STORED[:2])
    session.receive_message(wire.session_created())
    typed = session.send_text("thanks")
    session.receive_message(wire.item_added(wire.message(typed, "user", "thanks"), "item_a1"))
    assert [i.id for i in session.conversation.items()] == ["item_u1", "item_a1", typed]
    assert session.conversation.ids() == ["item_u1", "item_a1", typed]


def test_restore_only_into_a_new_empty_session() -> None:
    connected = turns.new_session()
    connected.receive_message(wire.session_created())
    with pytest.raises(RuntimeError):
        connected.restore(STORED)
    used = turns.new_session()
    used.add_message(Role.USER, "hello")
    with pytest.raises(RuntimeError):
        used.restore(STORED)
    with pytest.raises(ValueError, match="same id"):
        turns.new_session().restore([STORED[0], STORED[0]])
