"""Continuing a stored conversation: which items go back into the model's context.

The newest items are kept while their text fits `token_budget` (about four characters a
token, counted as the core replays them: messages as their heard text, a tool call and its
result as one note); older ones are left out, and a note item at the front says so, so the
user sees it. The note has kind `OTHER`, which the core shows and never sends. Left-out
items stay in the history; only the new session's context is smaller.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.realtime import Item, ItemKind, ItemStatus
from assistant.store.records import ConversationRecord

DEFAULT_TOKEN_BUDGET = 8_000  # well inside every Realtime model's context and the core's replay
CHARS_PER_TOKEN = 4
ITEM_OVERHEAD_TOKENS = 4  # role and framing of each replayed item
OMITTED_TYPE = "history_omitted"


@dataclass(frozen=True, slots=True)
class ResumePlan:
    """The items to `Session.restore`, oldest first (the note first, when there is one)."""

    items: tuple[Item, ...]
    omitted: int  # stored items left out of the context
    tokens: int  # estimated tokens of the kept items

    @property
    def note(self) -> Item | None:
        first = self.items[0] if self.items else None
        return first if first is not None and first.type_name == OMITTED_TYPE else None


def estimate_tokens(item: Item, calls: dict[str, Item]) -> int:
    """About how many tokens the core's replay of `item` costs (0: it is not replayed)."""
    if item.cut_off:
        return 0
    if item.kind is ItemKind.MESSAGE:
        chars = len(item.shown_text.strip())
    elif item.kind is ItemKind.FUNCTION_CALL_OUTPUT and item.call_id in calls:
        call = calls[item.call_id]
        chars = len(f"Tool {call.name}({call.arguments}) returned: {item.output}")
    else:
        return 0
    return -(-chars // CHARS_PER_TOKEN) + ITEM_OVERHEAD_TOKENS if chars else 0


def plan_resume(record: ConversationRecord, token_budget: int = DEFAULT_TOKEN_BUDGET) -> ResumePlan:
    """Keep the newest items within `token_budget`; see the module docstring."""
    items = [stored.item for stored in record.items]
    calls = {i.call_id: i for i in items if i.kind is ItemKind.FUNCTION_CALL and i.call_id}
    start, used = len(items), 0
    while start > 0:
        cost = estimate_tokens(items[start - 1], calls)
        if used + cost > token_budget:
            break
        used += cost
        start -= 1
    kept = items[start:]
    kept_calls = {i.call_id for i in kept if i.kind is ItemKind.FUNCTION_CALL}
    orphans = [
        i for i in kept if i.kind is ItemKind.FUNCTION_CALL_OUTPUT and i.call_id not in kept_calls
    ]
    kept = [i for i in kept if i not in orphans]  # a result whose call was left out
    omitted = len(items) - len(kept)
    note = [omitted_note(record.id, omitted)] if omitted else []
    return ResumePlan(tuple(note + kept), omitted, used)


def omitted_note(conversation_id: str, omitted: int) -> Item:
    """The note item that tells the user older items are not in the model's context."""
    noun = "item" if omitted == 1 else "items"
    return Item(
        id=f"history_omitted_{conversation_id[:12]}",
        kind=ItemKind.OTHER,
        role="system",
        status=ItemStatus.COMPLETED,
        text=(
            f"{omitted} earlier {noun} of this conversation are not in the model's context "
            "(they are kept in the history)."
        ),
        type_name=OMITTED_TYPE,
    )
