"""The device layer against real virtual devices (PulseAudio null sinks via ALSA/PortAudio).

Run through scripts/with-services.sh, which starts the devices (scripts/virtual-audio.sh).
Without them these tests skip with the reason. Every wait is bounded by a timeout; nothing here
checks wall-clock speed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from assistant.audio.capture import Microphone
from assistant.audio.cli import run_devices
from assistant.audio.hotplug import DeviceLost, DeviceNotice, DeviceRestored, DeviceWatcher
from assistant.audio.levels import SilentMicrophone
from assistant.audio.playback import Speaker
from assistant.audio.probe import Recommendation, run_probe
from assistant.audio.resample import resample_once
from assistant.audio.selection import DeviceFallback, DeviceInfo, DeviceKey, DevicePair
from assistant.audio.streams import DeviceError

from .pulse import HotPlugSink, Recorder, ServerLog, play_into, require_pulse, speech
from .signals import (
    band_limited_noise,
    chunks,
    dominant_frequency,
    find_lag,
    from_pcm16_bytes,
    pcm16_bytes,
    rms,
    sine,
    windowed,
    without_inserted_silence,
)

pytestmark = pytest.mark.slow
TIMEOUT = 15.0


@pytest.fixture
def devices() -> Any:
    return require_pulse()


def named(backend: Any, name: str) -> DeviceInfo:
    found: list[DeviceInfo] = [d for d in backend.list_devices() if d.name == name]
    assert found, f"no device {name!r} in {[d.name for d in backend.list_devices()]}"
    return found[0]


async def wait_until(condition: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.01)

    try:
        await asyncio.wait_for(poll(), timeout)
    except TimeoutError:
        pytest.fail(f"timed out after {timeout} s waiting for {what}")


def test_the_virtual_devices_are_listed_with_host_api_rates_and_defaults(devices: Any) -> None:
    listed = {d.name: d for d in devices.PortAudioBackend().list_devices()}
    assert {"speaker", "speaker_monitor", "fakemic", "hotspk"} <= listed.keys()
    speaker = listed["speaker"]
    assert speaker.host_api == "ALSA"
    assert speaker.output_channels > 0
    assert speaker.default_rate > 0
    assert sum(d.is_default_input for d in listed.values()) == 1
    assert sum(d.is_default_output for d in listed.values()) == 1


@pytest.mark.parametrize("rate", [48000, 44100])
async def test_capture_at_the_device_rate_arrives_as_24_khz_pcm(devices: Any, rate: int) -> None:
    backend = devices.PortAudioBackend(rates=(rate,))
    blocks: list[bytes] = []
    mic = Microphone(asyncio.get_running_loop(), blocks.append)
    stream = mic.attach(backend, named(backend, "fakemic"))
    assert stream.rate == rate
    feeder = play_into("micsink", pcm16_bytes(sine(1000, 1.5, 24000, amplitude=0.5)), 24000)
    try:
        await wait_until(lambda: feeder.poll() is not None, "the tone to be played")
        await wait_until(lambda: mic.frames_delivered >= 24000 * 2, "two seconds of capture")
    finally:
        feeder.kill()
        mic.detach()
    assert {len(b) for b in blocks} == {960}
    captured = from_pcm16_bytes(b"".join(blocks))
    loud = np.flatnonzero(np.abs(captured) > 0.25)
    assert len(loud), "the tone never arrived"
    tone = captured[loud[0] + 2400 : loud[0] + 2400 + 24000]  # one second from 100 ms in
    # Per 100 ms window, so that a glitch of a busy machine (the feeder or the server running
    # late) spoils one window, while a wrong rate or gain would show in all of them.
    windows = windowed(tone, 2400)
    freqs = [dominant_frequency(w, 24000, resolution=0.5) for w in windows]
    levels = [20 * np.log10(rms(w) / (0.5 / np.sqrt(2))) for w in windows]
    assert np.median(freqs) == pytest.approx(1000, abs=1)
    assert np.median(levels) == pytest.approx(0, abs=0.2)
    assert sum(abs(f - 1000) <= 1 for f in freqs) >= 0.8 * len(windows)
    assert mic.lost_blocks == 0


class Playback:
    """What one playback through the speaker sink left behind."""

    def __init__(self, spk: Speaker, recording: np.ndarray, disturbances: list[str], cut: Any):
        self.spk, self.recording, self.cut = spk, recording, cut
        self.disturbances = disturbances


async def play_and_record(
    devices: Any, reply: np.ndarray, interrupt_after_ms: int | None = None
) -> Playback:
    """Play `reply` (24 kHz) on the speaker sink, recording its monitor at 48 kHz.

    With 20 ms of server buffering, a busy machine sometimes fails to feed the stream in time
    (PortAudio reports an underflow, or the server logs an underrun) and the system drops or
    inserts samples. Such an attempt says nothing about the engine, so it is repeated (at most
    8 times); an undisturbed attempt is returned at once, and its samples must be exact.
    """
    for _ in range(8):
        playback = await _play_and_record_once(devices, reply, interrupt_after_ms)
        if not playback.disturbances:
            break
    return playback


async def _play_and_record_once(
    devices: Any, reply: np.ndarray, interrupt_after_ms: int | None
) -> Playback:
    backend = devices.PortAudioBackend()
    spk = Speaker(asyncio.get_running_loop())
    stream = spk.attach(backend, named(backend, "speaker"))
    assert stream.rate == 48000
    log = ServerLog()
    recorder = Recorder("spk.monitor", 48000)
    cut = None
    try:
        for piece in chunks(pcm16_bytes(reply), [4800, 9600, 2402]):
            spk.enqueue("item_1", piece)
        if interrupt_after_ms is None:
            spk.end_item("item_1")
        else:
            await wait_until(lambda: spk.played_ms("item_1") >= interrupt_after_ms, "playback")
            cut = spk.interrupt()
        await asyncio.wait_for(spk.close(drain_timeout=TIMEOUT), TIMEOUT)
        # close() returns once the device has played everything: record half a second more.
        expected = recorder.frames() + 24000
        await wait_until(lambda: recorder.frames() >= expected, "the recording")
    finally:
        recording = recorder.stop()
    disturbances = log.playback_underruns() + [f"{stream.xruns} xruns"] * (stream.xruns > 0)
    return Playback(spk, recording, disturbances, cut)


async def test_a_reply_reaches_the_speaker_without_dropped_or_repeated_samples(
    devices: Any,
) -> None:
    reply = band_limited_noise(1.0, 24000, cutoff=8000, level=0.1)
    playback = await play_and_record(devices, reply)
    assert not playback.disturbances, "the system underran the stream on every attempt"
    reference = resample_once(reply, 24000, 48000)
    heard, _ = without_inserted_silence(playback.recording)
    start = find_lag(reference, heard)
    # One dropped or repeated sample would leave errors near the signal level after it.
    assert np.max(np.abs(heard[start : start + len(reference)] - reference)) < 0.01
    assert len(heard[start:]) == len(reference)  # and nothing after it but silence
    assert playback.spk.played_frames("item_1") == 24000  # 1 s at 24 kHz


async def test_barge_in_reports_exactly_the_audio_that_reached_the_speaker(devices: Any) -> None:
    reply = band_limited_noise(3.0, 24000, cutoff=8000, level=0.1, seed=2)
    playback = await play_and_record(devices, reply, interrupt_after_ms=700)
    assert not playback.disturbances, "the system underran the stream on every attempt"
    cut = playback.cut
    assert cut is not None
    assert cut.item_id == "item_1"
    assert 700 <= cut.played_ms <= 1500
    assert playback.spk.played_ms("item_1") == cut.played_ms
    reference = resample_once(reply, 24000, 48000)[: 2 * cut.played_frames]
    heard, _ = without_inserted_silence(playback.recording)
    start = find_lag(reference[:24000], heard)
    heard = heard[start:]
    # Exactly the reported frames reached the device: all of them before the fade match the
    # reply, and nothing audible follows. (The last samples of the raised-cosine fade are
    # below one PCM16 step, so they cannot be told from the silence after the cut.)
    fade = 480  # 10 ms at 48 kHz
    assert np.max(np.abs(heard[: len(reference) - fade] - reference[:-fade])) < 0.01
    fading = heard[len(reference) - fade : len(reference)]  # its silent end may be stripped
    assert np.all(np.abs(fading) <= np.abs(reference[-fade:][: len(fading)]) + 1e-3)
    last_audible = np.flatnonzero(np.abs(heard) > 1e-3)[-1] + 1
    assert len(reference) - 48 <= last_audible <= len(reference)


async def test_the_probe_detects_the_speaker_monitor_as_a_loopback(devices: Any) -> None:
    backend = devices.PortAudioBackend()
    for _ in range(5):  # an attempt the server underran (a busy machine) measures the machine
        log = ServerLog()
        result = await run_probe(
            backend, named(backend, "speaker_monitor"), named(backend, "speaker"), timeout=TIMEOUT
        )
        if not log.playback_underruns():
            break
    assert result.hears_speaker
    assert result.echo_db == pytest.approx(0.0, abs=0.5)
    assert result.delay_ms is not None
    assert 0 <= result.delay_ms < 300
    assert result.recommendation is Recommendation.PICK_ANOTHER_PAIR


async def test_the_probe_hears_no_echo_from_a_fake_microphone_with_speech(devices: Any) -> None:
    backend = devices.PortAudioBackend()
    voice = speech("Hello assistant, what is the weather in Berlin today?", 24000)
    feeder = play_into("micsink", voice, 24000)
    try:
        result = await run_probe(
            backend, named(backend, "fakemic"), named(backend, "speaker"), timeout=TIMEOUT
        )
    finally:
        feeder.kill()
        feeder.wait(timeout=TIMEOUT)
    assert not result.hears_speaker
    assert not result.input_silent  # it did hear the speech
    assert result.echo_db is None
    assert result.recommendation is Recommendation.FULL_DUPLEX


async def test_a_microphone_that_sends_only_zeros_is_reported_by_name(devices: Any) -> None:
    backend = devices.PortAudioBackend()
    warnings: list[SilentMicrophone] = []
    mic = Microphone(
        asyncio.get_running_loop(), lambda _: None, silence_seconds=1.0, on_silent=warnings.append
    )
    mic.attach(backend, named(backend, "fakemic"))  # nothing is playing into it
    try:
        await wait_until(lambda: bool(warnings), "the silent-microphone warning")
    finally:
        mic.detach()
    assert warnings[0].device == "fakemic"
    assert warnings[0].value == 0


async def test_the_probe_reports_a_silent_microphone(devices: Any) -> None:
    backend = devices.PortAudioBackend()
    result = await run_probe(
        backend, named(backend, "fakemic"), named(backend, "speaker"), timeout=TIMEOUT
    )
    assert result.input_silent
    assert result.recommendation is Recommendation.CHECK_MICROPHONE


@pytest.fixture
def hot_sink(devices: Any) -> Iterator[HotPlugSink]:
    sink = HotPlugSink()
    sink.plug()
    yield sink
    sink.unplug()


async def test_a_speaker_unplugged_mid_reply_recovers_on_the_default_and_comes_back(
    devices: Any, hot_sink: HotPlugSink
) -> None:
    backend = devices.PortAudioBackend()
    speaker = Speaker(asyncio.get_running_loop())
    notices: list[DeviceNotice] = []
    pair = DevicePair(output=DeviceKey("hotspk", "ALSA"))
    watcher = DeviceWatcher(
        backend, {"output": speaker}, pair, notices.append, retry_polls=1, look_seconds=0.2
    )
    watcher.start()
    assert notices == []
    reply = sine(440, 3.0, 24000, amplitude=0.3)
    speaker.enqueue("item_1", pcm16_bytes(reply))
    speaker.end_item("item_1")
    await wait_until(lambda: speaker.played_ms("item_1") >= 500, "playback on hotspk")
    recorder = Recorder("spk.monitor", 48000)
    try:
        hot_sink.unplug()

        def moved() -> bool:
            watcher.poll(quiet=False)
            device = watcher.device("output")
            return device is not None and device.name != "hotspk"

        await wait_until(moved, "the switch to the default speaker")
        assert await speaker.drain(timeout=TIMEOUT)
    finally:
        recording = recorder.stop()
    assert [type(n) for n in notices] == [DeviceLost, DeviceFallback]
    fallback = notices[1]
    assert isinstance(fallback, DeviceFallback)
    assert fallback.used is not None
    assert fallback.used.name != "hotspk"
    assert speaker.played_frames("item_1") == len(reply)  # the reply went on to its end
    assert rms(recording) > 0.05, "the rest of the reply was not heard on the default speaker"

    hot_sink.plug()

    def restored() -> bool:
        watcher.poll(quiet=True)
        return not watcher.fallbacks()

    await wait_until(restored, "hotspk to be used again")
    assert isinstance(notices[-1], DeviceRestored)
    assert watcher.device("output") is not None
    watcher.close()


async def test_the_device_helper_looks_while_our_stream_stays_open(devices: Any) -> None:
    """The real helper (this program with --watch-audio-devices) initialises PortAudio in its own
    process while a stream of ours plays. (These virtual devices are ALSA PCMs that stay listed
    when their sink is unloaded, so they cannot show one appearing; the fakes do.)"""
    backend = devices.PortAudioBackend()
    stream = backend.open_output(
        named(backend, "speaker"), 10, lambda out, _time: out.fill(0), lambda: None
    )
    stream.start()
    lister = backend.lister(0.2)
    try:
        looks: list[object] = []

        def looked_again() -> bool:
            seen = lister.seen()
            if seen is not None and (not looks or seen is not looks[-1]):
                looks.append(seen)
            return len(looks) >= 3  # three looks, each a fresh PortAudio in the helper

        await wait_until(looked_again, "the helper to look three times")
        assert {"speaker", "fakemic", "hotspk"} <= {d.name for d in lister.seen() or []}
        assert not stream.failed and lister.working  # ours was never closed or stopped
    finally:
        lister.close()
        stream.close()
    await wait_until(lambda: not lister.working, "the helper to end with its input")


def test_the_devices_command_probes_a_named_pair(
    devices: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(probe=True, input="speaker_monitor", output="speaker", json=True)
    assert run_devices(args) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["input_device"], result["output_device"]) == ("speaker_monitor", "speaker")
    assert result["hears_speaker"] is True  # the exact level is checked (with retries) above


def test_looking_for_devices_again_waits_until_every_stream_is_closed(devices: Any) -> None:
    first, second = devices.PortAudioBackend(), devices.PortAudioBackend()
    stream = first.open_output(named(first, "speaker"), 10, lambda out: out.fill(0), lambda: None)
    try:
        with pytest.raises(DeviceError, match="close all streams"):
            second.rescan()  # PortAudio is one per process: the other backend's stream counts
    finally:
        stream.close()
    assert {d.name for d in second.rescan()} >= {"speaker", "fakemic"}


async def test_real_streams_rest_without_counting_as_lost_and_start_again(devices: Any) -> None:
    backend = devices.PortAudioBackend()
    loop = asyncio.get_running_loop()
    failures: list[str] = []
    mic = Microphone(loop, lambda _block: None, on_failure=lambda: failures.append("mic"))
    spk = Speaker(loop, on_failure=lambda: failures.append("speaker"))
    mic_stream = mic.attach(backend, named(backend, "fakemic"))
    out_stream = spk.attach(backend, named(backend, "speaker"))
    try:
        await wait_until(lambda: mic_stream.blocks > 2 and out_stream.blocks > 2, "callbacks")
        mic.rest()
        assert spk.rest()
        counts = mic_stream.blocks, out_stream.blocks
        await asyncio.sleep(0.3)  # a few device blocks' time: no callback runs
        assert (mic_stream.blocks, out_stream.blocks) == counts
        mic.hurry()
        spk.enqueue("item_1", pcm16_bytes(sine(440, 0.3, 24000, amplitude=0.3)))
        spk.end_item("item_1")
        await wait_until(lambda: mic_stream.blocks > counts[0] + 2, "capture to start again")
        await wait_until(lambda: spk.played_ms("item_1") == 300, "the reply to play")
    finally:
        mic.detach()
        spk.detach()
    assert failures == [] and not (mic_stream.failed or out_stream.failed)
