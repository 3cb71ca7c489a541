"""Choosing the hotkey in the settings dialog, and keeping it in the settings file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.settings.store import AppSettings, SettingsStore
from assistant.ui.hotkey_edit import HotkeyEdit
from assistant.ui.settings_dialog import SettingsDialog


def test_pressing_keys_in_the_field_sets_the_hotkey_and_clearing_switches_it_off(
    qtbot: QtBot,
) -> None:
    edit = HotkeyEdit()
    qtbot.addWidget(edit)
    assert edit.hotkey() == ""
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(edit.field, Qt.Key.Key_Space, modifiers)
    assert edit.hotkey() == "Ctrl+Shift+Space"
    edit.field.clear()
    assert edit.hotkey() == ""
    qtbot.keyClick(edit.field, Qt.Key.Key_F8)
    assert edit.hotkey() == "F8"


def test_a_key_no_listener_knows_is_refused_in_plain_words(qtbot: QtBot) -> None:
    edit = HotkeyEdit()
    qtbot.addWidget(edit)
    qtbot.keyClick(edit.field, Qt.Key.Key_Semicolon, Qt.KeyboardModifier.ControlModifier)
    assert edit.hotkey() == ""
    assert edit.note.text().startswith("That key cannot be a global hotkey: use a function key")


def test_the_dialog_says_when_the_session_rules_a_global_hotkey_out(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    dialog = SettingsDialog(AppSettings(global_hotkey="F8"))
    qtbot.addWidget(dialog)
    assert not dialog.hotkey.note.isHidden()
    assert dialog.hotkey.note.text() == (
        "The global hotkey is unavailable on Wayland; the in-window key (Space) still works."
    )


def test_the_hotkey_round_trips_through_the_dialog_and_the_settings_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
    store = SettingsStore(tmp_path / "settings.json")
    store.save(AppSettings(global_hotkey="Meta+Ctrl+Alt+Shift+Pause"))
    dialog = SettingsDialog(store.load())
    qtbot.addWidget(dialog)
    assert dialog.hotkey.note.isHidden()
    assert dialog.values().settings.global_hotkey == "Meta+Ctrl+Alt+Shift+Pause"
    dialog.hotkey.field.clear()
    store.save(dialog.values().settings)
    assert store.load().global_hotkey == ""
    assert '"global_hotkey": ""' in store.path.read_text(encoding="utf-8")


def test_the_notices_are_in_japanese_with_the_details_filled_in(qapp: Any) -> None:
    from assistant.hotkey import HotkeyProblem, Unavailable
    from assistant.ui import i18n
    from assistant.ui.hotkey_edit import problem_text

    translators = i18n.install(qapp, "ja")
    try:
        stopped = problem_text(HotkeyProblem(Unavailable.STOPPED, "X connection lost"))
        wayland = problem_text(HotkeyProblem(Unavailable.WAYLAND))
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert stopped.startswith("グローバルホットキーが停止しました")
    assert "X connection lost" in stopped
    assert wayland.startswith("Wayland ではグローバルホットキーは使えません。")
