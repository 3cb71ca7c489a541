"""The playback buffer: device-rate samples of assistant audio items, read by the device callback.

Theory of operation. The asyncio loop writes resampled samples for one item at a time
(`start_item`, `write`, `end_item`) into a `SampleRing`; the device callback reads them with
`fill`. Every item is a span of absolute ring positions, so how much of an item was played is
`read position - span start`, counted only when the callback actually takes the samples.

The callback runs a small state machine, under a lock that both sides hold for microseconds:

    IDLE       nothing to play; output silence
    BUFFERING  an item is open but fewer than `prebuffer` frames are queued; output silence.
               Starts playing when enough is queued, or at once when the item has ended
               (so the end of a reply always plays to its last sample).
    PLAYING    copy queued samples out. Running dry while the item is still open is an underrun:
               the prebuffer grows by one step (up to its maximum) and the state goes back to
               BUFFERING. Running dry after the item ended is the normal end: IDLE.
    FADING     after `interrupt()`: play at most `fade` more frames of the current item under a
               falling raised-cosine gain, then discard everything queued before the interrupt.
    HELD       after `hold()` (the user may be cutting in): the same fade, then silence without
               taking samples, so the reply keeps its place. `release()` goes back to BUFFERING
               and the next samples fade in; `interrupt()` cuts where the fade ended.

`interrupt()` decides, under the lock, exactly where the current item stops (`read position +
fade length`), so the number of frames it reports is the number the callback will have played.
"""

from __future__ import annotations

import enum
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.audio.levels import LevelMeter
from assistant.audio.ringbuffer import SampleRing, Samples
from assistant.audio.streams import OutputBlock

_KEPT_SPANS = 64  # finished items whose played count can still be asked for


class PlayState(enum.Enum):
    """What the device callback is doing."""

    IDLE = "idle"
    BUFFERING = "buffering"
    PLAYING = "playing"
    FADING = "fading"
    HELD = "held"


@dataclass
class _Span:
    start: int
    end: int
    ended: bool = False
    cut: int | None = None

    def played(self, read_pos: int) -> int:
        stop = read_pos if self.cut is None else min(read_pos, self.cut)
        return min(max(stop, self.start), self.end) - self.start


@dataclass(frozen=True)
class Cut:
    """Where `interrupt()` stopped: `frames` of `item_id` will have been played, fade included.

    `dropped` are later queued items of which nothing was played.
    """

    item_id: str
    frames: int
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class PendingAudio:
    """Queued, unplayed samples of one item (see `PlaybackBuffer.pending`)."""

    item_id: str
    samples: Samples
    ended: bool


def fade_curve(frames: int) -> npt.NDArray[np.float32]:
    """A raised-cosine gain falling from just under 1 to just over 0 in `frames` steps."""
    phase = (np.arange(frames, dtype=np.float64) + 0.5) / max(frames, 1)
    return (0.5 * (1.0 + np.cos(np.pi * phase))).astype(np.float32)


