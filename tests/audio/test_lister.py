"""The device lister: the helper process's lines, read defensively, and its lifetime.

The helper here is a real child process (a short Python script standing in for PortAudio, so
no audio devices are needed; the real helper runs in tests/audio/test_devices_pulse.py).
Every wait is bounded; nothing depends on the machine's speed.
"""

from __future__ import annotations

import io
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict

import pytest

from assistant.audio.fakes import fake_device
from assistant.audio.lister import (
    WATCH_FLAG,
    HelperLister,
    helper_command,
    parse_devices,
    run_helper,
)

MIC = fake_device(0, "Built-in Microphone", inputs=1, default=True)
HEADSET = fake_device(1, "USB Headset", inputs=1, outputs=2)
LINE = json.dumps([asdict(MIC), asdict(HEADSET)])


def until(done: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_line_of_devices_reads_back_as_the_devices() -> None:
    assert parse_devices(LINE + "\n") == [MIC, HEADSET]
    assert parse_devices("[]") == []


@pytest.mark.parametrize(
    "line",
    [
        "",
        "not json",
        "{}",
        "[1]",
        json.dumps([{**asdict(MIC), "name": 3}]),
        json.dumps([{**asdict(MIC), "extra": 1}]),
        json.dumps([{k: v for k, v in asdict(MIC).items() if k != "host_api"}]),
        json.dumps([{**asdict(MIC), "input_channels": "1"}]),
        "[" * 100_000,
    ],
)
def test_a_line_that_is_not_a_list_of_devices_is_ignored(line: str) -> None:
    assert parse_devices(line) is None


def test_the_helper_is_this_program_with_the_watch_flag() -> None:
    assert helper_command(2.0) == [sys.executable, "-m", "assistant", WATCH_FLAG, "2.0"]


def test_the_helper_prints_a_line_per_look_and_ends_when_its_input_closes() -> None:
    read_end, write_end = os.pipe()
    out = io.StringIO()
    looks: list[int] = []

    def rescan() -> list:  # type: ignore[type-arg]
        looks.append(1)
        if len(looks) == 2:
            raise RuntimeError("PortAudio failed this time")  # that look says nothing
        return [MIC]

    with os.fdopen(read_end) as stdin:
        result: list[int] = []
        helper = threading.Thread(
            target=lambda: result.append(run_helper(rescan, 0.01, out, stdin))
        )
        helper.start()
        until(lambda: len(looks) >= 3)
        os.close(write_end)
        helper.join(20)
    assert result == [0]
    lines = out.getvalue().splitlines()
    assert len(lines) == len(looks) - 1 and all(parse_devices(line) == [MIC] for line in lines)


def test_the_lister_reads_the_helper_and_stops_it_on_close() -> None:
    script = f"import sys; print({LINE!r}, flush=True); sys.stdin.read()"
    lister = HelperLister(command=[sys.executable, "-c", script])
    until(lambda: lister.seen() is not None)
    assert lister.seen() == [MIC, HEADSET] and lister.working
    lister.close()
    until(lambda: not lister.working)  # the helper ended at the end of its input


def test_a_helper_that_cannot_start_is_not_working() -> None:
    lister = HelperLister(command=["/nonexistent/helper"])
    assert not lister.working and lister.seen() is None
    lister.close()
