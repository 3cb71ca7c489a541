"""Realtime 2.x in the simulator over a real socket, every event checked by the oracle:
reasoning effort and retention-ratio truncation (only where the model takes them), stored
prompts refused, phases on a reasoning model's replies, diarized transcription segments."""

from __future__ import annotations

from typing import Any

import pytest

from tests.simulator.audio import silence, speech_like
from tests.simulator.client import RawClient
from tests.simulator.conftest import Connect

WEATHER = {
    "type": "function",
    "name": "get_weather",
    "description": "Current weather for a city.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
}


async def _client(connect: Connect, model: str) -> RawClient:
    raw = await connect(f"/v1/realtime?model={model}")
    created = await raw.expect("session.created")
    assert created["session"]["model"] == model
    return raw


def _update(**session: Any) -> dict[str, Any]:
    return {"type": "session.update", "session": {"type": "realtime", **session}}


@pytest.mark.parametrize("model", ["gpt-realtime-2", "gpt-realtime-2.1", "gpt-realtime-2.1-mini"])
async def test_a_reasoning_model_takes_every_effort(connect: Connect, model: str) -> None:
    client = await _client(connect, model)
    for effort in ("minimal", "low", "medium", "high", "xhigh"):
        await client.send(_update(reasoning={"effort": effort}))
        updated = await client.expect("session.updated")
        assert updated["session"]["reasoning"] == {"effort": effort}


async def test_reasoning_is_refused_by_a_model_without_it(connect: Connect) -> None:
    client = await _client(connect, "gpt-realtime-1.5")
    await client.send(_update(reasoning={"effort": "high"}))
    error = (await client.expect("error"))["error"]
    assert error["code"] == "unsupported_parameter"
    assert error["param"] == "session.reasoning"


async def test_an_unknown_effort_is_an_invalid_value(connect: Connect) -> None:
    client = await _client(connect, "gpt-realtime-2.1")
    await client.send(_update(reasoning={"effort": "extreme"}), check=False)
    error = (await client.expect("error"))["error"]
    assert error["code"] == "invalid_value" and "xhigh" in error["message"]


async def test_retention_ratio_truncation_is_kept_and_checked(connect: Connect) -> None:
    client = await _client(connect, "gpt-realtime-2.1")
    truncation = {
        "type": "retention_ratio",
        "retention_ratio": 0.6,
        "token_limits": {"post_instructions": 20000},
    }
    await client.send(_update(truncation=truncation))
    assert (await client.expect("session.updated"))["session"]["truncation"] == truncation
    bad = {"type": "retention_ratio", "retention_ratio": 1.5}
    await client.send(_update(truncation=bad), check=False)
    error = (await client.expect("error"))["error"]
    assert error["param"] == "session.truncation.retention_ratio"


async def test_a_stored_prompt_is_refused(connect: Connect) -> None:
    client = await _client(connect, "gpt-realtime-2.1")
    await client.send(_update(prompt={"id": "pmpt_123"}))
    error = (await client.expect("error"))["error"]
    assert error["param"] == "session.prompt" and "2026-11-30" in error["message"]


async def test_a_reasoning_model_says_a_preamble_before_a_call(connect: Connect) -> None:
    client = await _client(connect, "gpt-realtime-2.1")
    await client.send(_update(tools=[WEATHER], output_modalities=["text"]))
    await client.expect("session.updated")
    await client.say("What does get weather say for Paris?")
    events = await client.until("response.done")
    added = [e for e in events if e["type"] == "response.output_item.added"]
    assert [(e["output_index"], e["item"]["type"]) for e in added] == [
        (0, "message"),
        (1, "function_call"),
    ]
    assert added[0]["item"]["phase"] == "commentary"
    output = events[-1]["response"]["output"]
    assert [item["type"] for item in output] == ["message", "function_call"]
    assert "get_weather" in output[0]["content"][0]["text"]
    call_id = output[1]["call_id"]
    item = {"type": "function_call_output", "call_id": call_id, "output": '{"sky": "sunny"}'}
    await client.send({"type": "conversation.item.create", "item": item})
    await client.send({"type": "response.create"})
    answer = (await client.until("response.done"))[-1]["response"]["output"]
    assert [(i["type"], i["phase"]) for i in answer] == [("message", "final_answer")]


async def test_a_model_without_reasoning_has_no_phase(connect: Connect) -> None:
    client = await _client(connect, "gpt-realtime-1.5")
    await client.send(_update(output_modalities=["text"]))
    await client.expect("session.updated")
    await client.say("hello")
    output = (await client.until("response.done"))[-1]["response"]["output"]
    assert len(output) == 1 and "phase" not in output[0]


async def test_diarized_transcription_labels_each_stretch_of_speech(connect: Connect) -> None:
    client = await _client(connect, "gpt-realtime-2.1")
    audio_input = {"turn_detection": None, "transcription": {"model": "gpt-4o-transcribe-diarize"}}
    await client.send(_update(audio={"input": audio_input}))
    await client.expect("session.updated")
    await client.append_audio(speech_like(600) + silence(500) + speech_like(900, f0=120.0))
    await client.send({"type": "input_audio_buffer.commit"})
    events = await client.until("conversation.item.input_audio_transcription.completed")
    segments = [
        e for e in events if e["type"] == "conversation.item.input_audio_transcription.segment"
    ]
    assert [s["speaker"] for s in segments] == ["A", "B"]
    assert segments[0]["start"] == 0.0 and segments[0]["end"] == pytest.approx(0.6, abs=0.02)
    assert segments[1]["start"] == pytest.approx(1.1, abs=0.02)
    assert events[-1]["transcript"] == " ".join(s["text"] for s in segments)
