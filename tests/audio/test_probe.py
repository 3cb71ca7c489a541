"""Loopback probe: analysis of synthetic recordings, advice, JSON, and a run on fake devices."""

from __future__ import annotations

import asyncio
import json

import numpy as np
import pytest

from assistant.audio.fakes import FakeBackend, fake_device
from assistant.audio.probe import (
    ADVICE,
    ProbeError,
    Recommendation,
    analyze_loopback,
    make_chirp,
    probe_result,
    recommend,
    run_probe,
)

from .signals import sine

RATE = 24000
CHIRP = make_chirp(RATE)


def recording_with_echo(delay: int, echo_db: float | None, noise_db: float | None) -> np.ndarray:
    rng = np.random.default_rng(7)
    out = np.zeros(RATE * 2, dtype=np.float32)
    if noise_db is not None:
        out += (10 ** (noise_db / 20) * rng.standard_normal(len(out))).astype(np.float32)
    if echo_db is not None:
        start = 6000 + delay
        out[start : start + len(CHIRP)] += 10 ** (echo_db / 20) * CHIRP
    return out


@pytest.mark.parametrize(
    ("echo_db", "noise_db", "advice"),
    [
        (0.0, None, Recommendation.PICK_ANOTHER_PAIR),
        (-20.0, -50.0, Recommendation.USE_HEADPHONES),
        (-40.0, -60.0, Recommendation.TURN_ON_ECHO_HANDLING),
        (-25.0, -20.0, Recommendation.USE_HEADPHONES),  # an echo under louder noise
    ],
)
def test_an_echo_is_found_with_its_delay_and_level(
    echo_db: float, noise_db: float | None, advice: Recommendation
) -> None:
    analysis = analyze_loopback(CHIRP, recording_with_echo(960, echo_db, noise_db), 6000, RATE)
    assert analysis.hears_speaker
    assert analysis.delay_frames == 960
    assert analysis.echo_db == pytest.approx(echo_db, abs=0.5)
    assert recommend(analysis) is advice


def test_noise_alone_is_not_an_echo() -> None:
    analysis = analyze_loopback(CHIRP, recording_with_echo(0, None, -30.0), 6000, RATE)
    assert not analysis.hears_speaker
    assert analysis.clarity_db < 20
    assert (analysis.delay_frames, analysis.echo_db) == (None, None)
    assert recommend(analysis) is Recommendation.FULL_DUPLEX


def test_speech_like_sound_without_the_chirp_is_not_an_echo() -> None:
    voiced = sum(sine(f, 2.0, RATE, amplitude=0.05) for f in (180, 360, 540, 900, 2400))
    syllables = (np.sin(2 * np.pi * 4 * np.arange(len(voiced)) / RATE) > 0).astype(np.float32)
    down_sweep = np.zeros(len(voiced), dtype=np.float32)
    down_sweep[6000 : 6000 + len(CHIRP)] = CHIRP[::-1]
    recording = (voiced * syllables + down_sweep).astype(np.float32)
    analysis = analyze_loopback(CHIRP, recording, 6000, RATE)
    assert not analysis.hears_speaker


def test_a_chirp_outside_the_search_window_is_not_counted() -> None:
    analysis = analyze_loopback(CHIRP, recording_with_echo(18000 - 6000, 0.0, None), 0, RATE)
    assert not analysis.hears_speaker


def test_an_all_zero_input_is_reported_as_a_silent_microphone() -> None:
    analysis = analyze_loopback(CHIRP, np.zeros(RATE, dtype=np.float32), 0, RATE)
    assert analysis.input_silent
    assert recommend(analysis) is Recommendation.CHECK_MICROPHONE
    assert analyze_loopback(CHIRP, np.zeros(0, dtype=np.float32), 0, RATE).input_silent


def test_the_result_serialises_to_json() -> None:
    analysis = analyze_loopback(CHIRP, recording_with_echo(480, -20.0, -60.0), 6000, RATE)
    result = probe_result(analysis, "Mic", "Speakers", RATE)
    data = json.loads(result.to_json())
    assert data["input_device"] == "Mic"
    assert data["recommendation"] == "use-headphones"
    assert data["delay_ms"] == pytest.approx(20.0)
    assert "headphones" in data["advice"]


