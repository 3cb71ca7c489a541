"""Device names typed on the command line (`--input`, `--output`) matched against a device list."""

from __future__ import annotations

import pytest

from assistant.audio.fakes import fake_device
from assistant.audio.selection import DeviceNameError, Role, match_device

DEVICES = [
    fake_device(0, "speaker", outputs=2),
    fake_device(1, "speaker_monitor", inputs=2),
    fake_device(2, "fakemic", inputs=1),
    fake_device(3, "USB Headset", inputs=1, outputs=2),
    fake_device(4, "USB Headset 2", inputs=1, outputs=2),
    fake_device(5, "Speaker (HDMI)", outputs=2),
]


@pytest.mark.parametrize(
    ("name", "role", "index"),
    [
        ("fakemic", "input", 2),
        ("FAKE", "input", 2),  # a unique part, in any case
        ("monitor", "input", 1),
        ("Speaker", "output", 0),  # the exact name wins over longer names containing it
        ("hdmi", "output", 5),
        ("usb headset", "input", 3),  # exact (ignoring case) beats "USB Headset 2"
    ],
)
def test_a_name_or_a_unique_part_of_one_finds_the_device(name: str, role: Role, index: int) -> None:
    assert match_device(DEVICES, name, role).index == index


def test_only_devices_of_the_role_count() -> None:
    assert match_device(DEVICES, "speaker_", "input").name == "speaker_monitor"
    with pytest.raises(DeviceNameError, match="'fakemic' matches no output device"):
        match_device(DEVICES, "fakemic", "output")


def test_an_ambiguous_part_names_the_candidates() -> None:
    with pytest.raises(DeviceNameError) as raised:
        match_device(DEVICES, "usb", "output")
    assert str(raised.value) == (
        "'usb' matches 2 output devices (USB Headset, USB Headset 2); give more of the name."
    )


def test_an_unknown_name_lists_the_devices_there_are() -> None:
    with pytest.raises(DeviceNameError) as raised:
        match_device(DEVICES, "nothing", "input")
    assert str(raised.value) == (
        "'nothing' matches no input device; the input devices are: "
        "speaker_monitor, fakemic, USB Headset, USB Headset 2."
    )
    with pytest.raises(
        DeviceNameError, match=r"^'x' matches no input device; there is no input device\.$"
    ):
        match_device([], "x", "input")
