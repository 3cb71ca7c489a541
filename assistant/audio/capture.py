"""The microphone: captures from an input device and delivers 20 ms blocks of 24 kHz PCM16.

Theory of operation. The device callback copies each block into the next slot of a
preallocated array and schedules `_deliver` on the asyncio loop with `call_soon_threadsafe`;
it does nothing else (no logging, no allocation that grows, no lock). On the loop thread the
block is mixed to mono, checked by the silent-microphone detector, resampled to 24 kHz by soxr,
metered, and cut into 480-frame (960-byte) blocks for the consumer.

The slots form a ring of `slots` blocks (two seconds by default). If the loop falls that far
behind, a slot is overwritten before it is read; its sequence number no longer matches, and the
block is counted in `lost_blocks` instead of being delivered twice or torn.

While nobody needs the blocks promptly (push-to-talk with the key up, or muted: `pace` says
so), the callback wakes the loop only every `RELAXED_BLOCKS` blocks, and the loop takes every
block stored since: the meter, the silence detector and the echo stage still see every sample,
in order, just later (the echo stage keeps up to seconds of the speaker's reference). An idle
window then wakes the loop 5 times a second instead of 25. `hurry()` (the talk key went down)
and unmuting take what is pending at once without delivering it (it was captured before) and
hand over every block again.

Resting: in push-to-talk with the key up nothing captured is sent, yet an open capture stream
still costs about 1 % of a core (PortAudio's thread and the sound server client's, waking 25
and 250 times a second). So the app lets the stream rest there (`rest()`: stopped, the device
kept; once the silent-microphone check has heard the device, `checked`) and `hurry()` starts
it again when the key goes down: on PulseAudio the first block holds audio from 2-10 ms after
the start, so at most the first few milliseconds after the press are lost (docs/performance.md).

The device block is 40 ms, so each callback yields two 20 ms blocks. What an audio callback
costs is mostly waking threads and warming caches, not the samples: with 20 ms device blocks
the engine took more than twice the CPU (docs/performance.md). The price is that the older of
the two blocks reaches the consumer 20 ms later than it could.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from assistant.audio.echo import EchoProcessor
from assistant.audio.levels import LevelMeter, SilenceDetector, SilentMicrophone
from assistant.audio.resample import (
    SOURCE_RATE,
    Quality,
    StreamResampler,
    downmix,
    int16_to_float,
    round_to_pcm16,
)
from assistant.audio.selection import DeviceInfo
from assistant.audio.streams import AudioBackend, AudioStream, DeviceError, InputBlock

BLOCK_FRAMES = 480
"""Frames per delivered block: 20 ms at 24 kHz (960 bytes of PCM16)."""

DEVICE_BLOCK_MS = 40
"""Milliseconds of audio per device callback (two delivered blocks; see the module docstring)."""

RELAXED_BLOCKS = 5
"""Device blocks per wake-up of the loop while the blocks are not wanted promptly (200 ms)."""


class BlockFramer:
    """Cuts a stream of samples into fixed-size PCM16 blocks, in preallocated buffers."""

    def __init__(self, frames: int = BLOCK_FRAMES) -> None:
        self._frames = frames
        self._pending: npt.NDArray[np.int16] = np.zeros(4 * frames, dtype="<i2")
        self._scratch: npt.NDArray[np.float32] = np.zeros(4 * frames, dtype=np.float32)
        self._count = 0

    def push(self, samples: npt.NDArray[np.int16]) -> list[bytes]:
        """Add PCM16 samples; returns the complete blocks as little-endian PCM16 bytes."""
        self._reserve(len(samples))
        self._pending[self._count : self._count + len(samples)] = samples
        return self._cut(len(samples))

    def push_float(self, samples: npt.NDArray[np.float32]) -> list[bytes]:
        """Add float samples (full scale 1.0), rounded to PCM16 without dither and clipped."""
        self._reserve(len(samples))
        rounded = round_to_pcm16(samples, self._scratch[: len(samples)])
        self._pending[self._count : self._count + len(samples)] = rounded
        return self._cut(len(samples))

    def clear(self) -> None:
        """Forget a partial block."""
        self._count = 0

    def _reserve(self, more: int) -> None:
        if self._count + more > len(self._pending):  # a longer chunk than usual: grow
            pending = np.zeros(self._count + more + self._frames, dtype="<i2")
            pending[: self._count] = self._pending[: self._count]
            self._pending, self._scratch = pending, np.zeros(len(pending), dtype=np.float32)

    def _cut(self, added: int) -> list[bytes]:
        count, size = self._count + added, self._frames
        whole = count // size * size
        blocks = [self._pending[i : i + size].tobytes() for i in range(0, whole, size)]
        if whole and count > whole:
            self._pending[: count - whole] = self._pending[whole:count]
        self._count = count - whole
        return blocks


class _Slots:
    """Preallocated blocks shared by the device thread (writer) and the loop (reader).

    Slot bookkeeping is in Python lists: setting a list item costs the device thread far less
    than setting an element of a numpy array.
    """

    def __init__(self, count: int, blocksize: int, channels: int) -> None:
        self._blocks = np.zeros((count, blocksize, channels), dtype=np.int16)
        self._float = np.zeros(blocksize, dtype=np.float32)
        self._frames = [0] * count
        self._times = [0.0] * count
        self._xruns = [False] * count
        self._seq = [0] * count
        self._next = 0
        self._counter = 0

    def store(self, block: InputBlock, adc_time: float, xrun: bool) -> tuple[int, int]:
        """Copy `block` into the next slot (device thread); returns (slot, sequence number).
        `xrun`: the device reported an overflow before it (samples were lost)."""
        index = self._next
        self._next = (index + 1) % len(self._seq)
        frames = min(len(block), self._blocks.shape[1])
        self._seq[index] = 0  # a reader copying this slot right now must not trust its copy
        self._blocks[index, :frames] = block[:frames]
        self._frames[index], self._times[index] = frames, adc_time
        self._xruns[index] = xrun
        seq = self._counter + 1
        self._seq[index] = seq
        self._counter = seq  # last: a reader that sees it finds the slot complete
        return index, seq

    @property
    def newest(self) -> int:
        """The sequence number of the last block stored (0: none yet)."""
        return self._counter

    def index_of(self, seq: int) -> int:
        """The slot that block number `seq` went into."""
        return (seq - 1) % len(self._seq)

    def __len__(self) -> int:
        return len(self._seq)

    def take(
        self, index: int, seq: int
    ) -> tuple[npt.NDArray[np.int16], npt.NDArray[np.float32], float, bool] | None:
        """The slot's block as mono PCM16, as float, its ADC time and whether samples were lost
        before it (loop thread); None if overwritten.

        Both are views valid until the next `take` (the PCM16 one until the slot comes round
        again, a second later).
        """
        if self._seq[index] != seq:
            return None
        raw = downmix(self._blocks[index, : self._frames[index]])
        mono = int16_to_float(raw, self._float[: len(raw)])
        taken = (raw, mono, self._times[index], self._xruns[index])
        return taken if self._seq[index] == seq else None


class _Session:
    """Everything that belongs to one open stream; replaced when the device changes."""

    def __init__(self, stream: AudioStream, slots: int, quality: Quality, silence_s: float) -> None:
        self.stream = stream
        self.slots = _Slots(slots, stream.blocksize, stream.channels)
        self.resampler = StreamResampler(stream.rate, SOURCE_RATE, quality)
        self.silence = SilenceDetector(stream.device.name, stream.rate, silence_s)
        self.taken = 0  # the sequence number of the last block taken on the loop
        self.xruns = stream.xruns  # the stream's xrun count at the last block (device thread)
        self.gap = False  # blocks were lost before the next one taken (loop thread)


class Microphone:
    """Delivers the selected input as 20 ms blocks of mono 24 kHz PCM16 on the loop thread."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        on_block: Callable[[bytes], None],
        *,
        device_block_ms: int = DEVICE_BLOCK_MS,
        quality: Quality = "LQ",
        slots: int = 50,
        silence_seconds: float = 3.0,
        on_silent: Callable[[SilentMicrophone], None] | None = None,
        on_failure: Callable[[], None] | None = None,
    ) -> None:
        """`on_block`, `on_silent` and `on_failure` (device lost) run on the loop thread."""
        self._loop = loop
        self._on_block = on_block
        self._block_ms, self._quality = device_block_ms, quality
        self._slot_count, self._silence_s = slots, silence_seconds
        self._on_silent, self._on_failure = on_silent, on_failure
        self._session: _Session | None = None
        self._framer = BlockFramer()
        self._muted = False
        self.echo: EchoProcessor | None = None
        """The echo stage between resampling and the 20 ms blocks (None: none)."""
        self.meter = LevelMeter(SOURCE_RATE)
        """The input level at 24 kHz, fed also while muted (the UI can show speech on mute)."""
        self.frames_delivered = 0
        self.lost_blocks = 0
        self.pace: Callable[[], bool] | None = None
        """Asked on the loop after each hand-over: are the blocks wanted promptly? (None: yes)"""
        self._prompt = True  # read by the device thread

    @property
    def device(self) -> DeviceInfo | None:
        """The device capturing now, or None while detached."""
        return self._session.stream.device if self._session else None

    @property
    def stream(self) -> AudioStream | None:
        """The open device stream, if any."""
        return self._session.stream if self._session else None

    @property
    def muted(self) -> bool:
        """While muted no block is delivered at all (the stream keeps running for the meter)."""
        return self._muted

    @muted.setter
    def muted(self, value: bool) -> None:
        if not value and self._muted:
            self.hurry()  # what was captured while muted is never delivered
        self._muted = value
        self._framer.clear()

    def hurry(self) -> None:
        """The blocks are wanted promptly from now on: take the pending ones now, without
        delivering them (they were captured before), and hand over at every callback; a
        resting stream starts again."""
        session = self._session
        if session is not None:
            self._take(session, deliver=False)
            if session.stream.resting:
                self._wake(session)
        self._prompt = True

    @property
    def checked(self) -> bool:
        """The silent-microphone check has heard `silence_seconds` of this device (so a dead
        microphone is reported before its stream may rest)."""
        session = self._session
        if session is None:
            return False
        return session.taken * session.stream.blocksize >= self._silence_s * session.stream.rate

    @property
    def resting(self) -> bool:
        """True while the stream rests (see the module docstring)."""
        return self._session is not None and self._session.stream.resting

    def rest(self) -> None:
        """Stop capturing, keeping the device, until `hurry()` (see the module docstring)."""
        session = self._session
        if session is not None and not session.stream.resting:
            session.stream.rest()
            self._framer.clear()

    def _wake(self, session: _Session) -> None:
        try:
            session.stream.start()
        except DeviceError:  # the device went away while resting: the watcher recovers
            self._failed()

    @property
    def silent(self) -> bool:
        """True while the device has delivered only a constant value for `silence_seconds`."""
        return self._session is not None and self._session.silence.silent

    def attach(self, backend: AudioBackend, device: DeviceInfo) -> AudioStream:
        """Capture from `device` from now on.

        Raises DeviceError: if `device` cannot be opened the old stream stays in use; if it
        opens but does not start, the microphone is left detached.
        """
        stream = backend.open_input(device, self._block_ms, self._capture, self._failed_threadsafe)
        self.detach()
        if self.echo is not None:
            self.echo.device_changed()
        self._session = _Session(stream, self._slot_count, self._quality, self._silence_s)
        try:
            stream.start()
        except Exception:
            self.detach()
            raise
        return stream

    def detach(self) -> None:
        """Stop capturing at once; blocks already scheduled for delivery are dropped."""
        session, self._session = self._session, None
        self._framer.clear()
        if session is not None:
            session.stream.close()

    def _capture(self, block: InputBlock, adc_time: float) -> None:
        session = self._session  # device thread: copy, hand off, nothing else
        if session is None:
            return
        xruns = session.stream.xruns
        _index, seq = session.slots.store(block, adc_time, xruns != session.xruns)
        session.xruns = xruns
        if self._prompt or seq % RELAXED_BLOCKS == 0:
            with contextlib.suppress(RuntimeError):  # the loop is closing
                self._loop.call_soon_threadsafe(self._deliver, session)

    def _deliver(self, session: _Session) -> None:
        if session is not self._session:
            return  # scheduled before a device change
        self._take(session, deliver=not self._muted)
        self._prompt = self.pace() if self.pace is not None else True

    def _take(self, session: _Session, *, deliver: bool) -> None:
        """Process every block stored since the last one taken, oldest first."""
        slots = session.slots
        newest = slots.newest
        if newest - session.taken > len(slots):  # the ring came round: the oldest are gone
            self.lost_blocks += newest - len(slots) - session.taken
            session.taken, session.gap = newest - len(slots), True
        while session.taken < newest:
            session.taken += 1
            taken = slots.take(slots.index_of(session.taken), session.taken)
            if taken is None:
                self.lost_blocks += 1
                session.gap = True
            else:
                raw, mono, adc_time, xrun = taken
                gap, session.gap = session.gap or xrun, False
                self._process(session, raw, mono, adc_time, gap=gap, deliver=deliver)

    def _process(
        self,
        session: _Session,
        raw: npt.NDArray[np.int16],
        mono: npt.NDArray[np.float32],
        adc_time: float,
        *,
        gap: bool,
        deliver: bool,
    ) -> None:
        warning = session.silence.feed(raw)
        if warning is not None and self._on_silent is not None:
            self._on_silent(warning)
        resampled = session.resampler.process(mono)
        self.meter.write(resampled)
        if self.echo is not None:  # runs while muted too: the canceller keeps adapting
            self.echo.resting = not (deliver and self._prompt)
            start = session.resampler.output_time(adc_time, len(mono), len(resampled))
            resampled = self.echo.process(resampled, start, gap=gap)
        if deliver:
            self._emit(resampled)

    def _emit(self, samples: npt.NDArray[np.float32]) -> None:
        for block in self._framer.push_float(samples):
            self.frames_delivered += BLOCK_FRAMES
            self._on_block(block)

    def _failed_threadsafe(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._failed)

    def _failed(self) -> None:
        if self._on_failure is not None:
            self._on_failure()
