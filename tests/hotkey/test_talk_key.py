"""The global hotkey and the window's talk button: ownership, plain Space, and the notices.

The real window against the simulator; the key source is scripted (`tests/hotkey/scripted.py`),
so these run without an X server. `test_xvfb.py` does the same with real keys.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.app.hotkey import GlobalTalkKey
from assistant.hotkey import HotkeyProblem, Unavailable
from assistant.ui.chat_rows import RowKind
from tests.hotkey.scripted import ScriptedSource, down, up
from tests.ui.rig import Rig, voiced, window_rig


class Talk:
    """A `GlobalTalkKey` on the rig's window with a scripted source, and the notices it gave."""

    def __init__(self, rig: Rig, problem: HotkeyProblem | None = None) -> None:
        self.rig = rig
        self.source = ScriptedSource(problem)
        self.notices: list[str] = []
        self.key = GlobalTalkKey(rig.window.talk, self.notices.append, lambda: self.source)

    def play(self, *script: Any) -> None:
        self.source.play(*script)
        self.rig.qtbot.wait(0)  # the loop runs what the thread posted


@pytest.fixture
def x11(monkeypatch: pytest.MonkeyPatch) -> None:
    """An X11 session as far as the session check can tell (the source is scripted)."""
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")


def test_the_hotkey_never_ends_a_hold_it_did_not_start(qtbot: QtBot, qloop: Any, x11: None) -> None:
    with window_rig(qtbot, qloop) as rig:
        talk = Talk(rig)
        talk.key.apply("F8")
        bar = rig.window.talk
        qtbot.mousePress(bar.talk_button, Qt.MouseButton.LeftButton)  # held with the mouse
        talk.play(down("F8"), up("F8"))
        rig.wait(lambda: not talk.key.listening.tracker.held)  # type: ignore[union-attr]
        assert bar.held  # still the mouse's hold
        qtbot.mouseRelease(bar.talk_button, Qt.MouseButton.LeftButton)
        talk.play(down("F8"))
        rig.wait(lambda: bar.held)
        talk.play(up("F8"))
        rig.wait(lambda: not bar.held)


def test_the_hotkey_talks_while_the_window_is_hidden_in_the_tray(
    qtbot: QtBot, qloop: Any, x11: None
) -> None:
    with window_rig(qtbot, qloop) as rig:
        talk = Talk(rig)
        talk.key.apply("F8")
        rig.window.hide()  # what closing to the tray does
        talk.play(down("F8"))
        rig.wait(lambda: rig.window.talk.held)
        rig.say(voiced(0.4))
        talk.play(up("F8"))
        rig.wait(lambda: not rig.window.talk.held)
        rig.wait(lambda: rig.rows_of(RowKind.USER) and rig.rows_of(RowKind.USER)[0].text)
        assert rig.rows_of(RowKind.USER)[0].text == "(0.4 seconds of speech)"
        assert not rig.window.isVisible()


def test_plain_space_is_left_to_the_window_while_the_app_is_active(
    qtbot: QtBot, qloop: Any, x11: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QGuiApplication

    state = [Qt.ApplicationState.ApplicationActive]
    monkeypatch.setattr(QGuiApplication, "applicationState", staticmethod(lambda: state[0]))
    with window_rig(qtbot, qloop) as rig:
        talk = Talk(rig)
        talk.key.apply("Space")
        talk.play(down("Space"))  # typed into our own window: the in-window key decides
        assert not rig.window.talk.held
        talk.play(up("Space"))
        state[0] = Qt.ApplicationState.ApplicationInactive
        talk.play(down("Space"))  # typed into another program
        rig.wait(lambda: rig.window.talk.held)
        talk.play(up("Space"))
        rig.wait(lambda: not rig.window.talk.held)


def test_a_listener_that_dies_mid_hold_lets_go_and_says_so(
    qtbot: QtBot, qloop: Any, x11: None
) -> None:
    with window_rig(qtbot, qloop) as rig:
        talk = Talk(rig)
        talk.key.apply("Ctrl+Shift+Space")
        talk.play(down("Ctrl"), down("Shift"), down("Space"))
        rig.wait(lambda: rig.window.talk.held)
        talk.play(lambda sink: sink.ended(HotkeyProblem(Unavailable.STOPPED, "X server gone")))
        rig.wait(lambda: not rig.window.talk.held)
        assert talk.notices == [
            "The global hotkey stopped working (X server gone); the in-window key (Space) still "
            "works. Save the settings again to restart it."
        ]
        assert talk.key.listening is None
        talk.key.apply("Ctrl+Shift+Space")  # saving again starts a new listener
        assert talk.key.listening is not None


@pytest.mark.parametrize(
    "case",
    [
        (
            {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
            "F8",
            None,
            "The global hotkey is unavailable on Wayland; the in-window key (Space) still works.",
        ),
        (
            {"DISPLAY": ""},
            "F8",
            None,
            "The global hotkey needs an X11 display and there is none; the in-window key "
            "(Space) still works.",
        ),
        (
            {},
            "F8",
            HotkeyProblem(Unavailable.NO_RECORD),
            "The global hotkey is unavailable: the X server has no RECORD extension; the "
            "in-window key (Space) still works.",
        ),
        (
            {},
            "F8",
            HotkeyProblem(Unavailable.NO_LIBRARY, "No module named 'pynput'"),
            "The global hotkey is unavailable: its library (pynput) could not be loaded (No "
            "module named 'pynput'); the in-window key (Space) still works.",
        ),
        (
            {},
            "Ctrl+",
            None,
            "The global hotkey setting “Ctrl+” is not a key this app can listen for; "
            "choose one in Settings.",
        ),
    ],
)
def test_why_the_hotkey_cannot_work_is_one_notice_and_the_window_key_still_works(
    qtbot: QtBot,
    qloop: Any,
    x11: None,
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[dict[str, str], str, HotkeyProblem | None, str],
) -> None:
    env, setting, problem, notice = case
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with window_rig(qtbot, qloop) as rig:
        talk = Talk(rig, problem)
        talk.key.apply(setting)
        assert talk.notices == [notice]
        assert talk.key.listening is None and talk.source.stops == 0
        rig.window.talk.press()  # the in-window talk button and key are untouched
        assert rig.window.talk.held


def test_off_by_default_and_no_listener_is_started(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        assert rig.app.hotkey.setting == "" and rig.app.hotkey.listening is None
