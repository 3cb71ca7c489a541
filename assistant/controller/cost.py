"""What the conversation costs, added up from the core's events, and where a budget stands.

`CostTally` adds each `ResponseFinished` (a reply) and each `TranscriptionBilled` (input
transcription, billed at its own model's rates); its session totals equal the core's
`Session.usage` and `Session.cost` (the same rule decides when usage leaves the cost a floor:
`assistant.realtime.usage.leaves_unpriced`). `budget_state` says how much of a session budget
is used.
"""

from __future__ import annotations

from enum import Enum

from assistant.realtime import Cost, ResponseFinished, TranscriptionBilled, Usage
from assistant.realtime.usage import leaves_unpriced


class CostTally:
    """Usage and cost of the last reply and of the whole session."""

    def __init__(self) -> None:
        self.last_usage: Usage | None = None
        self.last_cost: Cost | None = None
        self.session_usage = Usage()
        self.session_cost = Cost()
        self.session_priced = True  # every token so far had a price

    def add_reply(self, event: ResponseFinished) -> None:
        self.last_usage, self.last_cost = event.usage, event.cost
        self._add(event.usage, event.cost)

    def add_transcription(self, event: TranscriptionBilled) -> None:
        self._add(event.usage, event.cost)

    def _add(self, usage: Usage, cost: Cost | None) -> None:
        self.session_usage += usage
        self.session_priced = self.session_priced and not leaves_unpriced(usage, cost)
        if cost is not None:
            self.session_cost += cost


WARN_AT = 0.8  # the share of the budget that brings the warning


class BudgetState(Enum):
    NONE = 0  # no budget set
    UNDER = 1
    WARNING = 2  # WARN_AT of it is used
    REACHED = 3


def budget_state(spent: float, budget: float) -> BudgetState:
    if budget <= 0:
        return BudgetState.NONE
    if spent >= budget:
        return BudgetState.REACHED
    return BudgetState.WARNING if spent >= WARN_AT * budget else BudgetState.UNDER
