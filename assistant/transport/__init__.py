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
from assistant.transport.failures import ConnectionFailed, FailureKind

__all__ = [
    "AuthStyle",
    "Backoff",
    "ClientOptions",
    "ConnectionFailed",
    "Credential",
    "Endpoint",
    "FailureKind",
    "LinkState",
    "LinkStatus",
    "Provider",
    "RealtimeClient",
    "azure",
    "custom",
    "dialect_of_url",
    "openai",
]
