"""Microphone on fake streams: rate conversion, 20 ms blocks, mute, loss, silence, device loss."""

from __future__ import annotations

import asyncio
from typing import Any

import numpy as np
import pytest

from assistant.audio.capture import BLOCK_FRAMES, BlockFramer, Microphone
from assistant.audio.fakes import FakeBackend, FakeStream, fake_device
from assistant.audio.levels import SilentMicrophone

from .signals import dominant_frequency, from_pcm16_bytes, rms, sine, to_pcm16


class Recorder:
    def __init__(self) -> None:
        self.blocks: list[bytes] = []

    def __call__(self, block: bytes) -> None:
        self.blocks.append(block)

    def samples(self) -> np.ndarray:
        return from_pcm16_bytes(b"".join(self.blocks))


async def settle() -> None:
    for _ in range(3):
        await asyncio.sleep(0)


def microphone(
    rate: int = 48000, channels: int = 1, **kwargs: object
) -> tuple[Microphone, FakeStream, Recorder, FakeBackend]:
    device = fake_device(0, "Mic", inputs=channels, default=True)
    backend = FakeBackend([device], rates={"Mic": rate})
    recorder = Recorder()
    mic = Microphone(asyncio.get_running_loop(), recorder, **kwargs)  # type: ignore[arg-type]
    mic.attach(backend, device)
    return mic, backend.stream("input"), recorder, backend


async def push_signal(stream: FakeStream, samples: np.ndarray) -> None:
    pcm = to_pcm16(samples)
    for start in range(0, len(pcm), stream.blocksize):
        stream.push(pcm[start : start + stream.blocksize])
        await settle()


@pytest.mark.parametrize("rate", [48000, 44100, 16000])
async def test_device_rate_audio_arrives_as_24_khz_blocks_of_960_bytes(rate: int) -> None:
    mic, stream, recorder, _ = microphone(rate)
    assert stream.blocksize == rate // 25  # 40 ms device blocks
    await push_signal(stream, sine(1000, 1.0, rate, amplitude=0.5))
    assert {len(b) for b in recorder.blocks} == {2 * BLOCK_FRAMES}
    assert abs(mic.frames_delivered - 24000) <= 2 * BLOCK_FRAMES
    settled = recorder.samples()[1000:-1000]
    assert dominant_frequency(settled, 24000) == pytest.approx(1000, abs=2)
    assert rms(settled) == pytest.approx(0.5 / np.sqrt(2), rel=0.01)
    assert mic.meter.level().rms_dbfs == pytest.approx(-9.03, abs=0.1)


async def test_stereo_devices_are_mixed_to_mono() -> None:
    mic, stream, recorder, _ = microphone(48000, channels=2)
    assert stream.channels == 2
    await push_signal(stream, sine(500, 0.5, 48000, amplitude=0.25))
    assert rms(recorder.samples()[1000:-1000]) == pytest.approx(0.25 / np.sqrt(2), rel=0.01)
    assert mic.lost_blocks == 0


async def test_mute_stops_delivery_and_unmute_resumes() -> None:
    mic, stream, recorder, _ = microphone()
    await push_signal(stream, sine(300, 0.2, 48000))
    delivered = len(recorder.blocks)
    mic.muted = True
    await push_signal(stream, sine(300, 0.5, 48000))
    assert len(recorder.blocks) == delivered
    assert mic.meter.level().rms_dbfs > -20  # the meter still shows the input
    mic.muted = False
    await push_signal(stream, sine(300, 0.2, 48000))
    assert len(recorder.blocks) > delivered


async def test_a_loop_that_falls_a_whole_ring_behind_loses_blocks_but_never_repeats() -> None:
    mic, stream, _, _ = microphone(48000, slots=4)
    ramp = np.arange(48000 * 2, dtype=np.int64) % 30000
    pcm = ramp.astype(np.int16)
    for start in range(0, 960 * 6, 960):
        stream.push(pcm[start : start + 960])  # six blocks before the loop runs once
    await settle()
    assert mic.lost_blocks == 2
    assert mic.frames_delivered <= 4 * 480


async def test_a_silent_device_is_reported_by_name() -> None:
    warnings: list[SilentMicrophone] = []
    mic, stream, _, _ = microphone(48000, silence_seconds=1.0, on_silent=warnings.append)
    await push_signal(stream, np.zeros(48000 + 960, dtype=np.float32))
    assert warnings == [SilentMicrophone("Mic", 1.0, 0)]
    assert mic.silent


async def test_detach_drops_blocks_already_scheduled_and_reattach_works() -> None:
    mic, stream, recorder, backend = microphone()
    stream.push(to_pcm16(sine(300, 0.02, 48000)))
    mic.detach()
    await settle()
    assert recorder.blocks == []
    assert stream.closed
    assert mic.device is None
    mic.attach(backend, backend.list_devices()[0])
    await push_signal(backend.stream("input"), sine(300, 0.1, 48000))
    assert recorder.blocks


async def test_a_lost_device_is_reported_on_the_loop() -> None:
    failures: list[str] = []
    _, _, _, backend = microphone(on_failure=lambda: failures.append("lost"))
    backend.unplug("Mic")
    assert failures == []  # reported via the loop, not from the device thread
    await settle()
    assert failures == ["lost"]


