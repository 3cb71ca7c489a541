"""Configuration of the simulator and the faults a test can inject into a connection.

A `Fault` is one-shot and deterministic: it is bound to the current connection when injected
(or, if none is open, to the next one accepted) and fires right after that connection has sent
`after` more server events (``after=0`` fires as soon as it is bound). It then never fires again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

# The current GA model (`assistant.realtime.models.DEFAULT_MODEL`; the simulator imports no
# client code, so it is written here again and a test keeps the two equal).
DEFAULT_MODEL = "gpt-realtime-2.1"
# The preview (beta) protocol predates the 2.x models: its sessions report this one instead of
# the default (Azure preview deployments run gpt-realtime or older).
BETA_MODEL = "gpt-realtime"


@dataclass(frozen=True)
class SimulatorOptions:
    """How the simulated service behaves.

    api_key: None accepts any or no key; otherwise the upgrade must carry it
        (``Authorization: Bearer KEY``, ``api-key: KEY`` header or ``?api-key=KEY``) or gets 401.
    max_session_seconds: after this long a session gets ``session_expired`` and close 1001.
    pace: output audio is sent at real time multiplied by ``pace``; 0 sends as fast as possible.
    model: the model reported when the URL does not name one (and always on the beta dialect,
        where the default becomes `BETA_MODEL`).
    record: keep every client event in `Simulator.received` (for tests); the offline demo and
        the `simulator` command turn it off so hours of audio do not pile up.
    """

    api_key: str | None = None
    max_session_seconds: float = 3600.0
    pace: float = 1.0
    model: str = DEFAULT_MODEL
    record: bool = True

    def __post_init__(self) -> None:
        if self.max_session_seconds <= 0:
            raise ValueError("max_session_seconds must be positive")
        if self.pace < 0:
            raise ValueError("pace must be >= 0")


class FaultKind(Enum):
    """What a fault does when it fires."""

    DROP = "drop"  # abort the TCP connection: no close frame, the client sees 1006
    MALFORMED = "malformed"  # send a text frame that is not JSON
    UNKNOWN_EVENT = "unknown_event"  # send {"type": "future.event_kind", ...}
    STALL = "stall"  # send nothing for `seconds` (events queue up, then flow again)
    ERROR_EVENT = "error_event"  # send an `error` event with `code` and `message`


UNKNOWN_EVENT_TYPE = "future.event_kind"


@dataclass(frozen=True)
class Fault:
    """A one-shot fault; build it with the class methods, then `Simulator.inject` it."""

    kind: FaultKind
    after: int = 0
    seconds: float = 0.0
    code: str = "server_error"
    message: str = "The server had an error while processing your request."

    def __post_init__(self) -> None:
        if self.after < 0:
            raise ValueError("after must be >= 0")
        if self.seconds < 0:
            raise ValueError("seconds must be >= 0")

    @classmethod
    def drop_after(cls, events: int) -> Fault:
        """Abort the connection (no close frame) after `events` more server events."""
        return cls(FaultKind.DROP, after=events)

    @classmethod
    def malformed_after(cls, events: int) -> Fault:
        """Send one non-JSON text frame after `events` more server events."""
        return cls(FaultKind.MALFORMED, after=events)

    @classmethod
    def unknown_event_after(cls, events: int) -> Fault:
        """Send one event of the unknown type ``future.event_kind`` after `events` more."""
        return cls(FaultKind.UNKNOWN_EVENT, after=events)

    @classmethod
    def stall_after(cls, events: int, seconds: float = 1.0) -> Fault:
        """Hold every outgoing event for `seconds` after `events` more server events."""
        return cls(FaultKind.STALL, after=events, seconds=seconds)

    @classmethod
    def error_event(
        cls,
        code: str = "server_error",
        message: str = "The server had an error while processing your request.",
        after: int = 0,
    ) -> Fault:
        """Send one ``error`` event with `code`/`message` after `after` more server events."""
        return cls(FaultKind.ERROR_EVENT, after=after, code=code, message=message)
