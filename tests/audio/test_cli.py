"""`realtime-assistant devices` on fake devices (the probe itself runs in the device tests)."""

from __future__ import annotations

import argparse
import json

import pytest

from assistant.audio.cli import add_devices_parser, format_devices, format_probe, pick, run_devices
from assistant.audio.fakes import FakeBackend, fake_device
from assistant.audio.probe import ProbeResult, Recommendation

DEVICES = [
    fake_device(0, "Built-in Microphone", inputs=2, rate=44100, default=True),
    fake_device(1, "Built-in Speakers", outputs=2, default=True),
    fake_device(2, "USB Headset", inputs=1, outputs=2),
]


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="realtime-assistant")
    add_devices_parser(parser.add_subparsers())
    return parser.parse_args(["devices", *argv])


def test_the_list_marks_the_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_devices(parse(), FakeBackend(DEVICES)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("I   0  Built-in Microphone")
    assert lines[2].startswith(" O  1  Built-in Speakers")
    assert "44100" in lines[1]
    assert lines[-1] == "I = default input, O = default output"


def test_the_list_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_devices(parse("--json"), FakeBackend(DEVICES)) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[2] == {
        "index": 2,
        "name": "USB Headset",
        "host_api": "Fake",
        "input_channels": 1,
        "output_channels": 2,
        "default_rate": 48000.0,
        "is_default_input": False,
        "is_default_output": False,
    }


def test_no_devices_says_so() -> None:
    assert "(no audio devices found)" in format_devices([])


def test_devices_are_picked_by_exact_or_unique_partial_name_or_default() -> None:
    assert pick(DEVICES, "USB Headset", "input").index == 2
    assert pick(DEVICES, "headset", "output").index == 2
    assert pick(DEVICES, None, "input").index == 0
    assert pick(DEVICES, "Built-in", "output").index == 1  # only one of them is an output


def test_an_unknown_or_ambiguous_name_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_devices(parse("--probe", "--input", "nothing"), FakeBackend(DEVICES)) == 2
    err = capsys.readouterr().err
    assert "'nothing' matches no input device; the input devices are: Built-in Microphone" in err
    two = [*DEVICES, fake_device(3, "USB Headset 2", inputs=1)]
    assert run_devices(parse("--probe", "--input", "usb"), FakeBackend(two)) == 2
    assert "matches 2 input devices (USB Headset, USB Headset 2)" in capsys.readouterr().err


def test_a_probe_that_cannot_run_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    backend = FakeBackend(DEVICES)
    backend.unopenable.add("Built-in Speakers")
    assert run_devices(parse("--probe"), backend) == 1
    assert "could not run" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("heard", "silent", "expected"),
    [
        (True, False, "hears the speaker: echo -12.0 dB, delay about 40 ms"),
        (False, False, "does not hear the speaker"),
        (False, True, "delivered only silence"),
    ],
)
def test_probe_results_read_as_plain_words(heard: bool, silent: bool, expected: str) -> None:
    result = ProbeResult(
        "Mic",
        "Speakers",
        heard,
        40.0,
        -12.0,
        30.0,
        silent,
        Recommendation.USE_HEADPHONES,
        "Advice.",
    )
    text = format_probe(result)
    assert text.startswith("Microphone Mic with speaker Speakers:")
    assert expected in text
    assert text.endswith("  Advice.\n")
