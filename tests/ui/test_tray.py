"""The tray on a desktop without one (Qt offscreen has no system tray: the fallback is what runs
here), its menu working the window's controls, and its settings. tests/xcb runs the real
QSystemTrayIcon in a tray (a selection owner on the Xvfb display): closing to the tray, the
notifications, Quit."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from assistant.settings.store import AppSettings, SettingsStore
from assistant.ui.settings_dialog import SettingsDialog
from assistant.ui.tray import TrayOptions, tray_available
from tests.ui.rig import voiced, window_rig

KEEP = AppSettings(tray_keep_running=True, tray_notify=True)


def test_without_a_system_tray_closing_the_window_quits_as_before(qtbot: QtBot, qloop: Any) -> None:
    assert not tray_available()  # Qt's offscreen platform has no tray: the fallback runs here
    with window_rig(qtbot, qloop, settings=KEEP) as rig:
        tray, window = rig.app.tray, rig.window
        assert not tray.icon.isVisible() and not tray.keep_running and not tray.notify
        closed: list[bool] = []
        window.closed.connect(lambda: closed.append(True))
        window.windowHandle().close()  # as the title bar's close button does (spontaneous)
        assert closed == [True] and not window.isVisible()


def test_the_tray_menu_works_the_window_controls(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        tray, talk = rig.app.tray, rig.window.talk
        tray.follow_window()
        assert tray.talk_action.text() == "Talk" and tray.talk_action.isEnabled()
        tray.talk_action.trigger()
        assert talk.held and tray.talk_action.text() == "Send what I said"
        rig.say(voiced(0.4))
        tray.talk_action.trigger()
        assert not talk.held and tray.talk_action.text() == "Talk"
        rig.wait(lambda: any(e["type"] == "input_audio_buffer.commit" for e in rig.sim.received))
        tray.mute_action.trigger()
        assert talk.mute_button.isChecked() and not tray.talk_action.isEnabled()
        talk.mute_button.click()
        assert not tray.mute_action.isChecked()
        assert tray.show_action.text() == "Hide window"
        tray.show_action.trigger()
        assert not rig.window.isVisible() and tray.show_action.text() == "Show window"
        tray.show_action.trigger()
        assert rig.window.isVisible()
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)  # a click on the icon
        assert rig.window.isVisible() is (sys.platform == "darwin")  # there it opens the menu
        rig.window.show()
        closed: list[bool] = []
        rig.window.closed.connect(lambda: closed.append(True))
        tray.quit_action.trigger()  # the window's Quit: closes for good
        assert closed == [True]


def test_the_settings_say_why_the_tray_options_are_off(qtbot: QtBot) -> None:
    dialog = SettingsDialog(KEEP)
    qtbot.addWidget(dialog)
    options = dialog.tray
    assert not options.available and not options.keep_running.isEnabled()
    assert not options.notify.isEnabled()
    assert options.reason.text() == (
        "This desktop has no system tray, so closing the window quits Realtime Assistant."
    )
    assert not options.reason.isHidden()
    values = dialog.values().settings
    assert values.tray_keep_running and values.tray_notify  # kept for a desktop with a tray


def test_with_a_tray_the_options_are_saved_and_notify_follows_keep_running(qtbot: QtBot) -> None:
    options = TrayOptions(available=True)
    qtbot.addWidget(options)
    options.load(AppSettings())
    assert options.keep_running.isEnabled() and not options.notify.isEnabled()
    assert options.reason.isHidden()
    options.keep_running.setChecked(True)
    assert options.notify.isEnabled()
    options.notify.setChecked(True)
    assert options.apply(AppSettings()) == KEEP


def test_tray_settings_are_stored_and_malformed_values_keep_the_defaults(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    store.save(KEEP)
    assert store.load() == KEEP
    data = json.loads(store.path.read_text())
    data.update(tray_keep_running="yes", tray_notify=1)
    store.path.write_text(json.dumps(data))
    loaded = store.load()
    assert not loaded.tray_keep_running and not loaded.tray_notify
    assert store.take_notice() == ""  # a wrong field is not a broken file


def test_the_tray_icon_is_the_app_icon(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        icon = rig.app.tray.icon
        assert isinstance(icon, QSystemTrayIcon) and not icon.icon().isNull()
        assert icon.contextMenu() is rig.app.tray.menu
        assert [a.text() for a in rig.app.tray.menu.actions() if a.text()] == [
            "Hide window",
            "Talk",
            "Mute microphone",
            "Quit",
        ]
