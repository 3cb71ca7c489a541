"""The settings dialog round trip: dialog -> settings file + keyring -> dialog, and its test button.

The key must land in the keyring and nowhere else: not in the settings file, not in the logs.
With `RA_SECRET_SERVICE=1` (scripts/with-services.sh) the same round trip also runs against a
real Secret Service (gnome-keyring).
"""

from __future__ import annotations

import gc
import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from assistant.app.settings_flow import SettingsFlow
from assistant.settings.layered import LayeredSecretStore
from assistant.settings.secrets import (
    KeyringSecretStore,
    MemorySecretStore,
    SecretStore,
    SecretStoreUnavailable,
)
from assistant.settings.store import AppSettings, SettingsStore
from assistant.simulator import Simulator, SimulatorOptions
from assistant.transport import entra
from assistant.ui.settings_dialog import SettingsDialog

KEY = "sk-test-dialog-" + "k" * 24
REAL_KEYRING = os.environ.get("RA_SECRET_SERVICE") == "1"


class NoKeyring:
    def get(self, account: str) -> str | None:
        del account
        raise SecretStoreUnavailable("No system keyring is available, so the key cannot be stored.")

    def set(self, account: str, secret: str) -> None:
        del account, secret
        raise SecretStoreUnavailable("No system keyring is available, so the key cannot be stored.")

    def delete(self, account: str) -> None:
        del account


@pytest.fixture(params=["memory", "secret-service"])
def keyring_store(request: pytest.FixtureRequest) -> Iterator[SecretStore]:
    if request.param == "memory":
        yield MemorySecretStore()
        return
    if not REAL_KEYRING:
        pytest.skip("needs a Secret Service (scripts/with-services.sh)")
    store = KeyringSecretStore(service=f"realtime-assistant-tests-{uuid.uuid4().hex[:8]}")
    yield store
    for account in ("openai", "azure", "custom"):
        store.delete(account)


