"""Fault bookkeeping for one connection, sans-I/O: which injected faults are due, and when.

A fault attached with ``after=N`` is due right after the connection has sent N more server
events; ``after=0`` is due at once. Each fault is due exactly once. The frames a fault sends
(`fault_frame`) do not count as server events for other faults.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .events import error_event, server_event
from .options import UNKNOWN_EVENT_TYPE, Fault, FaultKind

MALFORMED_FRAME = '{"type": "response.output_audio.delta", "delta": "AAAA'


@dataclass
class _Armed:
    fault: Fault
    remaining: int


class ArmedFaults:
    """The faults bound to one connection, counting its outgoing server events."""

    def __init__(self) -> None:
        self._armed: list[_Armed] = []

    def attach(self, fault: Fault) -> list[Fault]:
        """Bind `fault`; returns it if it is already due (``after=0``)."""
        if fault.after == 0:
            return [fault]
        self._armed.append(_Armed(fault, fault.after))
        return []

    def on_sent(self) -> list[Fault]:
        """Count one server event sent; returns the faults that became due, in order."""
        due = []
        for armed in self._armed:
            armed.remaining -= 1
            if armed.remaining == 0:
                due.append(armed.fault)
        self._armed = [armed for armed in self._armed if armed.remaining > 0]
        return due


def fault_frame(fault: Fault) -> str | None:
    """The text frame a fault sends (None for drop and stall, which send nothing)."""
    if fault.kind is FaultKind.MALFORMED:
        return MALFORMED_FRAME
    if fault.kind is FaultKind.UNKNOWN_EVENT:
        event = server_event(UNKNOWN_EVENT_TYPE, detail="An event type this client does not know.")
        return json.dumps(event)
    if fault.kind is FaultKind.ERROR_EVENT:
        kind = "server_error" if fault.code == "server_error" else "invalid_request_error"
        return json.dumps(error_event(kind, fault.code, fault.message))
    return None
