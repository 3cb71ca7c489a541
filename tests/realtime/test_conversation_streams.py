"""Streamed words and arguments: kept as parts, joined when the item is read."""

from __future__ import annotations

from assistant.realtime import Conversation, FunctionCall, ItemStatus, McpListing, Message, Role

RUNNING = ItemStatus.IN_PROGRESS


def test_deltas_interleaved_with_audio_keep_both() -> None:
    conversation = Conversation()
    conversation.add(Message("a", Role.ASSISTANT, RUNNING), None, placed=True)
    for word in ("It", " is", " noon"):
        conversation.append("a", word)
        conversation.add_audio("a", 4800)
    item = conversation.get("a")
    assert isinstance(item, Message)
    assert (item.text, item.audio_ms, item.has_audio) == ("It is noon", 300.0, True)
    conversation.append("a", ".")
    assert conversation.items() == [
        Message("a", Role.ASSISTANT, RUNNING, "It is noon.", True, 300.0)
    ]


def test_a_final_value_replaces_what_was_streamed_and_calls_stream_arguments() -> None:
    conversation = Conversation()
    conversation.add(FunctionCall("f", RUNNING, "lookup", "call_1"), None, placed=True)
    conversation.append("f", '{"q": ')
    peeked = conversation.peek("f")
    assert isinstance(peeked, FunctionCall) and peeked.arguments == ""  # still streaming
    conversation.put(FunctionCall("f", ItemStatus.COMPLETED, "lookup", "call_1", '{"q": 1}'))
    conversation.append("unknown", "x")
    assert conversation.get("f") == FunctionCall(
        "f", ItemStatus.COMPLETED, "lookup", "call_1", '{"q": 1}'
    )


def test_kinds_without_a_streamed_field_and_removed_items_ignore_deltas() -> None:
    conversation = Conversation()
    conversation.add(McpListing("l", RUNNING, "docs"), None, placed=True)
    conversation.add(Message("m", Role.USER, RUNNING, "hi"), "l", placed=True)
    conversation.append("l", "x")
    conversation.append("m", " there")
    assert conversation.remove("m")
    assert conversation.items() == [McpListing("l", RUNNING, "docs")]
