"""`realtime-assistant devices`: list audio devices, or probe a pair for speaker-to-mic echo.

    realtime-assistant devices [--json]
    realtime-assistant devices --probe [--input NAME] [--output NAME] [--json]

NAME is a device name as listed, or a part of one that matches a single device (any case).
Exit status: 0 done, 1 the audio system failed (PortAudio missing, probe could not run),
2 usage error (no such device). PortAudio is loaded only when the command runs, so the rest of
the command line works on a machine without it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from assistant.audio.probe import ProbeError, ProbeResult, run_probe
from assistant.audio.selection import (
    DeviceInfo,
    DeviceNameError,
    Role,
    default_device,
    match_device,
)
from assistant.audio.streams import AudioBackend

EXIT_OK, EXIT_AUDIO, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    pass


def add_devices_parser(commands: Any) -> argparse.ArgumentParser:
    """Add the `devices` subcommand to `commands` (from `add_subparsers`); it runs `run_devices`."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "devices",
        help="list audio devices, or check a microphone/speaker pair for echo",
        description="List audio devices (marking the defaults), or with --probe play a short "
        "chirp on the output while recording the input, to see whether the microphone hears "
        "the speaker.",
    )
    parser.add_argument("--probe", action="store_true", help="check a pair for echo")
    parser.add_argument("--input", metavar="NAME", help="microphone to probe (default: system)")
    parser.add_argument("--output", metavar="NAME", help="speaker to probe (default: system)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run_devices)
    return parser


def run_devices(args: argparse.Namespace, backend: AudioBackend | None = None) -> int:
    """Run `devices`; returns the exit status. Messages go to stdout, errors to stderr.

    `backend` defaults to PortAudio (tests pass `assistant.audio.fakes.FakeBackend`).
    """
    backend = backend or _portaudio()
    if backend is None:
        return EXIT_AUDIO
    try:
        if args.probe:
            return _probe(backend, args)
    except _UsageError as exc:
        sys.stderr.write(f"realtime-assistant devices: {exc}\n")
        return EXIT_USAGE
    devices = backend.list_devices()
    sys.stdout.write(_devices_json(devices) if args.json else format_devices(devices))
    return EXIT_OK


def _portaudio() -> AudioBackend | None:
    try:
        from assistant.audio.devices import PortAudioBackend  # noqa: PLC0415  # may lack PortAudio
    except OSError as exc:
        sys.stderr.write(
            f"realtime-assistant devices: {exc}. Install PortAudio "
            "(Debian/Ubuntu: apt-get install libportaudio2).\n"
        )
        return None
    return PortAudioBackend()


def format_devices(devices: list[DeviceInfo]) -> str:
    """A table of devices; the default input and output are marked."""
    width = max([len(d.name) for d in devices] + [4])
    lines = [f"{'':2}{'#':>3}  {'Name':<{width}}  {'Host API':<10}{'In':>4}{'Out':>5}{'Rate':>7}"]
    for d in devices:
        mark = ("I" if d.is_default_input else " ") + ("O" if d.is_default_output else " ")
        rate = f"{d.default_rate:.0f}"
        lines.append(
            f"{mark}{d.index:>3}  {d.name:<{width}}  {d.host_api:<10}"
            f"{d.input_channels:>4}{d.output_channels:>5}{rate:>7}"
        )
    if not devices:
        lines.append("  (no audio devices found)")
    lines.append("I = default input, O = default output")
    return "\n".join(lines) + "\n"


def _devices_json(devices: list[DeviceInfo]) -> str:
    return json.dumps([vars(d) for d in devices], indent=2) + "\n"


def pick(devices: list[DeviceInfo], name: str | None, role: Role) -> DeviceInfo:
    """The device called `name` (see `match_device`: exactly, or a unique part), or the default."""
    if name is not None:
        try:
            return match_device(devices, name, role)
        except DeviceNameError as exc:
            raise _UsageError(str(exc)) from None
    found = default_device(devices, role)
    if found is None:
        raise _UsageError(f"there is no {role} device")
    return found


def _probe(backend: AudioBackend, args: argparse.Namespace) -> int:
    devices = backend.list_devices()
    microphone = pick(devices, args.input, "input")
    speaker = pick(devices, args.output, "output")
    try:
        result = asyncio.run(run_probe(backend, microphone, speaker))
    except ProbeError as exc:
        sys.stderr.write(f"realtime-assistant devices: {exc}\n")
        return EXIT_AUDIO
    sys.stdout.write(result.to_json() + "\n" if args.json else format_probe(result))
    return EXIT_OK


def format_probe(result: ProbeResult) -> str:
    """The probe result in plain words."""
    lines = [f"Microphone {result.input_device} with speaker {result.output_device}:"]
    if result.input_silent:
        lines.append("  the microphone delivered only silence.")
    elif result.hears_speaker:
        lines.append(
            f"  the microphone hears the speaker: echo {result.echo_db:.1f} dB, "
            f"delay about {result.delay_ms:.0f} ms."
        )
    else:
        lines.append("  the microphone does not hear the speaker.")
    lines.append(f"  {result.advice}")
    return "\n".join(lines) + "\n"
