"""The real window on X11: a held Space under the X server's auto-repeat, and the tray.

Run by tests/hotkey/test_x11_window.py (see conftest.py here). xdotool types into the X server
and the window has the X keyboard focus, so Qt gets the keys as it does on a desktop: a held key
repeats as release and press pairs that Qt does not mark as repeats.
"""

# ruff: noqa: S603, S607  # runs xdotool from PATH

from __future__ import annotations

import subprocess
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from Xlib import X
from Xlib import display as xdisplay
from Xlib.protocol import event

from assistant.settings.store import AppSettings
from assistant.ui.chat_rows import RowKind
from assistant.ui.tray import tray_available
from tests.ui.rig import Rig, voiced, window_rig
from tests.ui.test_window_voice import talk_calls


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=10)


class SpaceEvents(QObject):
    """Every Space press and release the window receives from the X server, as Qt saw it."""

    def __init__(self, rig: Rig) -> None:
        super().__init__()
        self.window = rig.window.windowHandle()
        self.seen: list[tuple[str, bool]] = []  # ("press" or "release", marked as a repeat)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def presses(self) -> int:
        return sum(1 for kind, _repeat in self.seen if kind == "press")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's API)
        kinds = {QEvent.Type.KeyPress: "press", QEvent.Type.KeyRelease: "release"}
        mine = watched is self.window and event.type() in kinds
        if mine and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Space:
            self.seen.append((kinds[event.type()], event.isAutoRepeat()))
        return False


def focused(qtbot: QtBot, rig: Rig) -> None:
    rig.window.activateWindow()  # no window manager: Qt sets the X input focus itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is rig.window)
    rig.window.chat_view.setFocus()


def close_button(window: QWidget) -> None:
    """What a window manager sends when the title bar's close button is clicked."""
    shown = xdisplay.Display()
    try:
        target = shown.create_resource_object("window", int(window.winId()))
        protocols = shown.intern_atom("WM_PROTOCOLS")
        delete = shown.intern_atom("WM_DELETE_WINDOW")
        message = event.ClientMessage(
            window=target, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
        )
        target.send_event(message, event_mask=X.NoEventMask)
        shown.sync()
    finally:
        shown.close()


def commits(rig: Rig) -> int:
    return sum(1 for e in rig.sim.received if e["type"] == "input_audio_buffer.commit")


def test_holding_space_under_x_auto_repeat_is_one_turn(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        focused(qtbot, rig)
        keys, calls = SpaceEvents(rig), talk_calls(rig)
        xdotool("keydown", "space")
        rig.wait(lambda: calls == ["press"])
        rig.say(voiced(0.6))
        rig.wait(lambda: keys.presses() >= 4)  # the X server repeats the held key
        xdotool("keyup", "space")
        rig.wait(lambda: calls == ["press", "release"])
        # Qt marks a repeat as such only when its release and press reach it together (it
        # varies from run to run); unmarked, the releases in between were not believed
        rig.wait(lambda: rig.rows_of(RowKind.USER) and rig.rows_of(RowKind.USER)[0].text)
        assert [row.text for row in rig.rows_of(RowKind.USER)] == ["(0.6 seconds of speech)"]
        assert commits(rig) == 1 and calls == ["press", "release"]


def test_space_on_a_focused_button_presses_it_even_while_repeating(
    qtbot: QtBot, qloop: Any
) -> None:
    with window_rig(qtbot, qloop) as rig:
        focused(qtbot, rig)
        calls, mute = talk_calls(rig), rig.window.talk.mute_button
        mute.setFocus(Qt.FocusReason.TabFocusReason)
        xdotool("key", "space")
        rig.wait(mute.isChecked)
        assert calls == [] and rig.window.focus_ring.widget() is mute


def test_in_a_tray_closing_hides_the_window_replies_notify_and_quit_quits(
    qtbot: QtBot, qloop: Any
) -> None:
    assert tray_available()  # the tray this process owns (conftest.py)
    settings = AppSettings(tray_keep_running=True, tray_notify=True)
    with window_rig(qtbot, qloop, settings=settings) as rig:
        tray, window = rig.app.tray, rig.window
        qtbot.waitUntil(tray.icon.isVisible)
        closed: list[bool] = []
        window.closed.connect(lambda: closed.append(True))
        close_button(window)
        qtbot.waitUntil(lambda: not window.isVisible())
        assert closed == []
        assert tray.notes == [
            "Realtime Assistant is still running. Quit from this icon's menu to end it."
        ]
        assert tray.show_action.text() == "Show window"
        rig.app.core.controller.send_text("hello while hidden")
        rig.wait(lambda: len(tray.notes) == 2)
        reply = rig.rows_of(RowKind.ASSISTANT)[0].text
        assert reply and tray.notes[1] == " ".join(reply.split())[:160]
        tray.show_action.trigger()
        assert window.isVisible()
        rig.app.core.controller.send_text("hello while shown")
        rig.wait(lambda: len(rig.rows_of(RowKind.ASSISTANT)) == 2)
        rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT)[1].final)
        assert len(tray.notes) == 2  # shown: no notification
        tray.quit_action.trigger()
        assert closed == [True] and not window.isVisible()


def test_in_a_tray_without_the_setting_closing_quits(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        qtbot.waitUntil(rig.app.tray.icon.isVisible)
        closed: list[bool] = []
        rig.window.closed.connect(lambda: closed.append(True))
        close_button(rig.window)
        qtbot.waitUntil(lambda: closed == [True])
