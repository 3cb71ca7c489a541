"""Microsoft Entra ID tokens for Azure OpenAI (the only module that imports `azure.identity`).

`EntraTokens` is the credential provider of an Azure endpoint signed in with Entra ID: the
transport asks it on every connect (off the event loop: `get_token` blocks), and it answers
with its cached token until `REFRESH_MARGIN` seconds before that token expires, then asks its
credential for a new one. The credential is azure-identity's `DefaultAzureCredential`
(environment variables, workload or managed identity, Azure CLI `az login`, ...), with the
interactive browser sign-in last in the chain when `interactive`; it is made once per app run.
`azure-identity` is an optional extra, imported only when a token is first needed. Every
failure becomes a `ConnectionFailed` with one plain sentence; the token itself only ever leaves
through the `Authorization` header.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from assistant.text import QT_TRANSLATE_NOOP, Sentence
from assistant.transport.failures import ConnectionFailed, FailureKind

SCOPE = "https://cognitiveservices.azure.com/.default"
REFRESH_MARGIN = 300.0  # seconds before expiry when a cached token is replaced
NOT_INSTALLED = Sentence(
    "Transport",
    QT_TRANSLATE_NOOP(
        "Transport",
        "Microsoft Entra ID sign-in needs the azure extra: pip install "
        "'realtime-assistant[azure]'.",
    ),
)
NOT_SIGNED_IN = Sentence(
    "Transport",
    QT_TRANSLATE_NOOP(
        "Transport",
        "Microsoft Entra ID gave no token for Azure OpenAI: sign in with `az login` "
        "(or set AZURE_CLIENT_ID and its secret), then try again.",
    ),
)


class AccessTokenLike(Protocol):
    """What `get_token` returns (azure.core's `AccessToken`: token, expires_on epoch seconds)."""

    @property
    def token(self) -> str: ...

    @property
    def expires_on(self) -> int: ...


class TokenCredential(Protocol):
    """azure-identity's synchronous credential protocol."""

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessTokenLike: ...


class EntraTokens:
    """A credential provider for `Endpoint`: a fresh enough Entra ID token on every call."""

    blocks = True  # the transport calls it from a worker thread

    def __init__(
        self,
        credential: TokenCredential | None = None,
        *,
        interactive: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._credential = credential
        self._interactive = interactive
        self._clock = clock
        self._lock = threading.Lock()  # called from worker threads, maybe two at once
        self._token: str | None = None
        self._expires_on = 0.0

    def __repr__(self) -> str:
        return f"EntraTokens(interactive={self._interactive})"  # never the token

    def __call__(self) -> str:
        with self._lock:
            if self._token is None or self._clock() >= self._expires_on - REFRESH_MARGIN:
                access = self._fetch()
                self._token, self._expires_on = access.token, float(access.expires_on)
            return self._token

    def _fetch(self) -> AccessTokenLike:
        credential = self._credential or default_credential(self._interactive)
        try:
            return credential.get_token(SCOPE)
        except Exception:  # any failure: one sentence, never its text
            raise ConnectionFailed(FailureKind.AUTH, NOT_SIGNED_IN) from None


@functools.cache
def default_credential(interactive: bool) -> TokenCredential:
    """The app run's credential chain (one per `interactive`, made on first use)."""
    try:
        from azure.identity import DefaultAzureCredential  # noqa: PLC0415  # optional extra
    except ImportError:
        raise ConnectionFailed(FailureKind.AUTH, NOT_INSTALLED) from None
    logging.getLogger("azure").setLevel(logging.CRITICAL)  # its failures: our one sentence
    return DefaultAzureCredential(exclude_interactive_browser_credential=not interactive)


@functools.cache
def shared_tokens(interactive: bool) -> EntraTokens:
    """The app run's token provider, so a new connection plan reuses a token still fresh."""
    return EntraTokens(interactive=interactive)
