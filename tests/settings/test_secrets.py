"""The secret store: the memory fake and the real OS keyring implement one protocol."""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Iterator

import keyring
import keyring.backend
import keyring.backends.fail
import pytest

from assistant.settings.secrets import (
    KeyringSecretStore,
    MemorySecretStore,
    SecretStore,
    SecretStoreUnavailable,
    tool_account,
)

REAL_KEYRING = os.environ.get("RA_SECRET_SERVICE") == "1"


def round_trip(store: SecretStore) -> None:
    account = f"test-{uuid.uuid4().hex[:8]}"
    assert store.get(account) is None
    store.set(account, "sk-test-secret-value")
    assert store.get(account) == "sk-test-secret-value"
    store.delete(account)
    assert store.get(account) is None
    store.delete(account)  # deleting twice is not an error


def test_memory_store_round_trip() -> None:
    round_trip(MemorySecretStore())


@pytest.mark.skipif(not REAL_KEYRING, reason="needs a Secret Service (scripts/with-services.sh)")
def test_real_secret_service_round_trip() -> None:
    assert "SecretService" in KeyringSecretStore.backend_name()
    round_trip(KeyringSecretStore(service="realtime-assistant-tests"))


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.mark.usefixtures("no_keyring")
def test_missing_keyring_says_what_to_do_and_never_falls_back_to_a_file() -> None:
    store = KeyringSecretStore()
    with pytest.raises(SecretStoreUnavailable, match="No system keyring is available"):
        store.set("openai", "sk-test-secret-value")
    with pytest.raises(SecretStoreUnavailable) as caught:
        store.get("openai")
    assert "sk-test" not in caught.value.message


class DictKeyring(keyring.backend.KeyringBackend):
    """A keyring backend in memory (the `keys` command talks to whatever backend is set).
    It has no `priority`, so keyring never picks it by itself for other tests."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


def test_keys_set_tool_stores_a_tool_secret_apart_from_the_api_keys(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli.main import main

    backend = DictKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO("tok-for-the-wiki\n"))
        assert main(["keys", "set", "--tool", "openai"]) == 0
        assert backend.entries == {("realtime-assistant", "tool:openai"): "tok-for-the-wiki"}
        assert tool_account("openai") != "openai"  # a tool can never name the provider key
        assert main(["keys", "delete", "--tool", "openai"]) == 0
        assert backend.entries == {}
    finally:
        keyring.set_keyring(previous)
    assert "tok-for-the-wiki" not in capsys.readouterr().out
