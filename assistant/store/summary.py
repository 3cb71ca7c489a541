"""An offline summary of the turns a resumed conversation leaves out of the model's context.

No model is asked: the summary is extractive. It lists the first sentence of each left-out
user turn (and the tools that were used), each shortened to `LINE_CHARS`; when they do not
all fit `budget_tokens`, lines spread evenly over the left-out part are kept, so the start
and the end of it are both represented, and the summary says how many turns it skipped.
It is labelled as a summary of the earlier part, for the user and the model alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from assistant.realtime import FunctionCall, Item, Message, Role
from assistant.store.records import one_line

CHARS_PER_TOKEN = 4
LINE_CHARS = 120
T = TypeVar("T")
SHORTEST_LINE = 20  # "- The user said: " and a word, with its newline
_FULL_STOPS = "\u3002\uff01\uff1f"  # Japanese and Chinese sentence ends
_SENTENCE_END = re.compile(rf"(?<=[.!?{_FULL_STOPS}])\s+|(?<=[{_FULL_STOPS}])")


def first_sentence(text: str, limit: int = LINE_CHARS) -> str:
    """The first sentence of `text` on one line, at most `limit` characters."""
    flat = " ".join(text.split())
    return one_line(_SENTENCE_END.split(flat, maxsplit=1)[0], limit) if flat else ""


def notable(item: Item) -> bool:
    """A left-out item the summary mentions: a user turn with words, or a tool call."""
    match item:
        case FunctionCall():
            return bool(item.name)
        case Message(role=Role.USER):
            return bool(item.shown_text.strip())
    return False


def key_line(item: Item) -> str:
    """A user turn's first sentence, or the name of the tool called."""
    if isinstance(item, FunctionCall):
        return f"- The tool {item.name} was used."
    text = item.shown_text if isinstance(item, Message) else ""
    return f"- The user said: {first_sentence(text)}"


def evenly(values: Sequence[T], count: int) -> list[T]:
    """`count` of `values` spread evenly from the first to the last (all when they fit)."""
    if count >= len(values):
        return list(values)
    if count <= 0:
        return []
    last = len(values) - 1
    picks = dict.fromkeys(round(k * last / max(count - 1, 1)) for k in range(count))
    return [values[index] for index in picks]


def spread(lines: Sequence[str], room_chars: int) -> list[str]:
    """As many of `lines` as fit `room_chars`, chosen evenly from first to last."""
    for count in range(len(lines), 0, -1):
        chosen = evenly(lines, count)
        if sum(len(line) + 1 for line in chosen) <= room_chars:
            return chosen
    return []


def summarise(items: Sequence[Item], budget_tokens: int) -> str:
    """The labelled summary of `items` (the left-out part, oldest first) within the budget."""
    noun = "item" if len(items) == 1 else "items"
    head = (
        f"Summary of the earlier part of this conversation ({len(items)} {noun} are not in "
        "the model's context; they are kept in the history):"
    )
    room = budget_tokens * CHARS_PER_TOKEN - len(head) - 60
    mentioned = [item for item in items if notable(item)]
    candidates = evenly(mentioned, room // SHORTEST_LINE)  # no more than could ever fit
    chosen = spread([key_line(item) for item in candidates], room)
    skipped = len(mentioned) - len(chosen)
    more = "more earlier" if chosen else "earlier"
    tail = [f"- ({skipped} {more} turns are not listed.)"] if skipped else []
    body = chosen + tail if mentioned else ["- (no user turns to summarise)"]
    return "\n".join([head, *body])
