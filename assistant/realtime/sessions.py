"""Choosing the session for an endpoint's protocol: the one place both are named."""

from __future__ import annotations

from assistant.realtime.config import Dialect, SessionConfig
from assistant.realtime.live import DEFAULT_BACKEND_MODEL, Delegation, LiveConfig, LiveSession
from assistant.realtime.session import Session
from assistant.realtime.surface import ConversationSession


def new_session(
    config: SessionConfig,
    *,
    dialect: Dialect,
    model: str | None,
    delegation: Delegation = "responses",
    backend_model: str = DEFAULT_BACKEND_MODEL,
) -> ConversationSession:
    """A new, unconnected session speaking `dialect` (GPT-Live: `delegation` says who answers
    the tasks the Live model hands off: the `backend_model` with our tools, or the app)."""
    if dialect is Dialect.LIVE:
        live = LiveConfig.from_session_config(
            config, model=model, delegation=delegation, backend_model=backend_model
        )
        return LiveSession(live)
    return Session(config, dialect=dialect, model=model)
