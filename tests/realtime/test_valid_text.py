"""Lone UTF-16 surrogates (issue 12): whatever text comes in, what goes out is valid UTF-8."""

from __future__ import annotations

import json

from assistant.realtime import Role, Session, SessionConfig
from assistant.realtime.eventlog import log_line
from assistant.realtime.text import valid_text
from tests.realtime import wire

ARGUMENT = b"caf\xe9".decode("utf-8", "surrogateescape")  # how Python reads a Latin-1 argv


def connected() -> Session:
    session = Session(SessionConfig(), model="gpt-realtime")
    session.receive_message(wire.session_created())
    session.messages_to_send()
    return session


def test_valid_text_replaces_only_lone_surrogates() -> None:
    assert valid_text(ARGUMENT) == "caf\ufffd"
    assert valid_text("a\ud83db") == "a\ufffdb"
    kept = "café 😀"
    assert valid_text(kept) is kept


def test_a_typed_message_with_a_stray_byte_is_sent_and_kept_as_valid_text() -> None:
    session = connected()
    item_id = session.send_text(ARGUMENT)
    for message in session.messages_to_send():
        message.encode("utf-8")  # the socket's encoding: raises on a lone surrogate
    item = session.conversation.get(item_id)
    assert item is not None and item.text == "caf\ufffd"


def test_commands_and_config_text_reach_the_wire_valid() -> None:
    session = connected()
    session.add_message(Role.SYSTEM, "note \udcff")
    session.update_session(SessionConfig(instructions="be \ud800 brief"))
    session.submit_tool_output("call_1", '{"out": "\udc80"}')
    messages = session.messages_to_send()
    assert len(messages) >= 3
    assert all("\ufffd" in m for m in messages[:3])
    for message in messages:
        message.encode("utf-8")


def test_a_lone_surrogate_escape_from_the_server_becomes_a_replacement_character() -> None:
    session = connected()
    item = wire.message("item_s", "assistant", "x")
    # the JSON text escapes a high surrogate without its low half
    raw = wire.item_done(item, None).replace('"text": "x"', '"text": "smile \\ud83d"')
    payload = session.receive_message(raw)
    stored = session.conversation.get("item_s")
    assert stored is not None and stored.text == "smile \ufffd"
    assert payload is not None and payload["item"]["content"][0]["text"] == "smile \ufffd"
    paired = wire.message("item_p", "assistant", "x")
    raw = wire.item_done(paired, "item_s").replace('"text": "x"', '"text": "\\ud83d\\ude00"')
    session.receive_message(raw)
    assert session.conversation.get("item_p").text == "😀"  # type: ignore[union-attr]


def test_the_event_log_line_is_valid_text() -> None:
    line = log_line(1.0, "client", {"type": "x", "text": ARGUMENT})
    line.encode("utf-8")
    assert json.loads(line)["event"]["text"] == "caf\ufffd"


def test_a_replayed_conversation_is_valid_on_every_reconnect() -> None:
    session = Session(SessionConfig(), model="gpt-realtime")
    session.send_text(ARGUMENT)  # typed while disconnected: kept, replayed later
    for _ in range(2):
        session.receive_message(wire.session_created())
        messages = session.messages_to_send()
        assert any("caf\ufffd" in m for m in messages)
        for message in messages:
            message.encode("utf-8")
        session.connection_lost()
