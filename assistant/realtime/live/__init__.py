"""GPT-Live: the second dialect of the protocol core (standard library only, sans-I/O).

`LiveSession` has the command surface of `realtime.Session` and yields the same typed events,
so the transport, the controller and the views take either; see `session.py` for what differs.
"""

from assistant.realtime.live.config import (
    DEFAULT_BACKEND_MODEL,
    DEFAULT_LIVE_MODEL,
    LIVE_MODELS,
    LIVE_VOICES,
    Delegation,
    LiveConfig,
    is_live_model,
)
from assistant.realtime.live.cost import ACTIVE_PER_MINUTE, STANDBY_PER_MINUTE, LiveSeconds
from assistant.realtime.live.session import NO_REPLY_SECONDS, QUIET_SECONDS, LiveSession

__all__ = [
    "ACTIVE_PER_MINUTE",
    "DEFAULT_BACKEND_MODEL",
    "DEFAULT_LIVE_MODEL",
    "LIVE_MODELS",
    "LIVE_VOICES",
    "NO_REPLY_SECONDS",
    "QUIET_SECONDS",
    "STANDBY_PER_MINUTE",
    "Delegation",
    "LiveConfig",
    "LiveSeconds",
    "LiveSession",
    "is_live_model",
]
