"""Whether a global hotkey can work here, and why not.

Wayland gives no program the keys typed into another program's window, by design; there the
global hotkey is unavailable and only the in-window key works. On X11 the listener needs a
display with the RECORD extension; on macOS the app needs the Accessibility permission. The
reasons are codes: the window words them (and translates them).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum


class Unavailable(Enum):
    WAYLAND = "wayland"  # a Wayland session: no global keys for anyone
    NO_DISPLAY = "no_display"  # Linux without DISPLAY
    NO_RECORD = "no_record"  # the X server lacks the RECORD extension
    NO_LIBRARY = "no_library"  # pynput (or its backend) could not be loaded
    NO_PERMISSION = "no_permission"  # macOS: Accessibility / Input Monitoring not granted
    STOPPED = "stopped"  # the listener started, then stopped on its own
    INVALID = "invalid"  # the setting is not a hotkey


@dataclass(frozen=True)
class HotkeyProblem:
    """Why the global hotkey does not work; `detail` is the library's own words, if any."""

    reason: Unavailable
    detail: str = ""


def session_problem(
    env: Mapping[str, str], *, platform: str = sys.platform, qt_platform: str = ""
) -> HotkeyProblem | None:
    """What the session itself rules out (no library is loaded to find out)."""
    if not platform.startswith("linux"):
        return None
    wayland = env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or qt_platform == "wayland"
    if wayland or (env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY")):
        return HotkeyProblem(Unavailable.WAYLAND)
    if not env.get("DISPLAY"):
        return HotkeyProblem(Unavailable.NO_DISPLAY)
    return None
