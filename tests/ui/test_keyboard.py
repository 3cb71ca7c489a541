"""The window from the keyboard: where Space goes, Return on buttons, the shortcuts, the focus
ring, and the microphone's label. The real window against the simulator (offscreen); the
X11 auto-repeat of a held Space is tested on a real X display in tests/xcb."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from assistant.controller import TurnMode
from assistant.ui import palette as colors
from assistant.ui.meter import MicState
from assistant.ui.shortcuts import shortcut_text
from assistant.ui.talk import takes_space
from tests.ui.rig import Rig, window_rig
from tests.ui.test_window_voice import talk_calls


def recorded_stops(rig: Rig) -> list[str]:
    """Each press of Stop reply (by the button, Space or Return on it, Esc, the menu)."""
    calls: list[str] = []
    rig.window.talk.stop_button.clicked.connect(lambda: calls.append("stop"))
    return calls


def tab_to(qtbot: QtBot, window: QWidget, target: QWidget) -> None:
    """Press Tab until `target` has the focus (as a keyboard user gets there)."""
    for _ in range(20):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target!r}")


def active(qtbot: QtBot, rig: Rig) -> None:
    rig.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is rig.window)


def test_space_presses_a_focused_button_and_talks_elsewhere(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        active(qtbot, rig)
        talk, calls = rig.window.talk, talk_calls(rig)
        stops = recorded_stops(rig)
        assert QApplication.focusWidget() is rig.window.chat_view  # Space talks from the start
        tab_to(qtbot, rig.window, talk.mute_button)
        qtbot.keyClick(talk.mute_button, Qt.Key.Key_Space)
        assert talk.mute_button.isChecked() and calls == []  # Space pressed Mute: no turn
        qtbot.keyClick(talk.mute_button, Qt.Key.Key_Return)
        assert not talk.mute_button.isChecked()  # Return presses it as well
        tab_to(qtbot, rig.window, talk.stop_button)
        qtbot.keyClick(talk.stop_button, Qt.Key.Key_Return)
        qtbot.keyClick(talk.stop_button, Qt.Key.Key_Space)
        assert stops == ["stop", "stop"] and calls == []
        tab_to(qtbot, rig.window, talk.mode_box)
        assert takes_space(talk.mode_box)  # Space opens its list (a popup offscreen cannot grab)
        tab_to(qtbot, rig.window, rig.window.chat_view)
        qtbot.keyPress(rig.window.chat_view, Qt.Key.Key_Space)
        assert talk.held and calls == ["press"]
        qtbot.keyRelease(rig.window.chat_view, Qt.Key.Key_Space)
        rig.wait(lambda: calls == ["press", "release"])


def test_space_held_on_the_talk_button_talks_and_return_toggles_a_turn(
    qtbot: QtBot, qloop: Any
) -> None:
    with window_rig(qtbot, qloop) as rig:
        active(qtbot, rig)
        talk, calls = rig.window.talk, talk_calls(rig)
        tab_to(qtbot, rig.window, talk.talk_button)
        qtbot.keyPress(talk.talk_button, Qt.Key.Key_Space)
        assert talk.held
        qtbot.keyRelease(talk.talk_button, Qt.Key.Key_Space)
        rig.wait(lambda: not talk.held)
        app = QApplication.instance()
        qtbot.keyPress(talk.talk_button, Qt.Key.Key_Space)
        app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)  # type: ignore[union-attr]
        assert not talk.held  # the key's release would go to the other program: the turn ends
        qtbot.keyRelease(talk.talk_button, Qt.Key.Key_Space)
        qtbot.keyClick(talk.talk_button, Qt.Key.Key_Return)
        assert talk.held and talk.talk_button.text() == "Listening… press again to send"
        assert rig.window.meter.mic_state is MicState.LIVE
        app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)  # type: ignore[union-attr]
        assert talk.held  # not a held key: another program taking the keyboard does not end it
        qtbot.keyClick(talk.talk_button, Qt.Key.Key_Return)
        assert not talk.held and calls == ["press", "release"] * 3


def test_the_shortcuts_work_and_are_shown_in_menus_tooltips_and_the_help(
    qtbot: QtBot, qloop: Any
) -> None:
    with window_rig(qtbot, qloop) as rig:
        active(qtbot, rig)
        window, talk = rig.window, rig.window.talk
        stops = recorded_stops(rig)
        qtbot.keyClick(window.chat_view, Qt.Key.Key_Escape)
        assert stops == ["stop"]
        qtbot.keyClick(window.chat_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
        assert talk.mute_button.isChecked() and window.mute_action.isChecked()
        assert window.meter.mic_state is MicState.MUTED
        talk.mute_button.click()  # the button and the menu entry stay in step
        assert not window.mute_action.isChecked()
        qtbot.keyClick(window.chat_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        assert rig.app.core.controller.mode is TurnMode.SERVER_VAD
        assert talk.mode_box.currentData() is TurnMode.SERVER_VAD
        assert [a.isChecked() for a in window.mode_actions.actions()] == [False, True, False]
        qtbot.keyClick(window.chat_view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is window.composer.text_box
        qtbot.keyClick(window.composer.text_box, Qt.Key.Key_Escape)  # Esc in the box too
        assert stops == ["stop", "stop"]
        assert shortcut_text(window.mute_action) == QKeySequence("Ctrl+M").toString(
            QKeySequence.SequenceFormat.NativeText
        )
        assert f"({shortcut_text(window.mute_action)})" in talk.mute_button.toolTip()
        assert f"({shortcut_text(window.stop_action)})" in talk.stop_button.toolTip()
        assert shortcut_text(window.mode_actions.actions()[0]) in talk.mode_box.toolTip()
        assert shortcut_text(window.message_action) in window.composer.text_box.toolTip()
        window.shortcuts_action.trigger()
        rows = dict(window.shortcuts_dialog.rows())  # type: ignore[union-attr]
        assert rows[shortcut_text(window.stop_action)] == "Stop reply"
        assert rows[shortcut_text(window.mute_action)] == "Mute microphone"
        assert rows[shortcut_text(window.message_action)] == "Type a message"
        assert rows[shortcut_text(window.settings_action)] == "Settings"
        assert "Space (hold)" in rows and "Return on the talk button" in rows
        window.shortcuts_dialog.close()  # type: ignore[union-attr]


def test_the_help_lists_the_global_talk_key_when_one_listens(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        rig.window.global_talk_key = lambda: "F8"
        rig.window.show_shortcuts()
        rows = dict(rig.window.shortcuts_dialog.rows())
        assert rows["F8 (hold, in any program)"].startswith("Talk while held")
        rig.window.shortcuts_dialog.close()


def test_the_focus_ring_follows_the_keyboard_in_the_palette_highlight(
    qtbot: QtBot, qloop: Any
) -> None:
    with window_rig(qtbot, qloop) as rig:
        active(qtbot, rig)
        window, ring = rig.window, rig.window.focus_ring
        assert not ring.isVisible()  # no ring (at the corner, on nothing) before the keyboard
        tab_to(qtbot, window, window.talk.mute_button)
        qtbot.waitUntil(ring.isVisible)
        assert ring.widget() is window.talk.mute_button
        assert ring.geometry().contains(window.talk.mute_button.geometry())
        assert ring_pixels(ring) == {window.palette().color(QPalette.ColorRole.Highlight).name()}
        dark = dark_palette()
        window.setPalette(dark)  # a dark scheme: the ring takes its highlight, no fixed colour
        assert ring.color() == dark.color(QPalette.ColorRole.Highlight).name() == "#3daee9"
        assert ring_pixels(ring) == {"#3daee9"}
        window.composer.focus()  # Ctrl+L
        qtbot.waitUntil(lambda: ring.widget() is window.composer.text_box)
        qtbot.mouseClick(window.chat_view.viewport(), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.chat_view)
        assert ring.widget() is None and not ring.isVisible()  # a click shows no ring


def ring_pixels(ring: QWidget) -> set[str]:
    """The opaque colours along the middle of the ring's left edge."""
    image = ring.grab().toImage()
    y = image.height() // 2
    colors = [QColor.fromRgba(image.pixel(x, y)) for x in range(2)]
    return {c.name() for c in colors if c.alpha() == 255}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#2b2c2f"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Button, "#303134"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
        (QPalette.ColorRole.Highlight, "#3daee9"),
    ):
        palette.setColor(role, QColor(color))
    return palette