def save(dialog: SettingsDialog, qtbot: QtBot) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(
        buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def choose(combo: Any, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_dialog_to_settings_and_keyring_and_back(
    qtbot: QtBot, tmp_path: Path, keyring_store: SecretStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store = SettingsStore(tmp_path / "settings.json")
    secrets = LayeredSecretStore(keyring_store)
    saved: list[tuple[AppSettings, bool]] = []
    flow = SettingsFlow(store, secrets, {}, lambda s, changed: saved.append((s, changed)))
    dialog = flow.open(AppSettings())
    qtbot.addWidget(dialog)
    choose(dialog.provider, "openai")
    assert dialog.model.isVisible() and not dialog.deployment.isVisible()
    dialog.model.setCurrentText("gpt-realtime-2")
    qtbot.keyClicks(dialog.key, KEY)
    dialog.conversation.voice.setCurrentText("cedar")
    choose(dialog.listening.language, "ja")
    choose(dialog.listening.turn_mode, "semantic_vad")
    dialog.conversation.instructions.setPlainText("Answer in Japanese.")
    save(dialog, qtbot)

    settings = store.load()
    assert (settings.provider, settings.model, settings.voice) == (
        "openai",
        "gpt-realtime-2",
        "cedar",
    )
    assert (settings.transcription_language, settings.turn_mode) == ("ja", "semantic_vad")
    assert keyring_store.get("openai") == KEY
    assert KEY not in store.path.read_text() and KEY not in caplog.text
    assert saved == [(settings, True)]

    again = flow.open(store.load())
    qtbot.addWidget(again)
    assert again.key.text() == "" and "stored in the keyring" in again.key.placeholderText()
    assert again.values().settings == settings and again.values().key is None
    save(again, qtbot)  # nothing changed: the stored key is kept, no reconnect needed
    assert keyring_store.get("openai") == KEY
    assert saved[-1] == (settings, False)


def test_without_a_keyring_the_key_is_kept_for_this_run_only(qtbot: QtBot, tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    secrets = LayeredSecretStore(NoKeyring())
    flow = SettingsFlow(store, secrets, {}, lambda _s, _changed: None)
    dialog = flow.open(AppSettings(provider="openai"))
    qtbot.addWidget(dialog)
    assert dialog.keyring_note.isVisible() and "No system keyring" in dialog.keyring_note.text()
    assert dialog.run_only.isChecked()
    qtbot.keyClicks(dialog.key, KEY)
    save(dialog, qtbot)
    assert secrets.get("openai") == KEY
    assert KEY not in store.path.read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_azure_shows_its_fields_and_warns_about_the_preview_protocol(qtbot: QtBot) -> None:
    dialog = SettingsDialog(AppSettings(provider="azure"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.deployment.isVisible() and dialog.auth.isVisible()
    assert not dialog.model.isVisible()
    dialog.endpoint.setText("https://res.openai.azure.com/openai/v1/realtime")
    assert not dialog.preview_note.isVisible()
    dialog.endpoint.setText(
        "https://res.openai.azure.com/openai/realtime?api-version=2025-04-01-preview"
    )
    assert dialog.preview_note.isVisible() and "legacy preview" in dialog.preview_note.text()
    choose(dialog.provider, "demo")
    assert not dialog.key.isVisible() and not dialog.endpoint.isVisible()


def test_test_connection_uses_the_check_and_says_what_is_wrong(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    sim = Simulator(SimulatorOptions(pace=0, api_key=KEY), host="127.0.0.1", port=0)
    started = qloop.create_task(sim.start())
    qtbot.waitUntil(started.done, timeout=10_000)
    flow = SettingsFlow(SettingsStore(tmp_path / "s.json"), LayeredSecretStore(MemorySecretStore()),
                        {}, lambda _s, _c: None)  # fmt: skip
    dialog = flow.open(AppSettings(provider="custom", endpoint=sim.url))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.key, "sk-wrong")
    dialog.test_button.click()
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=15_000)
    assert dialog.test_result.text() == (
        "127.0.0.1 rejected the credentials (HTTP 401). Check the key configured for this endpoint."
    )
    dialog.key.setText(KEY)
    dialog.test_button.click()
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=15_000)
    assert dialog.test_result.text().startswith(f"OK: custom {sim.url}")
    closed = qloop.create_task(sim.close())
    qtbot.waitUntil(closed.done, timeout=10_000)


def test_azure_entra_sign_in_takes_no_key_and_round_trips(qtbot: QtBot, tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    flow = SettingsFlow(store, LayeredSecretStore(MemorySecretStore()), {}, lambda _s, _c: None)
    dialog = flow.open(AppSettings(provider="azure", endpoint="res", deployment="realtime"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.auth.currentData() is False and dialog.key.isVisible()
    choose(dialog.auth, True)
    assert dialog.auth.currentText() == "Microsoft Entra ID (sign in)"
    assert not dialog.key.isVisible()
    save(dialog, qtbot)
    assert store.load().entra_id is True
    again = flow.open(store.load())  # an old settings file's entra_id: true reads the same way
    qtbot.addWidget(again)
    assert again.auth.currentData() is True
    choose(again.auth, False)
    assert not again.save_button.isEnabled()  # an API key, but none typed, stored or set
    qtbot.keyClicks(again.key, KEY)
    save(again, qtbot)
    assert store.load().entra_id is False


class _NotSignedIn:
    def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        del scopes, kwargs
        identity = pytest.importorskip("azure.identity", reason="needs azure-identity")
        raise identity.CredentialUnavailableError("EnvironmentCredential: details, tok-xyz")


def test_test_connection_with_entra_and_no_account_says_to_sign_in(
    qtbot: QtBot, qloop: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entra, "default_credential", lambda _interactive: _NotSignedIn())
    entra.shared_tokens.cache_clear()
    flow = SettingsFlow(SettingsStore(tmp_path / "s.json"), LayeredSecretStore(MemorySecretStore()),
                        {}, lambda _s, _c: None)  # fmt: skip
    settings = AppSettings(provider="azure", endpoint="res", deployment="rt", entra_id=True)
    dialog = flow.open(settings)
    qtbot.addWidget(dialog)
    gc.collect()  # earlier tests' widgets must not be collected in the token's worker thread
    dialog.test_button.click()
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=15_000)
    entra.shared_tokens.cache_clear()
    assert dialog.test_result.text() == entra.NOT_SIGNED_IN
