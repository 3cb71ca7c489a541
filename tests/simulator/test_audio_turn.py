"""Input audio over a real socket: server VAD turns, manual commits, barge-in, idle timeout."""

from __future__ import annotations

import pytest

from assistant.simulator import Simulator, SimulatorOptions
from tests.simulator.audio import silence, speech_like, turn
from tests.simulator.client import RawClient, open_client


def _update(turn_detection: dict | None, **audio_input: object) -> dict:
    session = {"type": "realtime", "audio": {"input": {"turn_detection": turn_detection}}}
    session["audio"]["input"].update(audio_input)
    return {"type": "session.update", "session": session}


async def test_vad_turn_detects_commits_and_answers(client: RawClient) -> None:
    await client.append_audio(turn(speech_ms=1200, before_ms=500, after_ms=1000))
    started = await client.expect("input_audio_buffer.speech_started")
    stopped = await client.expect("input_audio_buffer.speech_stopped")
    committed = await client.expect("input_audio_buffer.committed")
    added = await client.expect("conversation.item.added")
    await client.expect("conversation.item.done")
    assert started["audio_start_ms"] == pytest.approx(500 - 300, abs=30)
    assert stopped["audio_end_ms"] == pytest.approx(1700 + 500, abs=30)
    assert started["item_id"] == stopped["item_id"] == committed["item_id"] == added["item"]["id"]
    assert added["item"]["content"] == [{"type": "input_audio", "transcript": None}]
    events = await client.until("response.done")
    assert events[0]["type"] == "response.created"
    transcript = events[-1]["response"]["output"][0]["content"][0]["transcript"]
    assert "1.2 seconds of speech" in transcript
    usage = events[-1]["response"]["usage"]
    assert usage["input_token_details"]["audio_tokens"] == pytest.approx(20, abs=2)


async def test_quiet_audio_is_not_speech(client: RawClient) -> None:
    quiet = speech_like(1000, dbfs=-55.0)
    await client.append_audio(silence(200) + quiet + silence(800))
    await client.send({"type": "input_audio_buffer.clear"})
    assert (await client.recv())["type"] == "input_audio_buffer.cleared"


async def test_transcription_events_follow_the_user_item(client: RawClient) -> None:
    await client.send(_update({"type": "server_vad"}, transcription={"model": "gpt-4o-transcribe"}))
    await client.expect("session.updated")
    await client.append_audio(turn())
    events = await client.until("conversation.item.input_audio_transcription.completed")
    kinds = [e["type"] for e in events]
    assert kinds[:5] == [
        "input_audio_buffer.speech_started",
        "input_audio_buffer.speech_stopped",
        "input_audio_buffer.committed",
        "conversation.item.added",
        "conversation.item.done",
    ]
    assert "conversation.item.input_audio_transcription.delta" in kinds
    completed = events[-1]
    assert completed["transcript"] == "(1.2 seconds of speech)"
    assert completed["usage"]["type"] == "tokens"
    assert completed["item_id"] == events[0]["item_id"]
    await client.until("response.done")


async def test_manual_commit_without_vad(client: RawClient) -> None:
    await client.send(_update(None))
    assert (await client.expect("session.updated"))["session"]["audio"]["input"][
        "turn_detection"
    ] is None
    await client.append_audio(turn(speech_ms=800, after_ms=200))
    await client.send({"type": "input_audio_buffer.commit"})
    committed = await client.expect("input_audio_buffer.committed")
    added = await client.expect("conversation.item.added")
    assert added["item"]["id"] == committed["item_id"]
    await client.expect("conversation.item.done")
    await client.send({"type": "response.create"})
    events = await client.until("response.done")
    assert events[-1]["response"]["status"] == "completed"


async def test_commit_with_too_little_audio_is_an_error(client: RawClient) -> None:
    await client.send(_update(None))
    await client.expect("session.updated")
    await client.append_audio(silence(50))
    await client.send({"type": "input_audio_buffer.commit", "event_id": "evt_commit"})
    error = (await client.expect("error"))["error"]
    assert error["code"] == "input_audio_buffer_commit_empty"
    assert error["event_id"] == "evt_commit"
    assert error["message"] == (
        "Error committing input audio buffer: buffer too small. Expected at least 100ms of "
        "audio, but buffer only has 50.00ms of audio."
    )


async def test_speech_during_a_response_cancels_it() -> None:
    async with Simulator(SimulatorOptions(pace=0.5)) as sim:
        client = await open_client(sim.url)
        await client.expect("session.created")
        await client.say("tell me something long enough to interrupt")
        await client.until("response.output_audio.delta")
        await client.append_audio(speech_like(400) + silence(600))
        events = await client.until("response.done")
        await client.ws.close()
    kinds = [e["type"] for e in events]
    assert "input_audio_buffer.speech_started" in kinds
    assert kinds.index("input_audio_buffer.speech_started") < kinds.index("response.done")
    done = events[-1]["response"]
    assert done["status"] == "cancelled"
    assert done["status_details"] == {"type": "cancelled", "reason": "turn_detected"}
    assert done["output"][0]["status"] == "incomplete"


async def test_idle_timeout_triggers_a_prompt(client: RawClient) -> None:
    detection = {"type": "server_vad", "idle_timeout_ms": 1000}
    await client.send(_update(detection))
    await client.expect("session.updated")
    await client.say("hello")
    done = (await client.until("response.done"))[-1]
    assert done["response"]["status"] == "completed"
    playback_ms = 3500  # "Hello! This is the offline demo; you said: hello." ~3.6 s
    await client.append_audio(silence(playback_ms + 1500))
    events = await client.until("response.done")
    timeout = next(e for e in events if e["type"] == "input_audio_buffer.timeout_triggered")
    assert timeout["audio_end_ms"] - timeout["audio_start_ms"] == 1000
    transcript = events[-1]["response"]["output"][0]["content"][0]["transcript"]
    assert transcript.startswith("Are you still there?")
