"""Function calling over a real socket: the call, the client's output, the spoken result.

These run on gpt-realtime-1.5, a model without reasoning: one output item per response (the
2.x preamble before a call is in test_reasoning.py).
"""

from __future__ import annotations

import json

import pytest

from tests.simulator.client import RawClient
from tests.simulator.conftest import Connect


@pytest.fixture
async def client(connect: Connect) -> RawClient:
    raw = await connect("/v1/realtime?model=gpt-realtime-1.5")
    await raw.expect("session.created")
    return raw


WEATHER = {
    "type": "function",
    "name": "get_weather",
    "description": "Current weather for a city.",
    "parameters": {
        "type": "object",
        "properties": {
            "city": {"type": "string"},
            "days": {"type": "integer"},
            "metric": {"type": "boolean"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
        },
        "required": ["city", "days", "metric", "unit"],
    },
}


async def _with_tools(client: RawClient) -> None:
    await client.send(
        {"type": "session.update", "session": {"type": "realtime", "tools": [WEATHER]}}
    )
    session = (await client.expect("session.updated"))["session"]
    assert session["tools"][0]["name"] == "get_weather"


async def test_function_call_round_trip(client: RawClient) -> None:
    await _with_tools(client)
    await client.say("What does get weather say for Paris today?")
    events = await client.until("response.done")
    kinds = [e["type"] for e in events]
    assert "response.content_part.added" not in kinds
    added = next(e for e in events if e["type"] == "response.output_item.added")
    assert added["item"]["type"] == "function_call"
    assert added["item"]["name"] == "get_weather"
    call_id = added["item"]["call_id"]
    assert call_id.startswith("call_")
    deltas = [e["delta"] for e in events if e["type"] == "response.function_call_arguments.delta"]
    assert len(deltas) > 1
    done = next(e for e in events if e["type"] == "response.function_call_arguments.done")
    assert done["arguments"] == "".join(deltas)
    assert json.loads(done["arguments"]) == {
        "city": "Paris",
        "days": 1,
        "metric": True,
        "unit": "celsius",
    }
    assert events[-1]["response"]["output"][0]["arguments"] == done["arguments"]

    output = {"type": "function_call_output", "call_id": call_id, "output": '{"sky": "sunny"}'}
    await client.send({"type": "conversation.item.create", "item": output})
    await client.expect("conversation.item.added")
    await client.expect("conversation.item.done")
    await client.send({"type": "response.create"})
    events = await client.until("response.done")
    transcript = events[-1]["response"]["output"][0]["content"][0]["transcript"]
    assert transcript == 'The tool get_weather returned: {"sky": "sunny"}.'


async def test_no_call_when_the_tool_is_not_mentioned(client: RawClient) -> None:
    await _with_tools(client)
    await client.say("hello there")
    events = await client.until("response.done")
    assert events[-1]["response"]["output"][0]["type"] == "message"


async def test_response_level_tools_and_tool_choice(client: RawClient) -> None:
    await client.say("anything at all", create=False)
    await client.until("conversation.item.done")
    response = {"tools": [WEATHER], "tool_choice": {"type": "function", "name": "get_weather"}}
    await client.send({"type": "response.create", "response": response})
    events = await client.until("response.done")
    call = events[-1]["response"]["output"][0]
    assert call["type"] == "function_call"
    assert json.loads(call["arguments"])["city"] == "example"
