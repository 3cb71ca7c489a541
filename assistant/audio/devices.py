"""PortAudio (through sounddevice) as an `AudioBackend`: the only module that imports sounddevice.

Theory of operation: PortAudio enumerates devices once, when it is initialised. To see devices
that appeared or disappeared it has to be terminated and initialised again, which closes every
open stream behind our back, so `rescan()` refuses while a stream of this backend is open; the
caller (`assistant.audio.hotplug`) closes its streams, rescans and reopens.

Streams are opened at a rate the device supports (48 kHz, 44.1 kHz, then its default rate;
never assuming 24 kHz), mono when the device allows it, PCM16 for capture and float32 for
playback. The wrapper adapts sounddevice's callback signature to the engine's and turns a stream
that stops on its own (device unplugged, server gone) into one `on_failure` call.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import sounddevice as sd  # type: ignore[import-untyped]  # ships no type information

from assistant.audio.selection import DeviceInfo, Role
from assistant.audio.streams import (
    CAPTURE_RATES,
    AudioBackend,
    AudioStream,
    DeviceError,
    FailureCallback,
    InputCallback,
    OutputCallback,
)

_OPEN_STREAMS: set[PortAudioStream] = set()
"""Every stream open in this process: PortAudio is one per process, whatever the backend."""

_DTYPES = {"input": "int16", "output": "float32"}  # what the engine works in


def _host_api_names() -> list[str]:
    return [str(api["name"]) for api in sd.query_hostapis()]


def _default_index(kind: Role) -> int:
    try:
        return int(sd.query_devices(kind=kind)["index"])
    except (sd.PortAudioError, ValueError):
        return -1  # no default device of this kind


def _device_info(raw: Any, host_apis: Sequence[str], defaults: tuple[int, int]) -> DeviceInfo:
    index = int(raw["index"])
    return DeviceInfo(
        index=index,
        name=str(raw["name"]),
        host_api=host_apis[int(raw["hostapi"])],
        input_channels=int(raw["max_input_channels"]),
        output_channels=int(raw["max_output_channels"]),
        default_rate=float(raw["default_samplerate"]),
        is_default_input=index == defaults[0],
        is_default_output=index == defaults[1],
    )


def _settings_ok(role: Role, device: DeviceInfo, rate: int, channels: int) -> bool:
    check = sd.check_input_settings if role == "input" else sd.check_output_settings
    try:
        check(device=device.index, samplerate=rate, channels=channels, dtype=_DTYPES[role])
    except (sd.PortAudioError, ValueError):
        return False
    return True


def choose_format(
    role: Role, device: DeviceInfo, rates: Sequence[int] = CAPTURE_RATES
) -> tuple[int, int]:
    """(rate, channels) to open `device` with: the first supported of `rates`, else its default.

    Mono is preferred; stereo is used when the device refuses mono. Raises DeviceError.
    """
    rates = [*rates, round(device.default_rate)]
    for channels in (1, 2):
        for rate in dict.fromkeys(rates):
            if _settings_ok(role, device, rate, channels):
                return rate, channels
    raise DeviceError(f"{device.name} supports none of the rates {sorted(set(rates))}")


class PortAudioStream:
    """One open sounddevice stream behind the `AudioStream` interface."""

    def __init__(
        self,
        device: DeviceInfo,
        rate: int,
        channels: int,
        on_failure: FailureCallback,
        on_close: Callable[[PortAudioStream], None],
    ) -> None:
        self._device, self._rate, self._channels = device, rate, channels
        self._blocksize = 0
        self._on_failure = on_failure
        self._on_close = on_close
        self._closing = False
        self._failed = False
        self._xruns = 0
        self._blocks = 0
        self._stream: Any = None

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
    def xruns(self) -> int:
        """Blocks PortAudio flagged as overflowed or underflowed."""
        return self._xruns

    @property
    def blocks(self) -> int:
        """Callbacks run so far (read from another thread: an approximate, growing count)."""
        return self._blocks

    def open(
        self,
        kind: Any,
        blocksize: int,
        callback: Callable[..., None],
        dtype: str,
        latency: float | str,
    ) -> None:
        """Create the sounddevice stream; raises DeviceError when PortAudio refuses."""
        self._blocksize = blocksize
        try:
            self._stream = kind(
                device=self._device.index,
                samplerate=self._rate,
                channels=self._channels,
                dtype=dtype,
                blocksize=self._blocksize,
                latency=latency,
                callback=callback,
                finished_callback=self._finished,
            )
        except (sd.PortAudioError, ValueError) as exc:
            raise DeviceError(f"{self._device.name} could not be opened: {exc}") from exc

    def wrap_input(self, callback: InputCallback) -> Callable[..., None]:
        """The sounddevice callback: count the block, note an xrun, pass the array on."""

        def on_block(indata: Any, _frames: int, _time: Any, status: Any) -> None:
            self._blocks += 1
            if status:
                self._xruns += 1
            callback(indata)

        return on_block

    def wrap_output(self, callback: OutputCallback) -> Callable[..., None]:
        """The sounddevice callback for playback (same duties as `wrap_input`)."""

        def on_block(outdata: Any, _frames: int, _time: Any, status: Any) -> None:
            self._blocks += 1
            if status:
                self._xruns += 1
            callback(outdata)

        return on_block

    def _finished(self) -> None:
        # sounddevice calls this for every stop; only one we did not ask for is a failure.
        if not self._closing and not self._failed:
            self._failed = True
            self._on_failure()

    def start(self) -> None:
        """Start the callbacks; raises DeviceError when the device refuses."""
        try:
            self._stream.start()
        except sd.PortAudioError as exc:
            raise DeviceError(f"{self._device.name} could not be started: {exc}") from exc

    def stop(self) -> None:
        """Let the device play what it has buffered, then stop (PortAudio waits for it)."""
        self._closing = True
        if self._stream is not None:
            with contextlib.suppress(sd.PortAudioError):  # a lost device has nothing left to play
                self._stream.stop()
        self.close()

    def close(self) -> None:
        """Abort the stream and release the device; safe to call twice."""
        self._closing = True
        if self._stream is None:
            return
        try:
            self._stream.close(ignore_errors=True)
        finally:
            self._stream = None
            self._on_close(self)


class PortAudioBackend:
    """Lists PortAudio devices and opens streams; rescans only when no stream is open."""

    def __init__(self, latency: float | str = "high", rates: Sequence[int] = CAPTURE_RATES) -> None:
        """`latency` is PortAudio's suggested device buffer ("high" is about 35 ms on Linux);
        `rates` are tried in order before the device's default rate."""
        self._latency = latency
        self._rates = tuple(rates)

    def list_devices(self) -> list[DeviceInfo]:
        """Devices as PortAudio saw them at the last (re)initialisation."""
        apis = _host_api_names()
        defaults = (_default_index("input"), _default_index("output"))
        return [_device_info(raw, apis, defaults) for raw in sd.query_devices()]

    def rescan(self) -> list[DeviceInfo]:
        """Re-initialise PortAudio so devices plugged in or out since are seen."""
        if _OPEN_STREAMS:
            raise DeviceError("close all streams before looking for devices again")
        sd._terminate()  # PortAudio only enumerates devices when it is initialised
        sd._initialize()
        return self.list_devices()

    def open_input(
        self,
        device: DeviceInfo,
        block_ms: int,
        callback: InputCallback,
        on_failure: FailureCallback,
    ) -> PortAudioStream:
        """A PCM16 capture stream at a supported rate; raises DeviceError."""
        stream = self._prepare("input", device, on_failure)
        blocksize = stream.rate * block_ms // 1000
        stream.open(sd.InputStream, blocksize, stream.wrap_input(callback), "int16", self._latency)
        _OPEN_STREAMS.add(stream)
        return stream

    def open_output(
        self,
        device: DeviceInfo,
        block_ms: int,
        callback: OutputCallback,
        on_failure: FailureCallback,
    ) -> PortAudioStream:
        """A float32 playback stream at a supported rate; raises DeviceError."""
        stream = self._prepare("output", device, on_failure)
        blocksize = stream.rate * block_ms // 1000
        wrapped = stream.wrap_output(callback)
        stream.open(sd.OutputStream, blocksize, wrapped, "float32", self._latency)
        _OPEN_STREAMS.add(stream)
        return stream

    def _prepare(
        self, role: Role, device: DeviceInfo, on_failure: FailureCallback
    ) -> PortAudioStream:
        if not device.has(role):
            raise DeviceError(f"{device.name} has no {role} channels")
        rate, channels = choose_format(role, device, self._rates)
        return PortAudioStream(device, rate, channels, on_failure, _OPEN_STREAMS.discard)


if TYPE_CHECKING:  # mypy checks that this backend is what the engine expects

    def _conforms(
        backend: PortAudioBackend, stream: PortAudioStream
    ) -> tuple[AudioBackend, AudioStream]:
        return backend, stream
