"""Continuing a stored conversation: which items go back into the model's context.

The newest items are kept while their text fits `token_budget` (about four characters a
token, counted as the core replays them: messages as their heard text, a tool call and its
result as one note, a finished MCP call or a declined approval as a note); older ones are
left out, and a note item at the front says so: a system message holding an offline summary
of the left-out part (`assistant.store.summary`, within `summary_budget`, taken from the
budget), which the user sees and the model reads. Left-out items stay in the history; only
the new session's context is smaller.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.realtime import Item, ItemKind, ItemStatus
from assistant.realtime.mcp import replay_note
from assistant.store.records import ConversationRecord
from assistant.store.summary import CHARS_PER_TOKEN, summarise

DEFAULT_TOKEN_BUDGET = 8_000  # well inside every Realtime model's context and the core's replay
ITEM_OVERHEAD_TOKENS = 4  # role and framing of each replayed item
OMITTED_TYPE = "history_omitted"
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
        return first if first is not None and first.type_name == OMITTED_TYPE else None


def estimate_tokens(item: Item, calls: dict[str, Item]) -> int:
    """About how many tokens the core's replay of `item` costs (0: it is not replayed).

    `calls` holds the function calls by call id, and the MCP approval requests by item id.
    """
    if item.cut_off:
        return 0
    note = replay_note(item, calls)
    if note is not None:
        chars = len(note)
    elif item.kind is ItemKind.MESSAGE:
        chars = len(item.shown_text.strip())
    elif item.kind is ItemKind.FUNCTION_CALL_OUTPUT and item.call_id in calls:
        call = calls[item.call_id]
        chars = len(f"Tool {call.name}({call.arguments}) returned: {item.output}")
    else:
        return 0
    return -(-chars // CHARS_PER_TOKEN) + ITEM_OVERHEAD_TOKENS if chars else 0


def summary_budget(token_budget: int) -> int:
    """The part of the budget the summary of left-out items may take."""
    return min(MAX_SUMMARY_TOKENS, token_budget // 8)


def plan_resume(record: ConversationRecord, token_budget: int = DEFAULT_TOKEN_BUDGET) -> ResumePlan:
    """Keep the newest items within `token_budget`; see the module docstring."""
    items = [stored.item for stored in record.items]
    calls = {i.call_id: i for i in items if i.kind is ItemKind.FUNCTION_CALL and i.call_id}
    calls |= {i.id: i for i in items if i.kind is ItemKind.MCP_APPROVAL_REQUEST}  # both unique
    start, used = newest_within(items, calls, token_budget)
    if start > 0:  # something is left out: make room for its summary
        start, used = newest_within(items, calls, token_budget - summary_budget(token_budget))
    kept = items[start:]
    kept_calls = {i.call_id for i in kept if i.kind is ItemKind.FUNCTION_CALL}
    orphans = [
        i for i in kept if i.kind is ItemKind.FUNCTION_CALL_OUTPUT and i.call_id not in kept_calls
    ]
    kept = [i for i in kept if i not in orphans]  # a result whose call was left out
    omitted = len(items) - len(kept)
    if not omitted:
        return ResumePlan(tuple(kept), 0, used)
    kept_ids = {i.id for i in kept}
    left_out = [i for i in items if i.id not in kept_ids]
    note = omitted_note(record.id, left_out, summary_budget(token_budget))
    return ResumePlan((note, *kept), omitted, used + estimate_tokens(note, calls))


def newest_within(items: list[Item], calls: dict[str, Item], budget: int) -> tuple[int, int]:
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
    return Item(
        id=f"history_omitted_{conversation_id[:12]}",
        kind=ItemKind.MESSAGE,
        role="system",
        status=ItemStatus.COMPLETED,
        text=summarise(left_out, budget),
        type_name=OMITTED_TYPE,
    )
