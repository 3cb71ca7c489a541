"""Connecting a `Session` to a Realtime endpoint over WebSocket (the only `websockets` client)."""

from assistant.transport.connection import (
    Backoff,
    ClientOptions,
    LinkState,
    LinkStatus,
    RealtimeClient,
)
from assistant.transport.endpoints import (
    AuthStyle,
    Credential,
    Endpoint,
    Provider,
    azure,
    custom,
    dialect_of_url,
    openai,
)
from assistant.transport.entra import EntraTokens, shared_tokens
from assistant.transport.failures import ConnectionFailed, FailureKind

__all__ = [
    "AuthStyle",
    "Backoff",
    "ClientOptions",
    "ConnectionFailed",
    "Credential",
    "Endpoint",
    "EntraTokens",
    "FailureKind",
    "LinkState",
    "LinkStatus",
    "Provider",
    "RealtimeClient",
    "azure",
    "custom",
    "dialect_of_url",
    "openai",
    "shared_tokens",
]
