"""An `AudioBackend` whose streams a test drives by hand, block by block.

Same interface as `assistant.audio.devices.PortAudioBackend`, no threads and no clock: a test
calls `FakeStream.pull()` where a sound card would ask for the next output block, and
`FakeStream.push()` where it would deliver a captured one. Like PortAudio, the backend only sees
devices plugged in or out after `rescan()`, and `rescan()` refuses while streams are open.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from assistant.audio.selection import DeviceInfo, Role
from assistant.audio.streams import (
    CAPTURE_RATES,
    AudioBackend,
    AudioStream,
    DeviceError,
    FailureCallback,
    InputCallback,
    OutputCallback,
    StreamBase,
)


def fake_device(
    index: int,
    name: str,
    *,
    inputs: int = 0,
    outputs: int = 0,
    rate: float = 48000.0,
    default: bool = False,
    host_api: str = "Fake",
) -> DeviceInfo:
    """A device description for tests; `default` makes it the default for the roles it has."""
    return DeviceInfo(
        index,
        name,
        host_api,
        inputs,
        outputs,
        rate,
        default and inputs > 0,
        default and outputs > 0,
    )


class FakeStream(StreamBase):
    """A stream that does nothing until the test pulls or pushes a block.

    Mono, or stereo for a device with two or more channels; it never reports an xrun.
    """

    def __init__(
        self,
        role: Role,
        device: DeviceInfo,
        *,
        rate: int,
        blocksize: int,
        callback: InputCallback | OutputCallback,
        on_failure: FailureCallback,
        backend: FakeBackend,
    ) -> None:
        channels = min(2, device.input_channels if role == "input" else device.output_channels)
        super().__init__(device, rate, channels, blocksize)
        self.role = role
        self._callback = callback
        self._on_failure = on_failure
        self._backend = backend
        self.started = self.closed = self.stopped = False
        self.clock = 0.0
        """The time (seconds) passed with the next block; advances by each block's length."""
        self.time_scale = 1.0
        """Seconds of stream clock per second of audio: 1.0001 is a device 100 ppm slow."""

    def start(self) -> None:
        """Allow pull/push; raises DeviceError when the backend was told the device is broken."""
        if self._device.name in self._backend.unstartable:
            self._failed = self._resting  # like PortAudio: a device gone while resting
            raise DeviceError(f"{self._device.name} could not be started")
        self.started, self._resting = True, False

    def rest(self) -> None:
        """Refuse pull/push until `start()`."""
        self._resting = True

    def stop(self) -> None:
        """Like close; marks the stream as stopped gracefully."""
        self.stopped = True
        self.close()

    def close(self) -> None:
        """Release the device; safe to call twice."""
        if not self.closed:
            self.closed = True
            self._backend.forget(self)

    def pull(self, frames: int | None = None) -> npt.NDArray[np.float32]:
        """Run the output callback once and return what it wrote, shape (frames, channels)."""
        self._check_running("output")
        out = np.full((frames or self._blocksize, self._channels), np.nan, dtype=np.float32)
        self._blocks += 1
        self._callback(out, self._tick(len(out)))  # type: ignore[arg-type]  # role checked above
        return out

    def push(self, block: npt.NDArray[np.int16]) -> None:
        """Run the input callback with `block` (mono 1-D, or (frames, channels))."""
        self._check_running("input")
        frames = block.reshape(len(block), -1)
        if frames.shape[1] != self._channels:
            frames = np.repeat(frames[:, :1], self._channels, axis=1)
        self._blocks += 1
        self._callback(frames, self._tick(len(frames)))  # type: ignore[arg-type]  # role checked

    def _tick(self, frames: int) -> float:
        now = self.clock
        self.clock += frames / self._rate * self.time_scale
        return now

    def underrun(self, seconds: float) -> None:
        """An output that ran dry: the device played `seconds` of silence between two callbacks,
        so the next block is that much later and the stream reports an xrun."""
        self.clock += seconds * self.time_scale
        self._xruns += 1

    def overflow(self, seconds: float) -> None:
        """An input that overflowed: `seconds` of samples were never delivered, so the next
        block is that much later and the stream reports an xrun."""
        self.underrun(seconds)

    def fail(self) -> None:
        """Behave like a device that was unplugged: mark failed and report it once."""
        if not self._failed:
            self._failed = True
            self._on_failure()

    def _check_running(self, role: Role) -> None:
        if self.role != role or not self.started or self.closed or self._failed or self._resting:
            raise RuntimeError(f"this {self.role} stream is not running")


