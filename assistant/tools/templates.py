"""`{name}` placeholders in user tool templates: found, checked and filled without `str.format`.

Only plain identifiers are placeholders, so a template can never reach attributes or indexes
the way `str.format` could. `{secret:NAME}` in an HTTP header names a secret in the keyring
(read with `read_secret`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from assistant.settings.secrets import SecretStore, SecretStoreUnavailable, tool_account
from assistant.text import QT_TRANSLATE_NOOP, Sentence

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
SECRET = re.compile(r"\{secret:([^{}]+)\}")


def placeholders(template: str) -> list[str]:
    return PLACEHOLDER.findall(template)


def as_text(value: Any) -> str:
    """An argument as text: strings as they are, everything else as JSON (true, 3, [..])."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def fill(template: str, arguments: dict[str, Any], encode: Callable[[str], str]) -> str:
    """`template` with each placeholder replaced by its encoded argument ("" when absent)."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return encode(as_text(arguments[name])) if name in arguments else ""

    return PLACEHOLDER.sub(value, template)


NOT_STORED = QT_TRANSLATE_NOOP(
    "Tools",
    "the secret '{name}' is not in the keyring (store it with "
    "'realtime-assistant keys set --tool {name}')",
)


class MissingSecret(ValueError):
    """A named secret cannot be read; the message says what to do (never the secret)."""


def read_secret(secrets: SecretStore | None, name: str) -> str:
    """The tool secret `name` from the keyring (the tools' own namespace, never a provider
    key), or `MissingSecret` with one sentence."""
    try:
        secret = secrets.get(tool_account(name)) if secrets is not None else None
    except SecretStoreUnavailable as unavailable:
        raise MissingSecret(unavailable.message) from None
    if not secret:
        raise MissingSecret(Sentence("Tools", NOT_STORED, name=name))
    return secret
