"""GPT-Live in the app's settings: the two providers, the delegation choice, the endpoint they
make, echo handling forced to cancel, the cost panel counting seconds, the settings dialog."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from assistant.app.assembly import echo_setting
from assistant.app.connection import find_key, plan_connection, same_connection
from assistant.audio.echo import EchoMode
from assistant.realtime import Dialect, ResponseFinished, Usage
from assistant.realtime.usage import Cost
from assistant.settings.secrets import MemorySecretStore
from assistant.settings.store import AppSettings, SettingsStore
from assistant.transport import AuthStyle, Provider
from assistant.ui.cost import CostPanel
from assistant.ui.settings_dialog import SettingsDialog
from assistant.ui.settings_form import model_choices

KEY = "sk-live-settings-0123456789"


def test_openai_gpt_live_uses_the_openai_key_and_live_sessions() -> None:
    secrets = MemorySecretStore()
    secrets.set("openai", KEY)
    plan = plan_connection(AppSettings(provider="openai-live"), secrets, {})
    endpoint = plan.endpoint
    assert endpoint is not None and plan.provider == "OpenAI GPT-Live"
    assert endpoint.url == "wss://api.openai.com/v1/live/sessions"
    assert (endpoint.dialect, endpoint.model) == (Dialect.LIVE, "gpt-live-1")
    assert endpoint.headers() == {"Authorization": f"Bearer {KEY}"}
    chosen = AppSettings(provider="openai-live", model="gpt-live-1.1")
    assert plan_connection(chosen, secrets, {}).endpoint.model == "gpt-live-1.1"  # type: ignore[union-attr]


def test_azure_gpt_live_with_a_key_or_entra_id() -> None:
    settings = AppSettings(provider="azure-live", endpoint="myres")
    plan = plan_connection(settings, MemorySecretStore(), {"AZURE_OPENAI_API_KEY": KEY})
    endpoint = plan.endpoint
    assert endpoint is not None and endpoint.provider is Provider.AZURE
    assert endpoint.url == "wss://myres.openai.azure.com/openai/v1/live/sessions"
    assert endpoint.auth is AuthStyle.BEARER and endpoint.model == "gpt-live-1"
    signed_in = plan_connection(
        AppSettings(provider="azure-live", endpoint="myres", deployment="live", entra_id=True),
        MemorySecretStore(),
        {},
    ).endpoint
    assert signed_in is not None and signed_in.dialect is Dialect.LIVE
    assert getattr(signed_in.credential, "blocks", False)  # Entra ID tokens, no key
    assert find_key("azure-live", MemorySecretStore(), {"AZURE_OPENAI_API_KEY": KEY})[0] == KEY


def test_the_delegation_is_saved_checked_and_starts_a_new_session(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    store.save(AppSettings(provider="openai-live", live_delegation="client"))
    assert store.load().live_delegation == "client"
    (tmp_path / "settings.json").write_text(json.dumps({"live_delegation": "nobody"}))
    assert store.load().live_delegation == "responses"  # a hostile value keeps the default
    live = AppSettings(provider="openai-live")
    assert not same_connection(live, AppSettings(provider="openai-live", live_delegation="client"))
    assert same_connection(AppSettings(), AppSettings(live_delegation="client"))


def test_live_settings_force_echo_cancellation() -> None:
    for settings in (
        AppSettings(provider="openai-live", echo_mode="off"),
        AppSettings(provider="openai", model="gpt-live-1", echo_mode="gate"),
        AppSettings(provider="custom", endpoint="ws://h:1/v1/live/sessions", echo_mode="off"),
    ):
        assert echo_setting(settings, None, None).mode is EchoMode.CANCEL
    assert echo_setting(AppSettings(echo_mode="off"), None, None).mode is EchoMode.OFF


def test_the_cost_panel_counts_seconds_for_live(qtbot: QtBot) -> None:
    panel = CostPanel()
    qtbot.addWidget(panel)
    panel.per_second = True
    usage = Usage(input_text=120, output_text=20, audio_seconds=12.5)
    panel.add_reply(ResponseFinished("r1", "completed", None, usage, Cost(session_time=0.0104)))
    assert panel.session_tokens.text().startswith("12.5 s of session")
    assert "120 in" in panel.session_tokens.text()
    assert "session time $0.0104" in panel.session_dollars.toolTip()


def test_the_dialog_offers_gpt_live_with_its_own_fields(qtbot: QtBot) -> None:
    dialog = SettingsDialog(AppSettings(provider="openai-live", live_delegation="client"))
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.isRowVisible(dialog.delegation) and form.isRowVisible(dialog.live_note)
    assert not form.isRowVisible(dialog.endpoint)
    assert [dialog.model.itemText(i) for i in range(dialog.model.count())] == [
        "gpt-live-1",
        "gpt-live-1.1",
    ]
    values = dialog.values()
    assert (values.settings.model, values.settings.live_delegation) == ("gpt-live-1", "client")
    assert values.key_account == "openai"
    assert not form.isRowVisible(dialog.web_search)  # client delegation: no backend model
    dialog.delegation.setCurrentIndex(dialog.delegation.findData("responses"))
    assert form.isRowVisible(dialog.web_search)
    dialog.web_search.setChecked(True)
    assert dialog.values().settings.live_web_search
    dialog.provider.setCurrentIndex(dialog.provider.findData("azure-live"))
    assert form.isRowVisible(dialog.endpoint) and form.isRowVisible(dialog.delegation)
    dialog.provider.setCurrentIndex(dialog.provider.findData("openai"))
    assert not form.isRowVisible(dialog.delegation)
    assert dialog.model.currentText() == model_choices()[0]  # the newest Realtime model again


def test_the_live_providers_are_checked_like_their_accounts() -> None:
    from assistant.settings.checks import ConnectionFields, check_connection

    assert [p.field for p in check_connection(ConnectionFields("openai-live"))] == ["key"]
    assert check_connection(ConnectionFields("openai-live", model="gpt-live-1", has_key=True)) == []
    azure = ConnectionFields("azure-live", endpoint="myres", has_key=True)
    assert check_connection(azure) == []  # the deployment defaults to gpt-live-1
    bad = ConnectionFields("azure-live", endpoint="my res", deployment="a b", entra_id=True)
    assert [p.field for p in check_connection(bad)] == ["endpoint", "deployment"]
