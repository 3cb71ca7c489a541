"""The 2.x options end to end: the core against the simulator on 127.0.0.1, every client event
the simulator received checked by the oracle. Reasoning and truncation reach a model that takes
them and never one that does not (the simulator would answer with an error); a reasoning
model's preamble and answer carry their phases; diarized segments reach the user's item."""

from __future__ import annotations

import json
from dataclasses import replace

from assistant.realtime import (
    DIARIZE_MODEL,
    ItemCompleted,
    ItemKind,
    ResponseFinished,
    ServerError,
    SessionConfig,
    SessionUpdated,
    ToolCallReady,
    Transcription,
    Truncation,
    UserTranscriptCompleted,
    UserTranscriptSegment,
)
from assistant.realtime.items import role_of
from assistant.simulator import Simulator
from assistant.transport import Endpoint, custom
from tests.integration.harness import check_client_events, connected, simulator
from tests.simulator.audio import silence, speech_like

CALCULATE = {
    "type": "function",
    "name": "calculate",
    "description": "Calculate an arithmetic expression.",
    "parameters": {
        "type": "object",
        "properties": {"expression": {"type": "string"}},
        "required": ["expression"],
    },
}
OPTIONS = SessionConfig(
    output="text",
    turn_detection=None,
    transcription=None,
    reasoning_effort="high",
    truncation=Truncation(0.5, 8000),
)


def _endpoint(sim: Simulator, model: str) -> Endpoint:
    return custom(sim.url, model=model)


def _sent_sessions(sim: Simulator) -> list[dict[str, object]]:
    check_client_events(sim.received, "ga")
    return [e["session"] for e in sim.received if e.get("type") == "session.update"]


async def test_a_reasoning_model_gets_the_options_and_answers_in_phases() -> None:
    config = replace(OPTIONS, tools=(CALCULATE,))
    async with simulator() as sim, connected(_endpoint(sim, "gpt-realtime-2.1"), config) as c:
        await c.wait_count(SessionUpdated, 1)
        c.send_text("please calculate '6*7'")
        await c.wait_count(ToolCallReady, 1)
        call = c.of_type(ToolCallReady)[0]
        c.session.submit_tool_output(call.call_id, json.dumps({"value": 42}))
        c.client.flush()
        await c.wait_count(ResponseFinished, 2)
    assert not c.of_type(ServerError)
    sessions = _sent_sessions(sim)
    assert sessions[0]["reasoning"] == {"effort": "high"}
    assert sessions[0]["truncation"] == {
        "type": "retention_ratio",
        "retention_ratio": 0.5,
        "token_limits": {"post_instructions": 8000},
    }
    assert all("prompt" not in session for session in sessions)
    updated = c.of_type(SessionUpdated)[0].config
    assert updated["reasoning"] == {"effort": "high"}
    replies = [i for i in c.session.conversation.items() if role_of(i) == "assistant"]
    assert [(i.phase, i.kind) for i in replies] == [
        ("commentary", ItemKind.MESSAGE),
        ("final_answer", ItemKind.MESSAGE),
    ]
    assert "calculate" in replies[0].text and "42" in replies[1].text


async def test_a_model_without_reasoning_never_gets_the_option() -> None:
    async with simulator() as sim, connected(_endpoint(sim, "gpt-realtime-1.5"), OPTIONS) as c:
        await c.wait_count(SessionUpdated, 1)
        c.send_text("hello")
        await c.wait_count(ResponseFinished, 1)
    assert not c.of_type(ServerError)
    sessions = _sent_sessions(sim)
    assert all("reasoning" not in session for session in sessions)
    assert sessions[0]["truncation"]["retention_ratio"] == 0.5  # type: ignore[index]
    completed = [e.item for e in c.of_type(ItemCompleted) if role_of(e.item) == "assistant"]
    assert completed and completed[0].phase is None


async def test_diarized_segments_reach_the_users_item() -> None:
    config = SessionConfig(
        output="text", turn_detection=None, transcription=Transcription(DIARIZE_MODEL)
    )
    async with simulator() as sim, connected(_endpoint(sim, "gpt-realtime-2.1"), config) as c:
        await c.wait_count(SessionUpdated, 1)
        c.session.append_audio(speech_like(600) + silence(500) + speech_like(700))
        c.session.commit_audio()
        c.client.flush()
        await c.wait_count(UserTranscriptCompleted, 1)
    _sent_sessions(sim)
    segments = c.of_type(UserTranscriptSegment)
    assert [s.speaker for s in segments] == ["A", "B"]
    user = next(i for i in c.session.conversation.items() if role_of(i) == "user")
    assert [(s.speaker, s.text) for s in user.segments] == [(s.speaker, s.text) for s in segments]
