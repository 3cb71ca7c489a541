"""API keys in the OS keyring, behind one small protocol (the only `keyring` import).

`KeyringSecretStore` uses the platform's keyring (Secret Service on Linux, Keychain on macOS,
Credential Manager on Windows). When no backend exists or the keyring is locked it raises
`SecretStoreUnavailable` with a sentence the user can act on; it never falls back to a file.
`MemorySecretStore` implements the same protocol for tests and for "keep for this run only".

A locked Secret Service keyring is reported as locked, not unlocked: asking the keyring library
for a secret in a locked collection starts an unlock prompt and waits for it on the calling
(GUI) thread, with no end where no prompter can show (a headless session). So each call first
asks whether the default collection is locked, which never prompts (`secret_service_locked`);
the user unlocks the keyring with the desktop's tools, and the app notices (Retry, or its
quiet re-check while the problem is shown).

Two namespaces share the keyring service: provider API keys under the profile's name
("openai", "azure", ...), and the secrets of user tools (`{secret:NAME}` in `tools.toml`, an
MCP server's `authorization`) under `tool:NAME` (`tool_account`). A tool can name only the
second kind, so no tools file can hand a provider key to a server. Tool secrets stored before
this split (under the bare name) are not read any more: store them again with
`realtime-assistant keys set --tool NAME` (the error for a missing one says so).
"""

from __future__ import annotations

from typing import Protocol

import keyring
import keyring.errors

try:  # the Secret Service client keyring uses on Linux; absent elsewhere
    import secretstorage

    SECRET_SERVICE = True
except ImportError:  # pragma: no cover  (Windows, macOS)
    SECRET_SERVICE = False

from assistant.text import QT_TRANSLATE_NOOP, Sentence

SERVICE = "realtime-assistant"
TOOL_PREFIX = "tool:"


def tool_account(name: str) -> str:
    """The keyring account of the user tool secret `name` (never a provider key's)."""
    return TOOL_PREFIX + name


class SecretStoreUnavailable(Exception):
    """The keyring cannot be used now; `message` says why and what to do (a `Sentence`)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SecretStore(Protocol):
    def get(self, account: str) -> str | None: ...
    def set(self, account: str, secret: str) -> None: ...
    def delete(self, account: str) -> None: ...


class MemorySecretStore:
    """Secrets held in this process only: gone when it exits."""

    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}

    def get(self, account: str) -> str | None:
        return self._secrets.get(account)

    def set(self, account: str, secret: str) -> None:
        self._secrets[account] = secret

    def delete(self, account: str) -> None:
        self._secrets.pop(account, None)


class KeyringSecretStore:
    """Secrets in the OS keyring under the service name `realtime-assistant`."""

    def __init__(self, service: str = SERVICE) -> None:
        self._service = service

    def get(self, account: str) -> str | None:
        try:
            _refuse_locked()
            return keyring.get_password(self._service, account)
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from None

    def set(self, account: str, secret: str) -> None:
        try:
            _refuse_locked()
            keyring.set_password(self._service, account, secret)
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from None

    def delete(self, account: str) -> None:
        try:
            _refuse_locked()
            keyring.delete_password(self._service, account)
        except keyring.errors.PasswordDeleteError:
            return  # nothing stored: already gone
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from None

    @staticmethod
    def backend_name() -> str:
        backend = keyring.get_keyring()
        return f"{type(backend).__module__}.{type(backend).__name__}"


def secret_service_locked() -> bool:
    """True when keyring uses the Secret Service and its default collection is locked; asked
    without an unlock prompt. False when it is unlocked, not the backend in use, or cannot be
    asked (the keyring call that follows then says what is wrong)."""
    if not SECRET_SERVICE or not _uses_secret_service():
        return False
    try:
        connection = secretstorage.dbus_init()
    except secretstorage.exceptions.SecretServiceNotAvailableException:
        return False
    try:
        return bool(secretstorage.get_default_collection(connection).is_locked())
    except secretstorage.exceptions.SecretStorageException:
        return False
    finally:
        connection.close()


def _uses_secret_service() -> bool:
    backend = keyring.get_keyring()
    chained = getattr(backend, "backends", [backend])
    return any(type(each).__module__ == "keyring.backends.SecretService" for each in chained)


def _refuse_locked() -> None:
    if secret_service_locked():
        raise keyring.errors.KeyringLocked()


NO_KEYRING = QT_TRANSLATE_NOOP(
    "Keyring",
    "No system keyring is available, so the key cannot be stored safely. Install and unlock a "
    "keyring (GNOME Keyring, KWallet) or use an environment variable.",
)
LOCKED = QT_TRANSLATE_NOOP("Keyring", "The system keyring is locked. Unlock it and try again.")
FAILED = QT_TRANSLATE_NOOP(
    "Keyring", "The system keyring could not be used ({error}). Unlock it and try again."
)


def _unavailable(exc: keyring.errors.KeyringError) -> SecretStoreUnavailable:
    if isinstance(exc, keyring.errors.NoKeyringError):
        return SecretStoreUnavailable(Sentence("Keyring", NO_KEYRING))
    if isinstance(exc, keyring.errors.KeyringLocked):
        return SecretStoreUnavailable(Sentence("Keyring", LOCKED))
    return SecretStoreUnavailable(Sentence("Keyring", FAILED, error=type(exc).__name__))
