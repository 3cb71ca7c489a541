"""The deterministic reply rules and tool-argument filling."""

from __future__ import annotations

import json

from assistant.simulator.conversation import Entry
from assistant.simulator.replies import (
    GREETING,
    TextReply,
    ToolCall,
    arguments_for,
    plan_reply,
)

TOOL = {
    "type": "function",
    "name": "get_weather",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}


def _user(text: str) -> Entry:
    content = [{"type": "input_text", "text": text}]
    return Entry({"id": "u", "type": "message", "role": "user", "content": content})


def test_empty_conversation_gets_a_greeting() -> None:
    assert plan_reply([], [], "auto") == TextReply(GREETING)


def test_text_is_echoed_with_a_greeting_when_greeted() -> None:
    assert plan_reply([_user("hello")], [], "auto") == TextReply(
        "Hello! This is the offline demo; you said: hello."
    )
    assert plan_reply([_user("What time is it?")], [], "auto") == TextReply(
        "This is the offline demo; you said: What time is it."
    )
    assert plan_reply([_user("highway")], [], "auto").text.startswith("This is")  # type: ignore[union-attr]


def test_long_text_is_shortened() -> None:
    reply = plan_reply([_user("word " * 100)], [], "auto")
    assert isinstance(reply, TextReply)
    assert reply.text.endswith("word...")
    assert len(reply.text) < 250


def test_tool_mentioned_by_name_or_spaced_name() -> None:
    for text in ("call get_weather for Oslo", "what does get weather say in Oslo?"):
        reply = plan_reply([_user(text)], [TOOL], "auto")
        assert reply == ToolCall("get_weather", '{"city":"Oslo"}')


def test_tool_choice_none_and_required() -> None:
    assert isinstance(plan_reply([_user("get weather")], [TOOL], "none"), TextReply)
    forced = plan_reply([_user("nothing relevant")], [TOOL], "required")
    assert forced == ToolCall("get_weather", '{"city":"example"}')


def test_function_output_is_spoken() -> None:
    call = Entry(
        {
            "id": "c",
            "type": "function_call",
            "name": "get_weather",
            "call_id": "call_1",
            "arguments": "{}",
        }
    )
    output = Entry(
        {"id": "o", "type": "function_call_output", "call_id": "call_1", "output": "sunny"}
    )
    reply = plan_reply([_user("get weather"), call, output], [TOOL], "auto")
    assert reply == TextReply("The tool get_weather returned: sunny.")


def test_arguments_follow_the_schema() -> None:
    schema = {
        "type": "object",
        "properties": {
            "city": {"type": "string"},
            "count": {"type": "integer"},
            "ratio": {"type": "number"},
            "exact": {"type": "boolean"},
            "mode": {"type": "string", "enum": ["fast", "slow"]},
            "tags": {"type": "array", "items": {"type": "string"}},
            "where": {
                "type": "object",
                "properties": {"zip": {"type": ["string", "null"]}},
                "required": ["zip"],
            },
            "optional": {"type": "string"},
        },
        "required": ["city", "count", "ratio", "exact", "mode", "tags", "where"],
    }
    args = arguments_for(schema, "book a table for Alice")
    assert args == {
        "city": "Alice",
        "count": 1,
        "ratio": 1,
        "exact": True,
        "mode": "fast",
        "tags": [],
        "where": {"zip": "Alice"},
    }
    assert json.loads(json.dumps(args)) == args
    assert arguments_for({"properties": {"q": {"type": "string"}}}, "nothing") == {"q": "example"}


def test_quoted_text_fills_a_string_argument() -> None:
    schema = {"properties": {"expression": {"type": "string"}}}
    assert arguments_for(schema, 'calculate "2 + 3 * 4" for me') == {"expression": "2 + 3 * 4"}
    assert arguments_for(schema, "open url `https://example.com/a?b=1`") == {
        "expression": "https://example.com/a?b=1"
    }
    assert arguments_for(schema, "search history for 'blue bike'") == {"expression": "blue bike"}
    assert arguments_for(schema, "what's the weather for Oslo? it's cold") == {"expression": "Oslo"}