def test_block_framer_carries_partial_blocks() -> None:
    framer = BlockFramer(4)
    assert framer.push(np.arange(3, dtype=np.int16)) == []
    blocks = framer.push(np.arange(3, 9, dtype=np.int16))
    assert [np.frombuffer(b, dtype="<i2").tolist() for b in blocks] == [[0, 1, 2, 3], [4, 5, 6, 7]]
    framer.clear()
    assert framer.push(np.arange(4, dtype=np.int16))[0] == np.arange(4, dtype="<i2").tobytes()


def test_block_framer_rounds_floats_to_pcm16_without_dither_and_clips() -> None:
    framer = BlockFramer(4)
    samples = np.array([0.0, 1.4 / 32768, -1.6 / 32768, 2.0, -2.0, 0.25], dtype=np.float32)
    (block,) = framer.push_float(samples)
    assert np.frombuffer(block, dtype="<i2").tolist() == [0, 1, -2, 32767]
    (block,) = framer.push_float(np.zeros(2, dtype=np.float32))
    assert np.frombuffer(block, dtype="<i2").tolist() == [-32768, 8192, 0, 0]


def test_block_framer_takes_a_chunk_longer_than_its_buffer() -> None:
    framer = BlockFramer(4)
    framer.push(np.arange(3, dtype=np.int16))
    blocks = framer.push(np.arange(3, 43, dtype=np.int16))  # ten buffers' worth at once
    assert b"".join(blocks) == np.arange(40, dtype="<i2").tobytes()
    assert framer.push(np.arange(43, 44, dtype=np.int16)) == [
        np.arange(40, 44, dtype="<i2").tobytes()
    ]


class WakeUps:
    """Counts how often the device thread wakes the loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.count = 0
        original = loop.call_soon_threadsafe

        def counted(*args: Any, **kwargs: Any) -> asyncio.Handle:
            self.count += 1
            return original(*args, **kwargs)

        loop.call_soon_threadsafe = counted  # type: ignore[method-assign]
        self._restore = lambda: setattr(loop, "call_soon_threadsafe", original)

    def close(self) -> None:
        self._restore()


async def test_blocks_nobody_waits_for_wake_the_loop_every_fifth_time_and_none_is_lost() -> None:
    prompt, prompt_stream, prompt_recorder, _ = microphone()
    mic, stream, recorder, _ = microphone()
    mic.pace = lambda: False  # push-to-talk with the key up
    signal = sine(440, 0.44, 48000, amplitude=0.5)  # eleven device blocks
    await push_signal(stream, signal[:1920])  # the first hand-over learns the pace
    wake_ups = WakeUps(asyncio.get_running_loop())
    try:
        await push_signal(stream, signal[1920:])
    finally:
        wake_ups.close()
    await push_signal(prompt_stream, signal)
    assert wake_ups.count == 2  # ten blocks, two wake-ups (prompt: one per block)
    # The same audio in order; the eleventh device block waits for the next wake-up.
    assert len(recorder.blocks) == len(prompt_recorder.blocks) - 2 >= 18
    assert recorder.blocks == prompt_recorder.blocks[: len(recorder.blocks)]
    assert mic.lost_blocks == 0
    assert mic.meter.level().rms_dbfs == pytest.approx(prompt.meter.level().rms_dbfs)


async def test_the_talk_key_takes_pending_blocks_without_sending_them() -> None:
    mic, stream, recorder, _ = microphone()
    mic.pace = lambda: False
    await push_signal(stream, np.zeros(1920, dtype=np.float32))
    before = len(recorder.blocks)
    await push_signal(stream, sine(300, 0.12, 48000, amplitude=0.5))  # 3 blocks, pending
    assert len(recorder.blocks) == before
    mic.pace = lambda: True
    mic.hurry()  # the talk key went down: what came before it is not part of the turn
    assert len(recorder.blocks) == before
    assert mic.meter.level().rms_dbfs > -12  # but the meter and the echo stage saw it
    await push_signal(stream, sine(300, 0.04, 48000, amplitude=0.5))
    assert len(recorder.blocks) == before + 2  # at once, not after five blocks


async def test_unmuting_never_sends_what_was_captured_while_muted() -> None:
    mic, stream, recorder, _ = microphone()
    mic.pace = lambda: not mic.muted
    mic.muted = True
    await push_signal(stream, np.zeros(1920, dtype=np.float32))
    await push_signal(stream, sine(3000, 0.12, 48000, amplitude=0.5))  # pending while muted
    mic.muted = False
    await push_signal(stream, sine(300, 0.12, 48000, amplitude=0.5))
    assert 4 <= len(recorder.blocks) <= 6  # the three blocks after unmuting only
    assert dominant_frequency(recorder.samples(), 24000) == pytest.approx(300, abs=30)


async def test_a_resting_microphone_captures_nothing_until_the_talk_key_starts_it() -> None:
    mic, stream, recorder, _ = microphone()
    mic.pace = lambda: False
    await push_signal(stream, np.zeros(1920, dtype=np.float32))
    await push_signal(stream, sine(3000, 0.12, 48000, amplitude=0.5))  # pending, never sent
    mic.rest()
    assert mic.resting and stream.resting
    with pytest.raises(RuntimeError):
        stream.push(np.zeros(1920, dtype=np.int16))  # a resting stream runs no callback
    mic.pace = lambda: True
    mic.hurry()
    assert not (mic.resting or stream.resting)
    await push_signal(stream, sine(300, 0.12, 48000, amplitude=0.5))
    assert 4 <= len(recorder.blocks) <= 6  # the three blocks after the key only
    assert dominant_frequency(recorder.samples(), 24000) == pytest.approx(300, abs=30)
