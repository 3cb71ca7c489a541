"""Ask about my screen in the real window against the simulator: the action (whole screen,
region), the global screen key (press -> capture -> picture -> talk -> release), each protocol,
the clash with the talk key, and the sentences when something fails.

The picture strip is the other half of the window's picture work (`MainWindow.attach_picture`);
here a recorder stands in for it (`PictureSink`). Qt's offscreen platform has no screen to grab,
so `ScreenCapture` gets the platform's answer as a pixmap of known colours (hiding and showing
the windows, the overlay, scaling and encoding are the real ones); tests/xcb grabs a real X
screen.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap, QScreen
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

import assistant.app.screen as screen_module
from assistant.app.assembly import apply_settings
from assistant.app.pictures import MAX_SHORT_SIDE, picture_from_image
from assistant.app.screen import ScreenAsk, install_screen
from assistant.realtime import Dialect, Picture
from assistant.settings.store import AppSettings
from assistant.transport import custom
from assistant.ui.chat_rows import RowKind
from assistant.ui.screen_capture import ScreenCapture
from tests.hotkey.scripted import ScriptedSource, down, up
from tests.integration.harness import endpoint_for
from tests.oracle import validate_client_event
from tests.ui.rig import Rig, voiced, window_rig
from tests.ui.test_window_voice import talk_calls

RED, BLUE = QColor(220, 20, 30), QColor(20, 40, 210)
SCREEN = QSize(3000, 2000)  # a large screen's pixels: scaled down to the model's limits


class Recorder:
    """A `PictureSink` that keeps what it is given, and the order of everything in `log`."""

    def __init__(self, log: list[str]) -> None:
        self.log, self.pictures = log, []  # type: list[str], list[Picture]

    def attach_picture(self, picture: Picture) -> None:
        self.log.append("attach")
        self.pictures.append(picture)


def screen_pixels(log: list[str], ratio: int = 0) -> Any:
    """The platform's grab: red left, blue right, logged as "capture"; `SCREEN` in size, or
    the screen's size at a device pixel ratio of `ratio`."""

    def grab(screen: QScreen) -> QPixmap:
        log.append("capture")
        size = screen.geometry().size() * ratio if ratio else SCREEN
        pixmap = QPixmap(size)
        pixmap.fill(RED)
        painter = QPainter(pixmap)
        painter.fillRect(size.width() // 2, 0, size.width() // 2, size.height(), BLUE)
        painter.end()
        return pixmap

    return grab


class Screen:
    """`install_screen` on the rig's window with a recorder, a scripted key and the grab."""

    def __init__(self, rig: Rig, grab: Any = None) -> None:
        self.rig, self.log = rig, []  # type: Rig, list[str]
        self.sink = Recorder(self.log)
        self.source = ScriptedSource()
        self.capture = ScreenCapture(rig.window, delay=0, grab=grab or screen_pixels(self.log))
        self.ask: ScreenAsk = install_screen(
            rig.app, self.sink, capture=self.capture, source=lambda: self.source
        )

    def play(self, *script: Any) -> None:
        self.source.play(*script)
        self.rig.qtbot.wait(0)

    def questions_busy(self) -> bool:
        return self.ask.questions.busy

    @property
    def notice(self) -> str:
        return str(self.rig.window.status.message.full_text)


@pytest.fixture
def x11(monkeypatch: pytest.MonkeyPatch) -> None:
    """An X11 session as far as the session check can tell (the source is scripted)."""
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")


def test_whole_screen_from_its_shortcut_attaches_the_screen_scaled(
    qtbot: QtBot, qloop: Any
) -> None:
    with window_rig(qtbot, qloop) as rig:
        screen = Screen(rig)
        QTest.keyClick(
            rig.window,
            Qt.Key.Key_S,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        rig.wait(lambda: screen.sink.pictures)
        picture = screen.sink.pictures[0]
        assert (picture.name, picture.mime) == ("screen.png", "image/png")
        assert (picture.width, picture.height) == (1152, MAX_SHORT_SIDE)  # 3000x2000 fitted
        image = QImage.fromData(picture.data)
        assert image.pixelColor(10, 10) == RED and image.pixelColor(1140, 700) == BLUE
        assert screen.log == ["capture", "attach"]
        assert rig.window.isVisible()  # hidden for the capture only


def test_the_picture_is_made_off_the_gui_thread(
    qtbot: QtBot, qloop: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scaling and encoding a screen take 0.1-0.2 s: not on the thread the window and the
    audio run on."""
    made_on: list[threading.Thread] = []

    def recorded(name: str, image: QImage) -> Picture:
        made_on.append(threading.current_thread())
        return picture_from_image(name, image)

    monkeypatch.setattr(screen_module, "picture_from_image", recorded)
    with window_rig(qtbot, qloop) as rig:
        screen = Screen(rig)
        screen.ask.actions.whole.trigger()
        rig.wait(lambda: screen.sink.pictures)
        assert made_on and made_on[0] is not threading.main_thread()
        assert not screen.questions_busy()


def test_a_picture_that_fails_unexpectedly_is_one_sentence(
    qtbot: QtBot, qloop: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(name: str, image: QImage) -> Picture:
        raise RuntimeError("a bug while encoding")

    monkeypatch.setattr(screen_module, "picture_from_image", broken)
    with window_rig(qtbot, qloop) as rig:
        screen = Screen(rig)
        screen.ask.actions.whole.trigger()
        rig.wait(lambda: "could not be read" in screen.notice)
        assert screen.notice == (
            "The pictures could not be read, so nothing was attached; the log says why."
        )
        assert screen.sink.pictures == [] and not screen.questions_busy()
        assert rig.window.isVisible() and "a bug while encoding" in caplog.text


def test_a_region_from_the_toolbars_menu_attaches_what_was_dragged(
    qtbot: QtBot, qloop: Any
) -> None:
    with window_rig(qtbot, qloop) as rig:
        screen = Screen(rig, grab=screen_pixels([], ratio=2))
        actions = screen.ask.actions
        assert actions.button.menu() is actions.menu
        assert [a.text() for a in actions.menu.actions()] == ["&Whole screen", "&Region…"]
        actions.region.trigger()
        capture = screen.capture
        rig.wait(lambda: capture.picker is not None and capture.picker.isVisible())
        assert not rig.window.isVisible()
        picker = capture.picker
        assert picker is not None
        start, end = QPoint(10, 10), QPoint(110, 60)
        QTest.mousePress(picker, Qt.MouseButton.LeftButton, pos=start)
        QTest.mouseMove(picker, end)
        QTest.mouseRelease(picker, Qt.MouseButton.LeftButton, pos=end)
        rig.wait(lambda: screen.sink.pictures)
        picture = screen.sink.pictures[0]
        assert (picture.width, picture.height) == (200, 100)  # device pixels at a ratio of 2
        assert rig.window.isVisible()


def test_an_empty_capture_says_what_to_do_and_attaches_nothing(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        screen = Screen(rig, grab=lambda _screen: QPixmap())  # Wayland without permission
        screen.ask.actions.whole.trigger()
        rig.wait(lambda: "could not be captured" in screen.notice)
        assert "Wayland" in screen.notice and screen.sink.pictures == []
        assert rig.window.isVisible()


@pytest.mark.parametrize(
    ("dialect", "why"),
    [
        ("live", "GPT-Live does not take pictures."),
        ("beta", "The Azure preview protocol does not take pictures"),
    ],
)
def test_a_protocol_without_pictures_turns_the_action_off_and_the_key_says_why(
    qtbot: QtBot, qloop: Any, x11: None, dialect: str, why: str
) -> None:
    target = (
        (lambda sim: custom(sim.live_url))
        if dialect == "live"
        else (lambda sim: endpoint_for(sim, "beta"))
    )
    with window_rig(qtbot, qloop, audio=False, endpoint=target) as rig:
        screen = Screen(rig)
        apply_settings(rig.app, replace(rig.app.settings, screen_hotkey="F9"))
        actions = screen.ask.actions
        assert rig.app.core.session.dialect is Dialect(dialect)
        for item in (actions.whole, actions.region, actions.menu.menuAction()):
            assert not item.isEnabled() and item.toolTip().startswith(why)
        assert not actions.button.isEnabled() and actions.button.toolTip().startswith(why)
        screen.play(down("F9"), up("F9"))
        rig.wait(lambda: screen.notice.startswith(why))
        assert screen.log == [] and not rig.window.talk.held  # nothing captured


def test_the_screen_key_captures_attaches_then_talks_until_released(
    qtbot: QtBot, qloop: Any, x11: None
) -> None:
    with window_rig(qtbot, qloop) as rig:
        screen = Screen(rig)
        apply_settings(rig.app, replace(rig.app.settings, screen_hotkey="Ctrl+F9"))
        order = screen.log
        calls = talk_calls(rig)  # the controller's press and release, as they come
        screen.sink.log = calls
        screen.capture.grab = screen_pixels(calls)
        screen.play(down("Ctrl"), down("F9"))
        rig.wait(lambda: rig.window.talk.held)
        assert calls == ["capture", "attach", "press"]
        screen.play(up("F9"), up("Ctrl"))
        rig.wait(lambda: not rig.window.talk.held)
        assert calls == ["capture", "attach", "press", "release"]
        assert order == []


def test_the_screen_key_works_while_the_window_is_hidden_in_the_tray(
    qtbot: QtBot, qloop: Any, x11: None
) -> None:
    with window_rig(qtbot, qloop) as rig:
        screen = Screen(rig)
        apply_settings(rig.app, replace(rig.app.settings, screen_hotkey="F9"))
        rig.window.hide()  # what closing to the tray does
        screen.play(down("F9"))
        rig.wait(lambda: rig.window.talk.held)
        screen.play(up("F9"))
        rig.wait(lambda: not rig.window.talk.held)
        assert screen.log == ["capture", "attach"] and len(screen.sink.pictures) == 1
        assert not rig.window.isVisible()  # it stays in the tray


def test_a_key_let_go_before_the_capture_is_done_only_attaches(
    qtbot: QtBot, qloop: Any, x11: None
) -> None:
    with window_rig(qtbot, qloop) as rig:
        screen = Screen(rig)
        apply_settings(rig.app, replace(rig.app.settings, screen_hotkey="F9"))
        gate: asyncio.Future[None] = qloop.create_future()
        real = screen.capture.whole

        async def held_back() -> QImage:
            await gate
            return await real()

        screen.capture.whole = held_back  # type: ignore[method-assign]
        calls = talk_calls(rig)
        tracker = screen.ask.key.listening.tracker  # type: ignore[union-attr]
        screen.play(down("F9"))
        rig.wait(lambda: tracker.held and screen.questions_busy())
        screen.play(up("F9"))
        rig.wait(lambda: not tracker.held)
        gate.set_result(None)
        rig.wait(lambda: screen.sink.pictures)
        qtbot.wait(10)
        assert calls == [] and not rig.window.talk.held


def test_a_screen_key_equal_to_the_talk_key_is_one_notice_and_off(
    qtbot: QtBot, qloop: Any, x11: None
) -> None:
    with window_rig(qtbot, qloop) as rig:
        settings = AppSettings(global_hotkey="Ctrl+F9", screen_hotkey="ctrl+f9")  # by hand
        rig.app.settings = settings  # as loaded (the talk key itself is not started here)
        screen = Screen(rig)
        assert screen.ask.key.listening is None
        assert screen.notice == (
            "The screen key is the same combination as the talk key: choose another one for "
            "one of them."
        )


def test_the_shortcuts_list_names_both_choices_and_the_screen_key(
    qtbot: QtBot, qloop: Any, x11: None
) -> None:
    with window_rig(qtbot, qloop) as rig:
        rig.app.settings = replace(rig.app.settings, screen_hotkey="Ctrl+F9")
        Screen(rig)
        rig.window.show_shortcuts()
        rows = dict(rig.window.shortcuts_dialog.rows())
        rig.window.shortcuts_dialog.close()
        assert rows["Ctrl+Shift+S"] == "Ask about my screen: Whole screen"
        assert rows["Ctrl+Shift+R"] == "Ask about my screen: Region"
        assert rows["Ctrl+F9 (hold, in any program)"].startswith("Attach the whole screen")


def test_closing_the_app_while_a_region_is_being_picked_closes_the_overlay(
    qtbot: QtBot, qloop: Any
) -> None:
    with window_rig(qtbot, qloop) as rig:
        screen = Screen(rig)
        screen.ask.actions.region.trigger()
        rig.wait(lambda: screen.capture.picker is not None)
        picker = screen.capture.picker
        assert picker is not None and picker.isVisible()
        cancelled: list[bool] = []
        picker.cancelled.connect(lambda: cancelled.append(True))
        screen.ask.stop()
        rig.wait(lambda: not screen.ask.tasks)
        assert cancelled == [True]  # closed (and deleted)
        assert screen.sink.pictures == [] and rig.window.isVisible()


def test_a_screen_key_that_cannot_listen_is_one_notice_of_its_own(
    qtbot: QtBot, qloop: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    with window_rig(qtbot, qloop) as rig:
        rig.app.settings = replace(rig.app.settings, screen_hotkey="F9")
        screen = Screen(rig)
        assert screen.ask.key.listening is None and screen.source.sink is None
        assert screen.notice == (
            "The screen key is unavailable on Wayland; Ask about my screen in the Conversation "
            "menu still works."
        )
        assert screen.ask.actions.whole.isEnabled()  # the window's action is not a hotkey


def test_into_the_windows_strip_the_screen_goes_with_the_spoken_turn(
    qtbot: QtBot, qloop: Any, x11: None
) -> None:
    with window_rig(qtbot, qloop) as rig:
        screen = Screen(rig)
        install_screen(rig.app, rig.window, capture=screen.capture, source=lambda: screen.source)
        apply_settings(rig.app, replace(rig.app.settings, screen_hotkey="F9"))
        screen.play(down("F9"))
        rig.wait(lambda: rig.window.talk.held)
        rig.say(voiced(0.4))
        screen.play(up("F9"))
        rig.wait(lambda: len(rig.rows_of(RowKind.ASSISTANT)) == 1)
        rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT)[0].final)
        created = [e for e in rig.sim.received if e["type"] == "conversation.item.create"]
        assert len(created) == 1
        validate_client_event(created[0], "ga")
        parts = created[0]["item"]["content"]
        assert [part["type"] for part in parts] == ["input_image"]
        assert parts[0]["image_url"].startswith("data:image/png;base64,")
        shown = [p for row in rig.rows_of(RowKind.USER) for p in row.pictures]
        assert [(p.name, p.width, p.height) for p in shown] == [("screen.png", 1152, 768)]
        assert len(rig.window.composer.strip) == 0  # it left with the turn
