"""The mutable state one `LiveSession` owns, shared by its commands and its event handlers."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.realtime import codec
from assistant.realtime.conversation import Conversation
from assistant.realtime.events import Event
from assistant.realtime.live.config import LiveConfig
from assistant.realtime.live.cost import LiveSeconds
from assistant.realtime.live.items import LiveItems
from assistant.realtime.state import random_item_id
from assistant.realtime.usage import Cost, Usage


@dataclass
class LiveState:
    config: LiveConfig
    new_item_id: Callable[[], str] = random_item_id
    conversation: Conversation = field(default_factory=Conversation)
    events: list[Event] = field(default_factory=list)
    outbox: list[str] = field(default_factory=list)
    opened: bool = False  # a socket is open and `session.start` went out on it
    connected: bool = False  # `session.started` was seen on this socket
    closing: bool = False  # `session.close` sent
    server_sessions: int = 0
    session_id: str | None = None
    expires_at: int | None = None
    model: str | None = None
    # The current reply: the user's spoken item, the assistant's item, the synthetic response id.
    user_item: str | None = None
    reply_item: str | None = None
    response_id: str | None = None
    replies: int = 0
    output_end_ms: int | None = None  # where the last output words ended on the timeline
    awaiting_reply: bool = False  # typed text went out; no output or delegation yet
    output_seen: bool = False  # output arrived since the last tick
    quiet_since: float | None = None
    waiting_since: float | None = None
    # Delegations: id -> the call ids still waiting for our output (responses), or the client's.
    delegations: dict[str, set[str]] = field(default_factory=dict)
    calls: dict[str, str] = field(default_factory=dict)  # call_id -> delegation id
    calls_seen: set[str] = field(default_factory=set)
    typed: dict[str, str] = field(default_factory=dict)  # append event_id -> user item id
    last_typed: str = ""  # the latest typed message: the task of a client delegation
    unsent: list[str] = field(default_factory=list)  # typed before `session.started`
    # The session timeline: input audio must keep flowing, silence when the microphone is off.
    timeline_start: float | None = None
    sent_ms: float = 0.0
    # Billing: seconds of the current server session, money of the finished ones, tokens.
    seconds: LiveSeconds = field(default_factory=LiveSeconds)
    earlier_seconds: float = 0.0
    earlier_dollars: float = 0.0
    usage: Usage = field(default_factory=Usage)  # backend tokens (+ audio_seconds: billed time)
    backend_cost: Cost = field(default_factory=Cost)
    unpriced_usage: bool = False
    reported: Cost = field(default_factory=Cost)  # what `ResponseFinished` events have covered
    reported_usage: Usage = field(default_factory=Usage)
    _event_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        self.items = LiveItems(self.conversation, self.new_item_id)

    def emit(self, event: Event) -> None:
        self.events.append(event)

    def send(self, event: dict[str, Any]) -> None:
        """Queue a client event; nothing goes out before `session.started` (or after close)."""
        if self.connected and not self.closing:
            self.outbox.append(codec.encode(event))

    def event_id(self) -> str:
        return f"evt_{next(self._event_ids)}"

    @property
    def billed_seconds(self) -> float:
        return self.earlier_seconds + self.seconds.seconds

    @property
    def time_cost(self) -> Cost:
        return Cost(session_time=self.earlier_dollars + self.seconds.dollars)

    @property
    def cost(self) -> Cost:
        return self.backend_cost + self.time_cost

    @property
    def total_usage(self) -> Usage:
        return self.usage + Usage(audio_seconds=self.billed_seconds)
