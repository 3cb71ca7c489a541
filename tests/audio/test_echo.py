"""Echo handling on the fake devices: the reference timeline, the canceller in a simulated room,
the half-duplex gate, local speech detection, and the fallbacks when a library is missing."""

from __future__ import annotations

import asyncio
import math
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import numpy as np
import pytest

from assistant.audio.canceller import CancellerUnavailable, EchoCanceller
from assistant.audio.capture import Microphone
from assistant.audio.echo import EchoMode, EchoProcessor, EchoVerdict, resolve_mode
from assistant.audio.fakes import fake_device
from assistant.audio.playback import Speaker
from assistant.audio.resample import float_to_pcm16, pcm16_to_float
from assistant.audio.timeline import ClockTracker, ReferenceTap, Timeline
from assistant.audio.voice_activity import VadUnavailable
from tests.audio.room import RATE, FakeRoom, speech_like, spoken
from tests.audio.signals import rms

SECOND = 24000


@dataclass
class Rig:
    room: FakeRoom
    speaker: Speaker
    echo: EchoProcessor
    sent: list[bytes]
    speech: list[tuple[int, bool]] = field(default_factory=list)  # (mic frame, onset?)
    frames: list[int] = field(default_factory=list)  # the echo stage's 10 ms frame at each
    microphone: Microphone | None = None

    def sent_audio(self) -> np.ndarray:
        return pcm16_to_float(b"".join(self.sent))

    def echo_audio(self) -> np.ndarray:
        """What the echo path put into the microphone, at 24 kHz like what was sent."""
        return np.concatenate(self.room.echo_only)[::2]

    def play(self, seconds: float, seed: int = 3) -> int:
        reply = speech_like(seconds, seed=seed)
        self.speaker.enqueue(f"reply-{seed}", float_to_pcm16(reply))
        self.speaker.end_item(f"reply-{seed}")
        return len(reply)


@asynccontextmanager
async def rig(mode: EchoMode, **room_options: float) -> AsyncIterator[Rig]:
    loop = asyncio.get_running_loop()
    room = FakeRoom(**room_options)
    sent: list[bytes] = []
    speaker, microphone = Speaker(loop), Microphone(loop, sent.append)
    echo = EchoProcessor(mode)
    result = Rig(room, speaker, echo, sent, microphone=microphone)

    def on_speech(onset: bool) -> None:  # as the controller does: hold, or let go
        result.speech.append((room.captured, onset))
        result.frames.append(echo.frames)
        if onset:
            speaker.hold()
        else:
            speaker.release()

    echo._on_speech = on_speech
    speaker.attach(room.backend, room.speaker_device)
    microphone.attach(room.backend, room.mic_device)
    speaker.tap, microphone.echo = echo.tap, echo
    yield result
    microphone.detach()
    speaker.detach()


def erle_db(echo: np.ndarray, sent: np.ndarray, start_s: float, end_s: float) -> float:
    """How much quieter the sent audio is than the echo that came in, over a stretch.

    Both are lined up at their ends: what was gated at the start (CANCEL gates until the
    canceller converged) is missing from the front of `sent`.
    """
    sent = np.concatenate([np.zeros(max(0, len(echo) - len(sent)), np.float32), sent])
    span = slice(round(start_s * SECOND), round(end_s * SECOND))
    return 20 * math.log10(rms(echo[span]) / max(rms(sent[span]), 1e-9))


# The timeline


def test_the_timeline_answers_tick_ranges_with_silence_where_nothing_was_played() -> None:
    timeline, out = Timeline(seconds=1.0), np.ones(4, dtype=np.float32)
    timeline.read(0, out)
    assert out.tolist() == [0, 0, 0, 0]  # nothing written yet
    timeline.write(100, np.arange(1, 5, dtype=np.float32))
    timeline.write(106, np.array([9, 9], dtype=np.float32))  # a gap of two ticks
    timeline.read(98, out)
    assert out.tolist() == [0, 0, 1, 2]
    out6 = np.ones(6, dtype=np.float32)
    timeline.read(103, out6)
    assert out6.tolist() == [4, 0, 0, 9, 9, 0]  # the gap is silence, after the end too


def test_the_timeline_forgets_what_is_older_than_its_length() -> None:
    timeline, out = Timeline(seconds=0.001), np.ones(4, dtype=np.float32)  # 24 ticks
    timeline.write(0, np.full(20, 5, dtype=np.float32))
    timeline.write(40, np.full(4, 7, dtype=np.float32))  # wraps around over the old samples
    timeline.read(16, out)
    assert out.tolist() == [0, 0, 0, 0]  # overwritten by the gap's silence
    timeline.read(40, out)
    assert out.tolist() == [7, 7, 7, 7]


