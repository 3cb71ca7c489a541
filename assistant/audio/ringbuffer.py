"""Preallocated sample rings shared between the asyncio loop and a device callback.

Positions are absolute frame counts that only grow (`write_pos`, `read_pos`); the index into the
array is the position modulo the capacity. Each ring has one writer thread and one reader thread.
Data is copied before the position that publishes it is updated, so under the GIL a reader never
sees a position ahead of its data.

`SampleRing` is a FIFO that never drops: a write that does not fit grows the ring (on the writer's
thread, by swapping in a larger array that already holds the unread samples). `RecentSamples`
keeps only the newest samples, for meters that measure when read.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Samples = npt.NDArray[np.float32]


def _copy_in(buffer: Samples, position: int, samples: Samples) -> None:
    """Copy `samples` into `buffer` starting at ring position `position`, wrapping at the end."""
    start = position % len(buffer)
    end = start + len(samples)
    if end <= len(buffer):  # the usual case: one copy (this runs in device callbacks)
        buffer[start:end] = samples
        return
    first = len(buffer) - start
    buffer[start:] = samples[:first]
    buffer[: end - len(buffer)] = samples[first:]


def _copy_out(buffer: Samples, position: int, out: Samples) -> None:
    """Fill `out` from `buffer` starting at ring position `position`, wrapping at the end."""
    start = position % len(buffer)
    end = start + len(out)
    if end <= len(buffer):
        out[:] = buffer[start:end]
        return
    first = len(buffer) - start
    out[:first] = buffer[start:]
    out[first:] = buffer[: end - len(buffer)]


class SampleRing:
    """A FIFO of float32 samples: one writer, one reader, never drops, grows when it must."""

    def __init__(self, capacity: int) -> None:
        self._buffer: Samples = np.zeros(capacity, dtype=np.float32)
        self._write_pos = 0
        self._read_pos = 0

    @property
    def capacity(self) -> int:
        """Samples the ring holds before the next write has to grow it."""
        return len(self._buffer)

    @property
    def write_pos(self) -> int:
        """Samples written since creation."""
        return self._write_pos

    @property
    def read_pos(self) -> int:
        """Samples read or skipped since creation."""
        return self._read_pos

    def available(self) -> int:
        """Samples written and not yet read."""
        return self._write_pos - self._read_pos

    def write(self, samples: Samples) -> None:
        """Append `samples` (writer thread). Grows the ring instead of ever dropping samples."""
        if self.available() + len(samples) > self.capacity:
            self._grow(self.available() + len(samples))
        _copy_in(self._buffer, self._write_pos, samples)
        self._write_pos += len(samples)

    def read_into(self, out: Samples) -> int:
        """Copy up to len(out) samples into `out` (reader thread); returns how many."""
        count = min(len(out), self._write_pos - self._read_pos)
        _copy_out(self._buffer, self._read_pos, out[:count])
        self._read_pos += count
        return count

    def skip_to(self, position: int) -> None:
        """Discard everything before `position` (reader thread); never moves backwards."""
        self._read_pos = max(self._read_pos, min(position, self._write_pos))

    def copy_range(self, start: int, end: int) -> Samples:
        """A copy of the samples at positions [start, end), which must still be unread."""
        if not self._read_pos <= start <= end <= self._write_pos:
            raise ValueError(f"[{start}, {end}) is not unread data")
        out = np.empty(end - start, dtype=np.float32)
        _copy_out(self._buffer, start, out)
        return out

    def _grow(self, needed: int) -> None:
        # The reader may keep reading the old array while this runs: the samples it can reach
        # are identical in both, and the new array is published with a single assignment.
        capacity = max(needed, 2 * self.capacity)
        bigger = np.zeros(capacity, dtype=np.float32)
        start = self._read_pos
        _copy_in(bigger, start, self.copy_range(start, self._write_pos))
        self._buffer = bigger


class RecentSamples:
    """The newest `capacity` float32 samples; older ones are overwritten. One writer, one reader."""

    def __init__(self, capacity: int) -> None:
        self._buffer: Samples = np.zeros(capacity, dtype=np.float32)
        self._write_pos = 0

    @property
    def write_pos(self) -> int:
        """Samples written since creation."""
        return self._write_pos

    def write(self, samples: Samples) -> None:
        """Keep `samples` (writer thread; safe in a device callback: copies only)."""
        kept = samples if len(samples) <= len(self._buffer) else samples[-len(self._buffer) :]
        _copy_in(self._buffer, self._write_pos + len(samples) - len(kept), kept)
        self._write_pos += len(samples)

    def latest(self, count: int) -> Samples:
        """A copy of the newest `count` samples (fewer if fewer were written)."""
        end = self._write_pos
        return self.since(end - count, end)

    def since(self, start: int, end: int | None = None) -> Samples:
        """A copy of positions [start, end) that are still held; older ones are left out.

        Only the newest half of the ring is read, so the writer can keep writing meanwhile.
        """
        end = self._write_pos if end is None else end
        start = max(start, end - len(self._buffer) // 2, 0)
        out = np.empty(max(end - start, 0), dtype=np.float32)
        _copy_out(self._buffer, start, out)
        return out
