"""Settings on disk (never a secret), and which endpoint the app connects to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.app.connection import NO_KEY, plan_connection
from assistant.app.tools import AppTools, ToolServices
from assistant.settings.secrets import MemorySecretStore, SecretStoreUnavailable, tool_account
from assistant.settings.store import AppSettings, SettingsStore, default_path
from assistant.transport import AuthStyle, Provider, shared_tokens

KEY = "sk-test-settings-0123456789"


def test_settings_round_trip_through_a_json_file(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "deep" / "settings.json")
    assert store.load() == AppSettings()
    chosen = AppSettings(provider="azure", endpoint="my-res", deployment="rt", voice="cedar",
                         turn_mode="semantic_vad", transcription_language="ja")  # fmt: skip
    store.save(chosen)
    assert store.load() == chosen
    assert json.loads(store.path.read_text())["transcription_language"] == "ja"
    assert [p.name for p in store.path.parent.iterdir()] == ["settings.json"]  # no temp left


def test_odd_settings_files_fall_back_to_defaults_field_by_field(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"provider": "nonsense", "voice": 7, "model": "gpt-realtime-2",
                                "turn_mode": "server_vad", "from_the_future": True}))  # fmt: skip
    settings = SettingsStore(path).load()
    assert (settings.provider, settings.voice) == (None, "marin")
    assert (settings.model, settings.turn_mode) == ("gpt-realtime-2", "server_vad")
    path.write_text("{not json")
    assert SettingsStore(path).load() == AppSettings()


def test_the_default_file_is_in_the_user_config_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "/somewhere/config")
    assert default_path() == Path("/somewhere/config/realtime-assistant/settings.json")


def test_no_provider_and_no_key_is_the_offline_demo() -> None:
    plan = plan_connection(AppSettings(), MemorySecretStore(), {})
    assert (plan.endpoint, plan.provider, plan.note) == (None, "Offline demo", NO_KEY)


def test_an_openai_key_in_the_keyring_or_the_environment_picks_openai() -> None:
    secrets = MemorySecretStore()
    secrets.set("openai", KEY)
    plan = plan_connection(AppSettings(), secrets, {})
    assert plan.endpoint is not None and plan.endpoint.provider is Provider.OPENAI
    assert plan.endpoint.headers() == {"Authorization": f"Bearer {KEY}"}
    assert KEY not in repr(plan)
    env_plan = plan_connection(AppSettings(), MemorySecretStore(), {"OPENAI_API_KEY": KEY})
    assert env_plan.endpoint is not None and env_plan.provider == "OpenAI"


def test_azure_takes_its_key_and_settings() -> None:
    settings = AppSettings(provider="azure", endpoint="my-res", deployment="rt")
    plan = plan_connection(settings, MemorySecretStore(), {"AZURE_OPENAI_API_KEY": KEY})
    assert plan.endpoint is not None and plan.endpoint.auth is AuthStyle.API_KEY
    assert plan.endpoint.url == "wss://my-res.openai.azure.com/openai/v1/realtime?model=rt"
    missing = plan_connection(AppSettings(provider="azure"), MemorySecretStore(), {})
    assert missing.endpoint is None and missing.problem.startswith("Azure needs the resource")
    assert missing.problem.endswith("The offline demo runs until it is fixed.")


def test_azure_with_entra_id_needs_no_key_and_signs_in_with_the_shared_tokens() -> None:
    settings = AppSettings(provider="azure", endpoint="my-res", deployment="rt", entra_id=True)
    plan = plan_connection(settings, MemorySecretStore(), {})
    assert plan.endpoint is not None and plan.endpoint.auth is AuthStyle.BEARER
    assert plan.endpoint.credential is shared_tokens(interactive=True)


def test_demo_wins_and_a_locked_keyring_is_explained() -> None:
    class Locked:
        def get(self, account: str) -> str | None:
            del account
            raise SecretStoreUnavailable("The system keyring is locked. Unlock it and try again.")

        def set(self, account: str, secret: str) -> None: ...
        def delete(self, account: str) -> None: ...

    secrets = MemorySecretStore()
    secrets.set("openai", KEY)
    assert plan_connection(AppSettings(), secrets, {}, demo=True).endpoint is None
    locked = plan_connection(AppSettings(), Locked(), {})
    assert locked.endpoint is None and "locked" in locked.note


def test_app_tools_follow_the_settings_and_declare_mcp_servers(tmp_path: Path) -> None:
    tools_file = tmp_path / "tools.toml"
    tools_file.write_text(
        '[[mcp]]\nserver_label = "wiki"\nserver_url = "https://mcp.example.com"\n'
        'authorization = "wiki-token"\n'
    )
    secrets = MemorySecretStore()
    services = ToolServices(secrets=secrets, user_file=tools_file)
    settings = AppSettings(tools_disabled=["calculate"], tool_permissions={"x": "allow"})
    tools = AppTools.build(settings, services)
    offered, notes = tools.session_tools()
    assert [t["name"] for t in offered] == ["get_current_time"]
    assert notes == [
        "MCP server wiki is left out: the secret 'wiki-token' is not in the keyring "
        "(store it with 'realtime-assistant keys set --tool wiki-token')."
    ]
    secrets.set(tool_account("wiki-token"), "tok")
    offered, notes = tools.session_tools()
    assert (offered[-1]["type"], offered[-1]["authorization"], notes) == ("mcp", "tok", [])
    assert AppTools.build(settings, services, offer_mcp=False).session_tools()[0] == offered[:1]
    tools.apply(AppSettings())
    assert [t["name"] for t in tools.session_tools()[0][:2]] == ["get_current_time", "calculate"]
