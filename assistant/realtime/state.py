"""The mutable state one `Session` owns, shared by its command side and its event handlers."""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.realtime import codec
from assistant.realtime.config import Dialect, SessionConfig
from assistant.realtime.conversation import Conversation
from assistant.realtime.events import Event
from assistant.realtime.responses import ResponseTracker
from assistant.realtime.usage import Cost, Usage, leaves_unpriced, price_for


def random_item_id() -> str:
    return f"item_{secrets.token_hex(8)}"


@dataclass
class SessionState:
    dialect: Dialect
    config: SessionConfig
    model: str | None
    new_item_id: Callable[[], str] = random_item_id
    conversation: Conversation = field(default_factory=Conversation)
    tracker: ResponseTracker = field(default_factory=ResponseTracker)
    events: list[Event] = field(default_factory=list)
    outbox: list[str] = field(default_factory=list)
    connected: bool = False  # a server session exists (its `session.created` was seen)
    server_sessions: int = 0
    session_id: str | None = None
    expires_at: int | None = None
    audio_item_id: str | None = None  # the assistant item whose audio is playing or arriving
    audio_response_id: str | None = None
    interrupted_responses: set[str] = field(default_factory=set)
    completed_items: set[str] = field(default_factory=set)
    live_items: set[str] = field(default_factory=set)  # ids the current server session knows
    open_calls: set[str] = field(default_factory=set)
    calls_seen: set[str] = field(default_factory=set)  # every call_id a ToolCallReady was for
    pending_approvals: set[str] = field(default_factory=set)  # MCP prompts awaiting the user
    listings_done: set[str] = field(default_factory=set)  # `mcp_list_tools.completed` seen
    buffered_audio_bytes: int = 0
    user_speaking: bool = False
    usage: Usage = field(default_factory=Usage)
    cost: Cost = field(default_factory=Cost)
    unpriced_usage: bool = False  # some usage came from a model without a known price
    _event_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def emit(self, event: Event) -> None:
        self.events.append(event)

    def send(self, event: dict[str, Any]) -> None:
        """Queue a client event, in this session's dialect; dropped while there is no session."""
        if self.connected:
            self.outbox.append(codec.encode(codec.to_dialect(event, self.dialect)))

    def event_id(self) -> str:
        return f"evt_{next(self._event_ids)}"

    def bill(self, usage: Usage, model: str | None, *, transcription: bool = False) -> Cost | None:
        """Add one turn's usage and its price at `model`'s rates (None: no price known; usage
        with tokens or seconds then makes the session's cost a floor)."""
        price = price_for(model)
        cost = price.cost(usage, transcription=transcription) if price else None
        self.usage += usage
        if cost is not None:
            self.cost += cost
        self.unpriced_usage = self.unpriced_usage or leaves_unpriced(usage, cost)
        return cost
