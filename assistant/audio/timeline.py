"""What the speaker really played, placed on one sample timeline with what the microphone heard.

Theory of operation. An echo canceller needs, for every 10 ms of microphone audio, the speaker
audio that was sounding at that moment (or a little earlier): the *far-end reference*. Taking it
where replies are queued would be wrong: deltas arrive 80-250 ms ahead and in bursts, and audio
dropped at a barge-in is never played. So the reference is taken in the output callback, from the
exact samples handed to the device (after the fade, silence included), with the DAC time of the
block's first frame. `ReferenceTap` carries those blocks from the device thread to the loop
thread in preallocated slots, like the microphone's capture slots.

On the loop thread both streams are placed on one timeline of 24 kHz ticks, `tick = seconds *
24000` on the device layer's stream clock. A `ClockTracker` keeps each stream contiguous (one
tick per sample) and follows its timestamps slowly (see `ClockTracker`): a jump of more than
100 ms (a device change, a long stall) re-anchors the stream at its timestamp; a smaller
disagreement (jittery stamps; two devices with their own crystals, 100 ppm apart) is smoothed
and taken up one tick per block, so the canceller sees a delay that moves by a sample now and
then, never a step. `Timeline` holds the
last few seconds of the reference by tick and answers any tick range, with silence where nothing
was played.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from assistant.audio.resample import SOURCE_RATE

Samples = npt.NDArray[np.float32]


class ReferenceTap:
    """Played output blocks from the device thread (writer) to the loop thread (reader).

    `write` copies into the next of `slots` preallocated blocks and never blocks or allocates;
    `drain` returns the blocks written since the last call, oldest first. A reader that falls
    more than `slots` blocks behind loses the oldest ones (the timeline then has a gap of
    silence there, placed correctly by the later blocks' timestamps).
    """

    def __init__(self, slots: int = 256, max_frames: int = 2048) -> None:
        self._blocks = np.zeros((slots, max_frames), dtype=np.float32)
        self._frames = [0] * slots
        self._times = [math.nan] * slots
        self._rates = [0] * slots
        self._xruns = [False] * slots
        self._seq = [0] * slots
        self._written = 0  # blocks written (only the device thread changes it)
        self._read = 0
        self.restarted = False
        """Set by the speaker when it opens another stream (loop thread), cleared by the reader."""

    def write(self, mono: Samples, dac_time: float, rate: int, *, xrun: bool = False) -> None:
        """Device thread: keep a copy of one played block (first channel); `xrun`: the device
        reported an underrun before it (it played silence the tap did not see)."""
        index = self._written % len(self._seq)
        frames = min(len(mono), self._blocks.shape[1])
        self._seq[index] = 0  # a reader copying this slot now must not trust its copy
        self._blocks[index, :frames] = mono[:frames]
        self._frames[index], self._times[index], self._rates[index] = frames, dac_time, rate
        self._xruns[index] = xrun
        self._written += 1
        self._seq[index] = self._written

    def drain(self) -> list[tuple[Samples, float, int, bool]]:
        """Loop thread: (samples, DAC time, rate, after an underrun?) of each block written since
        the last call."""
        written, slots = self._written, len(self._seq)
        self._read = max(self._read, written - slots)
        blocks = []
        while self._read < written:
            index = self._read % slots
            self._read += 1
            samples = self._blocks[index, : self._frames[index]].copy()
            if self._seq[index] == self._read:  # not overwritten while copying
                blocks.append((samples, self._times[index], self._rates[index], self._xruns[index]))
        return blocks


class ClockTracker:
    """Gives each block of one stream its tick: counted, and slowly following its timestamps.

    Sample counting is exact from block to block, timestamps are not: measured on PulseAudio,
    they wander and step by 10-30 ms within a reply, and a canceller that is moved along with
    them loses the echo path each time (the server then hears the echo). Counting alone
    drifts, though: the same streams lost 40 ms against each other in 17 s. So the count is
    kept, and the smoothed difference to the stamps (about a second of memory) is taken up one
    tick per block once it passes `slip_s`; only a difference over `jump_s` (a device change,
    a long stall) re-anchors at once.
    """

    def __init__(self, rate: int = SOURCE_RATE, jump_s: float = 0.1, slip_s: float = 0.002):
        self._rate = rate
        self._jump, self._slip = round(jump_s * rate), slip_s * rate
        self._next: int | None = None
        self._error = 0.0  # smoothed (timestamp - counted position), in ticks
        self._resync = False
        self.jumps = 0
        self.slips = 0

    def resync(self) -> None:
        """Samples went missing (an underrun or overflow): place the next stamped block at its
        stamp when that is off the count by more than `slip_s`."""
        self._resync = True

    def place(self, frames: int, time: float) -> int:
        """The tick of the first of `frames` samples stamped `time` (NaN or infinite: right after
        the last)."""
        tick = self._tick(time)
        self._next = tick + frames
        return tick

    def _tick(self, time: float) -> int:
        if not math.isfinite(time):  # unknown (or nonsense) from the device layer: count on
            return self._next or 0
        stamped = round(time * self._rate)
        off = abs(stamped - self._next) if self._next is not None else 0
        resync, self._resync = self._resync and off > self._slip, False
        if self._next is None or off > self._jump or resync:
            self.jumps += self._next is not None
            self._error = 0.0
            return stamped
        self._error += 0.02 * (stamped - self._next - self._error)
        if abs(self._error) < self._slip:
            return self._next
        step = _sign(self._error)  # one tick: the canceller follows that without noticing
        self._error -= step
        self.slips += 1
        return self._next + step


def _sign(value: float) -> int:
    return 1 if value > 0 else -1


class Timeline:
    """The last `seconds` of reference audio by tick; silence where nothing was written."""

    def __init__(self, seconds: float = 4.0, rate: int = SOURCE_RATE) -> None:
        self._ring = np.zeros(round(seconds * rate), dtype=np.float32)
        self._end: int | None = None  # the tick after the last written sample

    @property
    def end(self) -> int | None:
        """The tick after the last sample written, None before the first write."""
        return self._end

    def write(self, tick: int, samples: Samples) -> None:
        """Place `samples` from `tick` on; a gap since the last write becomes silence."""
        size = len(self._ring)
        samples = samples[-size:]
        if self._end is not None and self._end < tick:
            gap_from = max(self._end, tick - size)
            self._put(gap_from, np.zeros(tick - gap_from, dtype=np.float32))
        self._put(tick, samples)
        self._end = tick + len(samples)

    def read(self, tick: int, out: Samples) -> None:
        """Fill `out` with the samples from `tick` on (silence outside what is kept)."""
        out[:] = 0.0
        if self._end is None:
            return
        low = max(tick, self._end - len(self._ring))
        high = min(tick + len(out), self._end)
        if high > low:
            self._get(low, out[low - tick : high - tick])

    def _put(self, tick: int, samples: Samples) -> None:
        size, start = len(self._ring), tick % len(self._ring)
        first = min(len(samples), size - start)
        self._ring[start : start + first] = samples[:first]
        self._ring[: len(samples) - first] = samples[first:]

    def _get(self, tick: int, out: Samples) -> None:
        size, start = len(self._ring), tick % len(self._ring)
        first = min(len(out), size - start)
        out[:first] = self._ring[start : start + first]
        out[first:] = self._ring[: len(out) - first]
