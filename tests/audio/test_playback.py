"""Speaker on fake streams: replies play to the last sample, exact barge-in, device changes."""

from __future__ import annotations

import asyncio
import gc
import weakref
from typing import Any

import numpy as np
import pytest

from assistant.audio import playback
from assistant.audio.fakes import FakeBackend, FakeStream, fake_device
from assistant.audio.playback import Interrupted, Speaker
from assistant.audio.playbuffer import PlayState
from assistant.audio.resample import StreamResampler
from assistant.audio.streams import DeviceError

from .signals import chunks, dominant_frequency, pcm16_bytes, rms, sine

REPLY = pcm16_bytes(sine(1000, 1.0, 24000, amplitude=0.5))  # 24000 frames


def speaker(rate: int = 48000, **kwargs: object) -> tuple[Speaker, FakeBackend]:
    devices = [
        fake_device(0, "Speakers", outputs=2, default=True),
        fake_device(1, "Headphones", outputs=2),
    ]
    backend = FakeBackend(devices, rates={"Speakers": rate, "Headphones": 44100})
    spk = Speaker(asyncio.get_running_loop(), **kwargs)  # type: ignore[arg-type]
    spk.attach(backend, devices[0])
    return spk, backend


def play_all(stream: FakeStream, spk: Speaker) -> np.ndarray:
    out = [stream.pull()[:, 0]]
    while spk.state is not PlayState.IDLE:
        out.append(stream.pull()[:, 0])
    return np.concatenate(out)


def sounding(out: np.ndarray) -> np.ndarray:
    nonzero = np.flatnonzero(out)
    return out[nonzero[0] : nonzero[-1] + 1]


@pytest.mark.parametrize("rate", [48000, 44100, 24000])
async def test_a_reply_plays_to_its_last_sample(rate: int) -> None:
    spk, backend = speaker(rate)
    for piece in chunks(REPLY, [4800, 3002, 9600]):
        assert spk.enqueue("item_1", piece)
    spk.end_item("item_1")
    out = sounding(play_all(backend.stream("output"), spk))
    assert abs(len(out) - rate) <= 2
    assert dominant_frequency(out, rate) == pytest.approx(1000, abs=2)
    assert rms(out[500:-500]) == pytest.approx(0.5 / np.sqrt(2), rel=0.01)
    assert spk.played_frames("item_1") == spk.received_frames("item_1") == 24000
    assert spk.played_ms("item_1") == 1000
    assert spk.underruns == 0
    assert await spk.drain(timeout=1.0)


async def test_playback_waits_for_the_prebuffer_then_starts() -> None:
    spk, backend = speaker(prebuffer_ms=80)
    stream = backend.stream("output")
    spk.enqueue("a", REPLY[: 2 * 2400])  # 100 ms, of which the resampler holds ~30 ms back
    assert spk.state is PlayState.BUFFERING
    assert not stream.pull().any()  # 70 ms playable: starting would run dry before the next delta
    assert not spk.is_audible
    spk.enqueue("a", REPLY[2 * 2400 : 4 * 2400])
    assert stream.pull().any()
    assert spk.is_audible
    assert spk.is_busy


async def test_interrupt_reports_exactly_what_the_device_took_including_the_fade() -> None:
    spk, backend = speaker(48000, fade_ms=10)
    stream = backend.stream("output")
    spk.enqueue("a", REPLY)
    for _ in range(30):  # 30 blocks of 10 ms
        stream.pull()
    result = spk.interrupt()
    assert result == Interrupted("a", played_ms=310, played_frames=7440)
    fade = stream.pull()[:, 0]
    assert np.abs(fade[:48]).max() > 0.45  # starts near full level (0.5)...
    assert np.abs(fade[-24:]).max() < 0.01  # ...and ends near silence within the block
    assert not stream.pull().any()
    assert spk.played_ms("a") == 310
    assert not spk.enqueue("a", REPLY)  # late deltas of the interrupted item are ignored
    assert spk.state is PlayState.IDLE


async def test_audio_with_an_odd_byte_count_is_refused() -> None:
    spk, _ = speaker()
    with pytest.raises(ValueError, match="even"):
        spk.enqueue("a", REPLY[:4801])
    assert spk.received_frames("a") == 0
    assert not spk.is_busy  # nothing was started


async def test_played_time_never_exceeds_received_after_end() -> None:
    spk, backend = speaker(44100)
    stream = backend.stream("output")
    spk.enqueue("a", REPLY[:4802])
    spk.end_item("a")
    play_all(stream, spk)
    assert spk.played_frames("a") == spk.received_frames("a") == 2401


async def test_a_new_item_ends_the_previous_one_and_both_play_fully() -> None:
    spk, backend = speaker()
    spk.enqueue("a", REPLY[:9600])
    spk.enqueue("b", REPLY[:9600])
    assert not spk.enqueue("a", REPLY[:960])
    spk.end_item("b")
    play_all(backend.stream("output"), spk)
    assert spk.played_frames("a") == spk.played_frames("b") == 4800


async def test_interrupt_when_idle_returns_none_and_unknown_items_played_nothing() -> None:
    spk, _ = speaker()
    assert spk.interrupt() is None
    assert spk.played_ms("nothing") == 0
    spk.end_item("nothing")


