"""Whether a window can open here (standard library only: asked before Qt is loaded)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping


def display_available(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True on Windows and macOS; elsewhere when X11, Wayland or a Qt platform is named."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform in ("win32", "darwin"):
        return True
    return any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def runs_offscreen(env: Mapping[str, str] | None = None) -> bool:
    """True when Qt will use its offscreen platform: the first one `QT_QPA_PLATFORM` names
    (it may list fallbacks, "offscreen;xcb", and options, "offscreen:fontengine=freetype")."""
    env = os.environ if env is None else env
    first = env.get("QT_QPA_PLATFORM", "").split(";")[0]
    return first.split(":")[0].strip().lower() == "offscreen"