class FakeLister:
    """The helper process of a `FakeBackend`: sees what is plugged in now."""

    def __init__(self, backend: FakeBackend) -> None:
        self.backend, self.closed = backend, False

    @property
    def working(self) -> bool:
        return not self.closed

    def seen(self) -> list[DeviceInfo] | None:
        return [replace(d, index=i) for i, d in enumerate(self.backend.present)]

    def close(self) -> None:
        self.closed = True


class FakeBackend:
    """Devices a test can plug in and out, and streams it drives by hand."""

    def __init__(self, devices: list[DeviceInfo], rates: dict[str, int] | None = None) -> None:
        """`rates` gives a device's only supported rate; others get 48 kHz."""
        self.present = list(devices)
        self._seen = list(devices)
        self._rates = rates or {}
        self.unopenable: set[str] = set()
        self.unstartable: set[str] = set()
        self.open_streams: list[FakeStream] = []
        self.opened: list[FakeStream] = []
        self.rescans = 0
        self.blind = False  # True: no lister (the backend can only rescan)
        self.listers: list[FakeLister] = []

    def plug(self, device: DeviceInfo) -> None:
        """Connect a device; it is listed after the next rescan."""
        self.present.append(device)

    def unplug(self, name: str) -> None:
        """Disconnect a device: its open streams fail at once, and it is gone after a rescan."""
        self.present = [d for d in self.present if d.name != name]
        for stream in list(self.open_streams):
            if stream.device.name == name:
                stream.fail()

    def list_devices(self) -> list[DeviceInfo]:
        """Devices as of the last rescan."""
        return list(self._seen)

    def rescan(self) -> list[DeviceInfo]:
        """See the devices present now; renumbers them like PortAudio does."""
        if self.open_streams:
            raise DeviceError("close all streams before looking for devices again")
        self.rescans += 1
        self._seen = [replace(d, index=i) for i, d in enumerate(self.present)]
        return self.list_devices()

    def lister(self, seconds: float) -> FakeLister | None:
        """Sees the devices present now, as the helper process would (None with `blind`)."""
        del seconds  # it looks whenever asked
        if self.blind:
            return None
        self.listers.append(FakeLister(self))
        return self.listers[-1]

    def open_input(
        self,
        device: DeviceInfo,
        block_ms: int,
        callback: InputCallback,
        on_failure: FailureCallback,
    ) -> FakeStream:
        """A capture stream; raises DeviceError for a device that is unopenable or gone."""
        return self._open("input", device, block_ms, callback, on_failure)

    def open_output(
        self,
        device: DeviceInfo,
        block_ms: int,
        callback: OutputCallback,
        on_failure: FailureCallback,
    ) -> FakeStream:
        """A playback stream; raises DeviceError for a device that is unopenable or gone."""
        return self._open("output", device, block_ms, callback, on_failure)

    def forget(self, stream: FakeStream) -> None:
        """Called by a stream when it closes."""
        if stream in self.open_streams:
            self.open_streams.remove(stream)

    def stream(self, role: Role) -> FakeStream:
        """The one open stream for `role`; raises LookupError when there is none."""
        for stream in self.open_streams:
            if stream.role == role:
                return stream
        raise LookupError(f"no open {role} stream")

    def _open(
        self,
        role: Role,
        device: DeviceInfo,
        block_ms: int,
        callback: InputCallback | OutputCallback,
        on_failure: FailureCallback,
    ) -> FakeStream:
        present = any(d.name == device.name for d in self.present)
        if not present or device.name in self.unopenable or not device.has(role):
            raise DeviceError(f"{device.name} could not be opened")
        rate = self._rates.get(device.name, CAPTURE_RATES[0])
        blocksize = rate * block_ms // 1000
        stream = FakeStream(
            role,
            device,
            rate=rate,
            blocksize=blocksize,
            callback=callback,
            on_failure=on_failure,
            backend=self,
        )
        self.open_streams.append(stream)
        self.opened.append(stream)
        return stream


if TYPE_CHECKING:  # mypy checks that the fakes are what the engine expects

    def _conforms(backend: FakeBackend, stream: FakeStream) -> tuple[AudioBackend, AudioStream]:
        return backend, stream
