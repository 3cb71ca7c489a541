"""The interface between the audio engine and a device layer.

`assistant.audio.devices.PortAudioBackend` implements it with sounddevice; `assistant.audio.fakes`
implements it with streams a test drives by hand. The microphone and the speaker only see these
protocols, so the same code runs against real devices and fakes.

Callbacks run on the device's own thread. They get a numpy array that is valid only during the
call, and the block's time: when its first frame reached the converter (capture: the ADC time)
or will leave it (playback: the DAC time), in seconds on the device layer's stream clock, or NaN
when the device layer cannot tell. Both directions share that clock, which is what lines the
speaker's output up with its echo in the microphone (`assistant.audio.echo`). Callbacks must not
block, log or allocate per block, and hand data to the asyncio loop with
`loop.call_soon_threadsafe`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np
import numpy.typing as npt

from assistant.audio.lister import DeviceLister
from assistant.audio.selection import DeviceInfo

InputBlock = npt.NDArray[np.int16]
"""A captured block, shape (frames, channels), PCM16 at the stream rate."""

OutputBlock = npt.NDArray[np.float32]
"""A block to fill in place, shape (frames, channels), float in [-1, 1] at the stream rate."""

InputCallback = Callable[[InputBlock, float], None]
"""(block, ADC time of its first frame in seconds, NaN if unknown)."""
OutputCallback = Callable[[OutputBlock, float], None]
"""(block to fill, DAC time of its first frame in seconds, NaN if unknown)."""
FailureCallback = Callable[[], None]
"""Called once, on the device thread, when a stream stops without being asked to (device lost)."""

CAPTURE_RATES = (48000, 44100)
"""Rates tried first when opening a device; its default rate is tried after these."""


class DeviceError(Exception):
    """A device could not be opened or used; the message says which and why."""


class AudioStream(Protocol):
    """An open device stream. It delivers nothing until `start()`."""

    @property
    def device(self) -> DeviceInfo:
        """The device this stream was opened on."""

    @property
    def rate(self) -> int:
        """Frames per second of the blocks the callback sees."""

    @property
    def channels(self) -> int:
        """Channels per frame of the blocks the callback sees."""

    @property
    def blocksize(self) -> int:
        """Frames per callback."""

    @property
    def failed(self) -> bool:
        """True once the stream stopped on its own (for example, the device was unplugged)."""

    @property
    def xruns(self) -> int:
        """How many blocks the device reported as overflowed or underflowed."""

    @property
    def blocks(self) -> int:
        """How many callbacks have run; a stream whose count stops growing has stalled."""

    @property
    def resting(self) -> bool:
        """True between `rest()` and the next `start()`."""

    def start(self) -> None:
        """Start calling the callback (again, after `rest()`)."""

    def rest(self) -> None:
        """Stop calling the callback at once, keeping the device: `start()` goes on. What an
        output had not played yet is dropped. While resting a stream costs no CPU at all."""

    def close(self) -> None:
        """Stop at once and release the device; safe to call twice."""

    def stop(self) -> None:
        """For output: wait until what the callback produced has been played, then stop."""


class StreamBase:
    """What a stream says about itself, kept in plain fields for the device layers to update.

    `PortAudioStream` and the test fakes both build on it, so they report alike: a callback
    counts `_blocks` (and `_xruns`), and a stream that stops on its own sets `_failed`.
    """

    def __init__(self, device: DeviceInfo, rate: int, channels: int, blocksize: int) -> None:
        self._device, self._rate = device, rate
        self._channels, self._blocksize = channels, blocksize
        self._failed = False
        self._resting = False
        self._xruns = 0
        self._blocks = 0

    @property
    def device(self) -> DeviceInfo:
        """The device this stream was opened on."""
        return self._device

    @property
    def rate(self) -> int:
        """Frames per second at the callback."""
        return self._rate

    @property
    def channels(self) -> int:
        """Channels per frame at the callback."""
        return self._channels

    @property
    def blocksize(self) -> int:
        """Frames per callback."""
        return self._blocksize

    @property
    def failed(self) -> bool:
        """True once the stream stopped without being asked to."""
        return self._failed

    @property
    def resting(self) -> bool:
        """True between `rest()` and the next `start()`."""
        return self._resting

    @property
    def xruns(self) -> int:
        """Blocks the device flagged as overflowed or underflowed."""
        return self._xruns

    @property
    def blocks(self) -> int:
        """Callbacks run so far (read from another thread: an approximate, growing count)."""
        return self._blocks


class AudioBackend(Protocol):
    """Lists devices and opens streams on them."""

    def list_devices(self) -> list[DeviceInfo]:
        """Devices as of the last scan."""

    def rescan(self) -> list[DeviceInfo]:
        """Look for devices again; raises DeviceError while any stream of this backend is open."""

    def lister(self, seconds: float) -> DeviceLister | None:
        """Something that looks for devices every `seconds` without closing this backend's
        streams (None: nothing can; the caller must `rescan`)."""

    def open_input(
        self,
        device: DeviceInfo,
        block_ms: int,
        callback: InputCallback,
        on_failure: FailureCallback,
    ) -> AudioStream:
        """Open a capture stream at a rate the device supports; raises DeviceError."""

    def open_output(
        self,
        device: DeviceInfo,
        block_ms: int,
        callback: OutputCallback,
        on_failure: FailureCallback,
    ) -> AudioStream:
        """Open a playback stream at a rate the device supports; raises DeviceError."""