def test_the_clock_tracker_keeps_a_stream_contiguous_and_reanchors_on_a_jump() -> None:
    clock = ClockTracker(rate=1000)
    assert clock.place(10, 5.0) == 5000
    assert clock.place(10, 5.013) == 5010  # 3 ms of timestamp jitter: still contiguous
    assert clock.place(10, math.nan) == 5020  # no timestamp: right after the last block
    assert clock.place(10, math.inf) == 5030  # nonsense from a device layer: the same
    assert clock.place(10, 6.0) == 6000  # a device change or a long stall: follow the stamp
    assert clock.jumps == 1


def test_the_clock_tracker_takes_up_drift_one_tick_at_a_time() -> None:
    clock = ClockTracker(rate=24000)
    ticks = [clock.place(240, i * 0.01 * (1 + 1e-3)) for i in range(3000)]  # 1000 ppm slow
    steps = np.diff(ticks)
    assert set(steps.tolist()) == {240, 241}  # never a jump, only single ticks
    expected = round(2999 * 0.01 * (1 + 1e-3) * 24000)
    assert abs(ticks[-1] - expected) <= 24 * 3  # within the 2 ms it lets build up (smoothed)
    assert clock.jumps == 0 and clock.slips > 0


def test_the_clock_tracker_takes_up_a_latency_step_slowly_and_ignores_jitter() -> None:
    clock = ClockTracker(rate=24000)
    ticks = [clock.place(240, i * 0.01) for i in range(100)]
    ticks += [clock.place(240, i * 0.01 + 0.02) for i in range(100, 900)]  # 20 ms later
    assert clock.jumps == 0
    assert set(np.diff(ticks).tolist()) == {240, 241}  # one tick per block at most
    assert abs(ticks[-1] - round((899 * 0.01 + 0.02) * 24000)) <= 48  # caught up to 2 ms
    jittered = [clock.place(240, (900 + i) * 0.01 + 0.02 + (-1) ** i * 3e-3) for i in range(50)]
    assert set(np.diff(jittered).tolist()) <= {240, 241}  # 3 ms of jitter barely moves it


def test_the_tap_hands_over_the_played_blocks_in_order_and_drops_only_the_oldest() -> None:
    tap = ReferenceTap(slots=4, max_frames=8)
    for i in range(6):
        tap.write(np.full(8, i, dtype=np.float32), float(i), 48000)
    blocks = tap.drain()
    assert [(int(s[0]), t, r) for s, t, r, _ in blocks] == [
        (2, 2.0, 48000),
        (3, 3.0, 48000),
        (4, 4.0, 48000),
        (5, 5.0, 48000),
    ]
    assert tap.drain() == []


# Modes


def test_auto_cancels_unless_the_probe_heard_no_echo() -> None:
    assert resolve_mode(EchoMode.AUTO, None) is EchoMode.CANCEL
    assert resolve_mode(EchoMode.AUTO, EchoVerdict(True, -12.0)) is EchoMode.CANCEL
    assert resolve_mode(EchoMode.AUTO, EchoVerdict(False)) is EchoMode.OFF
    assert resolve_mode(EchoMode.GATE, EchoVerdict(False)) is EchoMode.GATE


@pytest.mark.parametrize(("echo_db", "delay_s"), [(-6.0, 0.03), (-6.0, 0.12), (-20.0, 0.06)])
async def test_cancel_removes_the_echo_of_a_reply(echo_db: float, delay_s: float) -> None:
    async with rig(EchoMode.CANCEL, echo_db=echo_db, delay_s=delay_s, noise_db=-90.0) as r:
        r.play(6.0)
        await r.room.step(25 * 6)
        erle = erle_db(r.echo_audio(), r.sent_audio(), 1.0, 5.5)  # after the first second
        assert r.echo._convergence.converged
        assert erle >= 30.0
        assert r.speech == []  # the echo alone never looks like the user speaking


async def test_cancel_follows_100_ppm_of_drift_between_the_devices() -> None:
    async with rig(EchoMode.CANCEL, echo_db=-6.0, drift_ppm=100.0, noise_db=-90.0) as r:
        r.play(12.0)
        await r.room.step(25 * 12)
        assert erle_db(r.echo_audio(), r.sent_audio(), 1.0, 11.5) >= 25.0
        assert r.speech == []


async def test_off_sends_the_echo_as_it_is() -> None:
    async with rig(EchoMode.OFF, echo_db=-6.0) as r:
        r.play(2.0)
        await r.room.step(50)
        assert abs(erle_db(r.echo_audio(), r.sent_audio(), 0.5, 1.8)) < 1.0


