"""Synthetic test signals and the measurements the audio tests check them with."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def sine(freq: float, seconds: float, rate: int, amplitude: float = 0.5) -> npt.NDArray[np.float32]:
    """A sine of `amplitude` (full scale = 1.0), float32."""
    t = np.arange(round(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def to_pcm16(samples: npt.NDArray[np.float32]) -> npt.NDArray[np.int16]:
    """Float samples as PCM16."""
    return np.clip(np.rint(samples * 32768), -32768, 32767).astype(np.int16)


def pcm16_bytes(samples: npt.NDArray[np.float32]) -> bytes:
    """Float samples as little-endian PCM16 bytes."""
    return to_pcm16(samples).astype("<i2").tobytes()


def from_pcm16_bytes(data: bytes) -> npt.NDArray[np.float32]:
    """Little-endian PCM16 bytes as float samples."""
    return np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768


def rms(samples: npt.NDArray[np.float32]) -> float:
    """Root mean square (full scale = 1.0)."""
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))


def dominant_frequency(samples: npt.NDArray[np.float32], rate: int) -> float:
    """The frequency of the strongest FFT bin (Hann window), in Hz."""
    window = np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(samples * window))
    return float(np.argmax(spectrum) * rate / len(samples))


def chunks(data: bytes, sizes: list[int]) -> list[bytes]:
    """`data` cut into pieces of the given byte sizes, cycling; the last piece is what is left."""
    pieces, start, i = [], 0, 0
    while start < len(data):
        size = sizes[i % len(sizes)]
        pieces.append(data[start : start + size])
        start += size
        i += 1
    return pieces
