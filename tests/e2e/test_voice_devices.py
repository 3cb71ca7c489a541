"""End to end on real (virtual) devices: a spoken question in, a spoken reply out.

espeak-ng speaks into the `micsink` null sink; the app captures its monitor (`fakemic`) through
PortAudio, the controller streams it to the simulator, whose server VAD ends the turn and
answers with audio; the speaker plays it on the `spk` sink, recorded from `spk.monitor`.
"""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from assistant.audio.capture import Microphone
from assistant.audio.playback import Speaker
from assistant.controller import Controller
from assistant.realtime import (
    AudioDelta,
    InputCommitted,
    ResponseFinished,
    ServerVad,
    SessionConfig,
    SessionCreated,
    SpeechStarted,
)
from tests.audio.pulse import Recorder, play_into, require_pulse, speech
from tests.audio.signals import rms
from tests.integration.harness import connected, endpoint_for, simulator

pytestmark = pytest.mark.slow
TIMEOUT = 30.0


def device(backend: object, name: str) -> object:
    found = [d for d in backend.list_devices() if d.name == name]  # type: ignore[attr-defined]
    assert found, f"no device {name!r}"
    return found[0]


async def test_spoken_question_gets_a_spoken_reply_on_the_speaker() -> None:
    devices = require_pulse()
    backend = devices.PortAudioBackend()
    loop = asyncio.get_running_loop()
    config = SessionConfig(turn_detection=ServerVad(silence_duration_ms=400))
    question = speech("Hello assistant, what is the weather in Berlin today?", 24000)
    async with simulator(pace=1.0) as sim, connected(endpoint_for(sim, "ga"), config) as chat:
        speaker = Speaker(loop)
        controller = Controller(chat.session, chat.client, speaker)
        chat.handlers.append(controller.handle)
        microphone = Microphone(loop, controller.microphone_block)
        controller.microphone = microphone
        microphone.attach(backend, device(backend, "fakemic"))  # type: ignore[arg-type]
        speaker.attach(backend, device(backend, "speaker"))  # type: ignore[arg-type]
        recorder = Recorder("spk.monitor", 24000)
        try:
            await chat.wait_count(SessionCreated, 1)
            feeder = play_into("micsink", question + bytes(48000), 24000)  # and 1 s of silence
            await chat.wait_count(SpeechStarted, 1, timeout=TIMEOUT)
            await chat.wait_count(InputCommitted, 1, timeout=TIMEOUT)
            await chat.wait_count(ResponseFinished, 1, timeout=TIMEOUT)
            reply_frames = sum(len(e.pcm) for e in chat.of_type(AudioDelta)) // 2
            reply_id = chat.of_type(AudioDelta)[0].item_id
            await chat.wait_for(lambda: speaker.played_frames(reply_id) >= reply_frames, TIMEOUT)
            await asyncio.to_thread(feeder.wait, TIMEOUT)
        finally:
            recording = recorder.stop()
            microphone.detach()
            speaker.detach()
    items = chat.session.conversation.items()
    assert [i.role for i in items] == ["user", "assistant"]
    assert items[1].text  # the reply's transcript
    assert reply_frames > 24000  # over a second of synthetic voice
    voiced = recording[np.abs(recording) > 0.01]
    assert len(voiced) > reply_frames // 4  # the reply was heard on the speaker sink
    assert rms(voiced) > 0.02
