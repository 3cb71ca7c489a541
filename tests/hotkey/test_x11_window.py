"""The window tests that need Qt on a real X display (tests/xcb), in a process of their own.

Qt picks its platform once per process, and this one runs offscreen; tests/xcb/conftest.py
explains the rest. This test fails unless every one of them ran and passed: none skipped.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_window_on_a_real_x_display(x_keyboard: str) -> None:
    env = {**os.environ, "RA_X11_WINDOW_TESTS": "1", "DISPLAY": x_keyboard}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
         "tests/xcb"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    report = done.stdout[-6000:] + done.stderr[-2000:]
    assert done.returncode == 0, report
    summary = done.stdout.strip().splitlines()[-1]
    passed = re.search(r"(\d+) passed", summary)
    assert passed and int(passed.group(1)) >= 4, report
    assert "skipped" not in summary and "deselected" not in summary, report
