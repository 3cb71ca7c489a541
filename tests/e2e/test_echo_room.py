"""Hands-free in a room: the speaker's own voice reaches the microphone, replies still complete.

The room is real PulseAudio (tests/audio/pulse_room.py): `module-loopback` feeds the speaker
sink's monitor into the microphone feed at a measured level and delay. The app's audio stack is
wired as the window wires it (`open_audio` with an `EchoSetting`) and talks to the simulator
over 127.0.0.1 in server-VAD mode, with replies paced in real time. Typed messages ask for the
replies. A reply *completes* when its response finished as completed, the speaker played every
frame of it, the server never heard speech and no truncate was sent. Every wait follows the
simulator's events or the speaker's state, bounded by generous timeouts (the machine is shared).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from assistant.app.audio import AudioSetup, EchoSetting, audio_notice_text, open_audio
from assistant.audio.echo import EchoMode
from assistant.audio.selection import DeviceKey, DevicePair
from assistant.controller import Controller
from assistant.realtime import (
    AudioDelta,
    ResponseFinished,
    ServerVad,
    SessionConfig,
    SessionCreated,
    SpeechStarted,
)
from assistant.simulator import Simulator
from tests.audio.pulse import HotPlugSink, play_into, require_pulse, speech
from tests.audio.pulse_room import Room, pulse_room
from tests.integration.harness import Conversation, connected, endpoint_for, simulator

pytestmark = pytest.mark.slow
TIMEOUT = 30.0
SPEAKER = DeviceKey("speaker", "ALSA")
HOT_SPEAKER = DeviceKey("hotspk", "ALSA")
MICROPHONE = DeviceKey("fakemic", "ALSA")
AFTER_REPLY_S = 0.6  # microphone audio sent after a reply's end before calling it complete


@dataclass
class Call:
    """One voice conversation in the room: the simulator, the client, the open devices."""

    sim: Simulator
    chat: Conversation
    controller: Controller
    setup: AudioSetup
    sent_bytes: int = 0  # microphone audio sent to the session
    notices: list[str] = field(default_factory=list)

    @property
    def speaker(self) -> Any:
        assert self.setup.speaker is not None
        return self.setup.speaker

    def reply_frames(self, item_id: str) -> int:
        return sum(len(e.pcm) for e in self.chat.of_type(AudioDelta) if e.item_id == item_id) // 2

    def truncates(self) -> list[dict[str, Any]]:
        return [e for e in self.sim.received if e.get("type") == "conversation.item.truncate"]

    async def ask(self, text: str) -> str:
        """Type `text`; returns the reply's item id once its first audio arrived."""
        before = len(self.chat.of_type(AudioDelta))
        self.controller.send_text(text)
        await self.chat.wait_count(AudioDelta, before + 1, timeout=TIMEOUT)
        item_id: str = self.chat.of_type(AudioDelta)[before].item_id
        return item_id

    async def played(self, item_id: str, ms: int) -> None:
        """Wait until the speaker has played `ms` of `item_id`."""
        await self.chat.wait_for(lambda: self.speaker.played_ms(item_id) >= ms, TIMEOUT)

    async def completes(self, item_id: str) -> None:
        """Wait for the reply to finish and play out; fail at once if it is cut."""

        def finished() -> bool:
            self.no_self_interruption()
            done = self.chat.of_type(ResponseFinished)
            frames = self.reply_frames(item_id)
            played = self.speaker.played_frames(item_id)
            return bool(done) and not self.controller.session.response_active and played >= frames

        await self.chat.wait_for(finished, TIMEOUT)
        mark = self.sent_bytes + round(AFTER_REPLY_S * 48000)  # its echo's tail goes out too
        await self.chat.wait_for(lambda: self.sent_bytes >= mark, TIMEOUT)
        self.no_self_interruption()
        statuses = {e.status for e in self.chat.of_type(ResponseFinished)}
        assert statuses == {"completed"}, statuses
        items = {i.id: i for i in self.controller.session.conversation.items()}
        assert not items[item_id].interrupted
        assert self.speaker.played_frames(item_id) == self.reply_frames(item_id)

    def no_self_interruption(self) -> None:
        started = self.chat.of_type(SpeechStarted)
        assert not started, f"the server heard speech: {started}"
        assert not self.truncates(), self.truncates()


