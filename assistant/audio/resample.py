"""Sample-rate and format conversion between devices and the Realtime API's 24 kHz PCM16.

Resampling is done by soxr (no hand-written interpolation). A stream keeps filter state between
chunks, so chunk boundaries are inaudible; `flush()` returns the samples still inside the filter,
which is what makes the end of a reply play to its last sample.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt
import soxr  # type: ignore[import-untyped]  # ships no py.typed marker

SOURCE_RATE = 24000
"""The Realtime API's audio rate: mono PCM16 at 24 kHz, in and out."""

Quality = Literal["LQ", "MQ", "HQ", "VHQ"]
"""soxr recipes. "LQ" is flat to about 8.5 kHz with 3 ms of delay and steady output per block;
"HQ" is flat to the Nyquist edge but holds back about 20 ms and returns output in bursts."""

Signal = npt.NDArray[np.float32]


class StreamResampler:
    """Converts a continuous mono float32 signal from `in_rate` to `out_rate`, chunk by chunk.

    Float only: soxr dithers when it writes PCM16 itself, which would turn a dead microphone's
    zeros into noise; `float_to_int16` rounds without dither instead.
    """

    def __init__(self, in_rate: int, out_rate: int, quality: Quality = "HQ") -> None:
        self.in_rate, self.out_rate = in_rate, out_rate
        self._soxr = (
            None
            if in_rate == out_rate
            else soxr.ResampleStream(in_rate, out_rate, 1, dtype="float32", quality=quality)
        )

    def process(self, samples: Signal) -> Signal:
        """Resample the next chunk; the result may be shorter (the filter holds some back)."""
        if self._soxr is None:
            return samples.copy()
        return _float32(self._soxr.resample_chunk(samples))

    def output_time(self, block_time: float, in_frames: int, out_frames: int) -> float:
        """When the first of the `out_frames` samples that `process` just returned was sounding,
        given that its input block of `in_frames` started at `block_time` (seconds).

        The filter returns samples in bursts and holds some back, so an output chunk does not
        start where its input block did: it ends `held back` samples before the block's end.
        """
        held = float(self._soxr.delay()) if self._soxr is not None else 0.0
        return block_time + in_frames / self.in_rate - (out_frames + held) / self.out_rate

    def flush(self) -> Signal:
        """The samples still held by the filter; the stream must not be used afterwards."""
        if self._soxr is None:
            return np.zeros(0, dtype=np.float32)
        return _float32(self._soxr.resample_chunk(np.zeros(0, dtype=np.float32), last=True))


def _float32(result: object) -> Signal:
    assert isinstance(result, np.ndarray)  # soxr ships no type information
    return result.astype(np.float32, copy=False)


def resample_once(
    samples: npt.NDArray[np.float32], in_rate: int, out_rate: int
) -> npt.NDArray[np.float32]:
    """Resample a whole finished signal (float32, mono) in one go."""
    if in_rate == out_rate:
        return samples.copy()
    result = soxr.resample(samples, in_rate, out_rate, quality="HQ")
    return np.asarray(result, dtype=np.float32)


def pcm16_to_float(data: bytes) -> npt.NDArray[np.float32]:
    """Little-endian PCM16 bytes as float32 samples in [-1, 1)."""
    if len(data) % 2:
        raise ValueError("PCM16 data must have an even number of bytes")
    return int16_to_float(np.frombuffer(data, dtype="<i2"))


def round_to_pcm16(samples: Signal, out: Signal) -> Signal:
    """float32 samples scaled to PCM16 values, rounded (no dither) and clipped, into `out`."""
    np.multiply(samples, np.float32(32768), out=out)
    np.rint(out, out=out)
    return np.clip(out, -32768, 32767, out=out)


def float_to_int16(samples: npt.NDArray[np.float32]) -> npt.NDArray[np.int16]:
    """float32 samples as PCM16 values: rounded (no dither) and clipped."""
    values: npt.NDArray[np.int16] = round_to_pcm16(samples, np.empty_like(samples)).astype(np.int16)
    return values


def float_to_pcm16(samples: npt.NDArray[np.float32]) -> bytes:
    """float32 samples as little-endian PCM16 bytes, rounded and clipped."""
    return bytes(float_to_int16(samples).astype("<i2").tobytes())


def int16_to_float(
    samples: npt.NDArray[np.int16], out: Signal | None = None
) -> npt.NDArray[np.float32]:
    """PCM16 values as float32 samples in [-1, 1) (into `out` when given)."""
    return np.multiply(samples, np.float32(1 / 32768), out=out, dtype=np.float32)


def downmix(block: npt.NDArray[np.int16]) -> npt.NDArray[np.int16]:
    """A (frames, channels) PCM16 block as mono: a view when mono, else the channel average."""
    if block.shape[1] == 1:
        return block[:, 0]
    mean: npt.NDArray[np.int16] = (block.sum(axis=1, dtype=np.int32) // block.shape[1]).astype(
        np.int16
    )
    return mean
