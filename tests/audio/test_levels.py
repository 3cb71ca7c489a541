"""Level meter (RMS/peak dBFS, waveform) and the silent-microphone detector."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.audio.levels import (
    FLOOR_DBFS,
    LevelMeter,
    SilenceDetector,
    SilentMicrophone,
    dbfs,
    measure,
)

from .signals import sine


def test_a_full_scale_sine_reads_minus_3_db_rms_and_0_db_peak() -> None:
    level = measure(sine(1000, 0.1, 48000, amplitude=1.0))
    assert level.rms_dbfs == pytest.approx(-3.01, abs=0.01)
    assert level.peak_dbfs == pytest.approx(0.0, abs=0.01)


def test_silence_reads_the_floor() -> None:
    assert measure(np.zeros(100, dtype=np.float32)).rms_dbfs == FLOOR_DBFS
    assert measure(np.zeros(0, dtype=np.float32)).peak_dbfs == FLOOR_DBFS
    assert dbfs(1e-9) == FLOOR_DBFS


def test_the_meter_measures_only_the_newest_window() -> None:
    meter = LevelMeter(48000, window_ms=50)
    meter.write(sine(1000, 1.0, 48000, amplitude=0.5))
    assert meter.level().rms_dbfs == pytest.approx(-9.03, abs=0.05)
    meter.write(np.zeros(2400, dtype=np.float32))
    assert meter.level().peak_dbfs == FLOOR_DBFS


def test_waveform_holds_one_peak_per_bucket_newest_last() -> None:
    meter = LevelMeter(1000, window_ms=50, bucket_ms=10, history=5)
    for amplitude in (0.1, 0.2, 0.3):
        meter.write(np.full(10, amplitude, dtype=np.float32))
    meter.write(np.full(5, 0.9, dtype=np.float32))  # half a bucket: not shown yet
    np.testing.assert_allclose(meter.waveform(), [0, 0, 0.1, 0.2, 0.3])
    meter.write(np.full(5, -0.4, dtype=np.float32))
    np.testing.assert_allclose(meter.waveform(), [0, 0.1, 0.2, 0.3, 0.9])


def test_waveform_skips_what_the_ring_no_longer_holds() -> None:
    meter = LevelMeter(1000, window_ms=50, bucket_ms=10, history=4)
    meter.write(np.full(5000, 0.5, dtype=np.float32))
    assert meter.waveform().tolist() == [0.5] * 4


def test_three_seconds_of_zeros_warn_once_naming_the_device() -> None:
    detector = SilenceDetector("USB mic", rate=1000, seconds=3.0)
    warnings = [detector.feed(np.zeros(100, dtype=np.int16)) for _ in range(40)]
    fired = [(i, w) for i, w in enumerate(warnings) if w is not None]
    assert fired == [(29, SilentMicrophone("USB mic", 3.0, 0))]
    assert detector.silent
    assert "USB mic" in fired[0][1].message()
    assert "only zeros" in fired[0][1].message()


def test_a_constant_non_zero_value_also_counts_as_silent() -> None:
    detector = SilenceDetector("mic", rate=1000, seconds=1.0)
    results = [detector.feed(np.full(500, -1, dtype=np.int16)) for _ in range(2)]
    assert results[1] == SilentMicrophone("mic", 1.0, -1)
    assert "constant value (-1)" in results[1].message()


def test_any_change_restarts_the_count_and_a_new_silence_warns_again() -> None:
    detector = SilenceDetector("mic", rate=1000, seconds=1.0)
    detector.feed(np.zeros(900, dtype=np.int16))
    assert detector.feed(np.array([0, 1] * 50, dtype=np.int16)) is None
    assert detector.feed(np.zeros(900, dtype=np.int16)) is None
    assert detector.feed(np.zeros(100, dtype=np.int16)) is not None
    detector.feed(np.array([5, 6], dtype=np.int16))
    assert not detector.silent
    assert detector.feed(np.full(1000, 7, dtype=np.int16)) is not None


def test_a_change_of_constant_value_restarts_the_count() -> None:
    detector = SilenceDetector("mic", rate=1000, seconds=1.0)
    detector.feed(np.zeros(900, dtype=np.int16))
    assert detector.feed(np.full(900, 3, dtype=np.int16)) is None
    assert detector.feed(np.zeros(0, dtype=np.int16)) is None
