"""Continuing a stored conversation: which items go back into the model's context.

The newest items are kept while their text fits `token_budget` (about four characters a
token, counted as the core replays them: messages as their heard text, a tool call and its
result as one note, a finished MCP call or a declined approval as a note); older ones are
left out, and a note item at the front says so: a system message holding an offline summary
of the left-out part (`assistant.store.summary`, within `summary_budget`, taken from the
budget), which the user sees and the model reads. Left-out items stay in the history; only
the new session's context is smaller.

Pictures have a budget of their own, the core's rule for every replay
(`assistant.realtime.picture_budget`): newest first, the kept messages' pictures get their
bytes back from their files while they fit; the others are named in a note at the end of
their message when it is replayed, so the model knows they were there.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.realtime import (
    FunctionCall,
    FunctionResult,
    Item,
    ItemStatus,
    McpApprovalRequest,
    Message,
    Role,
)
from assistant.realtime.replay import replayed_text
from assistant.store.records import ConversationRecord
from assistant.store.summary import CHARS_PER_TOKEN, summarise

DEFAULT_TOKEN_BUDGET = 8_000  # well inside every Realtime model's context and the core's replay
ITEM_OVERHEAD_TOKENS = 4  # role and framing of each replayed item
OMITTED_TYPE = "history_omitted"  # the note's id starts with it
MAX_SUMMARY_TOKENS = 300


@dataclass(frozen=True, slots=True)
class ResumePlan:
    """The items to `Session.restore`, oldest first (the note first, when there is one)."""

    items: tuple[Item, ...]
    omitted: int  # stored items left out of the context
    tokens: int  # estimated tokens of the kept items and the note

    @property
    def note(self) -> Item | None:
        first = self.items[0] if self.items else None
        return first if first is not None and is_omitted_note(first) else None


def is_omitted_note(item: Item) -> bool:
    """The note a resume puts first (a system message, replayed: the model reads it too)."""
    return isinstance(item, Message) and item.id.startswith(f"{OMITTED_TYPE}_")


@dataclass(frozen=True, slots=True)
class Calls:
    """What a replayed item may refer to: function calls by call id, MCP approval requests by
    item id."""

    functions: dict[str, FunctionCall]
    requests: dict[str, McpApprovalRequest]

    @classmethod
    def of(cls, items: list[Item]) -> Calls:
        functions = {i.call_id: i for i in items if isinstance(i, FunctionCall) and i.call_id}
        return cls(functions, {i.id: i for i in items if isinstance(i, McpApprovalRequest)})


def estimate_tokens(item: Item, calls: Calls) -> int:
    """About how many tokens the core's replay of `item` costs (0: it is not replayed)."""
    chars = len(replayed_text(item, calls.functions, calls.requests))
    return -(-chars // CHARS_PER_TOKEN) + ITEM_OVERHEAD_TOKENS if chars else 0


def summary_budget(token_budget: int) -> int:
    """The part of the budget the summary of left-out items may take."""
    return min(MAX_SUMMARY_TOKENS, token_budget // 8)


def plan_resume(record: ConversationRecord, token_budget: int = DEFAULT_TOKEN_BUDGET) -> ResumePlan:
    """Keep the newest items within `token_budget`; see the module docstring."""
    items = [stored.item for stored in record.items]
    calls = Calls.of(items)
    start, used = newest_within(items, calls, token_budget)
    if start > 0:  # something is left out: make room for its summary
        start, used = newest_within(items, calls, token_budget - summary_budget(token_budget))
    kept = _without_orphans(items[start:])
    omitted = len(items) - len(kept)
    if not omitted:
        return ResumePlan(tuple(kept), 0, used)
    kept_ids = {i.id for i in kept}
    left_out = [i for i in items if i.id not in kept_ids]
    note = omitted_note(record.id, left_out, summary_budget(token_budget))
    return ResumePlan((note, *kept), omitted, used + estimate_tokens(note, calls))


def _without_orphans(kept: list[Item]) -> list[Item]:
    """`kept` without the results whose call was left out."""
    calls = {i.call_id for i in kept if isinstance(i, FunctionCall)}
    return [i for i in kept if not (isinstance(i, FunctionResult) and i.call_id not in calls)]


def newest_within(items: list[Item], calls: Calls, budget: int) -> tuple[int, int]:
    """(index of the oldest item kept, tokens used) when keeping the newest within `budget`."""
    start, used = len(items), 0
    while start > 0:
        cost = estimate_tokens(items[start - 1], calls)
        if used + cost > budget:
            break
        used += cost
        start -= 1
    return start, used


def omitted_note(conversation_id: str, left_out: list[Item], budget: int) -> Item:
    """The note that tells the user, and the model, what the left-out part was about."""
    note_id = f"{OMITTED_TYPE}_{conversation_id[:12]}"
    return Message(note_id, Role.SYSTEM, ItemStatus.COMPLETED, summarise(left_out, budget))
