"""Sample-rate and format conversion between devices and the Realtime API's 24 kHz PCM16.

Resampling is done by soxr (no hand-written interpolation). A stream keeps filter state between
chunks, so chunk boundaries are inaudible; `flush()` returns the samples still inside the filter,
which is what makes the end of a reply play to its last sample.
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

import numpy as np
import numpy.typing as npt
import soxr  # type: ignore[import-untyped]  # ships no py.typed marker

SOURCE_RATE = 24000
"""The Realtime API's audio rate: mono PCM16 at 24 kHz, in and out."""

Quality = Literal["LQ", "MQ", "HQ", "VHQ"]
"""soxr recipes. "LQ" is flat to about 8.5 kHz with 3 ms of delay and steady output per block;
"HQ" is flat to the Nyquist edge but holds back about 20 ms and returns output in bursts."""

Sample = TypeVar("Sample", np.int16, np.float32)


class StreamResampler(Generic[Sample]):
    """Converts a continuous mono signal from `in_rate` to `out_rate`, chunk by chunk."""

    def __init__(
        self, in_rate: int, out_rate: int, dtype: type[Sample], quality: Quality = "HQ"
    ) -> None:
        self.in_rate, self.out_rate = in_rate, out_rate
        self._dtype: type[Sample] = dtype
        self._soxr = (
            None
            if in_rate == out_rate
            else soxr.ResampleStream(
                in_rate, out_rate, 1, dtype=np.dtype(dtype).name, quality=quality
            )
        )

    def process(self, samples: npt.NDArray[Sample]) -> npt.NDArray[Sample]:
        """Resample the next chunk; the result may be shorter (the filter holds some back)."""
        if self._soxr is None:
            return samples.copy()
        return self._checked(self._soxr.resample_chunk(samples))

    def flush(self) -> npt.NDArray[Sample]:
        """The samples still held by the filter; the stream must not be used afterwards."""
        if self._soxr is None:
            return np.zeros(0, dtype=self._dtype)
        return self._checked(self._soxr.resample_chunk(np.zeros(0, dtype=self._dtype), last=True))

    def _checked(self, result: object) -> npt.NDArray[Sample]:
        assert isinstance(result, np.ndarray)  # soxr ships no type information
        return result.astype(self._dtype, copy=False)


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
    return np.frombuffer(data, dtype="<i2").astype(np.float32) / np.float32(32768)


def float_to_pcm16(samples: npt.NDArray[np.float32]) -> bytes:
    """float32 samples as little-endian PCM16 bytes, clipped to the PCM16 range."""
    scaled = np.clip(np.rint(samples * 32768.0), -32768, 32767)
    return bytes(scaled.astype("<i2").tobytes())


def downmix(block: npt.NDArray[np.int16]) -> npt.NDArray[np.int16]:
    """A (frames, channels) PCM16 block as mono: a view when mono, else the channel average."""
    if block.shape[1] == 1:
        return block[:, 0]
    mean: npt.NDArray[np.int16] = (block.sum(axis=1, dtype=np.int32) // block.shape[1]).astype(
        np.int16
    )
    return mean
