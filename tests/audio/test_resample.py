"""soxr streaming conversion and PCM16 helpers."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.audio.resample import (
    StreamResampler,
    downmix,
    float_to_int16,
    float_to_pcm16,
    pcm16_to_float,
    resample_once,
)

from .signals import dominant_frequency, rms, sine


@pytest.mark.parametrize("rate", [48000, 44100, 16000])
def test_capture_rates_become_24_khz_with_the_same_tone_and_level(rate: int) -> None:
    resampler = StreamResampler(rate, 24000, "LQ")
    source = sine(1000, 1.0, rate, amplitude=0.5)
    block = rate // 50
    out = np.concatenate([resampler.process(source[i : i + block]) for i in range(0, rate, block)])
    assert abs(len(out) - 24000) < 200  # what the filter still holds
    settled = out[1000:-1000]
    assert dominant_frequency(settled, 24000) == pytest.approx(1000, abs=2)
    assert rms(settled) == pytest.approx(0.5 / np.sqrt(2), rel=0.01)


@pytest.mark.parametrize("rate", [48000, 44100])
def test_flush_returns_the_tail_so_the_length_is_exact(rate: int) -> None:
    resampler = StreamResampler(24000, rate)
    source = sine(440, 1.0, 24000) + np.float32(0)
    pieces = [resampler.process(source[i : i + 977]) for i in range(0, 24001, 977)]
    out = np.concatenate([*pieces, resampler.flush()])
    assert abs(len(out) - round(len(source) * rate / 24000)) <= 1


def test_equal_rates_pass_through_unchanged() -> None:
    resampler = StreamResampler(24000, 24000)
    block = np.arange(10, dtype=np.float32)
    np.testing.assert_array_equal(resampler.process(block), block)
    assert len(resampler.flush()) == 0


def test_silence_stays_exact_zeros_without_dither() -> None:
    resampler = StreamResampler(48000, 24000, "LQ")
    out = np.concatenate([resampler.process(np.zeros(960, dtype=np.float32)) for _ in range(20)])
    assert not float_to_int16(out).any()


def test_resample_once_keeps_duration() -> None:
    out = resample_once(sine(440, 0.5, 48000), 48000, 44100)
    assert abs(len(out) - 22050) <= 1
    assert out.dtype == np.float32
    assert len(resample_once(np.ones(3, dtype=np.float32), 8000, 8000)) == 3


def test_pcm16_round_trip_and_clipping() -> None:
    data = np.array([0, 1, -1, 32767, -32768], dtype="<i2").tobytes()
    assert float_to_pcm16(pcm16_to_float(data)) == data
    clipped = float_to_pcm16(np.array([1.5, -1.5], dtype=np.float32))
    assert np.frombuffer(clipped, dtype="<i2").tolist() == [32767, -32768]
    with pytest.raises(ValueError, match="even"):
        pcm16_to_float(b"\x00")


def test_downmix_averages_channels_and_views_mono() -> None:
    stereo = np.array([[100, 300], [-5, -6]], dtype=np.int16)
    assert downmix(stereo).tolist() == [200, -6]
    mono = np.array([[1], [2]], dtype=np.int16)
    assert downmix(mono).base is not None
