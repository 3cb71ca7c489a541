"""`realtime-assistant devices` on the virtual devices: the list, and the loopback probe."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.audio.pulse import require_pulse

pytestmark = pytest.mark.slow


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603  # our own entry point
        [sys.executable, "-m", "assistant", "devices", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_devices_lists_the_virtual_devices_and_marks_defaults() -> None:
    require_pulse()
    done = run()
    assert done.returncode == 0, done.stderr
    assert "speaker_monitor" in done.stdout and "fakemic" in done.stdout
    assert "I = default input" in done.stdout


def test_probe_reports_the_loopback_pair_as_json() -> None:
    require_pulse()
    done = run("--probe", "--input", "speaker_monitor", "--output", "speaker", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["hears_speaker"] is True
