"""G.711 sessions: audio/pcmu and audio/pcma in and out (8 kHz on the wire)."""

from __future__ import annotations

import base64

import pytest

from assistant.simulator.audio_formats import from_pcm24, to_pcm24
from assistant.simulator.vad import frame_dbfs
from tests.simulator.audio import speech_like, turn
from tests.simulator.client import RawClient


@pytest.mark.parametrize("kind", ["audio/pcmu", "audio/pcma"])
def test_round_trip_keeps_level_and_length(kind: str) -> None:
    pcm = speech_like(500, dbfs=-20)
    wire = from_pcm24(pcm, {"type": kind})
    assert len(wire) == 500 * 8
    back = to_pcm24(wire, {"type": kind})
    assert len(back) == len(pcm)
    assert frame_dbfs(back) == pytest.approx(frame_dbfs(pcm), abs=1.0)


def test_pcm_is_passed_through() -> None:
    assert from_pcm24(b"\x01\x02", {"type": "audio/pcm", "rate": 24000}) == b"\x01\x02"
    assert to_pcm24(b"\x01\x02\x03", None) == b"\x01\x02"


async def test_mulaw_session_end_to_end(client: RawClient) -> None:
    pcmu = {"type": "audio/pcmu"}
    audio = {"input": {"format": pcmu}, "output": {"format": pcmu}}
    await client.send({"type": "session.update", "session": {"type": "realtime", "audio": audio}})
    session = (await client.expect("session.updated"))["session"]
    assert session["audio"]["output"]["format"] == pcmu
    wire = from_pcm24(turn(), pcmu)
    for start in range(0, len(wire), 800):
        chunk = base64.b64encode(wire[start : start + 800]).decode()
        await client.send({"type": "input_audio_buffer.append", "audio": chunk})
    started = await client.expect("input_audio_buffer.speech_started")
    assert started["audio_start_ms"] == pytest.approx(200, abs=30)
    events = await client.until("response.done")
    deltas = [
        base64.b64decode(e["delta"]) for e in events if e["type"] == "response.output_audio.delta"
    ]
    assert {len(d) for d in deltas[:-1]} == {800}  # 100 ms at 8 kHz, one byte per sample