async def test_the_user_speaking_during_a_reply_is_heard_through_the_canceller() -> None:
    async with rig(EchoMode.CANCEL, echo_db=-6.0) as r:
        r.play(6.0)
        await r.room.step(50)  # 2 s of reply: the canceller has converged
        r.room.say(spoken("Wait, stop, what about Paris?", level_db=-26.0))  # under the echo
        onset, before = r.room.captured, len(r.sent)
        await r.room.step(25)
        assert r.speech and r.speech[0][1] is True
        assert (r.speech[0][0] - onset) / RATE <= 0.12  # block by block: within 120 ms
        user = pcm16_to_float(b"".join(r.sent[before : before + 50]))  # the second after it
        assert len(user) == SECOND  # nothing was gated: the canceller had converged
        assert 20 * math.log10(rms(user)) > -32.0  # the user's words went out


@pytest.mark.parametrize("delay_s", [0.03, 0.12])
async def test_a_user_talking_over_a_loud_echo_holds_the_reply_within_90_ms(delay_s: float) -> None:
    # AEC3 holds a voice that starts over a -6 dB echo back for 50-100 ms; the microphone side
    # of the canceller (louder than the echo expected) starts the barge-in sooner.
    async with rig(EchoMode.CANCEL, echo_db=-6.0, delay_s=delay_s, drift_ppm=100.0) as r:
        r.play(8.0)
        await r.room.step(50)  # 2 s of reply: converged, and no pause for the echo alone
        assert r.speech == []
        speech = spoken("Wait, stop, what about Paris?", level_db=-20.0)
        lead = int(np.argmax(np.abs(speech) > 10 ** (-50 / 20)))  # espeak's leading silence
        start = (r.room.captured // 2 + lead) // 240  # the first voiced 10 ms, in frames
        r.room.say(speech)
        await r.room.step(10)
        assert r.speech and r.speech[0][1] is True
        assert r.frames[0] - start <= 9  # the voice detector alone: 12 frames at 120 ms


@pytest.mark.parametrize(
    ("side", "lost_ms"),
    [("speaker", 10), ("speaker", 30), ("speaker", 80), ("microphone", 10), ("microphone", 40)],
)
async def test_lost_samples_on_either_side_never_let_the_echo_out(side: str, lost_ms: int) -> None:
    # A late output callback: the device plays silence the reference never saw, so the echo
    # comes later than counted; lost microphone samples put the counted microphone ahead of
    # its echo. Measured before the fix (speaker): frames of echo at -21 dBFS went out (the
    # service would have cut the reply) and the local detector paused it several times.
    async with rig(EchoMode.CANCEL, echo_db=-6.0, delay_s=0.04) as r:
        r.play(12.0)
        await r.room.step(75)  # converged
        before = len(r.sent)
        lose = r.room.underrun if side == "speaker" else r.room.overflow
        for _ in range(4):
            lose(lost_ms / 1000)
            await r.room.step(37)
        sent = pcm16_to_float(b"".join(r.sent[before:]))
        frames = sent[: len(sent) // 240 * 240].reshape(-1, 240)
        loudest = max((rms(frame) for frame in frames), default=0.0)
        assert 20 * math.log10(max(loudest, 1e-9)) < -40.0
        assert r.speech == []
        clock = r.echo._ref_clock if side == "speaker" else r.echo._mic_clock
        assert clock.jumps == 4  # placed by the stamp after each loss


def test_a_late_speaker_reference_gates_until_the_canceller_converged_again() -> None:
    echo = EchoProcessor(EchoMode.CANCEL)
    reply = speech_like(0.6, seed=5)
    for k in range(50):  # the speaker gave out 0.5 s from 10.0 s on, 10 ms a callback
        echo.tap.write(reply[k * 240 : (k + 1) * 240], 10.0 + k / 100, 24000)
    echo.process(np.zeros(9600, dtype=np.float32), 10.0)  # 0.4 s of microphone: referenced
    echo._convergence.converged = True  # as after a while of reply
    echo.process(np.zeros(2400, dtype=np.float32), 10.4)  # the reference ends at 10.5 s ...
    assert echo._convergence.converged  # ... and 10.46-10.5 s waits for it: nothing lost yet
    echo.process(np.zeros(2400, dtype=np.float32), 10.5)  # 140 ms waiting: go on without it
    assert not echo._convergence.converged  # gated until the canceller learnt it again


def test_the_clock_tracker_trusts_the_stamp_after_an_underrun_only_if_it_moved() -> None:
    clock = ClockTracker(rate=1000)
    assert clock.place(10, 5.0) == 5000
    clock.resync()
    assert clock.place(10, 5.011) == 5010  # within slip (2 ms): counted on
    clock.resync()
    assert clock.place(10, 5.050) == 5050  # 30 ms of silence played: at the stamp
    assert clock.jumps == 1
    assert clock.place(10, 5.061) == 5060  # and only once


def test_the_tap_says_which_block_followed_an_underrun() -> None:
    tap = ReferenceTap(slots=4, max_frames=8)
    tap.write(np.zeros(8, dtype=np.float32), 1.0, 48000)
    tap.write(np.zeros(8, dtype=np.float32), 1.1, 48000, xrun=True)
    assert [xrun for *_, xrun in tap.drain()] == [False, True]


async def test_gate_sends_nothing_while_the_reply_sounds_then_opens_after_the_tail() -> None:
    async with rig(EchoMode.GATE, echo_db=-6.0) as r:
        await r.room.step(5)
        assert len(r.sent) >= 9  # open while nothing plays (the resampler holds a little back)
        r.play(2.0)
        await r.room.step(5)  # the reply starts sounding (prebuffer, output latency)
        before = len(r.sent)
        await r.room.step(40)
        assert len(r.sent) == before  # closed while the reply sounds
        await r.room.step(25)
        assert len(r.sent) >= before + 15  # and open again after its tail (300 ms)
        assert r.speech == []


async def test_gate_opens_for_speech_clearly_louder_than_the_echo_with_its_start() -> None:
    async with rig(EchoMode.GATE, echo_db=-20.0) as r:
        r.play(4.0)
        await r.room.step(25)
        before = len(r.sent)
        r.room.say(spoken("Wait, stop, what about Paris?", level_db=-14.0))
        await r.room.step(10)
        assert r.speech and r.speech[0][1] is True
        assert len(r.sent) - before >= 10 + 10  # the pre-roll (200 ms) went out with it


async def test_a_missing_canceller_falls_back_to_half_duplex_and_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "livekit", None)  # `import livekit` fails
    with pytest.raises(CancellerUnavailable, match="livekit"):
        EchoCanceller()
    echo = EchoProcessor(EchoMode.CANCEL)
    assert echo.mode is EchoMode.GATE
    assert "livekit could not be loaded" in echo.problem


def test_a_missing_voice_detector_leaves_cancelling_on_and_says_why() -> None:
    def no_vad() -> object:
        raise VadUnavailable("webrtcvad could not be loaded (test)")

    echo = EchoProcessor(EchoMode.CANCEL, vad=no_vad)  # type: ignore[arg-type]
    assert echo.mode is EchoMode.CANCEL
    assert echo.problem == "webrtcvad could not be loaded (test)"


async def test_a_speaker_change_mid_reply_realigns_without_a_crash() -> None:
    async with rig(EchoMode.CANCEL, echo_db=-6.0) as r:
        r.play(8.0)
        await r.room.step(50)
        other = fake_device(2, "Room speaker 2", outputs=2)
        r.room.backend.plug(other)
        r.speaker.attach(r.room.backend, other)  # the queued reply moves to the new device
        # The switch takes 100 ms of silence; the new stream's clock carries on from there.
        r.room.add_played(np.zeros(RATE // 10, dtype=np.float32))
        new_output = r.room.backend.stream("output")
        new_output.clock = r.room.output_latency + r.room.played_frames / RATE
        await r.room.step(25 * 4)
        assert r.echo._convergence.converged  # gated again until it had learnt the new path
        assert erle_db(r.echo_audio(), r.sent_audio(), 4.0, 5.5) >= 25.0
        assert r.speech == []


async def test_a_resting_microphone_spares_the_canceller_in_silence_and_still_cancels() -> None:
    async with rig(EchoMode.CANCEL, echo_db=-6.0, delay_s=0.06, noise_db=-90.0) as r:
        assert r.microphone is not None and r.echo._canceller is not None
        r.microphone.pace = lambda: False  # push-to-talk with the key up: nothing is sent
        calls = [0]
        process = r.echo._canceller.process

        def counted(reference: np.ndarray, frame: np.ndarray) -> np.ndarray:
            calls[0] += 1
            return process(reference, frame)

        r.echo._canceller.process = counted  # type: ignore[method-assign]
        await r.room.step(25 * 2)  # two seconds of silence from the speaker
        assert calls[0] <= 5  # (the first hand-over, before the pace was known)
        assert r.echo.resting
        r.play(6.0)
        await r.room.step(25 * 6)
        assert calls[0] >= 500  # the reply is cancelled while it sounds
        assert r.echo._convergence.converged
        assert erle_db(r.echo_audio(), r.sent_audio(), 1.0, 5.5) >= 30.0
        assert r.speech == []
