"""Session configuration and conversation items over a real socket (GA dialect)."""

from __future__ import annotations

import time

from tests.simulator.client import RawClient


def _user(text: str, item_id: str | None = None) -> dict:
    item = {"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}
    return {**item, "id": item_id} if item_id else item


async def test_session_created_has_full_defaults(connect) -> None:
    client = await connect("/v1/realtime?model=gpt-realtime-2")
    session = (await client.expect("session.created"))["session"]
    assert session["id"].startswith("sess_") and len(session["id"]) <= 32
    assert session["type"] == "realtime"
    assert session["model"] == "gpt-realtime-2"
    assert session["output_modalities"] == ["audio"]
    assert abs(session["expires_at"] - (time.time() + 3600)) < 5
    audio = session["audio"]
    assert audio["input"]["format"] == {"type": "audio/pcm", "rate": 24000}
    assert audio["input"]["turn_detection"] == {
        "type": "server_vad",
        "threshold": 0.5,
        "prefix_padding_ms": 300,
        "silence_duration_ms": 500,
        "idle_timeout_ms": None,
        "create_response": True,
        "interrupt_response": True,
    }
    assert audio["input"]["transcription"] is None
    assert audio["input"]["noise_reduction"] is None
    assert audio["output"] == {
        "format": {"type": "audio/pcm", "rate": 24000},
        "voice": "marin",
        "speed": 1.0,
    }
    assert session["tools"] == [] and session["tool_choice"] == "auto"


async def test_update_merges_only_the_fields_present(client: RawClient) -> None:
    update = {
        "type": "realtime",
        "instructions": "Be brief.",
        "audio": {
            "input": {"turn_detection": {"type": "semantic_vad", "eagerness": "high"}},
            "output": {"voice": "cedar"},
        },
    }
    await client.send({"type": "session.update", "session": update})
    session = (await client.expect("session.updated"))["session"]
    assert session["instructions"] == "Be brief."
    assert session["audio"]["output"] == {
        "format": {"type": "audio/pcm", "rate": 24000},
        "voice": "cedar",
        "speed": 1.0,
    }
    assert session["audio"]["input"]["turn_detection"] == {
        "type": "semantic_vad",
        "eagerness": "high",
        "create_response": True,
        "interrupt_response": True,
    }
    assert session["output_modalities"] == ["audio"]
    await client.send({"type": "session.update", "session": {"type": "realtime", "tools": []}})
    again = (await client.expect("session.updated"))["session"]
    assert again["instructions"] == "Be brief." and again["audio"] == session["audio"]


async def test_ga_update_needs_session_type(client: RawClient) -> None:
    await client.send({"type": "session.update", "session": {"instructions": "x"}}, check=False)
    error = (await client.expect("error"))["error"]
    assert error["code"] == "missing_required_parameter"
    assert error["message"] == "Missing required parameter: 'session.type'."
    assert error["param"] == "session.type"


async def test_unknown_session_field_is_rejected_whole(client: RawClient) -> None:
    update = {"type": "realtime", "instructions": "changed", "temperature": 0.7}
    await client.send({"type": "session.update", "session": update}, check=False)
    error = (await client.expect("error"))["error"]
    assert error["code"] == "unknown_parameter"
    assert error["message"] == "Unknown parameter: 'session.temperature'."
    await client.send({"type": "session.update", "session": {"type": "realtime"}})
    assert (await client.expect("session.updated"))["session"]["instructions"] != "changed"


async def test_voice_is_locked_after_assistant_audio(client: RawClient) -> None:
    await client.say("hello")
    await client.until("response.done")
    update = {"type": "realtime", "audio": {"output": {"voice": "ash"}}}
    await client.send({"type": "session.update", "session": update})
    error = (await client.expect("error"))["error"]
    assert error["code"] == "cannot_update_voice"


async def test_unknown_and_malformed_client_events_keep_the_session(client: RawClient) -> None:
    await client.send({"type": "conversation.wish", "event_id": "evt_1"}, check=False)
    error = (await client.expect("error"))["error"]
    assert error["code"] == "invalid_value"
    assert error["param"] == "type"
    assert error["message"].startswith("Invalid value: 'conversation.wish'. Supported values are:")
    assert error["event_id"] == "evt_1"
    await client.send_raw("{not json")
    error = (await client.expect("error"))["error"]
    assert error["type"] == "invalid_request_error"
    assert error["code"] == "invalid_json"
    await client.say("still there?")
    await client.until("response.done")


async def test_items_honour_ids_and_previous_item_id(client: RawClient) -> None:
    await client.send({"type": "conversation.item.create", "item": _user("one", "item_one")})
    assert (await client.expect("conversation.item.added"))["previous_item_id"] is None
    await client.expect("conversation.item.done")
    create = {"type": "conversation.item.create", "previous_item_id": "root"}
    await client.send({**create, "item": _user("zero", "item_zero")})
    assert (await client.expect("conversation.item.added"))["previous_item_id"] is None
    await client.expect("conversation.item.done")
    create = {"type": "conversation.item.create", "previous_item_id": "item_zero"}
    await client.send({**create, "item": _user("half", "item_half")})
    added = await client.expect("conversation.item.added")
    assert added["previous_item_id"] == "item_zero"
    assert added["item"]["id"] == "item_half"
    assert added["item"]["object"] == "realtime.item"
    await client.expect("conversation.item.done")


async def test_retrieve_and_delete(client: RawClient) -> None:
    await client.send({"type": "conversation.item.create", "item": _user("keep me", "item_a")})
    await client.until("conversation.item.done")
    await client.send({"type": "conversation.item.retrieve", "item_id": "item_a"})
    item = (await client.expect("conversation.item.retrieved"))["item"]
    assert item["content"] == [{"type": "input_text", "text": "keep me"}]
    await client.send({"type": "conversation.item.delete", "item_id": "item_a"})
    assert (await client.expect("conversation.item.deleted"))["item_id"] == "item_a"
    await client.send({"type": "conversation.item.delete", "item_id": "item_a"})
    assert (await client.expect("error"))["error"]["param"] == "item_id"


async def test_item_id_longer_than_32_chars(client: RawClient) -> None:
    long_id = "item_" + "x" * 30
    await client.send({"type": "conversation.item.create", "item": _user("hi", long_id)})
    error = (await client.expect("error"))["error"]
    assert error["code"] == "string_above_max_length"
    assert error["param"] == "item.id"


async def test_assistant_audio_cannot_be_created(client: RawClient) -> None:
    item = {
        "type": "message",
        "role": "assistant",
        "content": [{"type": "output_audio", "transcript": "hi"}],
    }
    await client.send({"type": "conversation.item.create", "item": item})
    assert (await client.expect("error"))["error"]["code"] == "invalid_value"
    item["content"] = [{"type": "output_text", "text": "Earlier I said hi."}]
    await client.send({"type": "conversation.item.create", "item": item})
    added = await client.expect("conversation.item.added")
    assert added["item"]["content"] == item["content"]
