"""`realtime-assistant voice` with the 2.x features, as a real process on the virtual
PulseAudio devices against the offline demo (gpt-realtime-2.1): the built-in tools with the
preamble before a call, and diarized transcripts per speaker. Run through
scripts/with-services.sh; without the devices these skip."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from tests.audio.pulse import play_into, require_pulse, speech
from tests.cli.test_cli import cli
from tests.cli.test_models_cli import _settings
from tests.cli.test_voice import DEMO, TIMEOUT, json_lines, running

pytestmark = pytest.mark.slow


async def test_a_spoken_reply_runs_the_calculator_after_a_preamble(tmp_path: Path) -> None:
    require_pulse()
    code, out, err = await cli(
        *DEMO, "--json", "--text", "please calculate '6*7'", env=_settings(tmp_path)
    )
    assert code == 0, err
    items = [line for line in json_lines(out) if line["type"] == "item"]
    kinds = [(i["item_type"], i.get("phase")) for i in items]
    assert ("message", "commentary") in kinds and ("message", "final_answer") in kinds
    output = next(i for i in items if i["item_type"] == "function_call_output")
    assert json.loads(output["output"])["value"] == 42
    answer = next(i for i in items if i.get("phase") == "final_answer")
    assert "42" in answer["text"] and answer["audio_ms"] > 500


async def test_a_tool_that_asks_is_refused_in_voice_too(tmp_path: Path) -> None:
    require_pulse()
    env = _settings(tmp_path, tool_permissions={"calculate": "ask"})
    code, out, err = await cli(*DEMO, "--json", "--text", "please calculate '6*7'", env=env)
    assert code == 0, err
    assert "run with --allow-tool calculate to allow it" in err
    output = next(i for i in json_lines(out) if i.get("item_type") == "function_call_output")
    assert json.loads(output["output"])["error"]["type"] == "denied"


async def test_diarized_speech_is_printed_per_speaker() -> None:
    require_pulse()
    first = speech("Hello there", 24000)
    second = speech("Good morning", 24000, voice="en-gb")
    pause = bytes(2 * 24000 * 600 // 1000)  # a pause the diarizer takes for a change of speaker
    args = (*DEMO, "--json", "--diarize", "--turns", "ptt", "--echo", "off")
    async with running(*args, stdin=asyncio.subprocess.PIPE) as voice:
        await voice.wait_for("the push-to-talk notice", voice.err_has("Press Enter to talk"))
        await voice.press_enter()
        await voice.wait_for("the listening notice", voice.err_has("(listening"))
        feeder = play_into("micsink", first + pause + second, 24000)
        await asyncio.to_thread(feeder.wait, TIMEOUT)
        await voice.press_enter()
        assert voice.process.stdin is not None
        voice.process.stdin.close()  # end of input: the run ends once the reply was heard
        code = await voice.ended()
    assert code == 0, "".join(voice.err)
    user = next(line for line in voice.json() if line.get("role") == "user")
    speakers = [segment["speaker"] for segment in user["speakers"]]
    assert speakers[:2] == ["A", "B"], user["speakers"]
    assert user["text"] == " ".join(segment["text"] for segment in user["speakers"])
