"""`realtime-assistant voice` run as a real process: the built-in simulator on 127.0.0.1, the
virtual PulseAudio devices (`fakemic` fed by espeak-ng through `micsink`, `speaker` recorded
from `spk.monitor`). Run through scripts/with-services.sh; without the devices these skip.
Every wait is bounded by a timeout; nothing depends on how fast the machine is.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.audio.pulse import Recorder, play_into, require_pulse, speech
from tests.audio.signals import rms
from tests.cli.test_cli import cli
from tests.pictures import png

pytestmark = pytest.mark.slow
DEMO = ("voice", "--provider", "demo", "--no-history", "--input", "fakemic", "--output", "speaker")
TIMEOUT = 60.0


def json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


async def test_a_typed_message_gets_a_spoken_reply_heard_to_the_end() -> None:
    require_pulse()
    recorder = Recorder("spk.monitor", 24000)
    try:
        code, out, err = await cli(*DEMO, "--text", "hello", "--json", "--duration", "120")
    finally:
        recording = recorder.stop()
    assert code == 0, err
    lines = json_lines(out)
    items = [line for line in lines if line["type"] == "item"]
    assert [(i["role"], i["status"]) for i in items] == [
        ("user", "completed"),
        ("assistant", "completed"),
    ]
    assert items[0]["text"] == "hello"
    assert "hello" in items[1]["text"] and items[1]["audio_ms"] > 1000
    summary = lines[-1]
    assert summary["type"] == "summary" and summary["usage"]["output_tokens"] > 0
    assert summary["cost_usd"] > 0
    voiced = recording[np.abs(recording) > 0.01]
    assert len(voiced) > items[1]["audio_ms"] * 24 // 4  # the reply reached the speaker
    assert rms(voiced) > 0.02


async def test_the_transcript_reads_you_and_assistant_with_the_session_cost() -> None:
    require_pulse()
    code, out, err = await cli(*DEMO, "--text", "one", "--text", "two")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "You: one"
    assert lines[1].startswith("Assistant: ") and "one" in lines[1]
    assert lines[2] == "You: two"  # sent only after the first reply was heard
    assert lines[3].startswith("Assistant: ") and "two" in lines[3]
    assert lines[4].startswith("Session: ") and "$" in lines[4]
    assert "Offline demo" in err


async def test_a_picture_goes_with_the_next_typed_message(tmp_path: Path) -> None:
    require_pulse()
    shot = tmp_path / "dialog.png"
    shot.write_bytes(png(320, 200))
    code, out, err = await cli(*DEMO, "--image", str(shot), "--text", "what is it?", "--text", "ok")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "You: what is it? [picture dialog.png, 320x200]"
    assert lines[1] == (
        "Assistant: This is the offline demo; I received a PNG picture of 320 by 200 pixels. "
        "You asked: what is it."
    )
    assert lines[2] == "You: ok"
    assert "image" in lines[-1]  # the session's tokens name the image tokens


async def test_an_unknown_device_is_a_usage_error_naming_the_devices_there_are() -> None:
    require_pulse()
    code, out, err = await cli("voice", "--provider", "demo", "--input", "no-such-mic")
    assert code == 2
    assert out == ""
    assert "'no-such-mic' matches no input device; the input devices are: " in err
    assert "fakemic" in err


async def test_an_ambiguous_device_name_is_a_usage_error_naming_the_candidates() -> None:
    require_pulse()
    code, _, err = await cli("voice", "--provider", "demo", "--output", "SPEAK")
    assert code == 2
    assert "'SPEAK' matches 2 output devices (speaker, speaker_monitor)" in err


@asynccontextmanager
async def running(*args: str, stdin: int = asyncio.subprocess.DEVNULL) -> AsyncIterator[Process]:
    """The command started in the background; it is stopped (SIGKILL) if still running."""
    environment = {k: v for k, v in os.environ.items() if "API_KEY" not in k}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "assistant",
        *args,
        env=environment,
        stdin=stdin,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    watched = Process(process)
    try:
        yield watched
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


class Process:
    """A running command whose output lines are collected as they come."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.out: list[str] = []
        self.err: list[str] = []
        assert process.stdout is not None and process.stderr is not None
        self._readers = [
            asyncio.create_task(self._collect(process.stdout, self.out)),
            asyncio.create_task(self._collect(process.stderr, self.err)),
        ]

    @staticmethod
    async def _collect(stream: asyncio.StreamReader, into: list[str]) -> None:
        async for line in stream:
            into.append(line.decode())

    async def wait_for(self, what: str, done: Callable[[], bool]) -> None:
        try:
            async with asyncio.timeout(TIMEOUT):
                while not done():
                    assert self.process.returncode is None, f"ended early: {''.join(self.err)}"
                    await asyncio.sleep(0.05)
        except TimeoutError:
            pytest.fail(f"timed out waiting for {what}; stderr: {''.join(self.err)}")

    def json(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.out]

    def err_has(self, text: str) -> Callable[[], bool]:
        return lambda: text in "".join(self.err)

    async def press_enter(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"\n")
        await self.process.stdin.drain()

    async def ended(self) -> int:
        """The exit status, once the output is read."""
        async with asyncio.timeout(TIMEOUT):
            await asyncio.gather(*self._readers)
            return await self.process.wait()

    async def interrupt(self) -> int:
        """Ctrl+C; returns the exit status once the output is read."""
        self.process.send_signal(signal.SIGINT)
        async with asyncio.timeout(TIMEOUT):
            await asyncio.gather(*self._readers)
            return await self.process.wait()


