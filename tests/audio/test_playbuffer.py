"""PlaybackBuffer: prebuffer, underrun, end of item, fade-out and played-frame counts.

The buffer runs at 1000 frames/s here, so 1 frame = 1 ms: prebuffer 80, step 40, max 250, fade 10.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.audio.levels import LevelMeter
from assistant.audio.playbuffer import PlaybackBuffer, PlayState, fade_curve

RATE = 1000


def ramp(start: int, count: int) -> np.ndarray:
    return (np.arange(start, start + count, dtype=np.float32) + 1) / 10000


def pull(buffer: PlaybackBuffer, frames: int, channels: int = 1) -> np.ndarray:
    out = np.full((frames, channels), np.nan, dtype=np.float32)
    buffer.fill(out)
    assert not np.isnan(out).any()
    return out[:, 0]


def make(**kwargs: object) -> PlaybackBuffer:
    return PlaybackBuffer(RATE, **kwargs)  # type: ignore[arg-type]


def test_silence_until_the_prebuffer_is_full() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.write(ramp(0, 79))
    assert not pull(buffer, 10).any()
    assert buffer.state is PlayState.BUFFERING
    buffer.write(ramp(79, 1))
    np.testing.assert_array_equal(pull(buffer, 10), ramp(0, 10))
    assert buffer.state is PlayState.PLAYING


def test_an_ended_item_plays_to_its_last_sample_without_waiting_for_the_prebuffer() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.write(ramp(0, 25))
    buffer.end_item()
    out = np.concatenate([pull(buffer, 10) for _ in range(3)])
    np.testing.assert_array_equal(out[:25], ramp(0, 25))
    assert not out[25:].any()
    assert buffer.state is PlayState.IDLE
    assert buffer.played_frames("a") == 25
    assert buffer.underruns == 0


def test_an_empty_ended_item_goes_idle() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.end_item()
    pull(buffer, 10)
    assert buffer.state is PlayState.IDLE


def test_running_dry_mid_item_is_an_underrun_that_grows_the_prebuffer() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.write(ramp(0, 85))
    out = np.concatenate([pull(buffer, 10) for _ in range(9)])
    np.testing.assert_array_equal(out[:85], ramp(0, 85))
    assert buffer.underruns == 1
    assert buffer.prebuffer_ms == 120
    assert buffer.state is PlayState.BUFFERING
    buffer.write(ramp(85, 119))
    assert not pull(buffer, 10).any()  # 119 < 120: still buffering
    buffer.write(ramp(204, 1))
    np.testing.assert_array_equal(pull(buffer, 10), ramp(85, 10))


def test_the_prebuffer_stops_growing_at_its_maximum() -> None:
    buffer = make()
    buffer.start_item("a")
    for _ in range(10):
        buffer.write(ramp(0, 300))
        while buffer.queued_frames:
            pull(buffer, 10)
        pull(buffer, 10)
    assert buffer.prebuffer_ms == 250


def test_items_play_back_to_back_and_are_counted_separately() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.write(ramp(0, 100))
    buffer.start_item("b")  # ends "a"
    buffer.write(ramp(100, 50))
    buffer.end_item()
    out = np.concatenate([pull(buffer, 10) for _ in range(12)])
    np.testing.assert_array_equal(out, ramp(0, 120))
    assert (buffer.played_frames("a"), buffer.played_frames("b")) == (100, 20)
    assert buffer.played_frames("unknown") == 0


def test_the_same_item_cannot_start_twice() -> None:
    buffer = make()
    buffer.start_item("a")
    with pytest.raises(ValueError, match="already started"):
        buffer.start_item("a")


def test_interrupt_fades_within_one_block_and_reports_what_will_have_played() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.write(np.full(200, 0.5, dtype=np.float32))
    for _ in range(3):
        pull(buffer, 10)
    cut = buffer.interrupt()
    assert cut is not None
    assert (cut.item_id, cut.frames, cut.dropped) == ("a", 40, ())
    assert buffer.state is PlayState.FADING
    out = pull(buffer, 20)
    np.testing.assert_allclose(out[:10], 0.5 * fade_curve(10))
    assert not out[10:].any()
    assert buffer.state is PlayState.IDLE
    assert buffer.played_frames("a") == 40
    assert buffer.queued_frames == 0


def test_interrupt_while_buffering_cuts_where_playback_stopped() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.write(ramp(0, 90))
    for _ in range(10):
        pull(buffer, 10)  # 90 played, then an underrun
    cut = buffer.interrupt()
    assert cut is not None
    assert cut.frames == 90
    assert buffer.state is PlayState.IDLE


def test_interrupt_drops_later_items_and_nothing_is_current_afterwards() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.write(ramp(0, 100))
    buffer.start_item("b")
    buffer.write(ramp(0, 100))
    buffer.end_item()
    pull(buffer, 50)
    cut = buffer.interrupt()
    assert cut is not None
    assert (cut.item_id, cut.frames, cut.dropped) == ("a", 60, ("b",))
    assert buffer.interrupt() is None


def test_a_fade_that_would_cross_the_item_end_stops_at_the_end() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.write(ramp(0, 54))
    buffer.end_item()
    pull(buffer, 50)
    cut = buffer.interrupt()
    assert cut is not None
    assert cut.frames == 54


def test_a_new_item_written_during_the_fade_plays_after_it() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.write(ramp(0, 200))
    pull(buffer, 80)
    buffer.interrupt()
    buffer.start_item("b")
    buffer.write(ramp(1000, 30))
    buffer.end_item()
    pull(buffer, 5)  # half the fade
    cut = buffer.interrupt()  # a second barge-in: the fade in progress continues
    assert cut is not None
    assert (cut.item_id, cut.frames) == ("b", 0)
    out = pull(buffer, 40)
    assert not out[5:].any()
    assert buffer.played_frames("a") == 90


def test_interrupt_with_nothing_queued_returns_none() -> None:
    assert make().interrupt() is None


def test_stereo_output_gets_the_same_samples_on_both_channels() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.write(ramp(0, 10))
    buffer.end_item()
    out = np.zeros((10, 2), dtype=np.float32)
    buffer.fill(out)
    np.testing.assert_array_equal(out[:, 0], out[:, 1])
    np.testing.assert_array_equal(out[:, 0], ramp(0, 10))


def test_the_meter_sees_exactly_what_was_output() -> None:
    meter = LevelMeter(RATE, window_ms=20)
    buffer = make(meter=meter)
    buffer.start_item("a")
    buffer.write(np.full(10, 0.5, dtype=np.float32))
    buffer.end_item()
    pull(buffer, 10)
    pull(buffer, 10)
    level = meter.level()
    assert level.peak_dbfs == pytest.approx(-6.02, abs=0.01)
    assert level.rms_dbfs == pytest.approx(-9.03, abs=0.01)  # half the window is silence


def test_wake_is_called_on_each_state_change_only() -> None:
    wakes: list[PlayState] = []
    buffer = make(on_wake=wakes.append)
    buffer.start_item("a")
    buffer.write(ramp(0, 100))
    buffer.end_item()
    for _ in range(12):
        pull(buffer, 10)
    assert wakes == [PlayState.PLAYING, PlayState.IDLE]


def test_pending_returns_unplayed_audio_per_item() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.write(ramp(0, 100))
    buffer.start_item("b")
    buffer.write(ramp(100, 20))
    pull(buffer, 90)
    pending = buffer.pending()
    assert [(p.item_id, p.ended) for p in pending] == [("a", True), ("b", False)]
    np.testing.assert_array_equal(pending[0].samples, ramp(90, 10))
    np.testing.assert_array_equal(pending[1].samples, ramp(100, 20))


@settings(max_examples=60, deadline=None)
@given(
    chunks=st.lists(st.integers(1, 400), min_size=1, max_size=12),
    block=st.integers(1, 64),
    interrupt_after=st.integers(0, 80),
)
def test_output_is_the_input_in_order_and_counts_match_the_output(
    chunks: list[int], block: int, interrupt_after: int
) -> None:
    buffer = make(fade_ms=10)
    buffer.start_item("a")
    total = sum(chunks)
    source = ramp(0, total)
    written = 0
    out: list[np.ndarray] = []
    for index, size in enumerate(chunks):
        buffer.write(source[written : written + size])
        written += size
        if index == len(chunks) - 1:
            buffer.end_item()
        out.append(pull(buffer, block))
    for _ in range(interrupt_after):
        out.append(pull(buffer, block))
    cut = buffer.interrupt()
    for _ in range(total // block + 20):
        out.append(pull(buffer, block))
    heard = np.concatenate(out)
    heard = heard[heard != 0]
    played = buffer.played_frames("a")
    assert len(heard) == played
    if cut is not None:
        assert cut.frames == played
    fade_start = played if cut is None else max(0, played - 10)
    np.testing.assert_array_equal(heard[:fade_start], source[:fade_start])
    assert np.all(np.abs(heard[fade_start:]) <= source[fade_start:played])


def test_only_playable_frames_count_towards_the_prebuffer() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.write(ramp(0, 50))  # the resampler holds back the rest: not enough to start
    assert not pull(buffer, 10).any()
    buffer.write(ramp(50, 30))
    np.testing.assert_array_equal(pull(buffer, 10), ramp(0, 10))


def test_hold_fades_out_keeps_the_place_and_release_fades_back_in() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.write(ramp(0, 200))
    pull(buffer, 30)
    assert buffer.hold()
    assert buffer.state is PlayState.HELD
    faded = pull(buffer, 20)
    np.testing.assert_allclose(faded[:10], ramp(30, 10) * fade_curve(10), rtol=1e-6)
    assert not faded[10:].any()  # then silence, taking nothing
    assert not pull(buffer, 50).any()
    assert buffer.played_frames("a") == 40  # the place is kept where the fade ended
    buffer.release()
    rising = pull(buffer, 20)
    np.testing.assert_allclose(rising[:10], ramp(40, 10) * fade_curve(10)[::-1], rtol=1e-6)
    np.testing.assert_array_equal(rising[10:], ramp(50, 10))
    assert buffer.played_frames("a") == 60


def test_interrupt_while_held_cuts_where_the_hold_stopped() -> None:
    buffer = make()
    buffer.start_item("a")
    buffer.write(ramp(0, 200))
    pull(buffer, 30)
    buffer.hold()
    pull(buffer, 40)
    cut = buffer.interrupt()
    assert cut is not None and cut.frames == 40
    assert not pull(buffer, 20).any()
    assert buffer.state is PlayState.IDLE


def test_hold_while_buffering_keeps_silent_and_nothing_to_hold_when_idle() -> None:
    buffer = make()
    assert buffer.hold() is False  # idle
    buffer.start_item("a")
    buffer.write(ramp(0, 100))
    assert buffer.hold()
    assert not pull(buffer, 30).any()
    assert buffer.played_frames("a") == 0
    buffer.release()
    pull(buffer, 10)
    assert buffer.played_frames("a") == 10
