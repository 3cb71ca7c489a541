"""A text turn with a spoken reply, over a real socket, at pace 0 and at real-time pace."""

from __future__ import annotations

import base64
import time

import pytest

from assistant.simulator import Simulator, SimulatorOptions
from tests.simulator.client import RawClient, open_client

RESPONSE_ORDER = [
    "response.created",
    "rate_limits.updated",
    "response.output_item.added",
    "conversation.item.added",
    "response.content_part.added",
]
CLOSING_ORDER = [
    "response.output_audio.done",
    "response.output_audio_transcript.done",
    "response.content_part.done",
    "response.output_item.done",
    "conversation.item.done",
    "response.done",
]


def _audio_ms(events: list[dict]) -> int:
    deltas = [e for e in events if e["type"] == "response.output_audio.delta"]
    return sum(len(base64.b64decode(e["delta"])) for e in deltas) // 48


async def test_text_turn_speaks_a_reply_in_the_service_order(client: RawClient) -> None:
    await client.say("hello")
    added = await client.expect("conversation.item.added")
    assert added["item"]["role"] == "user"
    assert added["previous_item_id"] is None
    await client.expect("conversation.item.done")
    events = await client.until("response.done")
    kinds = [e["type"] for e in events]
    assert kinds[:5] == RESPONSE_ORDER
    assert kinds[-6:] == CLOSING_ORDER
    middle = set(kinds[5:-6])
    assert middle == {"response.output_audio.delta", "response.output_audio_transcript.delta"}
    transcript = "".join(
        e["delta"] for e in events if e["type"] == "response.output_audio_transcript.delta"
    )
    assert transcript == "Hello! This is the offline demo; you said: hello."
    assert events[-5]["transcript"] == transcript
    assistant_id = events[2]["item"]["id"]
    assert events[-1]["response"]["output"][0]["id"] == assistant_id
    assert events[3]["previous_item_id"] == added["item"]["id"]


async def test_audio_duration_matches_the_transcript_length(client: RawClient) -> None:
    await client.say("please repeat something a little longer than a greeting")
    events = await client.until("response.done")
    transcript = events[-1]["response"]["output"][0]["content"][0]["transcript"]
    seconds = _audio_ms(events) / 1000
    assert seconds == pytest.approx(len(transcript) / 14, rel=0.1)
    usage = events[-1]["response"]["usage"]
    assert usage["output_token_details"]["audio_tokens"] == pytest.approx(seconds * 20, abs=1)


async def test_audio_chunks_are_100_ms_of_pcm16(client: RawClient) -> None:
    await client.say("hello")
    events = await client.until("response.done")
    sizes = [
        len(base64.b64decode(e["delta"]))
        for e in events
        if e["type"] == "response.output_audio.delta"
    ]
    assert set(sizes[:-1]) == {4800}
    assert 0 < sizes[-1] <= 4800


async def test_usage_grows_per_turn_and_later_turns_hit_the_cache(client: RawClient) -> None:
    inputs, cached = [], []
    for text in ["hello", "tell me more about the offline demo", "and once more, please"]:
        await client.say(text)
        usage = (await client.until("response.done"))[-1]["response"]["usage"]
        inputs.append(usage["input_tokens"])
        cached.append(usage["input_token_details"]["cached_tokens"])
        assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    assert inputs[0] < inputs[1] < inputs[2]
    assert cached[0] == 0
    assert 0 < cached[2] <= inputs[2]
    assert cached[2] % 64 == 0


@pytest.mark.slow
async def test_real_pace_takes_about_real_time() -> None:
    async with Simulator(SimulatorOptions(pace=1.0)) as sim:
        client = await open_client(sim.url)
        await client.expect("session.created")
        await client.say("hi")
        start = time.monotonic()
        events = await client.until("response.done", timeout=30)
        elapsed = time.monotonic() - start
        await client.ws.close()
    audio_seconds = _audio_ms(events) / 1000
    assert audio_seconds > 2.5
    # generous bounds: never faster than ~real time, never wildly slower
    assert audio_seconds * 0.8 <= elapsed <= audio_seconds * 3 + 2