class PlaybackBuffer:
    """Queued assistant audio at the device rate, with prebuffering, fade-out and play counts."""

    def __init__(
        self,
        rate: int,
        *,
        prebuffer_ms: int = 80,
        max_prebuffer_ms: int = 250,
        prebuffer_step_ms: int = 40,
        fade_ms: int = 10,
        meter: LevelMeter | None = None,
        on_wake: Callable[[PlayState], None] | None = None,
    ) -> None:
        """`on_wake(new_state)` runs on the device thread after a state change: hand off only."""
        self.rate = rate
        self._ring = SampleRing(rate * 2)
        self._lock = threading.Lock()
        self._state = PlayState.IDLE
        self._prebuffer = rate * prebuffer_ms // 1000
        self._max_prebuffer = rate * max_prebuffer_ms // 1000
        self._step = rate * prebuffer_step_ms // 1000
        self._curve = fade_curve(max(1, rate * fade_ms // 1000))
        self._fade_pos = self._fade_end = self._discard_to = 0
        self._fade_in = len(self._curve)  # frames of fade-in done since a release
        self._spans: OrderedDict[str, _Span] = OrderedDict()
        self._open: str | None = None
        self._meter = meter
        self._on_wake = on_wake
        self.underruns = 0

    @property
    def state(self) -> PlayState:
        """The callback's current state."""
        return self._state

    @property
    def meter(self) -> LevelMeter | None:
        """The meter fed with every block the callback outputs."""
        return self._meter

    @property
    def prebuffer_ms(self) -> int:
        """The current prebuffer; it grows by a step after each underrun."""
        return self._prebuffer * 1000 // self.rate

    def set_prebuffer(self, prebuffer_ms: int, max_prebuffer_ms: int) -> None:
        """Start again from `prebuffer_ms`, growing up to `max_prebuffer_ms` (the next item)."""
        with self._lock:
            self._prebuffer = self.rate * prebuffer_ms // 1000
            self._max_prebuffer = self.rate * max_prebuffer_ms // 1000

    @property
    def queued_frames(self) -> int:
        """Frames written and not yet played or discarded."""
        return self._ring.available()

    @property
    def open_item(self) -> str | None:
        """The item being written (started, not ended), if any."""
        return self._open

    def start_item(self, item_id: str) -> None:
        """Begin a new item; ends the open one first. Raises ValueError for a known id."""
        if item_id in self._spans:
            raise ValueError(f"audio item {item_id} was already started")
        with self._lock:
            self._end_open()
            self._spans[item_id] = _Span(self._ring.write_pos, self._ring.write_pos)
            self._open = item_id
            if self._state is PlayState.IDLE:
                self._state = PlayState.BUFFERING
        while len(self._spans) > _KEPT_SPANS:
            self._spans.popitem(last=False)

    def write(self, samples: Samples) -> None:
        """Queue samples of the open item; never drops (the ring grows instead).

        Only these count towards the prebuffer, not what a resampler still holds back: counting
        its filter delay started replies with too little to play when deltas arrive at the pace
        of speech, and the first reply stuttered once.
        """
        if self._open is None:
            raise ValueError("no audio item is open")
        self._ring.write(samples)
        self._spans[self._open].end = self._ring.write_pos

    def end_item(self) -> None:
        """The open item has no more samples: play what is queued without waiting to prebuffer."""
        with self._lock:
            self._end_open()

    def played_frames(self, item_id: str) -> int:
        """Frames of `item_id` the device callback has taken so far (0 for an unknown item)."""
        span = self._spans.get(item_id)
        return span.played(self._ring.read_pos) if span else 0

    def interrupt(self) -> Cut | None:
        """Fade out the current item within `fade_ms`, drop everything queued; None if idle."""
        with self._lock:
            current = self._current()
            if current is None:
                return None
            item_id, span = current
            dropped = self._cut_all(self._cut_position(span), item_id)
            self._discard_to = self._ring.write_pos
            if self._state is not PlayState.FADING:
                self._state = PlayState.FADING
                if self._fade_end == self._ring.read_pos:
                    self._finish_fade()
            assert span.cut is not None  # set by _cut_all
            return Cut(item_id, span.cut - span.start, dropped)

    def hold(self) -> bool:
        """Fade out and pause without losing the place; False when idle or already cut."""
        with self._lock:
            if self._state not in (PlayState.PLAYING, PlayState.BUFFERING):
                return False
            read = self._ring.read_pos
            sounding = self._state is PlayState.PLAYING
            fade = min(len(self._curve), self._ring.available()) if sounding else 0
            self._fade_pos, self._fade_end = 0, read + fade
            self._state = PlayState.HELD
            return True

    def release(self) -> None:
        """Resume after `hold()`; the first samples fade in."""
        with self._lock:
            if self._state is PlayState.HELD:
                self._state, self._fade_in = PlayState.BUFFERING, 0

    def _cut_position(self, span: _Span) -> int:
        # Where the current item stops: after one fade length when it is sounding; where the
        # fade already in progress ends; or right here when nothing is sounding.
        read = self._ring.read_pos
        if self._state in (PlayState.FADING, PlayState.HELD):
            return self._fade_end
        fade = min(len(self._curve), span.end - read) if self._state is PlayState.PLAYING else 0
        self._fade_pos, self._fade_end = 0, read + max(fade, 0)
        return self._fade_end

    def pending(self) -> list[PendingAudio]:
        """Unplayed samples per item, for moving them to a new buffer (no stream may be running)."""
        read = self._ring.read_pos
        return [
            PendingAudio(
                item_id,
                self._ring.copy_range(min(max(span.start, read), span.end), span.end),
                span.ended,
            )
            for item_id, span in self._spans.items()
            if span.cut is None and (span.end > read or item_id == self._open)
        ]

    def fill(self, out: OutputBlock) -> None:
        """The device callback: fill `out` (frames, channels) in place. Copies only."""
        mono = out[:, 0]
        with self._lock:
            before = self._state
            played = self._fill_mono(mono)
            after = self._state
        if played < len(mono):
            mono[played:] = 0.0
        if out.shape[1] > 1:
            out[:, 1:] = out[:, :1]
        if self._meter is not None:
            self._meter.write(mono)
        if after is not before and self._on_wake is not None:
            self._on_wake(after)

    def _fill_mono(self, mono: OutputBlock) -> int:
        if self._state is PlayState.FADING:
            return self._fade_into(mono)
        if self._state is PlayState.HELD:
            return self._hold_into(mono)
        if self._state is PlayState.BUFFERING:
            self._state = self._after_buffering()
        if self._state is PlayState.PLAYING:
            return self._play_into(mono)
        return 0

    def _after_buffering(self) -> PlayState:
        queued = self._ring.available()
        if self._open is None:  # the item has ended: play what is left, however little
            return PlayState.PLAYING if queued else PlayState.IDLE
        ready = queued >= self._prebuffer
        return PlayState.PLAYING if ready else PlayState.BUFFERING

    def _play_into(self, mono: OutputBlock) -> int:
        played = self._ring.read_into(mono)
        if self._fade_in < len(self._curve):  # just released: rise over one fade length
            count = min(played, len(self._curve) - self._fade_in)
            rise = self._curve[::-1][self._fade_in : self._fade_in + count]
            np.multiply(mono[:count], rise, out=mono[:count])
            self._fade_in += count
        if played == len(mono):
            return played
        if self._open is not None:
            self.underruns += 1
            self._prebuffer = min(self._max_prebuffer, self._prebuffer + self._step)
            self._state = PlayState.BUFFERING
        else:
            self._state = PlayState.IDLE
        return played

    def _fade_into(self, mono: OutputBlock) -> int:
        played = self._hold_into(mono)
        if self._ring.read_pos >= self._fade_end:
            self._finish_fade()
        return played

    def _hold_into(self, mono: OutputBlock) -> int:
        # The falling fade up to `_fade_end`, then nothing (HELD stays; FADING finishes).
        count = max(0, min(len(mono), self._fade_end - self._ring.read_pos))
        played = self._ring.read_into(mono[:count])
        gain = self._curve[self._fade_pos : self._fade_pos + played]
        np.multiply(mono[:played], gain, out=mono[:played])
        self._fade_pos += played
        return played

    def _finish_fade(self) -> None:
        self._ring.skip_to(self._discard_to)
        active = self._open is not None or self._ring.available() > 0
        self._state = PlayState.BUFFERING if active else PlayState.IDLE

    def _end_open(self) -> None:
        if self._open is not None:
            self._spans[self._open].ended = True
            self._open = None

    def _current(self) -> tuple[str, _Span] | None:
        read = self._ring.read_pos
        for item_id, span in self._spans.items():
            if span.cut is None and (span.end > read or not span.ended):
                return item_id, span
        return None

    def _cut_all(self, cut: int, current: str) -> tuple[str, ...]:
        dropped, read = [], self._ring.read_pos
        for item_id, span in self._spans.items():
            if span.cut is None and (span.end > read or not span.ended):
                span.cut, span.ended = max(span.start, min(cut, span.end)), True
                if item_id != current and span.cut == span.start:
                    dropped.append(item_id)
        self._open = None
        return tuple(dropped)
