"""The first-run welcome over the demo window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from assistant.app.audio import AudioSetup
from assistant.app.connection import demo_plan, plan_connection
from assistant.app.main import wants_welcome
from assistant.app.settings_flow import SettingsFlow
from assistant.audio.fakes import FakeBackend, fake_device
from assistant.settings.layered import LayeredSecretStore
from assistant.settings.secrets import MemorySecretStore
from assistant.settings.store import AppSettings, SettingsStore
from assistant.ui.first_run import FirstRunChoice
from tests.app.test_settings_flow import NoKeyring

KEY = "sk-test-first-run-" + "x" * 20


def flow_in(
    tmp_path: Path,
) -> tuple[SettingsFlow, MemorySecretStore, list[tuple[AppSettings, bool]]]:
    keyring = MemorySecretStore()
    saved: list[tuple[AppSettings, bool]] = []
    store = SettingsStore(tmp_path / "settings.json")
    flow = SettingsFlow(store, LayeredSecretStore(keyring), {}, lambda s, c: saved.append((s, c)))
    return flow, keyring, saved


def test_the_welcome_is_for_a_first_start_without_a_key() -> None:
    first = plan_connection(AppSettings(), MemorySecretStore(), {})
    assert wants_welcome(AppSettings(), first, demo=False)
    assert not wants_welcome(AppSettings(), first, demo=True)  # --demo goes straight there
    assert not wants_welcome(AppSettings(provider="demo"), demo_plan(), demo=False)
    keyed = plan_connection(AppSettings(), MemorySecretStore(), {"OPENAI_API_KEY": KEY})
    assert not wants_welcome(AppSettings(), keyed, demo=False)


def test_a_key_typed_in_the_welcome_goes_to_the_keyring_and_connects(
    qtbot: QtBot, tmp_path: Path
) -> None:
    flow, keyring, saved = flow_in(tmp_path)
    dialog = flow.first_run()
    qtbot.addWidget(dialog)
    assert not dialog.connect_button.isEnabled()
    qtbot.keyClicks(dialog.key, KEY)
    dialog.connect_button.click()
    assert keyring.get("openai") == KEY
    assert flow.store.load().provider == "openai"
    assert KEY not in flow.store.path.read_text()
    assert saved == [(flow.store.load(), True)] and not dialog.isVisible()


def test_keeping_the_demo_is_remembered_and_other_providers_open_the_settings(
    qtbot: QtBot, tmp_path: Path
) -> None:
    flow, _, saved = flow_in(tmp_path)
    dialog = flow.first_run()
    qtbot.addWidget(dialog)
    dialog.demo_button.click()
    assert flow.store.load().provider == "demo" and saved == []
    other = flow.first_run()
    qtbot.addWidget(other)
    other.other_button.click()
    assert flow.dialog is not None
    qtbot.addWidget(flow.dialog)
    assert flow.dialog.provider.currentData() == "azure"


def test_after_the_key_the_welcome_picks_the_devices(
    qtbot: QtBot, tmp_path: Path, qloop: Any
) -> None:
    backend = FakeBackend(
        [
            fake_device(0, "Mic", inputs=1, default=True),
            fake_device(1, "USB Mic", inputs=1),
            fake_device(2, "Speakers", outputs=2, default=True),
        ]
    )
    flow, keyring, saved = flow_in(tmp_path)
    flow.audio = AudioSetup(backend=backend)
    dialog = flow.first_run()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.key, KEY)
    dialog.connect_button.click()
    assert keyring.get("openai") == KEY and saved == []  # connects once the devices are picked
    assert dialog.steps.currentWidget().isAncestorOf(dialog.devices)
    page = dialog.devices
    page.input_device.setCurrentIndex(page.input_device.findText("USB Mic — Fake"))
    assert len(backend.open_streams) == 1  # the preview of the chosen input
    dialog.done_button.click()
    settings = flow.store.load()
    assert (settings.provider, settings.input_device, settings.input_host_api) == (
        "openai", "USB Mic", "Fake",
    )  # fmt: skip
    assert saved == [(settings, True)] and not dialog.isVisible()
    assert backend.open_streams == []


def test_the_demo_also_picks_devices_and_applies_them_without_reconnecting(
    qtbot: QtBot, tmp_path: Path, qloop: Any
) -> None:
    flow, _, saved = flow_in(tmp_path)
    flow.audio = AudioSetup(backend=FakeBackend([fake_device(0, "Mic", inputs=1, default=True)]))
    dialog = flow.first_run()
    qtbot.addWidget(dialog)
    dialog.demo_button.click()
    dialog.done_button.click()
    assert saved == [(flow.store.load(), False)] and flow.store.load().provider == "demo"


def test_without_a_keyring_the_welcome_offers_this_run_only(qtbot: QtBot, tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    secrets = LayeredSecretStore(NoKeyring())
    saved: list[tuple[AppSettings, bool]] = []
    flow = SettingsFlow(store, secrets, {}, lambda s, c: saved.append((s, c)))
    dialog = flow.first_run()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.keyring_note.isVisible() and "No system keyring" in dialog.keyring_note.text()
    assert dialog.run_only.isChecked()
    qtbot.keyClicks(dialog.key, KEY)
    dialog.run_only.setChecked(False)
    dialog.connect_button.click()
    assert dialog.isVisible() and "this run only" in dialog.problem.text()
    assert saved == []
    dialog.run_only.setChecked(True)
    dialog.connect_button.click()
    assert secrets.get("openai") == KEY and saved == [(store.load(), True)]
    assert KEY not in store.path.read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_the_welcome_checks_the_key_with_the_settings_rules(qtbot: QtBot, tmp_path: Path) -> None:
    flow, _, _ = flow_in(tmp_path)
    dialog = flow.first_run()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.connect_button.isEnabled()
    assert "No OpenAI API key" in dialog.connect_button.toolTip()  # says why it is off
    assert not dialog.problem.text() and not dialog.key.property("invalid")
    for pasted in ("sk-two words", "sk-é" + "x" * 20, "sk-" + "x" * 2000):
        dialog.key.setText(pasted)
        assert not dialog.connect_button.isEnabled(), pasted
        assert dialog.key.property("invalid") and "paste it again" in dialog.problem.text()
        assert pasted not in dialog.problem.text()  # the key is never shown back
    dialog.key.setText("  " + KEY + "\n")  # spaces around it are trimmed, as in Settings
    assert dialog.connect_button.isEnabled() and not dialog.key.property("invalid")
    assert not dialog.problem.text()


def test_the_flow_refuses_a_malformed_key_even_if_the_button_is_pressed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    flow, keyring, saved = flow_in(tmp_path)
    dialog = flow.first_run()
    qtbot.addWidget(dialog)
    dialog.chosen.emit(FirstRunChoice.OPENAI, "sk-bad\nkey")
    assert keyring.get("openai") is None and saved == []
    assert "paste it again" in dialog.problem.text()
