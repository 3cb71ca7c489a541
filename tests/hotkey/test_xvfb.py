"""The global hotkey for real: the app's window against the simulator, keys typed by xdotool.

The window is on Qt's offscreen platform, so it never has the X keyboard focus: xdotool's keys
go to the X server (Xvfb from scripts/with-services.sh) as if typed into another program, and
only pynput's RECORD listener sees them. A second pynput listener in the test watches the raw
events, so the test waits for the X server's autorepeat instead of sleeping.
"""

# ruff: noqa: S603, S607  # runs xdotool from PATH

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from assistant.hotkey import HotkeyProblem, Unavailable
from assistant.hotkey.listener import PynputSource
from assistant.settings.store import AppSettings
from assistant.ui.chat_rows import RowKind
from tests.ui.rig import Rig, voiced, window_rig


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=10)


class RawKeys:
    """Every key press the X server reports, by pynput's name (the test's own listener)."""

    def __init__(self) -> None:
        self.presses: list[str] = []
        self._lock = threading.Lock()

    def count(self, name: str) -> int:
        with self._lock:
            return self.presses.count(name)

    def pressed(self, key: Any, _injected: bool) -> None:
        with self._lock:
            self.presses.append(str(getattr(key, "name", None) or getattr(key, "char", "")))


@contextmanager
def raw_keys() -> Iterator[RawKeys]:
    from pynput import keyboard

    from assistant.hotkey.listener import _unblock_xorg

    seen = RawKeys()
    listener = keyboard.Listener(on_press=seen.pressed)
    listener.start()
    listener.wait()
    try:
        yield seen
    finally:
        listener.stop()
        _unblock_xorg(listener)
        listener.join(10)