def test_the_chirp_is_a_clickless_sweep() -> None:
    assert len(CHIRP) == RATE // 2
    assert abs(CHIRP[0]) < 1e-3
    assert abs(CHIRP[-1]) < 1e-3
    assert np.max(np.abs(CHIRP)) == pytest.approx(0.25, abs=0.01)


async def drive_loopback(
    backend: FakeBackend, delay: int, gain: float, stop: asyncio.Event
) -> None:
    """A fake sound card whose microphone hears its speaker `delay` frames later."""
    heard = np.zeros(delay, dtype=np.float32)
    while not stop.is_set():
        out = backend.stream("output")
        mic = backend.stream("input")
        played = [out.pull()[:, 0] for _ in range(mic.blocksize // out.blocksize)]
        heard = np.concatenate([heard, *played])  # as much as the microphone records
        block, heard = heard[: mic.blocksize], heard[mic.blocksize :]
        mic.push(np.rint(block * gain * 32767).astype(np.int16))
        await asyncio.sleep(0)


async def probe_on_fake_devices(delay: int, gain: float) -> tuple[object, FakeBackend]:
    mic = fake_device(0, "Mic", inputs=1, default=True)
    spk = fake_device(1, "Speakers", outputs=2, default=True)
    backend = FakeBackend([mic, spk])
    stop = asyncio.Event()
    probe = asyncio.create_task(run_probe(backend, mic, spk, timeout=10.0))
    await asyncio.sleep(0)
    driver = asyncio.create_task(drive_loopback(backend, delay, gain, stop))
    try:
        result = await asyncio.wait_for(probe, 20.0)
    finally:
        stop.set()
        await asyncio.wait_for(asyncio.gather(driver, return_exceptions=True), 5.0)
    return result, backend


async def test_a_probe_on_a_fake_loopback_finds_the_echo_and_its_delay() -> None:
    result, backend = await probe_on_fake_devices(delay=2400, gain=0.1)  # 50 ms at 48 kHz
    assert result.hears_speaker  # type: ignore[attr-defined]
    assert result.echo_db == pytest.approx(-20.0, abs=1.0)  # type: ignore[attr-defined]
    # The true delay is 50 ms; the estimate may be late by up to two 20 ms capture blocks.
    assert 50.0 <= result.delay_ms <= 90.0  # type: ignore[attr-defined]
    assert result.recommendation is Recommendation.USE_HEADPHONES  # type: ignore[attr-defined]
    assert backend.open_streams == []


async def test_a_probe_whose_microphone_delivers_nothing_fails_in_time() -> None:
    mic = fake_device(0, "Mic", inputs=1, default=True)
    spk = fake_device(1, "Speakers", outputs=1, default=True)
    backend = FakeBackend([mic, spk])
    with pytest.raises(ProbeError, match="could not run"):
        await run_probe(backend, mic, spk, timeout=0.1)
    assert backend.open_streams == []


async def test_a_probe_on_a_device_that_cannot_open_fails_cleanly() -> None:
    mic = fake_device(0, "Mic", inputs=1, default=True)
    spk = fake_device(1, "Speakers", outputs=1, default=True)
    backend = FakeBackend([mic, spk])
    backend.unopenable.add("Speakers")
    with pytest.raises(ProbeError, match="Speakers could not be opened"):
        await run_probe(backend, mic, spk)
    assert backend.open_streams == []


@pytest.mark.parametrize(
    "advice", [Recommendation.TURN_ON_ECHO_HANDLING, Recommendation.USE_HEADPHONES]
)
def test_echo_advice_names_the_option_and_the_setting_that_exist(advice: Recommendation) -> None:
    assert "`--echo cancel`" in ADVICE[advice]
    assert "Echo handling setting, Settings → Audio" in ADVICE[advice]
    assert "turn on echo handling" not in ADVICE[advice]
