"""Settings that cannot work are refused where they are typed: the rules, and the dialog that
marks the field, says why Save is off, and clears a test answer when a field changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from assistant.app.settings_flow import SettingsFlow
from assistant.settings.checks import ConnectionFields, check_connection, check_hotkeys, is_url
from assistant.settings.layered import LayeredSecretStore
from assistant.settings.secrets import MemorySecretStore
from assistant.settings.store import AppSettings, SettingsStore
from assistant.ui.settings_dialog import SettingsDialog
from tests.app.test_settings_flow import choose


def fields_of(values: ConnectionFields) -> list[str]:
    return [problem.field for problem in check_connection(values)]


@pytest.mark.parametrize(
    ("values", "wrong"),
    [
        (ConnectionFields("azure"), ["endpoint", "deployment", "key"]),
        (ConnectionFields("azure", "htp:/not a url!!", "rt", has_key=True), ["endpoint"]),
        (ConnectionFields("azure", "my-res", "r t", has_key=True), ["deployment"]),
        (ConnectionFields("azure", "my-res", "rt", entra_id=True), []),
        (ConnectionFields("azure", "my-res", "rt", api_version="soon", has_key=True),
         ["api_version"]),
        (ConnectionFields("azure", "https://r.openai.azure.com", "rt", has_key=True), []),
        (ConnectionFields("azure", "http://r.openai.azure.com", "rt", has_key=True), ["endpoint"]),
        (ConnectionFields("openai"), ["key"]),
        (ConnectionFields("openai", model="gpt realtime", has_key=True), ["model"]),
        (ConnectionFields("custom"), ["endpoint"]),
        (ConnectionFields("custom", "https://example.com/v1/realtime"), ["endpoint"]),
        (ConnectionFields("custom", "wss://[::1]:8080/v1/realtime"), []),
        (ConnectionFields("demo", "anything at all"), []),
    ],
)  # fmt: skip
def test_the_rules(values: ConnectionFields, wrong: list[str]) -> None:
    assert fields_of(values) == wrong


@pytest.mark.parametrize(
    "text",
    ["wss://", "wss://host:99999/", "wss://a b/", "wss://host/\x00", "wss://ho$t/", "x" * 3000],
)
def test_addresses_a_file_may_hold_are_refused(text: str) -> None:
    assert not is_url(text, ("wss",))


def buttons(dialog: SettingsDialog) -> QDialogButtonBox:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return box


def test_save_is_off_while_a_field_cannot_work_and_says_why(qtbot: QtBot, tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    saved: list[AppSettings] = []
    secrets = LayeredSecretStore(MemorySecretStore())
    flow = SettingsFlow(store, secrets, {}, lambda s, _c: saved.append(s))
    dialog = flow.open(AppSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog.provider, "azure")
    save = buttons(dialog).button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled() and dialog.problem_note.isVisible()
    note = dialog.problem_note.text().splitlines()
    assert note[0] == "Save is off until these are fixed:" and len(note) == 4
    assert note[1].startswith("\u2022 Azure needs the resource endpoint")
    assert save.toolTip() == save.accessibleDescription() == dialog.problem_note.text()
    for field in (dialog.endpoint, dialog.deployment, dialog.key):
        assert field.property("invalid") is True
        assert field.toolTip() and field.accessibleDescription() == field.toolTip()
    qtbot.keyClicks(dialog.endpoint, "htp:/not a url!!")
    assert "neither an Azure resource name" in dialog.endpoint.toolTip()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.deployment, Qt.Key.Key_Return)  # Enter does not get around it
    assert dialog.isVisible() and saved == [] and not store.path.exists()
    dialog.endpoint.setText("my-resource")
    qtbot.keyClicks(dialog.deployment, "gpt-realtime")
    assert dialog.endpoint.property("invalid") is False and dialog.endpoint.toolTip() == ""
    assert not save.isEnabled()
    assert dialog.problem_note.text().startswith("Save is off until this is fixed: No Azure key")
    qtbot.keyClicks(dialog.key, "not-a-real-key")
    assert save.isEnabled() and not dialog.problem_note.isVisible()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert [s.endpoint for s in saved] == ["my-resource"]


def test_a_key_in_the_environment_counts(qtbot: QtBot, tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    secrets = LayeredSecretStore(MemorySecretStore())
    flow = SettingsFlow(store, secrets, {"OPENAI_API_KEY": "sk-env"}, lambda _s, _c: None)
    dialog = flow.open(AppSettings(provider="openai"))
    qtbot.addWidget(dialog)
    assert dialog.problems == [] and dialog.save_button.isEnabled()


def test_a_file_with_settings_that_cannot_work_opens_marked(qtbot: QtBot) -> None:
    hostile = AppSettings(provider="custom", endpoint="wss://host:99999/x", api_version="??")
    dialog = SettingsDialog(hostile)
    qtbot.addWidget(dialog)
    assert dialog.endpoint.property("invalid") is True and not dialog.save_button.isEnabled()
    dialog.endpoint.setText("wss://host:9999/x")
    assert dialog.save_button.isEnabled()
    assert dialog.values().settings.api_version == ""  # not shown, so not kept when wrong


def test_a_test_answer_goes_when_a_field_changes(qtbot: QtBot) -> None:
    dialog = SettingsDialog(AppSettings(provider="custom", endpoint="wss://a.example/v1"))
    qtbot.addWidget(dialog)
    dialog.show_test_running()
    dialog.show_test_result(False, "a.example rejected the credentials (HTTP 401).")
    assert dialog.test_result.text().startswith("a.example rejected")
    qtbot.keyClicks(dialog.key, "x")
    assert dialog.test_result.text() == ""
    dialog.show_test_running()
    dialog.endpoint.setText("wss://b.example/v1")  # edited while the test runs
    dialog.show_test_result(True, "OK: a.example")
    assert dialog.test_result.text() == "" and dialog.test_button.isEnabled()
    dialog.show_test_result(False, "The system keyring is locked.")  # not a test: always shown
    assert dialog.test_result.text() == "The system keyring is locked."


@pytest.mark.parametrize("key", ["sk-a b", "sk-\x00", "sk-ключ", "sk-" + "x" * 2000])
def test_a_typed_key_that_cannot_be_a_key_is_refused(key: str) -> None:
    problems = check_connection(ConnectionFields("openai", has_key=True), key)
    assert [problem.field for problem in problems] == ["key"]
    assert key not in str(problems[0].sentence)
    assert check_connection(ConnectionFields("custom", "wss://a.example/v1"), key) != []
    assert check_connection(ConnectionFields("demo"), key) == []  # no key is used


def test_the_dialog_marks_a_pasted_key_with_a_line_break(qtbot: QtBot) -> None:
    dialog = SettingsDialog(AppSettings(provider="openai"))
    qtbot.addWidget(dialog)
    dialog.key.setText("sk-abc\ndef")  # QLineEdit keeps what a paste brings
    assert dialog.key.property("invalid") is True and not dialog.save_button.isEnabled()
    dialog.key.setText("sk-abcdef")
    assert dialog.save_button.isEnabled()


@pytest.mark.parametrize(
    ("talk", "screen", "clash"),
    [
        ("F8", "F9", False),
        ("Ctrl+Shift+Space", "shift+ctrl+space", True),  # any case, any order
        ("F8", "", False),
        ("", "", False),
        ("F8", "Ctrl+F8", False),
    ],
)
def test_the_screen_key_cannot_be_the_talk_key(talk: str, screen: str, clash: bool) -> None:
    problems = check_hotkeys(talk, screen)
    assert [p.field for p in problems] == (["screen_hotkey"] if clash else [])


def test_the_dialog_refuses_a_screen_key_equal_to_the_talk_key(qtbot: QtBot) -> None:
    dialog = SettingsDialog(AppSettings(provider="demo", global_hotkey="F8"))
    qtbot.addWidget(dialog)
    assert dialog.save_button.isEnabled()
    assert dialog.screen_hotkey.field.accessibleName() == "Global screen key"
    qtbot.keyClick(dialog.screen_hotkey.field, Qt.Key.Key_F8)
    field = dialog.screen_hotkey.field
    assert not dialog.save_button.isEnabled() and field.property("invalid") is True
    sentence = "The screen key is the same combination as the talk key"
    assert field.toolTip().startswith(sentence)
    assert dialog.problem_note.text() == f"Save is off until this is fixed: {field.toolTip()}"
    assert dialog.test_button.isEnabled()  # the connection itself can still be tested
    qtbot.keyClick(field, Qt.Key.Key_F9)
    assert dialog.save_button.isEnabled() and field.property("invalid") is False
    assert dialog.values().settings.screen_hotkey == "F9"
