"""The response lifecycle: at most one response at a time, and `response.create` never raced.

Theory of operation. The server lets one response write to the conversation at a time; a
`response.create` sent while another is in progress fails with
`conversation_already_has_active_response`. Responses start from two sides: the client asks
(`response.create`) and the server starts its own (server VAD after the user stops speaking).
So the client keeps one phase -- IDLE, REQUESTED (create sent, `response.created` not seen) or
ACTIVE (between `response.created` and `response.done`) -- and a `pending` flag. A request in
IDLE is sent at once; any other request only sets `pending`, and `response.done` sends the one
deferred create. Requests coalesce: two texts typed during a reply get one reply that reads
both. If the server rejects our create because it just started one itself, that response was
created after our items and answers them, so the request is settled, not retried. A new
server session (reconnect, rollover) resets everything; what is owed is recomputed from the
conversation by the replay.

Cancellation is separate: `cancelling` stops a second `response.cancel`, and
`server_cancelling` records that server VAD (with `interrupt_response`) is already cancelling
because the user spoke, so the client does not send a cancel that would only fail with
`response_cancel_not_active`.

| phase     | request          | created  | done                         | rejected_active |
|-----------|------------------|----------|------------------------------|-----------------|
| IDLE      | REQUESTED + send | ACTIVE   | IDLE                         | ACTIVE          |
| REQUESTED | pending          | ACTIVE   | IDLE, or REQUESTED + send    | ACTIVE          |
| ACTIVE    | pending          | ACTIVE   | IDLE, or REQUESTED + send    | ACTIVE          |
"""

from __future__ import annotations

from enum import Enum


class Phase(Enum):
    IDLE = "idle"
    REQUESTED = "requested"
    ACTIVE = "active"


class Trigger(Enum):
    REQUEST = "request"
    CREATED = "created"
    DONE = "done"
    REJECTED_ACTIVE = "rejected_active"


class Action(Enum):
    NONE = "none"
    SEND_CREATE = "send_create"  # send `response.create` now
    DEFER = "defer"  # remember the request; `done` sends it
    SEND_PENDING = "send_pending"  # send the deferred create, if there is one


TRANSITIONS: dict[tuple[Phase, Trigger], tuple[Phase, Action]] = {
    (Phase.IDLE, Trigger.REQUEST): (Phase.REQUESTED, Action.SEND_CREATE),
    (Phase.REQUESTED, Trigger.REQUEST): (Phase.REQUESTED, Action.DEFER),
    (Phase.ACTIVE, Trigger.REQUEST): (Phase.ACTIVE, Action.DEFER),
    (Phase.IDLE, Trigger.CREATED): (Phase.ACTIVE, Action.NONE),
    (Phase.REQUESTED, Trigger.CREATED): (Phase.ACTIVE, Action.NONE),
    (Phase.ACTIVE, Trigger.CREATED): (Phase.ACTIVE, Action.NONE),
    (Phase.IDLE, Trigger.DONE): (Phase.IDLE, Action.NONE),
    (Phase.REQUESTED, Trigger.DONE): (Phase.IDLE, Action.SEND_PENDING),
    (Phase.ACTIVE, Trigger.DONE): (Phase.IDLE, Action.SEND_PENDING),
    (Phase.IDLE, Trigger.REJECTED_ACTIVE): (Phase.ACTIVE, Action.NONE),
    (Phase.REQUESTED, Trigger.REJECTED_ACTIVE): (Phase.ACTIVE, Action.NONE),
    (Phase.ACTIVE, Trigger.REJECTED_ACTIVE): (Phase.ACTIVE, Action.NONE),
}


class ResponseTracker:
    """Applies `TRANSITIONS`; each method returns True when the caller must send a create."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.phase = Phase.IDLE
        self.response_id: str | None = None
        self.pending = False
        self.cancelling = False
        self.server_cancelling = False

    @property
    def busy(self) -> bool:
        return self.phase is not Phase.IDLE

    def request(self) -> bool:
        return self._fire(Trigger.REQUEST)

    def created(self, response_id: str) -> bool:
        self.response_id = response_id
        return self._fire(Trigger.CREATED)

    def done(self, response_id: str | None) -> bool:
        stray = response_id not in (None, self.response_id) and self.response_id is not None
        if self.phase is Phase.ACTIVE and stray:
            return False  # a `done` of an older response: the current one goes on
        self.response_id = None
        self.cancelling = self.server_cancelling = False
        return self._fire(Trigger.DONE)

    def rejected_active(self) -> bool:
        return self._fire(Trigger.REJECTED_ACTIVE)

    def speech_started(self, *, server_interrupts: bool) -> None:
        """The user started speaking: with `server_interrupts` the server cancels the reply."""
        if self.busy and server_interrupts:
            self.server_cancelling = True

    def want_cancel(self) -> bool:
        """True when a `response.cancel` should be sent now (and marks it sent)."""
        if not self.busy or self.cancelling or self.server_cancelling:
            return False
        self.cancelling = True
        return True

    def cancel_not_active(self) -> None:
        self.cancelling = False

    def _fire(self, trigger: Trigger) -> bool:
        self.phase, action = TRANSITIONS[(self.phase, trigger)]
        if action is Action.DEFER:
            self.pending = True
        if action is Action.SEND_PENDING and self.pending:
            self.pending = False
            self.phase = Phase.REQUESTED
            return True
        return action is Action.SEND_CREATE
