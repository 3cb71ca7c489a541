"""The first-run welcome over the demo window."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from assistant.app.connection import demo_plan, plan_connection
from assistant.app.main import wants_welcome
from assistant.app.settings_flow import SettingsFlow
from assistant.settings.layered import LayeredSecretStore
from assistant.settings.secrets import MemorySecretStore
from assistant.settings.store import AppSettings, SettingsStore

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
