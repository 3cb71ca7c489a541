"""The controller with the real Speaker and Microphone on a scripted backend, against the simulator.

The audio backend is `assistant.audio.fakes.FakeBackend`: the test plays the sound card, pushing
microphone blocks and pulling speaker blocks, so positions are exact and no clock is involved.
"""

from __future__ import annotations

import asyncio
import base64
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import numpy as np

from assistant.audio.capture import Microphone
from assistant.audio.fakes import FakeBackend, FakeStream, fake_device
from assistant.audio.playback import Speaker
from assistant.controller import Controller, TurnMode, TurnState
from assistant.realtime import (
    AudioDelta,
    Interrupted,
    ItemStatus,
    ItemTruncated,
    Message,
    Picture,
    ResponseFinished,
    Role,
    ServerVad,
    SessionConfig,
    SessionCreated,
    SpeechStarted,
)
from assistant.simulator import Simulator
from tests.integration.harness import Conversation, connected, endpoint_for, simulator
from tests.oracle import validate_client_event
from tests.pictures import png

RATE = 48000
BLOCK = RATE // 50  # 20 ms at the device rate


def voiced(seconds: float) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    wave = sum(np.sin(2 * math.pi * 180 * k * t) / k for k in (1, 2, 3))
    return (wave / 1.8 * 0.3 * 32767).astype(np.int16)


@dataclass
class Rig:
    sim: Simulator
    chat: Conversation
    controller: Controller
    mic: FakeStream
    out: FakeStream
    speaker: Speaker

    async def say(self, samples: np.ndarray) -> None:
        """Push audio through the microphone stream in 20 ms device blocks."""
        for start in range(0, len(samples), BLOCK):
            self.mic.push(samples[start : start + BLOCK])
            await asyncio.sleep(0)

    async def play(self, blocks: int) -> None:
        """Let the speaker's device take `blocks` output blocks."""
        for _ in range(blocks):
            self.out.pull()
            await asyncio.sleep(0)


@asynccontextmanager
async def rig(config: SessionConfig, pace: float = 0.0) -> AsyncIterator[Rig]:
    loop = asyncio.get_running_loop()
    backend = FakeBackend(
        [
            fake_device(0, "Mic", inputs=1, rate=RATE, default=True),
            fake_device(1, "Speaker", outputs=2, rate=RATE, default=True),
        ]
    )
    async with simulator(pace=pace) as sim, connected(endpoint_for(sim, "ga"), config) as chat:
        speaker = Speaker(loop)
        controller = Controller(chat.session, chat.client, speaker)
        chat.client._on_event = lambda e: (chat.events.append(e), controller.handle(e))
        microphone = Microphone(loop, controller.microphone_block)
        controller.microphone = microphone
        devices = backend.list_devices()
        microphone.attach(backend, devices[0])
        speaker.attach(backend, devices[1])
        await chat.wait_count(SessionCreated, 1)
        yield Rig(sim, chat, controller, backend.stream("input"), backend.stream("output"), speaker)
        microphone.detach()
        speaker.detach()


