"""Hotkey tests: the Qt loop fixture, and the X display with xdotool for the global-key tests."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.qt_loop import qloop

__all__ = ["qloop", "x_keyboard"]


@pytest.fixture
def x_keyboard() -> str:
    """The X display xdotool types on; skips without one (fails in CI, which starts one)."""
    problem = ""
    if not os.environ.get("DISPLAY"):
        problem = "no X server (DISPLAY is not set)"
    elif shutil.which("xdotool") is None:
        problem = "xdotool is not installed (scripts/system-deps.sh test)"
    if problem and (os.environ.get("CI") or os.environ.get("DISPLAY")):
        pytest.fail(f"the global-hotkey test cannot run here: {problem}")
    if problem:
        pytest.skip(f"{problem}: run through scripts/with-services.sh")
    return os.environ["DISPLAY"]
