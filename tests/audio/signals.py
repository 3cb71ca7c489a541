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


def dominant_frequency(
    samples: npt.NDArray[np.float32], rate: int, resolution: float | None = None
) -> float:
    """The frequency of the strongest FFT bin (Hann window), in Hz.

    The bin spacing is rate / len(samples) unless `resolution` asks for finer (zero padding).
    """
    window = np.hanning(len(samples))
    size = max(len(samples), round(rate / resolution)) if resolution else len(samples)
    spectrum = np.abs(np.fft.rfft(samples * window, size))
    return float(np.argmax(spectrum) * rate / size)


def windowed(samples: npt.NDArray[np.float32], size: int) -> list[npt.NDArray[np.float32]]:
    """`samples` cut into consecutive windows of `size` (a shorter rest is dropped)."""
    return [samples[i : i + size] for i in range(0, len(samples) - size + 1, size)]


def chunks(data: bytes, sizes: list[int]) -> list[bytes]:
    """`data` cut into pieces of the given byte sizes, cycling; the last piece is what is left."""
    pieces, start, i = [], 0, 0
    while start < len(data):
        size = sizes[i % len(sizes)]
        pieces.append(data[start : start + size])
        start += size
        i += 1
    return pieces


def band_limited_noise(
    seconds: float, rate: int, cutoff: float, level: float, seed: int = 1
) -> npt.NDArray[np.float32]:
    """Gaussian noise with nothing above `cutoff` Hz, scaled to RMS `level`.

    Unlike a tone it has no period, so a single dropped or repeated sample shows up as a
    large difference from the reference after it.
    """
    rng = np.random.default_rng(seed)
    spectrum = np.fft.rfft(rng.standard_normal(round(seconds * rate)))
    spectrum[np.fft.rfftfreq(round(seconds * rate), 1 / rate) > cutoff] = 0
    noise = np.fft.irfft(spectrum, round(seconds * rate))
    return (noise * level / np.sqrt(np.mean(noise**2))).astype(np.float32)


def find_lag(reference: npt.NDArray[np.float32], recording: npt.NDArray[np.float32]) -> int:
    """Where `reference` starts inside `recording` (FFT cross-correlation peak)."""
    size = len(reference) + len(recording)
    corr = np.fft.irfft(np.fft.rfft(recording, size) * np.conj(np.fft.rfft(reference, size)), size)
    return int(np.argmax(corr[: len(recording)]))


def without_inserted_silence(
    recording: npt.NDArray[np.float32], min_run: int = 4
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.intp]]:
    """`recording` without runs of `min_run` or more exact zeros, and the kept indexes.

    A sound server that does not hear from a client in time plays silence for it and then
    continues with the client's next sample: nothing the client wrote is lost, silence is
    inserted. Band-limited noise at a normal level practically never contains such runs.
    """
    zero = np.concatenate([[0], (recording == 0).astype(np.int8), [0]])
    edges = np.flatnonzero(np.diff(zero))
    keep = np.ones(len(recording), dtype=bool)
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        if end - start >= min_run:
            keep[start:end] = False
    return recording[keep], np.flatnonzero(keep)
