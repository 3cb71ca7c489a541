"""Window tests on a real X display with Qt's xcb platform (Xvfb in CI, xdotool for keys).

Qt chooses its platform once per process and every other Qt test runs offscreen, so these run
in a process of their own: `tests/hotkey/test_x11_window.py` starts pytest on this folder with
`RA_X11_WINDOW_TESTS=1` and fails unless all of them pass. A run without that variable does not
collect them (it runs them through that test instead).

A desktop's system tray is an X selection (`_NET_SYSTEM_TRAY_S0`) owned by the tray's window;
Xvfb has none, so this process owns it with a window of its own (python-xlib, which pynput
brings), before Qt starts. Qt then finds a tray and the real `QSystemTrayIcon` is shown in it.
"""

from __future__ import annotations

import os

INNER = os.environ.get("RA_X11_WINDOW_TESTS") == "1"
collect_ignore_glob = [] if INNER else ["test_*.py"]

if INNER:
    os.environ["QT_QPA_PLATFORM"] = "xcb"  # before tests.qt_loop's default (offscreen)
    from Xlib import X
    from Xlib import display as xdisplay

    _TRAY = xdisplay.Display()  # kept open: the selection is ours while the display is
    _screen = _TRAY.screen()
    _owner = _screen.root.create_window(0, 0, 1, 1, 0, _screen.root_depth)
    _owner.set_selection_owner(_TRAY.intern_atom("_NET_SYSTEM_TRAY_S0"), X.CurrentTime)
    _TRAY.sync()

from tests.qt_loop import qloop  # noqa: E402  (after the platform is chosen)

__all__ = ["qloop"]
