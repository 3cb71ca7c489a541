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
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import sounddevice as sd  # type: ignore[import-untyped]  # ships no type information

from assistant.audio.lister import LOOK_SECONDS, DeviceLister, HelperLister, run_helper
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


def block_time(time: Any) -> float:
    """When a callback's block meets the converter, on PortAudio's stream clock.

    PortAudio gives the input block's ADC time and the output block's DAC time (the other is 0);
    a host API that cannot tell gives 0 for both, and then the callback's current time stands
    in (NaN when even that is missing), so the echo canceller lines the streams up by count.
    """
    if time is None:
        return math.nan
    stamp = float(time.inputBufferAdcTime) or float(time.outputBufferDacTime)
    return stamp or float(time.currentTime) or math.nan


class PortAudioStream(StreamBase):
    """One open sounddevice stream behind the `AudioStream` interface."""

    def __init__(
        self,
        device: DeviceInfo,
        rate: int,
        channels: int,
        blocksize: int,
        *,
        on_failure: FailureCallback,
        on_close: Callable[[PortAudioStream], None],
    ) -> None:
        super().__init__(device, rate, channels, blocksize)
        self._on_failure = on_failure
        self._on_close = on_close
        self._closing = False
        self._stream: Any = None

    def open(self, role: Role, callback: Callable[..., None], latency: float | str) -> None:
        """Create the sounddevice stream; raises DeviceError when PortAudio refuses."""
        kind = sd.InputStream if role == "input" else sd.OutputStream
        try:
            self._stream = kind(
                device=self._device.index,
                samplerate=self._rate,
                channels=self._channels,
                dtype=_DTYPES[role],
                blocksize=self._blocksize,
                latency=latency,
                callback=callback,
                finished_callback=self._finished,
            )
        except (sd.PortAudioError, ValueError) as exc:
            raise DeviceError(f"{self._device.name} could not be opened: {exc}") from exc

    def wrap(self, callback: InputCallback | OutputCallback) -> Callable[..., None]:
        """The sounddevice callback: count the block, note an xrun, pass the array and its
        converter time on (see `block_time`)."""

        def on_block(data: Any, _frames: int, time: Any, status: Any) -> None:
            self._blocks += 1
            if status:
                self._xruns += 1
            callback(data, block_time(time))

        return on_block

    def _finished(self) -> None:
        # sounddevice calls this for every stop; only one we did not ask for is a failure.
        if not (self._closing or self._resting or self._failed):
            self._failed = True
            self._on_failure()

    def start(self) -> None:
        """Start the callbacks (again after `rest`); raises DeviceError when the device refuses
        (a device unplugged while resting: the stream then counts as failed)."""
        try:
            self._stream.start()
        except sd.PortAudioError as exc:
            self._failed = self._resting
            raise DeviceError(f"{self._device.name} could not be started: {exc}") from exc
        self._resting = False

    def rest(self) -> None:
        """Stop the callbacks at once (PortAudio's abort), keeping the device open."""
        if self._stream is not None and not self._resting:
            self._resting = True
            with contextlib.suppress(sd.PortAudioError):  # a lost device: found at `start`
                self._stream.abort()

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

    def lister(self, seconds: float) -> DeviceLister:
        """A helper process that initialises PortAudio afresh every `seconds` (see
        `assistant.audio.lister`)."""
        return HelperLister(seconds)

    def open_input(
        self,
        device: DeviceInfo,
        block_ms: int,
        callback: InputCallback,
        on_failure: FailureCallback,
    ) -> PortAudioStream:
        """A PCM16 capture stream at a supported rate; raises DeviceError."""
        return self._open("input", device, block_ms, callback, on_failure)

    def open_output(
        self,
        device: DeviceInfo,
        block_ms: int,
        callback: OutputCallback,
        on_failure: FailureCallback,
    ) -> PortAudioStream:
        """A float32 playback stream at a supported rate; raises DeviceError."""
        return self._open("output", device, block_ms, callback, on_failure)

    def _open(
        self,
        role: Role,
        device: DeviceInfo,
        block_ms: int,
        callback: InputCallback | OutputCallback,
        on_failure: FailureCallback,
    ) -> PortAudioStream:
        if not device.has(role):
            raise DeviceError(f"{device.name} has no {role} channels")
        rate, channels = choose_format(role, device, self._rates)
        blocksize = rate * block_ms // 1000
        stream = PortAudioStream(
            device, rate, channels, blocksize, on_failure=on_failure, on_close=_OPEN_STREAMS.discard
        )
        stream.open(role, stream.wrap(callback), self._latency)
        _OPEN_STREAMS.add(stream)
        return stream


def watch_main(args: list[str]) -> int:
    """The device helper's entry (`python -m assistant --watch-audio-devices SECONDS`)."""
    try:
        seconds = max(0.1, float(args[0])) if args else LOOK_SECONDS
    except ValueError:
        seconds = LOOK_SECONDS
    return run_helper(PortAudioBackend().rescan, seconds)


if TYPE_CHECKING:  # mypy checks that this backend is what the engine expects

    def _conforms(
        backend: PortAudioBackend, stream: PortAudioStream
    ) -> tuple[AudioBackend, AudioStream]:
        return backend, stream