async def test_ctrl_c_ends_a_hands_free_conversation_with_the_summary() -> None:
    require_pulse()
    async with running(*DEMO, "--json") as voice:
        await voice.wait_for("the listening notice", lambda: "Ctrl+C ends" in "".join(voice.err))
        code = await voice.interrupt()
    assert code == 0, "".join(voice.err)
    lines = voice.json()
    assert lines[-1]["type"] == "summary"
    assert lines[-1]["usage"]["total_tokens"] == 0


async def test_spoken_words_are_a_turn_the_assistant_answers_out_loud() -> None:
    require_pulse()
    question = speech("Hello assistant, what is the weather in Berlin today?", 24000)
    async with running(*DEMO, "--json", "--echo", "cancel") as voice:
        await voice.wait_for("the listening notice", lambda: "Ctrl+C ends" in "".join(voice.err))
        feeder = play_into("micsink", question + bytes(48000), 24000)  # and 1 s of silence

        def answered() -> bool:
            return any(line.get("role") == "assistant" for line in voice.json())

        await voice.wait_for("the spoken reply", answered)
        await asyncio.to_thread(feeder.wait, TIMEOUT)
        code = await voice.interrupt()
    assert code == 0, "".join(voice.err)
    lines = voice.json()
    kinds = [(line["type"], line.get("event") or line.get("role")) for line in lines]
    assert kinds[:2] == [("speech", "started"), ("speech", "stopped")]
    user = next(line for line in lines if line.get("role") == "user")
    reply = next(line for line in lines if line.get("role") == "assistant")
    assert user["speech_ms"] > 1000, lines  # the question, as the server's VAD heard it
    assert reply["status"] == "completed" and reply["audio_ms"] > 1000
    assert lines[-1]["type"] == "summary" and lines[-1]["usage"]["input_audio"] > 0


async def test_push_to_talk_sends_the_turn_on_enter_and_ends_after_the_reply() -> None:
    require_pulse()
    question = speech("What is the weather in Berlin today?", 24000)
    async with running(*DEMO, "--json", "--turns", "ptt", stdin=asyncio.subprocess.PIPE) as voice:
        await voice.wait_for("the push-to-talk notice", voice.err_has("Press Enter to talk"))
        await voice.press_enter()
        await voice.wait_for("the listening notice", voice.err_has("(listening"))
        feeder = play_into("micsink", question, 24000)
        await asyncio.to_thread(feeder.wait, TIMEOUT)
        await voice.press_enter()
        assert voice.process.stdin is not None
        voice.process.stdin.close()  # end of input: the run ends once the reply was heard
        code = await voice.ended()
    assert code == 0, "".join(voice.err)
    lines = voice.json()
    assert not [line for line in lines if line["type"] == "speech"]  # no server VAD in ptt
    roles = [(line["role"], line["status"]) for line in lines if line["type"] == "item"]
    assert roles == [("user", "completed"), ("assistant", "completed")]
    assert lines[-1]["type"] == "summary" and lines[-1]["usage"]["output_tokens"] > 0
