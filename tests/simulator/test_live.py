"""The simulator's GPT-Live dialect over real sockets, every event in both directions checked
by the oracle (`openai.types.live`; client events with no unknown field)."""

from __future__ import annotations

import asyncio
import base64
import json

import pytest
from websockets.exceptions import InvalidStatus

from assistant.simulator import Simulator, SimulatorOptions
from tests.simulator.client import RawClient, open_client
from tests.simulator.conftest import Connect

PATH = "/v1/live/sessions"
TIME_TOOL = {
    "type": "function",
    "name": "get_current_time",
    "description": "The current time",
    "parameters": {"type": "object", "properties": {}},
}


def start(delegation: dict[str, object] | None = None) -> dict[str, object]:
    session: dict[str, object] = {
        "model": "gpt-live-1",
        "instructions": "Be brief.",
        "audio": {"format": {"type": "audio/pcm", "rate": 24000}, "output": {"voice": "marin"}},
    }
    if delegation is not None:
        session["delegation"] = delegation
    return {"type": "session.start", "event_id": "evt_start", "session": session}


RESPONSES = {"type": "responses", "responses": {"model": "gpt-5.1", "tools": [TIME_TOOL]}}


async def started(connect: Connect, delegation: dict[str, object] | None = None) -> RawClient:
    client = await connect(PATH, "live")
    await client.send(start(delegation))
    event = await client.expect("session.started")
    assert event["session"]["model"] == "gpt-live-1"
    assert event["client_event_id"] == "evt_start"
    return client


def typed(text: str, event_id: str = "evt_t") -> dict[str, object]:
    return {
        "type": "session.instructions.append",
        "event_id": event_id,
        "content": f"The user typed: {text}",
        "delegation_id": None,
    }


async def test_nothing_is_accepted_before_session_start(connect: Connect) -> None:
    client = await connect(PATH, "live")
    await client.send(typed("hello", "evt_early"))
    error = await client.expect("error")
    assert error["error"]["code"] == "session_not_started"
    assert error["error"]["client_event_id"] == "evt_early"


async def test_unknown_start_fields_and_models_are_refused(connect: Connect) -> None:
    client = await connect(PATH, "live")
    bad = start()
    bad["session"] = {**bad["session"], "tools": [TIME_TOOL]}  # type: ignore[dict-item]
    await client.send(bad, check=False)
    error = await client.expect("error")
    assert error["error"]["code"] == "unknown_parameter"
    assert "session.tools" in error["error"]["message"]
    wrong = start()
    wrong["session"] = {**wrong["session"], "model": "gpt-realtime"}  # type: ignore[dict-item]
    await client.send(wrong)
    assert (await client.expect("error"))["error"]["code"] == "invalid_value"


async def test_model_in_the_url_is_refused(sim: Simulator) -> None:
    with pytest.raises(InvalidStatus) as refused:
        await open_client(sim.base_url + PATH + "?model=gpt-live-1", "live")
    assert refused.value.response.status_code == 400


async def test_typed_question_through_responses_delegation(connect: Connect) -> None:
    client = await started(connect, RESPONSES)
    await client.send(typed("What time is it?"))
    events, inner = [], []
    while not inner or inner[-1]["type"] != "response.completed":
        events.append(await client.recv())
        if events[-1]["type"] == "response.event":
            inner.append(events[-1]["event"])
    assert events[0]["type"] == "session.instructions.appended"
    assert events[1]["type"] == "session.delegation.created"
    assert events[1]["delegation"]["target"] == "responses"
    ack = [e["delta"] for e in events if e["type"] == "session.output_transcript.delta"]
    assert "".join(ack) == "Let me check."  # spoken while the backend works
    call = next(e["item"] for e in inner if e["type"] == "response.output_item.done")
    assert call["name"] == "get_current_time"
    output = {"type": "function_call_output", "call_id": call["call_id"], "output": '"12:00"'}
    await client.send({"type": "response.item.create", "event_id": "evt_o", "item": output})
    await client.send({"type": "response.create", "event_id": "evt_c"})
    events = await client.until("session.usage.updated")
    spoken = "".join(e["delta"] for e in events if e["type"] == "session.output_transcript.delta")
    assert spoken == 'The tool get_current_time returned: "12:00"'
    audio = [e for e in events if e["type"] == "session.output_audio.delta"]
    assert audio and all(len(base64.b64decode(e["delta"])) <= 4800 for e in audio)
    await client.send({"type": "session.close", "event_id": "evt_close"})
    closed = await client.until("session.closed")
    assert closed[-1]["reason"] == "close_requested"
    assert await client.closed() == (1000, "session closed")


async def test_client_delegation_speaks_the_commentary(connect: Connect) -> None:
    client = await started(connect, {"type": "client"})
    await client.send(typed("What time is it?"))
    events = await client.until("session.delegation.created")
    delegation_id = events[-1]["delegation"]["id"]
    answer = {
        "type": "session.commentary.append",
        "event_id": "evt_a",
        "content": "It is noon.",
        "delegation_id": delegation_id,
    }
    await client.send(answer)
    events = await client.until("session.usage.updated")
    assert events[0]["type"] == "session.commentary.appended"
    words = [e["delta"] for e in events if e["type"] == "session.output_transcript.delta"]
    assert "".join(words) == "It is noon."
    await client.send({"type": "response.create"})
    error = await client.expect("error")
    assert "Responses delegation" in error["error"]["message"]


async def test_spoken_turn_on_the_audio_timeline(connect: Connect) -> None:
    client = await started(connect)
    loud = (3000).to_bytes(2, "little", signed=True) * 24 * 500  # 500 ms of "speech"
    quiet = bytes(48 * 700)
    for pcm in (loud, quiet):
        audio = base64.b64encode(pcm).decode()
        await client.send({"type": "session.input_audio.append", "audio": audio})
    events = await client.until("session.usage.updated")
    heard = next(e for e in events if e["type"] == "session.input_transcript.delta")
    assert (heard["start_ms"], heard["end_ms"]) == (0, 500)
    first_word = next(e for e in events if e["type"] == "session.output_transcript.delta")
    assert first_word["start_ms"] == 1200  # placed where the input timeline stood
    assert events[-1]["usage"]["seconds"] > 1.2


@pytest.mark.parametrize("options", [SimulatorOptions(pace=0, api_key="sk-right")])
async def test_wrong_key_is_refused_at_the_handshake(sim: Simulator) -> None:
    with pytest.raises(InvalidStatus) as refused:
        await open_client(sim.live_url, "live", additional_headers={"Authorization": "Bearer x"})
    assert refused.value.response.status_code == 401
    body = json.loads(refused.value.response.body)
    assert body["error"]["code"] == "invalid_api_key"


async def test_malformed_client_frames_get_an_error(connect: Connect) -> None:
    client = await started(connect)
    await client.send_raw("{not json")
    assert (await client.expect("error"))["error"]["code"] == "invalid_json"
    await client.send({"type": "session.input_audio.append", "audio": "%%%"}, check=True)
    assert (await client.expect("error"))["error"]["code"] == "invalid_value"
    await asyncio.sleep(0)
