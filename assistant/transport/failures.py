"""Why a connection cannot work, in one plain sentence that says what to fix.

Failures are sorted into kinds that decide what happens next (retry or stop) and, on the
command line, the exit status. Messages name the endpoint's host and the provider's own
settings, never a key, token or header.
"""

from __future__ import annotations

from enum import Enum

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
        self.message = message


def _key_hint(endpoint: Endpoint) -> str:
    if endpoint.provider is Provider.AZURE:
        return "Check the key (Keys and Endpoint in the Azure portal) or your Entra ID sign-in"
    if endpoint.provider is Provider.OPENAI:
        return "Check the API key in Settings (or the environment variable you named)"
    return "Check the key configured for this endpoint"


def http_failure(endpoint: Endpoint, status: int) -> ConnectionFailed:
    """A rejected WebSocket handshake."""
    host = endpoint.host
    if status in (401, 403):
        return ConnectionFailed(
            FailureKind.AUTH,
            f"{host} rejected the credentials (HTTP {status}). {_key_hint(endpoint)}.",
        )
    if status == 404:
        return ConnectionFailed(FailureKind.UNREACHABLE, _not_found(endpoint))
    if status == 400 and endpoint.provider is Provider.AZURE:
        return ConnectionFailed(
            FailureKind.SERVER,
            f"Azure refused deployment '{endpoint.model}' for realtime (HTTP 400). "
            "Deploy a realtime model (gpt-realtime family) and use that deployment's name.",
        )
    return ConnectionFailed(
        FailureKind.SERVER, f"{host} refused the connection (HTTP {status}). Try again later."
    )


def _not_found(endpoint: Endpoint) -> str:
    if endpoint.provider is Provider.AZURE and endpoint.is_preview:
        return (
            f"Azure found no realtime deployment '{endpoint.model}' at {endpoint.host} on the "
            "preview API. Check the deployment name, or use the GA URL (/openai/v1/realtime)."
        )
    if endpoint.provider is Provider.AZURE:
        return (
            f"Azure found no realtime deployment '{endpoint.model}' at {endpoint.host} "
            "(HTTP 404). Check the resource endpoint and the deployment name."
        )
    return f"{endpoint.host} has no Realtime endpoint at that address (HTTP 404). Check the URL."


def network_failure(endpoint: Endpoint, reason: str) -> ConnectionFailed:
    return ConnectionFailed(
        FailureKind.UNREACHABLE,
        f"Could not reach {endpoint.host} ({reason}). "
        "Check your internet connection and the endpoint address.",
    )


def server_error_failure(endpoint: Endpoint, code: str | None, message: str) -> ConnectionFailed:
    """A fatal `error` event (bad key, no quota, beta protocol refused)."""
    if code in ("invalid_api_key", "account_deactivated"):
        return ConnectionFailed(
            FailureKind.AUTH, f"The server rejected the account: {message} {_key_hint(endpoint)}."
        )
    if code == "beta_api_shape_disabled":
        return ConnectionFailed(
            FailureKind.SERVER,
            "This endpoint no longer accepts the preview (beta) protocol. Use the GA URL "
            "(/v1/realtime, or /openai/v1/realtime on Azure).",
        )
    if code in ("insufficient_quota", "billing_hard_limit_reached"):
        return ConnectionFailed(
            FailureKind.SERVER,
            f"The account cannot be used right now: {message} "
            "Check billing and quota for the account.",
        )
    return ConnectionFailed(FailureKind.SERVER, f"The server refused the session: {message}")


def gave_up(
    endpoint: Endpoint, attempts: int, reason: str, *, reconnect: bool = True
) -> ConnectionFailed:
    """Connecting failed `attempts` times in a row; `reason` is the last attempt's cause."""
    tries = "attempt" if attempts == 1 else "attempts"
    verb = "reconnect" if reconnect else "connect"
    return ConnectionFailed(
        FailureKind.UNREACHABLE,
        f"Could not {verb} to {endpoint.host} after {attempts} {tries}: {reason}. "
        "Check your internet connection and the endpoint address, or try again later.",
    )


def oversized_failure(endpoint: Endpoint, limit: int) -> ConnectionFailed:
    return ConnectionFailed(
        FailureKind.SERVER,
        f"{endpoint.host} sent a message larger than {limit // (1024 * 1024)} MiB, so the "
        "connection was closed. The conversation is kept; connect again to go on.",
    )


def close_failure(endpoint: Endpoint, code: int, reason: str) -> ConnectionFailed:
    """A close code that retrying cannot fix."""
    if code == 4000 and _is_beta_refusal(reason):
        return server_error_failure(endpoint, "beta_api_shape_disabled", reason)
    if code == 1008:
        return ConnectionFailed(
            FailureKind.AUTH, f"{endpoint.host} closed the connection by policy: {reason or code}."
        )
    detail = f": {reason}" if reason else ""
    return ConnectionFailed(
        FailureKind.SERVER, f"{endpoint.host} closed the connection (code {code}){detail}."
    )


def _is_beta_refusal(reason: str) -> bool:
    """Close 4000 is an application code; only its reason says it refuses the preview shape."""
    text = reason.lower()
    return "beta_api_shape_disabled" in text or ("beta" in text and "shape" in text)
