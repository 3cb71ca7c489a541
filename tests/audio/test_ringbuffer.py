"""SampleRing (FIFO that never drops) and RecentSamples (newest samples for meters)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from assistant.audio.ringbuffer import RecentSamples, SampleRing


def ramp(start: int, count: int) -> np.ndarray:
    return np.arange(start, start + count, dtype=np.float32)


def test_fifo_wraps_around_the_end() -> None:
    ring = SampleRing(8)
    ring.write(ramp(0, 6))
    out = np.zeros(5, dtype=np.float32)
    assert ring.read_into(out) == 5
    ring.write(ramp(6, 6))  # wraps: positions 6..11 land at indexes 6, 7, 0..3
    out = np.zeros(10, dtype=np.float32)
    assert ring.read_into(out) == 7
    np.testing.assert_array_equal(out[:7], ramp(5, 7))
    assert ring.available() == 0


def test_a_write_that_does_not_fit_grows_the_ring_and_keeps_every_sample() -> None:
    ring = SampleRing(4)
    ring.write(ramp(0, 3))
    ring.read_into(np.zeros(2, dtype=np.float32))
    ring.write(ramp(3, 20))
    assert ring.capacity >= 21
    out = np.zeros(30, dtype=np.float32)
    assert ring.read_into(out) == 21
    np.testing.assert_array_equal(out[:21], ramp(2, 21))


def test_skip_to_discards_but_never_moves_backwards_or_past_the_writer() -> None:
    ring = SampleRing(16)
    ring.write(ramp(0, 10))
    ring.skip_to(4)
    ring.skip_to(2)
    assert ring.read_pos == 4
    ring.skip_to(99)
    assert ring.read_pos == 10


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=40))
def test_what_is_read_is_exactly_what_was_written(steps: list[tuple[int, int]]) -> None:
    ring = SampleRing(16)
    written, read = 0, []
    for write_count, read_count in steps:
        ring.write(ramp(written, write_count))
        written += write_count
        out = np.zeros(read_count, dtype=np.float32)
        read.append(out[: ring.read_into(out)])
    got = np.concatenate([np.zeros(0, dtype=np.float32), *read])
    np.testing.assert_array_equal(got, ramp(0, len(got)))
    assert ring.available() == written - len(got)


def test_recent_samples_keeps_the_newest() -> None:
    recent = RecentSamples(8)
    recent.write(ramp(0, 5))
    recent.write(ramp(5, 6))
    np.testing.assert_array_equal(recent.latest(3), ramp(8, 3))
    np.testing.assert_array_equal(recent.since(0), ramp(7, 4))  # the newest half only


def test_recent_samples_accepts_a_block_longer_than_itself() -> None:
    recent = RecentSamples(4)
    recent.write(ramp(0, 10))
    assert recent.write_pos == 10
    np.testing.assert_array_equal(recent.latest(2), ramp(8, 2))
