"""The mutable state one `Session` owns, and every way it moves.

The command side (`session.py`) and the event handlers (`handlers.py`, `mcp.py`, `replay.py`,
`errors.py`) read these fields freely but change them only through the methods below, each a
named move (a server session began, the user started speaking, a call became ready...), so
one place says how the state can change (h11's `Connection` is the model). The conversation
and the response table are objects with their own moves (`Conversation`, `ResponseTracker`);
`tests/realtime/test_state_moves.py` checks that no other module writes a field.
"""

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

    # Server sessions and the connection

    def server_session_created(self, session_id: str | None, model: str | None) -> None:
        self.session_id, self.model = session_id, model or self.model

    def set_expiry(self, expires_at: int | None) -> None:
        self.expires_at = expires_at

    def begin_server_session(self) -> list[str]:
        """A new server session: nothing of the old one is in flight. Returns the approval
        prompts it leaves unanswerable (withdrawn)."""
        self.server_sessions += 1
        self.connected = True
        self.outbox.clear()
        self.tracker.reset()
        self.interrupted_responses.clear()
        self.open_calls.clear()
        self.live_items.clear()
        self.buffered_audio_bytes = 0
        self.user_speaking = False
        self.audio_item_id = self.audio_response_id = None
        return self.withdraw_approvals()

    def connection_lost(self) -> list[str]:
        """The socket is gone; returns the withdrawn approval prompts."""
        self.connected = False
        self.outbox.clear()
        self.tracker.reset()
        return self.withdraw_approvals()

    def set_config(self, config: SessionConfig) -> None:
        self.config = config

    def take_events(self) -> list[Event]:
        events, self.events = self.events, []
        return events

    def take_outbox(self) -> list[str]:
        outbox, self.outbox = self.outbox, []
        return outbox

    # Items

    def item_seen(self, item_id: str) -> None:
        """The current server session knows this item."""
        self.live_items.add(item_id)

    def item_finished(self, item_id: str) -> None:
        """The item is final (completed, incomplete, restored or cut off): no more events."""
        self.completed_items.add(item_id)

    # Input audio

    def audio_appended(self, pcm_bytes: int) -> None:
        self.buffered_audio_bytes += pcm_bytes

    def input_emptied(self) -> None:
        """The input buffer was committed, cleared, or found empty by the server."""
        self.buffered_audio_bytes = 0

    def speech(self, *, started: bool) -> None:
        self.user_speaking = started
        if started:
            self.tracker.speech_started(server_interrupts=self.config.server_interrupts)

    # Replies

    def audio_arrived(self, item_id: str, response_id: str) -> None:
        self.audio_item_id, self.audio_response_id = item_id, response_id

    def reply_interrupted(self) -> None:
        """The user cut into the reply whose audio is playing: drop the rest of it."""
        if self.audio_response_id:
            self.interrupted_responses.add(self.audio_response_id)

    def response_ended(self, response_id: str) -> None:
        self.interrupted_responses.discard(response_id)

    # Tool calls and MCP approvals

    def call_ready(self, call_id: str) -> bool:
        """A function call can run; False when it was already handed out (a repeated `done`)."""
        if call_id in self.calls_seen:
            return False
        self.calls_seen.add(call_id)
        self.open_calls.add(call_id)
        return True

    def call_answered(self, call_id: str) -> bool:
        """Its output was sent; True when no call is waiting any more."""
        self.open_calls.discard(call_id)
        return not self.open_calls

    def approval_asked(self, item_id: str) -> None:
        self.pending_approvals.add(item_id)

    def approval_answered(self, item_id: str) -> bool:
        """False when the prompt is not waiting (answered already, or withdrawn)."""
        if item_id not in self.pending_approvals:
            return False
        self.pending_approvals.discard(item_id)
        return True

    def withdraw_approvals(self) -> list[str]:
        withdrawn = sorted(self.pending_approvals)
        self.pending_approvals.clear()
        return withdrawn

    def listing_completed(self, item_id: str) -> None:
        self.listings_done.add(item_id)

    def listing_reported(self, item_id: str) -> bool:
        """True once, when the listing's `.completed` had arrived (and is now reported)."""
        if item_id not in self.listings_done:
            return False
        self.listings_done.discard(item_id)
        return True
