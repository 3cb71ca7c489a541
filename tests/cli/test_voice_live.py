"""`realtime-assistant voice` over GPT-Live: a real process, the simulator's /v1/live/sessions,
the virtual PulseAudio devices (run through scripts/with-services.sh; skipped without them)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.simulator import Simulator, SimulatorOptions
from tests.audio.pulse import Recorder, require_pulse
from tests.cli.test_cli import KEY, cli

pytestmark = pytest.mark.slow


async def test_a_typed_question_is_answered_aloud_through_delegation() -> None:
    require_pulse()
    recorder = Recorder("spk.monitor", 24000)
    try:
        async with Simulator(SimulatorOptions(api_key=KEY, pace=1.0), port=0) as sim:
            code, out, err = await cli(
                "voice",
                "--endpoint",
                sim.live_url,
                "--api-key-env",
                "LIVE_KEY",
                "--no-history",
                "--input",
                "fakemic",
                "--output",
                "speaker",
                "--text",
                "What time is it?",
                "--json",
                "--duration",
                "120",
                env={"LIVE_KEY": KEY},
            )
            received = list(sim.received)
    finally:
        recording = recorder.stop()
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    items = [line for line in lines if line["type"] == "item"]
    # Replies print once heard to the end, so the spoken acknowledgement may follow the call.
    assert sorted(i["item_type"] for i in items) == sorted(
        ["message", "message", "function_call", "function_call_output", "message"]
    )
    reply = items[-1]
    assert reply["role"] == "assistant" and "get_current_time returned" in reply["text"]
    assert reply["audio_ms"] > 1000
    assert lines[-1]["seconds"] > 0 and lines[-1]["cost_usd"] > 0
    types = [event["type"] for event in received]
    assert types[0] == "session.start" and types[-1] == "session.close"
    assert types.count("session.input_audio.append") > 10  # the input never stops flowing
    assert not {"response.cancel", "conversation.item.truncate"} & set(types)
    assert np.abs(recording).max() > 0.05  # the answer reached the speaker