def test_the_microphone_label_says_whether_anything_is_sent(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        meter, talk = rig.window.meter, rig.window.talk
        text, hue = meter._label(0)
        assert text == "○ Ready, not sending"  # push to talk between turns: nothing leaves
        assert hue is None  # neutral: the palette's secondary text, not green
        talk.press()
        assert meter._label(0) == ("● Microphone live", colors.GREEN)
        talk.release()
        assert meter.mic_state is MicState.READY
        talk.choose_mode(TurnMode.SEMANTIC_VAD)
        assert meter.mic_state is MicState.LIVE  # hands-free sends all the time


def test_the_turn_modes_have_the_same_names_in_the_window_and_in_settings(qtbot: QtBot) -> None:
    from assistant.settings.store import AppSettings
    from assistant.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(AppSettings())
    qtbot.addWidget(dialog)
    box = dialog.listening.turn_mode
    in_settings = [box.itemText(i) for i in range(box.count())]
    assert in_settings == [
        "Push to talk",
        "Hands-free: a pause ends the turn",
        "Hands-free: the model decides",
    ]
    from assistant.ui.talk import TalkBar
    from tests.ui.test_panels import Commands

    bar = TalkBar(Commands(), has_microphone=True)
    qtbot.addWidget(bar)
    assert [bar.mode_box.itemText(i) for i in range(bar.mode_box.count())] == in_settings


def test_return_on_the_send_button_sends_the_message(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        active(qtbot, rig)
        composer = rig.window.composer
        composer.focus()
        qtbot.keyClicks(composer.text_box, "hello there")
        tab_to(qtbot, rig.window, composer.send_button)
        qtbot.keyClick(composer.send_button, Qt.Key.Key_Return)
        assert composer.text_box.text() == ""
        rig.wait(lambda: any(row.text == "hello there" for row in rig.rows))


def test_return_presses_a_problem_banner_button(qtbot: QtBot, qloop: Any) -> None:
    from assistant.ui.problems import Action, Problem, ProblemKind

    with window_rig(qtbot, qloop) as rig:
        active(qtbot, rig)
        asked: list[tuple[object, object]] = []
        rig.window.problems.action_requested.connect(lambda kind, a: asked.append((kind, a)))
        rig.window.problems.show_problem(Problem(ProblemKind.SETTINGS, "The key is missing."))
        button = rig.window.problems.rows[ProblemKind.SETTINGS].buttons[Action.OPEN_SETTINGS]
        tab_to(qtbot, rig.window, button)
        qtbot.keyClick(button, Qt.Key.Key_Return)
        assert asked == [(ProblemKind.SETTINGS, Action.OPEN_SETTINGS)]