async def test_a_later_queued_item_is_reported_as_dropped() -> None:
    spk, backend = speaker()
    spk.enqueue("a", REPLY[:9600])
    spk.enqueue("b", REPLY[:9600])
    backend.stream("output").pull()
    result = spk.interrupt()
    assert result is not None
    assert (result.item_id, result.dropped) == ("a", ("b",))


async def test_audio_enqueued_before_a_device_is_attached_plays_at_the_device_rate() -> None:
    devices = [fake_device(0, "Speakers", outputs=1, default=True)]
    backend = FakeBackend(devices, rates={"Speakers": 44100})
    spk = Speaker(asyncio.get_running_loop())
    spk.enqueue("a", REPLY)
    spk.end_item("a")
    spk.attach(backend, devices[0])
    out = sounding(play_all(backend.stream("output"), spk))
    assert abs(len(out) - 44100) <= 4
    assert dominant_frequency(out, 44100) == pytest.approx(1000, abs=2)
    assert spk.played_frames("a") == 24000


async def test_moving_to_a_device_with_another_rate_mid_reply_keeps_the_count() -> None:
    spk, backend = speaker(48000)
    spk.enqueue("a", REPLY[:24000])
    for _ in range(20):
        backend.stream("output").pull()
    assert spk.played_frames("a") == 200 * 24
    spk.attach(backend, backend.list_devices()[1])  # Headphones at 44.1 kHz
    assert spk.device is not None and spk.device.name == "Headphones"
    spk.enqueue("a", REPLY[24000:])
    spk.end_item("a")
    out = play_all(backend.stream("output"), spk)
    assert dominant_frequency(sounding(out), 44100) == pytest.approx(1000, abs=3)
    assert abs(spk.played_frames("a") - 24000) <= 2
    assert spk.played_frames("a") <= 24000


async def test_a_device_that_cannot_be_opened_keeps_the_old_one() -> None:
    spk, backend = speaker()
    backend.unopenable.add("Headphones")
    with pytest.raises(DeviceError):
        spk.attach(backend, backend.list_devices()[1])
    assert spk.device is not None and spk.device.name == "Speakers"
    backend.unstartable.add("Headphones")
    backend.unopenable.clear()
    with pytest.raises(DeviceError):
        spk.attach(backend, backend.list_devices()[1])
    assert spk.device is None  # the old stream was already closed


async def test_state_changes_and_device_loss_are_reported_on_the_loop() -> None:
    states: list[PlayState] = []
    failures: list[bool] = []
    spk, backend = speaker(on_state=states.append, on_failure=lambda: failures.append(True))
    spk.enqueue("a", REPLY[:4800])
    spk.end_item("a")
    play_all(backend.stream("output"), spk)
    await asyncio.sleep(0)
    assert states == [PlayState.PLAYING, PlayState.IDLE]
    backend.unplug("Speakers")
    await asyncio.sleep(0)
    assert failures == [True]


async def test_close_drains_then_stops_the_device() -> None:
    spk, backend = speaker()
    stream = backend.stream("output")
    spk.enqueue("a", REPLY[:9600])
    spk.end_item("a")

    async def device() -> None:
        while not stream.closed:
            stream.pull()
            await asyncio.sleep(0)

    task = asyncio.create_task(device())
    await asyncio.wait_for(spk.close(drain_timeout=2.0), timeout=5.0)
    await asyncio.wait_for(task, timeout=5.0)
    assert stream.stopped
    assert spk.played_frames("a") == 4800


async def test_drain_gives_up_after_its_timeout() -> None:
    spk, _ = speaker()
    spk.enqueue("a", REPLY[:960])
    assert not await spk.drain(timeout=0.01)


async def test_finished_items_release_their_resamplers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory stays flat over a long voice session: only the open item holds a soxr stream."""
    alive: weakref.WeakSet[StreamResampler] = weakref.WeakSet()

    class Tracked(StreamResampler):  # the real resampler, counted while it lives
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            alive.add(self)

    monkeypatch.setattr(playback, "StreamResampler", Tracked)
    spk, backend = speaker(44100)
    stream = backend.stream("output")
    for n in range(80):
        spk.enqueue(f"item_{n}", REPLY[:960])
        if n % 2:  # the others are ended by the next item
            spk.end_item(f"item_{n}")
            play_all(stream, spk)
    spk.enqueue("cut", REPLY[:9600])
    spk.interrupt()
    gc.collect()
    assert len(alive) == 0
    assert spk.played_frames("item_79") == spk.received_frames("item_79") == 480


async def test_an_idle_speaker_rests_and_the_next_reply_starts_it_again() -> None:
    spk, backend = speaker()
    stream = backend.stream("output")
    spk.enqueue("item_1", REPLY)
    spk.end_item("item_1")
    assert not spk.rest() and not stream.resting  # something is queued
    play_all(stream, spk)
    assert spk.rest() and stream.resting and spk.resting
    assert not spk.rest()  # already resting
    with pytest.raises(RuntimeError):
        stream.pull()  # a resting stream runs no callback
    spk.enqueue("item_2", REPLY)
    spk.end_item("item_2")
    assert not stream.resting
    assert abs(len(sounding(play_all(stream, spk))) - stream.rate) <= 2  # all of it plays
