"""The speaker: plays assistant audio items (24 kHz PCM16) on an output device.

Used from the asyncio loop thread only. Each item gets its own soxr stream from 24 kHz to the
device rate; `end_item` flushes it, so the last sample of a reply is always played. Samples go
into a `PlaybackBuffer`, which the device callback reads. Positions are reported in 24 kHz frames
counted when the callback takes them, which is what `conversation.item.truncate` needs.

An idle speaker may rest (`rest()`: its stream stopped, the device kept; push-to-talk between
replies, where no echo reference is needed): the next `enqueue` starts it again, which takes
1-2 ms on PulseAudio, well inside the prebuffer.

The speaker outlives its device stream: `attach` moves it to another device (audio still queued
is resampled to the new rate and keeps playing), and items may be enqueued while detached.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from assistant.audio.levels import LevelMeter
from assistant.audio.playbuffer import PlaybackBuffer, PlayState
from assistant.audio.resample import (
    SOURCE_RATE,
    Quality,
    StreamResampler,
    pcm16_to_float,
    resample_once,
)
from assistant.audio.selection import DeviceInfo
from assistant.audio.streams import AudioBackend, AudioStream, DeviceError, OutputBlock
from assistant.audio.timeline import ReferenceTap

_KEPT_ITEMS = 64

BLOCK_MS = 10
"""Milliseconds per output callback: barge-in waits at most this long for the fade to start."""


@dataclass(frozen=True)
class Interrupted:
    """What `Speaker.interrupt()` cut: the user heard `played_ms` of `item_id`.

    `played_frames` is the same position in 24 kHz frames, clamped to the audio received for the
    item. `dropped` are later items of which nothing was played. Pass `played_ms` to the core
    for `conversation.item.truncate`.
    """

    item_id: str
    played_ms: int
    played_frames: int
    dropped: tuple[str, ...] = ()


@dataclass
class _Item:
    resampler: StreamResampler | None = field(repr=False)  # None once the item is closed
    received: int = 0  # 24 kHz frames enqueued
    base: int = 0  # 24 kHz frames played through earlier buffers (before a device change)
    closed: bool = False  # ended or interrupted: later audio for it is ignored


class Speaker:
    """Callback-driven playback of assistant audio items with exact barge-in positions."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        *,
        block_ms: int = BLOCK_MS,
        prebuffer_ms: int = 80,
        max_prebuffer_ms: int = 250,
        fade_ms: int = 10,
        quality: Quality = "HQ",
        on_state: Callable[[PlayState], None] | None = None,
        on_failure: Callable[[], None] | None = None,
    ) -> None:
        """`on_state(new_state)` and `on_failure()` (device lost) are called on the loop thread."""
        self._loop = loop
        self._block_ms, self._fade_ms = block_ms, fade_ms
        self._max_prebuffer_ms, self._quality = max_prebuffer_ms, quality
        self._on_state, self._on_failure = on_state, on_failure
        self._buffer = self._new_buffer(SOURCE_RATE, prebuffer_ms)
        self._items: OrderedDict[str, _Item] = OrderedDict()
        self._stream: AudioStream | None = None
        self._idle = asyncio.Event()
        self._idle.set()
        self.tap: ReferenceTap | None = None
        """Gets a copy of every block the device is given (the echo canceller's reference)."""
        self._xruns = 0  # the stream's xrun count at the last tapped block (device thread)

    @property
    def device(self) -> DeviceInfo | None:
        """The device playing now, or None while detached."""
        return self._stream.device if self._stream else None

    @property
    def stream(self) -> AudioStream | None:
        """The open device stream, if any."""
        return self._stream

    @property
    def meter(self) -> LevelMeter:
        """The output level, measured on what the device callback actually played."""
        assert self._buffer.meter is not None  # every buffer here gets one
        return self._buffer.meter

    @property
    def state(self) -> PlayState:
        """What the device callback is doing."""
        return self._buffer.state

    @property
    def is_audible(self) -> bool:
        """True while assistant audio is coming out of the device (playing or fading out)."""
        return self._buffer.state in (PlayState.PLAYING, PlayState.FADING)

    @property
    def is_held(self) -> bool:
        """True while `hold()` keeps the reply paused."""
        return self._buffer.state is PlayState.HELD

    @property
    def is_busy(self) -> bool:
        """True while any item is queued, open or sounding."""
        return self._buffer.state is not PlayState.IDLE or self._buffer.open_item is not None

    @property
    def prebuffer_ms(self) -> int:
        """The current prebuffer (grows after underruns)."""
        return self._buffer.prebuffer_ms

    def set_prebuffer(self, prebuffer_ms: int, max_prebuffer_ms: int) -> None:
        """Start again from `prebuffer_ms`, growing up to `max_prebuffer_ms` after underruns
        (kept across device changes, like the initial values)."""
        self._max_prebuffer_ms = max_prebuffer_ms
        self._buffer.set_prebuffer(prebuffer_ms, max_prebuffer_ms)

    @property
    def underruns(self) -> int:
        """Times an item ran dry before its end since the last device change."""
        return self._buffer.underruns

    def attach(self, backend: AudioBackend, device: DeviceInfo) -> AudioStream:
        """Play on `device` from now on; queued audio carries over (resampled if the rate differs).

        Raises DeviceError: if `device` cannot be opened the old stream stays in use; if it
        opens but does not start, the speaker is left detached.
        """
        stream = backend.open_output(device, self._block_ms, self._fill, self._failed_threadsafe)
        self.detach()
        if self.tap is not None:
            self.tap.restarted = True  # another device: another echo path
        if stream.rate != self._buffer.rate:
            self._move_to_rate(stream.rate)
        self._stream, self._xruns = stream, stream.xruns
        try:
            stream.start()
        except Exception:
            self.detach()
            raise
        return stream

    @property
    def resting(self) -> bool:
        """True while the stream rests (see the module docstring)."""
        return self._stream is not None and self._stream.resting

    def rest(self) -> bool:
        """Stop the device stream, keeping the device, until the next `enqueue` or `wake`;
        False (nothing done) while anything is queued or sounding."""
        stream = self._stream
        if stream is None or stream.resting or self.is_busy:
            return False
        stream.rest()
        return True

    def wake(self) -> None:
        """Start a resting stream again (a device gone meanwhile is reported as lost)."""
        stream = self._stream
        if stream is not None and stream.resting:
            try:
                stream.start()
            except DeviceError:
                self._failed()

    def detach(self) -> None:
        """Close the device stream at once; queued audio stays queued for the next `attach`."""
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.close()

    async def drain(self, timeout: float) -> bool:
        """Wait until everything queued has been played; False if `timeout` seconds passed."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), timeout)
        return not self.is_busy

    async def close(self, drain_timeout: float = 5.0) -> None:
        """Play what is queued (bounded by `drain_timeout`), let the device finish, release it."""
        if self._stream is not None and not self._stream.failed:
            await self.drain(drain_timeout)
            stream, self._stream = self._stream, None
            await asyncio.to_thread(stream.stop)  # PortAudio blocks until the device played
        self.detach()

    def enqueue(self, item_id: str, pcm16_24k: bytes) -> bool:
        """Queue audio of `item_id`; False (ignored) when the item was ended or interrupted.

        A new `item_id` ends the item before it. Raises ValueError for an odd byte count.
        """
        samples = pcm16_to_float(pcm16_24k)
        item = self._items.get(item_id) or self._start(item_id)
        if item.closed:
            return False
        self.wake()
        item.received += len(samples)
        assert item.resampler is not None  # an open item keeps its resampler
        resampled = item.resampler.process(samples)
        self._buffer.write(resampled)
        return True

    def end_item(self, item_id: str) -> None:
        """No more audio for `item_id`: flush the resampler so the item plays to its last sample."""
        item = self._items.get(item_id)
        if item is not None and not item.closed:
            self._close_item(item_id, item)

    def interrupt(self) -> Interrupted | None:
        """Fade out within `fade_ms`, drop all queued audio; None when nothing was playing.

        The result says exactly how much of the current item the device callback has played
        and will play during the fade.
        """
        cut = self._buffer.interrupt()
        for item in self._items.values():
            item.closed, item.resampler = True, None
        if not self.is_busy:
            self._idle.set()
        if cut is None:
            return None
        frames = self._to_source(cut.item_id, cut.frames)
        return Interrupted(cut.item_id, frames * 1000 // SOURCE_RATE, frames, cut.dropped)

    def hold(self) -> bool:
        """Pause the reply after a short fade, keeping its place (the user may be cutting in);
        False when nothing was playing or queued. `release()` resumes, `interrupt()` cuts there."""
        return self._buffer.hold()

    def release(self) -> None:
        """Resume a held reply (with a short fade-in)."""
        self._buffer.release()

    def played_frames(self, item_id: str) -> int:
        """24 kHz frames of `item_id` taken by the device callback so far (0 if unknown)."""
        return self._to_source(item_id, self._buffer.played_frames(item_id))

    def played_ms(self, item_id: str) -> int:
        """Milliseconds of `item_id` played so far, rounded down."""
        return self.played_frames(item_id) * 1000 // SOURCE_RATE

    def received_frames(self, item_id: str) -> int:
        """24 kHz frames enqueued for `item_id` (0 if unknown)."""
        item = self._items.get(item_id)
        return item.received if item else 0

    def _to_source(self, item_id: str, device_frames: int) -> int:
        item = self._items.get(item_id)
        if item is None:
            return 0
        frames = item.base + device_frames * SOURCE_RATE // self._buffer.rate
        return min(frames, item.received)

    def _start(self, item_id: str) -> _Item:
        open_id = self._buffer.open_item
        if open_id is not None:  # a new item implicitly ends the previous one
            self._close_item(open_id, self._items[open_id])
        item = _Item(self._new_resampler(self._buffer.rate))
        self._items[item_id] = item
        while len(self._items) > _KEPT_ITEMS:
            self._items.popitem(last=False)
        self._buffer.start_item(item_id)
        self._idle.clear()
        return item

    def _close_item(self, item_id: str, item: _Item) -> None:
        """End the item; its resampler (a soxr stream, ~100 KiB) is released at once."""
        item.closed = True
        if self._buffer.open_item == item_id:
            if item.resampler is not None:
                self._buffer.write(item.resampler.flush())
            self._buffer.end_item()
        item.resampler = None

    def _move_to_rate(self, rate: int) -> None:
        # Queued audio is resampled to the new device rate; play counts so far become the base.
        old = self._buffer
        pending = old.pending()
        for item_id, item in self._items.items():
            item.base = self.played_frames(item_id)
        self._buffer = self._new_buffer(rate, old.prebuffer_ms)
        for audio in pending:
            item = self._items[audio.item_id]
            samples = audio.samples
            if not audio.ended and item.resampler is not None:
                samples = np.concatenate([samples, item.resampler.flush()])
                item.resampler = self._new_resampler(rate)
            self._buffer.start_item(audio.item_id)
            self._buffer.write(resample_once(samples, old.rate, rate))
            if audio.ended:
                self._buffer.end_item()

    def _new_buffer(self, rate: int, prebuffer_ms: int) -> PlaybackBuffer:
        return PlaybackBuffer(
            rate,
            prebuffer_ms=prebuffer_ms,
            max_prebuffer_ms=self._max_prebuffer_ms,
            fade_ms=self._fade_ms,
            meter=LevelMeter(rate),
            on_wake=self._wake_threadsafe,
        )

    def _new_resampler(self, rate: int) -> StreamResampler:
        return StreamResampler(SOURCE_RATE, rate, self._quality)

    def _fill(self, out: OutputBlock, dac_time: float) -> None:
        buffer, tap, stream = self._buffer, self.tap, self._stream  # device thread: fill, copy
        buffer.fill(out)
        if tap is not None:
            # An underrun played silence the tap never saw: this block is later than counted.
            xruns = stream.xruns if stream is not None else 0
            tap.write(out[:, 0], dac_time, buffer.rate, xrun=xruns != self._xruns)
            self._xruns = xruns

    def _wake_threadsafe(self, state: PlayState) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is closing; nobody is waiting
            self._loop.call_soon_threadsafe(self._woken, state)

    def _failed_threadsafe(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._failed)

    def _woken(self, state: PlayState) -> None:
        if not self.is_busy:
            self._idle.set()
        if self._on_state is not None:
            self._on_state(state)

    def _failed(self) -> None:
        if self._on_failure is not None:
            self._on_failure()
