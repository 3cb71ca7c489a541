"""Response control over a real socket: cancel, one active response, truncate, overrides."""

from __future__ import annotations

import base64

import pytest

from assistant.simulator import Simulator, SimulatorOptions
from tests.simulator.client import RawClient, open_client


@pytest.fixture
def options() -> SimulatorOptions:
    return SimulatorOptions(pace=0.25)  # slow enough to act while a response streams


async def _speaking(client: RawClient, text: str = "say something long please") -> str:
    await client.say(text)
    events = await client.until("response.output_audio.delta")
    return next(e for e in events if e["type"] == "response.created")["response"]["id"]


async def test_cancel_ends_the_active_response(client: RawClient) -> None:
    response_id = await _speaking(client)
    await client.send({"type": "response.cancel"})
    events = await client.until("response.done")
    kinds = [e["type"] for e in events]
    assert kinds[-6:] == [
        "response.output_audio.done",
        "response.output_audio_transcript.done",
        "response.content_part.done",
        "response.output_item.done",
        "conversation.item.done",
        "response.done",
    ]
    done = events[-1]["response"]
    assert done["id"] == response_id
    assert done["status"] == "cancelled"
    assert done["status_details"] == {"type": "cancelled", "reason": "client_cancelled"}
    full = len("This is the offline demo; you said: say something long please.") / 14 * 20
    assert 0 < done["usage"]["output_token_details"]["audio_tokens"] < full


async def test_cancel_without_an_active_response_is_an_error(client: RawClient) -> None:
    await client.send({"type": "response.cancel"})
    error = (await client.expect("error"))["error"]
    assert error["code"] == "response_cancel_not_active"
    assert error["message"] == "Cancellation failed: no active response found"


async def test_second_create_while_active_is_rejected(client: RawClient) -> None:
    response_id = await _speaking(client)
    await client.send({"type": "response.create", "event_id": "evt_second"})
    events = await client.until("error")
    error = events[-1]["error"]
    assert error["code"] == "conversation_already_has_active_response"
    assert error["event_id"] == "evt_second"
    assert error["message"] == (
        f"Conversation already has an active response in progress: {response_id}. "
        "Wait until the response is finished before creating a new one."
    )
    assert "response.created" not in [e["type"] for e in events]
    await client.send({"type": "response.cancel"})
    await client.until("response.done")


async def test_truncate_to_what_was_heard(client: RawClient) -> None:
    await _speaking(client)
    await client.send({"type": "response.cancel"})
    events = await client.until("response.done")
    item = events[-1]["response"]["output"][0]
    await client.send(
        {
            "type": "conversation.item.truncate",
            "item_id": item["id"],
            "content_index": 0,
            "audio_end_ms": 50,
        }
    )
    truncated = await client.expect("conversation.item.truncated")
    assert truncated["audio_end_ms"] == 50
    await client.send({"type": "conversation.item.retrieve", "item_id": item["id"]})
    retrieved = (await client.expect("conversation.item.retrieved"))["item"]
    assert len(base64.b64decode(retrieved["content"][0]["audio"])) == 50 * 48
    assert retrieved["content"][0]["transcript"] == ""


async def test_truncate_past_the_audio_sent_is_an_error(client: RawClient) -> None:
    await _speaking(client)
    await client.send({"type": "response.cancel"})
    events = await client.until("response.done")
    item = events[-1]["response"]["output"][0]
    sent_ms = sum(
        len(base64.b64decode(e["delta"])) // 48
        for e in client.received
        if e["type"] == "response.output_audio.delta"
    )
    await client.send(
        {
            "type": "conversation.item.truncate",
            "item_id": item["id"],
            "content_index": 0,
            "audio_end_ms": sent_ms + 1000,
        }
    )
    error = (await client.expect("error"))["error"]
    assert error["type"] == "invalid_request_error"
    assert error["code"] == "invalid_value"
    assert error["message"] == (
        f"Audio content of {sent_ms}ms is already shorter than {sent_ms + 1000}ms"
    )


async def test_text_only_response() -> None:
    async with Simulator(SimulatorOptions(pace=0)) as sim:
        client = await open_client(sim.url)
        await client.expect("session.created")
        await client.say("hello", create=False)
        await client.until("conversation.item.done")
        await client.send({"type": "response.create", "response": {"output_modalities": ["text"]}})
        events = await client.until("response.done")
        await client.ws.close()
    kinds = [e["type"] for e in events]
    assert "response.output_audio.delta" not in kinds
    text = "".join(e["delta"] for e in events if e["type"] == "response.output_text.delta")
    assert text == "Hello! This is the offline demo; you said: hello."
    assert next(e for e in events if e["type"] == "response.output_text.done")["text"] == text
    assert events[-1]["response"]["output"][0]["content"] == [{"type": "output_text", "text": text}]
