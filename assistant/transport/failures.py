"""Why a connection cannot work, in one plain sentence that says what to fix.

Failures are sorted into kinds that decide what happens next (retry or stop) and, on the
command line, the exit status. Messages name the endpoint's host and the provider's own
settings, never a key, token or header. Each message is an `assistant.text.Sentence`:
English text that the window can show in the user's language.
"""

from __future__ import annotations

from enum import Enum

from assistant.text import QT_TRANSLATE_NOOP, Sentence
from assistant.transport.endpoints import Endpoint, Provider

RECOVERABLE_CLOSE_CODES = frozenset({1000, 1001, 1005, 1006, 1011, 1012, 1013, 1015})
RETRYABLE_HTTP = frozenset({408, 425, 429, 500, 502, 503, 504})


class FailureKind(Enum):
    AUTH = "auth"  # exit 3: wrong key, token, permissions or account
    UNREACHABLE = "unreachable"  # exit 4: no route, DNS, refused, wrong URL or deployment
    SERVER = "server"  # exit 5: the server failed or refused for a reason of its own


class ConnectionFailed(Exception):
    """The connection cannot work until the user changes something; retrying will not help."""

    def __init__(self, kind: FailureKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message  # a `Sentence` (English as a str; translatable by the window)


def _say(template: str, **args: object) -> Sentence:
    return Sentence("Transport", template, **args)


KEY_HINTS = {
    Provider.AZURE: QT_TRANSLATE_NOOP(
        "Transport",
        "Check the key (Keys and Endpoint in the Azure portal) or your Entra ID sign-in.",
    ),
    Provider.OPENAI: QT_TRANSLATE_NOOP(
        "Transport", "Check the API key in Settings (or the environment variable you named)."
    ),
    Provider.CUSTOM: QT_TRANSLATE_NOOP("Transport", "Check the key configured for this endpoint."),
}
REJECTED = QT_TRANSLATE_NOOP("Transport", "{host} rejected the credentials (HTTP {status}). {hint}")
AZURE_REFUSED = QT_TRANSLATE_NOOP(
    "Transport",
    "Azure refused deployment '{deployment}' for realtime (HTTP 400). Deploy a realtime model "
    "(gpt-realtime family) and use that deployment's name.",
)
REFUSED = QT_TRANSLATE_NOOP(
    "Transport", "{host} refused the connection (HTTP {status}). Try again later."
)
NOT_FOUND_PREVIEW = QT_TRANSLATE_NOOP(
    "Transport",
    "Azure found no realtime deployment '{deployment}' at {host} on the preview API. Check the "
    "deployment name, or use the GA URL (/openai/v1/realtime).",
)
NOT_FOUND_AZURE = QT_TRANSLATE_NOOP(
    "Transport",
    "Azure found no realtime deployment '{deployment}' at {host} (HTTP 404). Check the "
    "resource endpoint and the deployment name.",
)
NOT_FOUND = QT_TRANSLATE_NOOP(
    "Transport", "{host} has no Realtime endpoint at that address (HTTP 404). Check the URL."
)
UNREACHABLE = QT_TRANSLATE_NOOP(
    "Transport",
    "Could not reach {host} ({reason}). Check your internet connection and the endpoint address.",
)
ACCOUNT_REJECTED = QT_TRANSLATE_NOOP(
    "Transport", "The server rejected the account: {message} {hint}"
)
BETA_REFUSED = QT_TRANSLATE_NOOP(
    "Transport",
    "This endpoint no longer accepts the preview (beta) protocol. Use the GA URL "
    "(/v1/realtime, or /openai/v1/realtime on Azure).",
)
ACCOUNT_UNUSABLE = QT_TRANSLATE_NOOP(
    "Transport",
    "The account cannot be used right now: {message} Check billing and quota for the account.",
)
SESSION_REFUSED = QT_TRANSLATE_NOOP("Transport", "The server refused the session: {message}")
GAVE_UP = {
    (True, True): QT_TRANSLATE_NOOP(
        "Transport",
        "Could not reconnect to {host} after 1 attempt: {reason}. Check your internet "
        "connection and the endpoint address, or try again later.",
    ),
    (True, False): QT_TRANSLATE_NOOP(
        "Transport",
        "Could not reconnect to {host} after {attempts} attempts: {reason}. Check your "
        "internet connection and the endpoint address, or try again later.",
    ),
    (False, True): QT_TRANSLATE_NOOP(
        "Transport",
        "Could not connect to {host} after 1 attempt: {reason}. Check your internet "
        "connection and the endpoint address, or try again later.",
    ),
    (False, False): QT_TRANSLATE_NOOP(
        "Transport",
        "Could not connect to {host} after {attempts} attempts: {reason}. Check your "
        "internet connection and the endpoint address, or try again later.",
    ),
}
OVERSIZED = QT_TRANSLATE_NOOP(
    "Transport",
    "{host} sent a message larger than {mib} MiB, so the connection was closed. The "
    "conversation is kept; connect again to go on.",
)
POLICY_CLOSE = QT_TRANSLATE_NOOP("Transport", "{host} closed the connection by policy: {reason}.")
CLOSED = QT_TRANSLATE_NOOP("Transport", "{host} closed the connection (code {code}).")
CLOSED_BECAUSE = QT_TRANSLATE_NOOP(
    "Transport", "{host} closed the connection (code {code}): {reason}."
)


def _key_hint(endpoint: Endpoint) -> Sentence:
    return _say(KEY_HINTS[endpoint.provider])


def http_failure(endpoint: Endpoint, status: int) -> ConnectionFailed:
    """A rejected WebSocket handshake."""
    host = endpoint.host
    if status in (401, 403):
        message = _say(REJECTED, host=host, status=status, hint=_key_hint(endpoint))
        return ConnectionFailed(FailureKind.AUTH, message)
    if status == 404:
        return ConnectionFailed(FailureKind.UNREACHABLE, _not_found(endpoint))
    if status == 400 and endpoint.provider is Provider.AZURE:
        message = _say(AZURE_REFUSED, deployment=endpoint.model)
        return ConnectionFailed(FailureKind.SERVER, message)
    return ConnectionFailed(FailureKind.SERVER, _say(REFUSED, host=host, status=status))


def _not_found(endpoint: Endpoint) -> Sentence:
    if endpoint.provider is Provider.AZURE:
        template = NOT_FOUND_PREVIEW if endpoint.is_preview else NOT_FOUND_AZURE
        return _say(template, deployment=endpoint.model, host=endpoint.host)
    return _say(NOT_FOUND, host=endpoint.host)


def network_failure(endpoint: Endpoint, reason: str) -> ConnectionFailed:
    return ConnectionFailed(
        FailureKind.UNREACHABLE, _say(UNREACHABLE, host=endpoint.host, reason=reason)
    )


def server_error_failure(endpoint: Endpoint, code: str | None, message: str) -> ConnectionFailed:
    """A fatal `error` event (bad key, no quota, beta protocol refused)."""
    if code in ("invalid_api_key", "account_deactivated"):
        text = _say(ACCOUNT_REJECTED, message=message, hint=_key_hint(endpoint))
        return ConnectionFailed(FailureKind.AUTH, text)
    if code == "beta_api_shape_disabled":
        return ConnectionFailed(FailureKind.SERVER, _say(BETA_REFUSED))
    if code in ("insufficient_quota", "billing_hard_limit_reached"):
        return ConnectionFailed(FailureKind.SERVER, _say(ACCOUNT_UNUSABLE, message=message))
    return ConnectionFailed(FailureKind.SERVER, _say(SESSION_REFUSED, message=message))


def gave_up(
    endpoint: Endpoint, attempts: int, reason: str, *, reconnect: bool = True
) -> ConnectionFailed:
    """Connecting failed `attempts` times in a row; `reason` is the last attempt's cause."""
    template = GAVE_UP[reconnect, attempts == 1]
    message = _say(template, host=endpoint.host, attempts=attempts, reason=reason)
    return ConnectionFailed(FailureKind.UNREACHABLE, message)


def oversized_failure(endpoint: Endpoint, limit: int) -> ConnectionFailed:
    message = _say(OVERSIZED, host=endpoint.host, mib=limit // (1024 * 1024))
    return ConnectionFailed(FailureKind.SERVER, message)


def close_failure(endpoint: Endpoint, code: int, reason: str) -> ConnectionFailed:
    """A close code that retrying cannot fix."""
    if code == 4000 and _is_beta_refusal(reason):
        return server_error_failure(endpoint, "beta_api_shape_disabled", reason)
    host = endpoint.host
    if code == 1008:
        return ConnectionFailed(
            FailureKind.AUTH, _say(POLICY_CLOSE, host=host, reason=reason or code)
        )
    if reason:
        return ConnectionFailed(
            FailureKind.SERVER, _say(CLOSED_BECAUSE, host=host, code=code, reason=reason)
        )
    return ConnectionFailed(FailureKind.SERVER, _say(CLOSED, host=host, code=code))


def _is_beta_refusal(reason: str) -> bool:
    """Close 4000 is an application code; only its reason says it refuses the preview shape."""
    text = reason.lower()
    return "beta_api_shape_disabled" in text or ("beta" in text and "shape" in text)