async def test_vad_turn_from_the_microphone_is_played_to_the_speaker() -> None:
    async with rig(SessionConfig(turn_detection=ServerVad(silence_duration_ms=300))) as r:
        states: list[TurnState] = []
        r.controller.state_listeners.append(states.append)
        await r.say(np.zeros(RATE // 5, np.int16))
        await r.say(voiced(1.0))
        await r.say(np.zeros(RATE // 2, np.int16))
        await r.chat.wait_count(ResponseFinished, 1)
        received = sum(len(e.pcm) for e in r.chat.of_type(AudioDelta)) // 2  # 24 kHz frames
        reply_id = r.chat.of_type(AudioDelta)[0].item_id
        await r.play(blocks=received * 2 // (RATE // 100) + 40)  # everything, plus the drain
        assert r.speaker.played_frames(reply_id) == received  # to the last sample
        assert states[:3] == [TurnState.LISTENING, TurnState.THINKING, TurnState.SPEAKING]
        assert [i.role for i in r.chat.session.conversation.items()] == ["user", "assistant"]


async def test_speech_during_the_reply_truncates_at_what_was_played() -> None:
    config = SessionConfig(turn_detection=ServerVad(silence_duration_ms=300))
    async with rig(config, pace=1.0) as r:
        r.controller.send_text("tell me a long story about the sea and the mountains")
        await r.chat.wait_for(lambda: sum(len(e.pcm) for e in r.chat.of_type(AudioDelta)) >= 24000)
        await r.play(blocks=40)  # 400 ms at 10 ms per device block, the prebuffer included
        await r.say(voiced(0.4))
        await r.chat.wait_count(SpeechStarted, 1)
        await r.chat.wait_count(ItemTruncated, 1)
        (cut,) = r.chat.of_type(Interrupted)
        played = cut.heard_ms
        assert played == 400 + 10  # the 40 blocks the device took, and the 10 ms fade-out
        truncate = [e for e in r.chat.session.conversation.items() if e.interrupted]
        assert truncate[0].heard_ms == played
        await r.play(blocks=2)  # the fade-out block, then silence
        assert r.speaker.is_audible is False
        assert np.all(r.out.pull() == 0)


async def test_push_to_talk_press_and_release() -> None:
    async with rig(SessionConfig(turn_detection=None)) as r:
        assert r.controller.mode is TurnMode.PUSH_TO_TALK
        await r.say(voiced(0.3))  # not holding the key: nothing is sent
        r.controller.press_to_talk()
        await r.say(voiced(0.6))
        assert r.controller.release_to_talk()
        await r.chat.wait_count(ResponseFinished, 1)
        appended = sum(len(m) for m in [] if m)
        del appended
        items = r.chat.session.conversation.items()
        assert [i.role for i in items] == ["user", "assistant"]


async def test_muted_microphone_sends_nothing() -> None:
    async with rig(SessionConfig(turn_detection=ServerVad())) as r:
        r.controller.set_muted(True)
        await r.say(voiced(1.0))
        await r.say(np.zeros(RATE, np.int16))
        await asyncio.sleep(0.2)
        assert r.chat.of_type(SpeechStarted) == []
        r.controller.set_muted(False)
        await r.say(voiced(1.0))
        await r.chat.wait_count(SpeechStarted, 1)


async def test_entering_a_hands_free_mode_sends_one_update_with_the_given_parameters() -> None:
    async with rig(SessionConfig(turn_detection=None)) as r:
        r.controller.detections[TurnMode.SERVER_VAD] = ServerVad(
            threshold=0.8, silence_duration_ms=900, idle_timeout_ms=6000
        )
        before = len(r.sim.received)
        r.controller.set_mode(TurnMode.SERVER_VAD)
        await r.chat.wait_for(lambda: len(r.sim.received) > before)
        (update,) = r.sim.received[before:]
        validate_client_event(update, "ga")
        detection = update["session"]["audio"]["input"]["turn_detection"]
        assert detection["type"] == "server_vad"
        assert (detection["threshold"], detection["silence_duration_ms"]) == (0.8, 900)
        assert detection["idle_timeout_ms"] == 6000
        assert r.controller.mode is TurnMode.SERVER_VAD

        r.controller.detections[TurnMode.SERVER_VAD] = ServerVad()
        r.controller.set_mode(TurnMode.SERVER_VAD)  # staying keeps the parameters in use
        assert r.chat.session.config.turn_detection == ServerVad(
            threshold=0.8, silence_duration_ms=900, idle_timeout_ms=6000
        )
        r.controller.set_mode(TurnMode.PUSH_TO_TALK)
        assert r.chat.session.config.turn_detection is None


async def test_mic_listeners_hear_exactly_the_audio_sent_to_the_session() -> None:
    async with rig(SessionConfig(turn_detection=None)) as r:
        heard: list[bytes] = []
        r.controller.mic_listeners.append(heard.append)
        before = len(r.sim.received)
        await r.say(voiced(0.3))  # not holding the key: nothing is sent
        r.controller.press_to_talk()
        r.controller.set_muted(True)
        await r.say(voiced(0.3))  # muted: nothing is sent
        r.controller.microphone_block(bytes(960))  # nor a block that was already on its way
        assert heard == []
        r.controller.set_muted(False)
        await r.say(voiced(0.4))
        assert r.controller.release_to_talk()
        await r.chat.wait_count(ResponseFinished, 1)
        appended = [
            base64.b64decode(e["audio"])
            for e in r.sim.received[before:]
            if e["type"] == "input_audio_buffer.append"
        ]
        assert len(heard) >= 15 and heard == appended  # 20 ms blocks, the same bytes


async def test_speech_while_the_reply_is_still_prebuffering_cuts_it_before_it_is_heard() -> None:
    config = SessionConfig(turn_detection=ServerVad(silence_duration_ms=300))
    async with rig(config, pace=1.0) as r:
        r.controller.send_text("tell me a long story about the sea")
        await r.chat.wait_count(AudioDelta, 1)
        assert r.speaker.is_busy and not r.speaker.is_audible  # prebuffering: nothing played
        await r.say(voiced(0.4))
        await r.chat.wait_count(SpeechStarted, 1)
        await r.chat.wait_count(ItemTruncated, 1)
        (cut,) = r.chat.of_type(Interrupted)
        assert cut.heard_ms == 0
        await r.play(blocks=20)
        assert not r.speaker.is_busy
        assert np.all(r.out.pull() == 0)  # not one sample of the reply was played


async def test_a_local_onset_holds_the_reply_and_the_servers_cut_lands_where_it_held() -> None:
    config = SessionConfig(turn_detection=ServerVad(silence_duration_ms=300))
    async with rig(config, pace=1.0) as r:
        r.controller.send_text("tell me a long story about the sea and the mountains")
        await r.chat.wait_for(lambda: sum(len(e.pcm) for e in r.chat.of_type(AudioDelta)) >= 24000)
        await r.play(blocks=40)
        r.controller.local_speech(True)  # the echo stage heard the user start
        assert r.speaker.is_held
        await r.play(blocks=30)  # the fade, then silence: the reply waits
        assert np.all(r.out.pull() == 0)
        await r.say(voiced(0.4))
        await r.chat.wait_count(ItemTruncated, 1)
        (cut,) = r.chat.of_type(Interrupted)
        assert cut.heard_ms == 400 + 10  # what was played before the hold, and its fade


async def test_a_local_onset_the_server_never_confirms_lets_the_reply_go_on() -> None:
    config = SessionConfig(turn_detection=ServerVad(silence_duration_ms=300))
    async with rig(config, pace=1.0) as r:
        r.controller.send_text("tell me a long story about the sea and the mountains")
        await r.chat.wait_for(lambda: sum(len(e.pcm) for e in r.chat.of_type(AudioDelta)) >= 96000)
        await r.play(blocks=40)
        reply_id = r.chat.of_type(AudioDelta)[0].item_id
        r.controller.local_speech(True)
        await r.play(blocks=10)
        held_at = r.speaker.played_frames(reply_id)
        r.controller.local_speech(False)  # a cough: over, and the server heard nothing
        assert not r.speaker.is_held
        await r.play(blocks=10)
        assert r.speaker.played_frames(reply_id) == held_at + 10 * 240
        assert r.chat.of_type(Interrupted) == []


async def test_local_onsets_are_ignored_in_push_to_talk_and_while_muted() -> None:
    async with rig(SessionConfig(turn_detection=None), pace=1.0) as r:
        r.controller.send_text("tell me a story")
        await r.chat.wait_count(AudioDelta, 1)
        await r.play(blocks=12)
        r.controller.local_speech(True)
        assert not r.speaker.is_held  # push-to-talk: only the key interrupts
        r.controller.set_mode(TurnMode.SERVER_VAD)
        r.controller.set_muted(True)
        r.controller.local_speech(True)
        assert not r.speaker.is_held  # muted: the user is not talking to the assistant


async def test_switching_modes_while_talking_lets_the_talk_listeners_know() -> None:
    async with rig(SessionConfig(turn_detection=None)) as r:
        talking: list[bool] = []
        r.controller.talk_listeners.append(talking.append)
        r.controller.press_to_talk()
        r.controller.set_mode(TurnMode.SERVER_VAD)  # the key's turn ends with the mode
        assert talking == [True, False]


async def test_add_pictures_is_a_picture_only_user_message_without_a_reply() -> None:
    async with rig(SessionConfig(turn_detection=None)) as r:
        picture = Picture("p.png", "image/png", 8, 8, png(8, 8))
        item_id = r.controller.add_pictures([picture])
        items = r.chat.session.conversation.items
        await r.chat.wait_for(lambda: items()[0].status is ItemStatus.COMPLETED)  # confirmed
        (message,) = items()
        assert isinstance(message, Message) and message.id == item_id
        assert message.role is Role.USER and message.text == ""
        assert [p.name for p in message.pictures] == ["p.png"]
        sent = [e["type"] for e in r.sim.received]  # the command sent all it would, at once
        assert "conversation.item.create" in sent and "response.create" not in sent
