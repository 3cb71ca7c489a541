"""A secret store that can also keep a key for this run only, in front of the OS keyring.

When no keyring backend works, the user may still use a key without it ever touching a file:
`keep_for_run` holds it in memory until the process exits. `get` looks there first, then in the
keyring; `set` and `delete` go to the keyring (and forget the in-memory copy).
"""

from __future__ import annotations

from assistant.settings.secrets import MemorySecretStore, SecretStore, SecretStoreUnavailable


class LayeredSecretStore:
    """Keys for this run only (memory) in front of `keyring` (a `SecretStore`)."""

    def __init__(self, keyring: SecretStore) -> None:
        self.keyring = keyring
        self._run_only = MemorySecretStore()

    def get(self, account: str) -> str | None:
        return self._run_only.get(account) or self.keyring.get(account)

    def set(self, account: str, secret: str) -> None:
        """Store in the keyring; raises `SecretStoreUnavailable` when there is none."""
        self.keyring.set(account, secret)
        self._run_only.delete(account)

    def delete(self, account: str) -> None:
        self._run_only.delete(account)
        self.keyring.delete(account)

    def keep_for_run(self, account: str, secret: str) -> None:
        """Hold the key in memory only: it is gone when the app exits."""
        self._run_only.set(account, secret)

    def unavailable_reason(self) -> str:
        """Why the keyring cannot be used, or "" when it works."""
        try:
            self.keyring.get("openai")
        except SecretStoreUnavailable as unavailable:
            return unavailable.message
        return ""
