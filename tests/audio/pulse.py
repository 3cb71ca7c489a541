"""Access to the virtual PulseAudio devices started by scripts/virtual-audio.sh.

Device tests use `require_pulse()`: it skips with the reason on a machine without the
services, and fails when the services were started (the ready marker exists) but do not work,
so CI (scripts/test.sh) never skips them silently.
"""

# ruff: noqa: S603, S607  # runs the PulseAudio tools (pactl, pacat, parec) found on PATH

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from assistant.audio.resample import float_to_pcm16, pcm16_to_float, resample_once

TIMEOUT = 10.0


def _ready_marker() -> Path | None:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return Path(runtime) / "virtual-audio.ready" if runtime else None


def require_pulse() -> Any:
    """The PortAudio backend module, once the virtual devices answer; else skip (or fail)."""
    marker = _ready_marker()
    started = marker is not None and marker.exists()
    problem = _problem()
    if problem and started:
        pytest.fail(f"virtual audio devices were started but {problem}")
    if problem:
        pytest.skip(f"{problem}: run through scripts/with-services.sh")
    os.environ.setdefault("PULSE_LATENCY_MSEC", "20")
    try:
        from assistant.audio import devices
    except OSError as exc:  # sounddevice raises OSError when libportaudio is missing
        pytest.fail(f"PortAudio is missing: {exc}") if started else pytest.skip(str(exc))
    return devices


def _problem() -> str | None:
    if shutil.which("pactl") is None:
        return "pactl is not installed"
    try:
        done = subprocess.run(["pactl", "info"], capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return "the PulseAudio server does not answer"
    return None if done.returncode == 0 else "no PulseAudio server is running"


def pactl(*args: str) -> str:
    """Run pactl; returns its output. Raises CalledProcessError on failure."""
    done = subprocess.run(
        ["pactl", *args], capture_output=True, text=True, timeout=TIMEOUT, check=True
    )
    return done.stdout.strip()


class Recorder:
    """Records a PulseAudio source with parec as mono PCM16 at `rate`, until `stop()`."""

    def __init__(self, source: str, rate: int) -> None:
        self.rate = rate
        self._file = tempfile.TemporaryFile()  # noqa: SIM115  # closed in stop()
        self._process = subprocess.Popen(
            [
                "parec",
                "-d",
                source,
                "--format=s16le",
                f"--rate={rate}",
                "--channels=1",
                "--raw",
                "--latency-msec=20",
            ],
            stdout=self._file,
            stderr=subprocess.DEVNULL,
        )

    def frames(self) -> int:
        """Frames recorded so far."""
        return os.fstat(self._file.fileno()).st_size // 2

    def stop(self) -> npt.NDArray[np.float32]:
        """Stop recording; returns the samples as float (full scale = 1.0)."""
        self._process.terminate()
        self._process.wait(timeout=TIMEOUT)
        self._file.seek(0)
        data = self._file.read()
        self._file.close()
        usable = len(data) // 2 * 2
        return np.frombuffer(data[:usable], dtype="<i2").astype(np.float32) / 32768


def play_into(sink: str, pcm16: bytes, rate: int) -> subprocess.Popen[bytes]:
    """Start playing mono PCM16 into a PulseAudio sink with pacat; the caller waits for it."""
    process = subprocess.Popen(
        [
            "pacat",
            "--playback",
            "-d",
            sink,
            "--format=s16le",
            f"--rate={rate}",
            "--channels=1",
            "--raw",
            "--latency-msec=20",
        ],
        stdin=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None
    process.stdin.write(pcm16)
    process.stdin.close()
    return process


def speech(text: str, rate: int, voice: str = "en-us") -> bytes:
    """`text` spoken by espeak-ng in `voice`, as mono PCM16 at `rate`."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed: run scripts/system-deps.sh test")
    with tempfile.NamedTemporaryFile(suffix=".wav") as file:
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", "160", "-w", file.name, text],
            check=True,
            timeout=TIMEOUT,
            capture_output=True,
        )
        with wave.open(file.name) as wav:
            source_rate, frames = wav.getframerate(), wav.readframes(wav.getnframes())
    return float_to_pcm16(resample_once(pcm16_to_float(frames), source_rate, rate))


class ServerLog:
    """The PulseAudio debug log written by scripts/virtual-audio.sh, read from a mark on."""

    def __init__(self) -> None:
        runtime = os.environ.get("XDG_RUNTIME_DIR", "")
        self._path = Path(runtime) / "pulse.log"
        self._mark = self._size()

    def playback_underruns(self, stream: str = "ALSA Playback") -> list[str]:
        """Lines since the mark saying the server ran out of data of `stream` (by its name;
        PortAudio's streams through the ALSA plugin are all called "ALSA Playback").

        The server then plays silence and may skip what arrives late: samples lost by the
        system, not by the engine.
        """
        if not self._path.exists():
            return []
        with self._path.open("rb") as log:
            log.seek(self._mark)
            text = log.read().decode(errors="replace")
        return [line for line in text.splitlines() if f"Implicit underrun of '{stream}'" in line]

    def _size(self) -> int:
        return self._path.stat().st_size if self._path.exists() else 0


class HotPlugSink:
    """A null sink named `name` that a test can unplug and plug in again (ALSA PCM: hotspk)."""

    def __init__(self, name: str = "hotspk") -> None:
        self.name = name
        self._module: str | None = None
        self._keepalive: subprocess.Popen[bytes] | None = None

    def plug(self) -> None:
        """Load the sink and keep it running (an idle null sink stalls a new stream)."""
        args = [f"sink_name={self.name}", "rate=48000", "channels=1"]
        self._module = pactl("load-module", "module-null-sink", *args)
        self._keepalive = subprocess.Popen(
            [
                "pacat",
                "-p",
                "-d",
                self.name,
                "--format=s16le",
                "--rate=24000",
                "--channels=1",
                "--raw",
                "/dev/zero",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def unplug(self) -> None:
        """Unload the sink, as if the device was pulled out; safe to call twice."""
        if self._keepalive is not None:
            self._keepalive.kill()
            self._keepalive.wait(timeout=TIMEOUT)
            self._keepalive = None
        if self._module is not None:
            pactl("unload-module", self._module)
            self._module = None