def record_talk(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The push-to-talk commands the real controller receives, in order."""
    controller, calls = rig.app.core.controller, []
    press, release = controller.press_to_talk, controller.release_to_talk

    def pressed() -> None:
        calls.append("press")
        press()

    def released() -> bool:
        calls.append("release")
        return release()

    monkeypatch.setattr(controller, "press_to_talk", pressed)
    monkeypatch.setattr(controller, "release_to_talk", released)
    return calls


def listening(rig: Rig) -> bool:
    hotkey = rig.app.hotkey.listening
    return hotkey is not None and hotkey.ready


def sent(rig: Rig, kind: str) -> int:
    return sum(1 for event in rig.sim.received if event["type"] == f"input_audio_buffer.{kind}")


def test_holding_f8_elsewhere_talks_through_the_window(
    qtbot: QtBot, qloop: Any, x_keyboard: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = AppSettings(global_hotkey="F8")
    with raw_keys() as raw, window_rig(qtbot, qloop, settings=settings) as rig:
        calls = record_talk(rig, monkeypatch)
        rig.wait(lambda: listening(rig))
        xdotool("keydown", "F8")
        rig.wait(lambda: calls == ["press"])
        assert rig.window.talk.held and rig.window.status.turn.text() == "Listening"
        rig.say(voiced(0.6))
        rig.wait(lambda: raw.count("f8") >= 3)  # the X server's autorepeat while F8 is held
        xdotool("keyup", "F8")
        rig.wait(lambda: "release" in calls)
        assert calls == ["press", "release"]  # the repeats neither pressed nor released again
        assert not rig.window.talk.held
        rig.wait(lambda: rig.rows_of(RowKind.USER) and rig.rows_of(RowKind.USER)[0].text)
        assert rig.rows_of(RowKind.USER)[0].text == "(0.6 seconds of speech)"
        assert (sent(rig, "clear"), sent(rig, "commit")) == (1, 1)


def test_the_global_key_talks_while_the_window_is_hidden(
    qtbot: QtBot, qloop: Any, x_keyboard: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = AppSettings(global_hotkey="F8", tray_keep_running=True)
    with window_rig(qtbot, qloop, settings=settings) as rig:
        calls = record_talk(rig, monkeypatch)
        rig.wait(lambda: listening(rig))
        rig.window.hide()  # in the tray
        xdotool("keydown", "F8")
        rig.wait(lambda: calls == ["press"])
        rig.say(voiced(0.5))
        xdotool("keyup", "F8")
        rig.wait(lambda: calls == ["press", "release"])
        rig.wait(lambda: rig.rows_of(RowKind.USER) and rig.rows_of(RowKind.USER)[0].text)
        assert rig.rows_of(RowKind.USER)[0].text == "(0.5 seconds of speech)"
        assert not rig.window.isVisible() and sent(rig, "commit") == 1


def test_a_modifier_combination_and_only_it_talks(
    qtbot: QtBot, qloop: Any, x_keyboard: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = AppSettings(global_hotkey="Ctrl+Shift+Space")
    with window_rig(qtbot, qloop, settings=settings) as rig:
        calls = record_talk(rig, monkeypatch)
        rig.wait(lambda: listening(rig))
        xdotool("key", "space", "ctrl+space", "shift+space", "ctrl+alt+shift+space")
        xdotool("keydown", "ctrl+shift+space")
        rig.wait(lambda: calls == ["press"])  # the keys before it, in order, pressed nothing
        rig.say(voiced(0.4))
        xdotool("keyup", "ctrl+shift+space")
        rig.wait(lambda: "release" in calls)
        assert calls == ["press", "release"]
        rig.wait(lambda: rig.rows_of(RowKind.USER) and rig.rows_of(RowKind.USER)[0].text)
        assert rig.rows_of(RowKind.USER)[0].text == "(0.4 seconds of speech)"


def test_switching_the_hotkey_off_live_stops_listening(
    qtbot: QtBot, qloop: Any, x_keyboard: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.app.assembly import apply_settings

    with window_rig(qtbot, qloop, settings=AppSettings(global_hotkey="F8")) as rig:
        calls = record_talk(rig, monkeypatch)
        rig.wait(lambda: listening(rig))
        first = rig.app.hotkey.listening
        apply_settings(rig.app, AppSettings(global_hotkey="F9"))
        rig.wait(lambda: listening(rig))
        assert rig.app.hotkey.listening is not first and first is not None and first.stopped
        with raw_keys() as raw:
            xdotool("key", "F8")  # the old key does nothing now
            xdotool("keydown", "F9")
            rig.wait(lambda: calls == ["press"])
            xdotool("keyup", "F9")
            rig.wait(lambda: calls == ["press", "release"])
            apply_settings(rig.app, AppSettings(global_hotkey=""))
            assert rig.app.hotkey.listening is None
            xdotool("key", "F9")
            rig.wait(lambda: raw.count("f9") == 2)
        qtbot.wait(0)
        assert calls == ["press", "release"]


class ThreadSink:
    """A `KeySink` for the real listener alone: events set from pynput's threads."""

    def __init__(self, fail_with: str = "") -> None:
        self.fail_with = fail_with
        self.is_ready, self.has_ended = threading.Event(), threading.Event()
        self.problem: HotkeyProblem | None = None

    def key(self, name: str | None, down: bool) -> None:
        del name, down
        if self.fail_with:
            raise RuntimeError(self.fail_with)

    def ready(self) -> None:
        self.is_ready.set()

    def ended(self, problem: HotkeyProblem | None) -> None:
        self.problem = problem
        self.has_ended.set()


def test_a_listener_that_fails_reports_why_it_ended(x_keyboard: str) -> None:
    sink, source = ThreadSink(fail_with="boom"), PynputSource()
    assert source.start(sink) is None
    assert sink.is_ready.wait(10)
    xdotool("key", "F8")
    assert sink.has_ended.wait(10)
    assert sink.problem == HotkeyProblem(Unavailable.STOPPED, "boom")


def test_stopping_the_listener_ends_its_thread_without_another_key(x_keyboard: str) -> None:
    sink, source = ThreadSink(), PynputSource()
    assert source.start(sink) is None
    assert sink.is_ready.wait(10)
    source.stop()
    assert sink.has_ended.wait(10)  # pynput alone would wait for the next key event
    assert sink.problem is None


def test_no_display_is_a_plain_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    problem = PynputSource(platform="linux").start(ThreadSink())
    assert problem is not None
    assert problem.reason in (Unavailable.NO_DISPLAY, Unavailable.NO_LIBRARY)  # imported or not