@contextlib.asynccontextmanager
async def call(mode: EchoMode, output: DeviceKey = SPEAKER) -> AsyncIterator[Call]:
    """The app's voice stack with echo handling `mode` on fakemic and `output`, connected."""
    devices = require_pulse()
    backend = devices.PortAudioBackend()
    config = SessionConfig(turn_detection=ServerVad())
    async with simulator(pace=1.0) as sim, connected(endpoint_for(sim, "ga"), config) as chat:
        controller = Controller(chat.session, chat.client)
        chat.handlers.append(controller.handle)
        notices: list[str] = []
        pair = DevicePair(input=MICROPHONE, output=output)
        setup = open_audio(
            backend,
            controller,
            lambda n: notices.append(audio_notice_text(n)),
            pair,
            echo=EchoSetting(mode),
        )
        assert setup.echo is not None
        assert setup.echo.mode is mode, setup.note
        state = Call(sim, chat, controller, setup, notices=notices)

        def count(pcm: bytes) -> None:
            state.sent_bytes += len(pcm)

        controller.mic_listeners.append(count)
        try:
            await chat.wait_count(SessionCreated, 1)
            yield state
        finally:
            await setup.aclose()


@contextlib.contextmanager
def room(echo_db: float = -6.0, delay_ms: float = 40, sink: str = "spk") -> Iterator[Room]:
    with pulse_room(echo_db, delay_ms, sink) as loaded:
        print(f"room {loaded.source}: {loaded.echo_db:.2f} dB, {loaded.delay_ms:.1f} ms")
        yield loaded


async def test_replies_complete_with_loud_echo_when_cancelling() -> None:
    require_pulse()
    with room(-6.0, 40):
        async with call(EchoMode.CANCEL) as c:
            for text in ("Hello there.", "What is the time?", "Thanks, goodbye."):
                await c.completes(await c.ask(text))


async def test_without_echo_handling_the_reply_is_cut_by_its_own_echo() -> None:
    require_pulse()
    with room(-6.0, 40):
        async with call(EchoMode.OFF) as c:
            item_id = await c.ask("Hello there.")
            await c.chat.wait_count(SpeechStarted, 1, timeout=TIMEOUT)
            await c.chat.wait_for(lambda: bool(c.truncates()), TIMEOUT)
            assert c.truncates()[0]["item_id"] == item_id
            assert c.speaker.played_frames(item_id) < c.reply_frames(item_id)


async def test_replies_complete_with_loud_echo_in_half_duplex() -> None:
    require_pulse()
    with room(-6.0, 40):
        async with call(EchoMode.GATE) as c:
            for text in ("Hello there.", "Thanks, goodbye."):
                await c.completes(await c.ask(text))


async def test_speech_during_a_reply_cuts_it_where_the_speaker_was() -> None:
    require_pulse()
    question = speech("Stop, please wait a moment.", 24000)
    with room(-6.0, 40):
        async with call(EchoMode.CANCEL) as c:
            item_id = await c.ask("Tell me a long story about a quiet harbour, please.")
            await c.played(item_id, 1200)
            feeder = play_into("micsink", question, 24000)
            try:
                await c.chat.wait_count(SpeechStarted, 1, timeout=TIMEOUT)
                await c.chat.wait_for(lambda: bool(c.truncates()), TIMEOUT)
                await c.chat.wait_for(lambda: not c.speaker.is_busy, TIMEOUT)
            finally:
                await asyncio.to_thread(feeder.wait, TIMEOUT)
            truncate = c.truncates()[0]
            played_ms = c.speaker.played_ms(item_id)
            received_ms = c.reply_frames(item_id) * 1000 // 24000  # the rest was never sent
            print(f"cut at {truncate['audio_end_ms']} ms, played {played_ms} of {received_ms} ms")
            assert truncate["item_id"] == item_id
            assert abs(truncate["audio_end_ms"] - played_ms) <= 20  # one 20 ms block
            assert 1200 <= truncate["audio_end_ms"] < received_ms
            items = {i.id: i for i in c.controller.session.conversation.items()}
            assert items[item_id].interrupted
            assert items[item_id].heard_ms == truncate["audio_end_ms"]


@pytest.fixture
def hot_sink() -> Iterator[HotPlugSink]:
    require_pulse()
    sink = HotPlugSink()
    sink.plug()
    yield sink
    sink.unplug()


async def test_switching_speakers_mid_reply_keeps_cancelling(hot_sink: HotPlugSink) -> None:
    with room(-6.0, 40), room(-6.0, 60, sink=hot_sink.name):
        async with call(EchoMode.CANCEL) as c:
            await c.completes(await c.ask("Hello there."))
            item_id = await c.ask("What is the weather like on the coast today?")
            await c.played(item_id, 500)
            c.setup.select(DevicePair(input=MICROPHONE, output=HOT_SPEAKER))
            assert c.setup.watcher is not None
            device = c.setup.watcher.device("output")
            assert device is not None
            assert device.name == hot_sink.name, c.notices
            await c.completes(item_id)
            await c.completes(await c.ask("Thanks, goodbye."))
