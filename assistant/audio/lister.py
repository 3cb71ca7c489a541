"""Looking for devices without closing our streams: a helper process does the looking.

PortAudio sees devices plugged in or out only when it is initialised again, which closes every
stream of the process (`assistant.audio.devices`). So while one side waits for a device (its
chosen one is missing and a fallback plays, or it has none at all), the hot-plug watcher used
to close *both* streams at every retry just to look, and each reopening made the echo
canceller converge again. Instead, a helper process (this program started again with
`WATCH_FLAG`) initialises PortAudio afresh every few seconds and prints the devices it sees as
one JSON line; the watcher rescans in this process, closing its streams, only once the helper
sees a device it waits for (`DeviceWatcher`).

The helper imports no Qt and opens no stream; it ends when its standard input closes (this
process closed it, or ended). A helper that cannot start, or stops, leaves the watcher looking
as before (`working` is False). Its lines are parsed defensively: a line that is not a list of
devices is ignored.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import asdict
from typing import IO, Any, Protocol

from assistant.audio.selection import DeviceInfo

WATCH_FLAG = "--watch-audio-devices"
LOOK_SECONDS = 5.0  # how often the helper looks (the watcher retries about as often)


class DeviceLister(Protocol):
    """Devices as they are now, seen without closing this process's streams."""

    @property
    def working(self) -> bool:
        """False when nothing can be told (the helper could not start, or stopped)."""

    def seen(self) -> list[DeviceInfo] | None:
        """The devices seen last (None: not looked yet)."""

    def close(self) -> None:
        """Stop looking."""


def helper_command(seconds: float) -> list[str]:
    """How to start the helper: this program again (the bundle's executable when frozen)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WATCH_FLAG, str(seconds)]
    return [sys.executable, "-m", "assistant", WATCH_FLAG, str(seconds)]


class HelperLister:
    """The helper process, read by a thread of its own (one line every few seconds)."""

    def __init__(self, seconds: float = LOOK_SECONDS, command: list[str] | None = None) -> None:
        self._seen: list[DeviceInfo] | None = None
        self._working = True
        try:
            self._process: subprocess.Popen[str] | None = subprocess.Popen(  # noqa: S603
                command or helper_command(seconds),  # this program, or a test's command
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                errors="replace",
            )
        except OSError:
            self._process, self._working = None, False
            return
        threading.Thread(target=self._read, name="device-lister", daemon=True).start()

    @property
    def working(self) -> bool:
        return self._working

    def seen(self) -> list[DeviceInfo] | None:
        return self._seen

    def close(self) -> None:
        """Close the helper's input: it ends, and the reading thread reaps it."""
        if self._process is not None and self._process.stdin is not None:
            with contextlib.suppress(OSError):
                self._process.stdin.close()

    def _read(self) -> None:
        process = self._process
        assert process is not None
        assert process.stdout is not None
        with process.stdout:
            for line in process.stdout:
                devices = parse_devices(line)
                if devices is not None:
                    self._seen = devices
        self._working = False
        process.wait()


def parse_devices(line: str) -> list[DeviceInfo] | None:
    """One helper line as devices (None: not a list of devices)."""
    try:
        entries = json.loads(line)
        return [_device(entry) for entry in entries] if isinstance(entries, list) else None
    except (ValueError, TypeError, RecursionError):
        return None


_FIELDS: dict[str, type | tuple[type, ...]] = {
    "index": int,
    "name": str,
    "host_api": str,
    "input_channels": int,
    "output_channels": int,
    "default_rate": (int, float),
    "is_default_input": bool,
    "is_default_output": bool,
}


def _device(entry: Any) -> DeviceInfo:
    if not isinstance(entry, dict) or entry.keys() != _FIELDS.keys():
        raise TypeError("a device is an object with the fields of DeviceInfo")
    if not all(isinstance(entry[name], kind) for name, kind in _FIELDS.items()):
        raise TypeError("a device field of another type")
    return DeviceInfo(**entry)


def run_helper(
    rescan: Callable[[], list[DeviceInfo]],
    seconds: float,
    out: IO[str] | None = None,
    stdin: IO[str] | None = None,
) -> int:
    """The helper process: every `seconds`, `rescan()` and one line of devices on `out`;
    returns when `stdin` closes or `out` is gone."""
    out, stdin = out or sys.stdout, stdin or sys.stdin
    closed = threading.Event()

    def wait_for_close() -> None:
        with contextlib.suppress(OSError, ValueError):
            stdin.read()
        closed.set()

    threading.Thread(target=wait_for_close, name="helper-input", daemon=True).start()
    while True:
        with contextlib.suppress(Exception):  # PortAudio failed this time: say nothing
            line = json.dumps([asdict(device) for device in rescan()])
            try:
                out.write(line + "\n")
                out.flush()
            except (OSError, ValueError):  # the watcher is gone
                return 0
        if closed.wait(seconds):
            return 0
