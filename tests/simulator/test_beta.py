"""The Azure Preview (beta) dialect: beta shapes and names, validated by the beta SDK types."""

from __future__ import annotations

import pytest

from tests.simulator.audio import turn
from tests.simulator.client import RawClient

PREVIEW = "/openai/realtime?api-version=2025-04-01-preview&deployment=my-realtime"


@pytest.fixture
async def beta(connect) -> RawClient:
    client = await connect(PREVIEW, dialect="beta")
    session = (await client.expect("session.created"))["session"]
    assert session["modalities"] == ["audio", "text"]
    assert session["input_audio_format"] == "pcm16"
    assert session["turn_detection"]["type"] == "server_vad"
    assert "audio" not in session and "type" not in session
    return client


async def test_beta_text_turn_uses_beta_names(beta: RawClient) -> None:
    await beta.say("hello")
    created = await beta.expect("conversation.item.created")
    assert created["item"]["content"] == [{"type": "input_text", "text": "hello"}]
    events = await beta.until("response.done")
    kinds = {e["type"] for e in events}
    assert {"response.audio.delta", "response.audio_transcript.delta"} <= kinds
    assert {"response.audio.done", "response.audio_transcript.done"} <= kinds
    assert "conversation.item.created" in kinds
    assert not any(k.startswith("response.output_audio") for k in kinds)
    assert "conversation.item.done" not in kinds
    response = events[-1]["response"]
    assert response["modalities"] == ["audio", "text"]
    assert response["output"][0]["content"][0]["type"] == "audio"
    assert response["output_audio_format"] == "pcm16"


async def test_beta_session_update_and_text_modality(beta: RawClient) -> None:
    update = {
        "modalities": ["text"],
        "voice": "alloy",
        "turn_detection": None,
        "input_audio_transcription": {"model": "whisper-1"},
        "temperature": 0.7,
    }
    await beta.send({"type": "session.update", "session": update})
    session = (await beta.expect("session.updated"))["session"]
    assert session["modalities"] == ["text"]
    assert session["voice"] == "alloy"
    assert session["turn_detection"] is None
    assert session["temperature"] == 0.7
    await beta.say("hello")
    events = await beta.until("response.done")
    text = "".join(e["delta"] for e in events if e["type"] == "response.text.delta")
    assert text == "Hello! This is the offline demo; you said: hello."
    assert events[-1]["response"]["output"][0]["content"][0] == {"type": "text", "text": text}


async def test_ga_session_type_gives_the_real_error_but_the_rest_applies(beta: RawClient) -> None:
    update = {"type": "realtime", "instructions": "Be brief."}
    await beta.send({"type": "session.update", "session": update}, check=False)
    error = (await beta.expect("error"))["error"]
    assert error["code"] == "unknown_parameter"
    assert error["message"] == "Unknown parameter: 'session.type'."
    assert error["param"] == "session.type"
    assert (await beta.expect("session.updated"))["session"]["instructions"] == "Be brief."


async def test_beta_vad_turn(beta: RawClient) -> None:
    await beta.append_audio(turn())
    kinds = [e["type"] for e in await beta.until("response.done")]
    assert kinds[:4] == [
        "input_audio_buffer.speech_started",
        "input_audio_buffer.speech_stopped",
        "input_audio_buffer.committed",
        "conversation.item.created",
    ]


async def test_beta_assistant_text_history(beta: RawClient) -> None:
    item = {"type": "message", "role": "assistant", "content": [{"type": "text", "text": "Hi."}]}
    await beta.send({"type": "conversation.item.create", "item": item})
    created = await beta.expect("conversation.item.created")
    assert created["item"]["content"] == [{"type": "text", "text": "Hi."}]


async def test_beta_function_call_round_trip(beta: RawClient) -> None:
    tool = {
        "type": "function",
        "name": "get_time",
        "description": "Time in a zone",
        "parameters": {
            "type": "object",
            "properties": {"timezone": {"type": "string"}},
            "required": ["timezone"],
        },
    }
    await beta.send({"type": "session.update", "session": {"tools": [tool]}})
    await beta.expect("session.updated")
    await beta.say("please get time for Tokyo")
    events = await beta.until("response.done")
    call = events[-1]["response"]["output"][0]
    assert call["type"] == "function_call"
    assert call["arguments"] == '{"timezone":"Tokyo"}'
    output = {"type": "function_call_output", "call_id": call["call_id"], "output": "09:00"}
    await beta.send({"type": "conversation.item.create", "item": output})
    await beta.expect("conversation.item.created")
    await beta.send({"type": "response.create", "response": {"modalities": ["text"]}})
    events = await beta.until("response.done")
    text = next(e for e in events if e["type"] == "response.text.done")["text"]
    assert text == "The tool get_time returned: 09:00."
