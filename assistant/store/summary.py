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

from assistant.realtime import Item, ItemKind

CHARS_PER_TOKEN = 4
LINE_CHARS = 120
_FULL_STOPS = "\u3002\uff01\uff1f"  # Japanese and Chinese sentence ends
_SENTENCE_END = re.compile(rf"(?<=[.!?{_FULL_STOPS}])\s+|(?<=[{_FULL_STOPS}])")


def first_sentence(text: str, limit: int = LINE_CHARS) -> str:
    """The first sentence of `text` on one line, at most `limit` characters."""
    flat = " ".join(text.split())
    sentence = _SENTENCE_END.split(flat, maxsplit=1)[0] if flat else ""
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def key_lines(items: Sequence[Item]) -> list[str]:
    """One line per left-out user turn (its first sentence) or tool call (its name)."""
    lines = []
    for item in items:
        if item.kind is ItemKind.MESSAGE and item.role == "user" and item.shown_text.strip():
            lines.append(f"- The user said: {first_sentence(item.shown_text)}")
        elif item.kind is ItemKind.FUNCTION_CALL and item.name:
            lines.append(f"- The tool {item.name} was used.")
    return lines


def spread(lines: Sequence[str], room_chars: int) -> list[str]:
    """As many of `lines` as fit `room_chars`, chosen evenly from first to last."""
    for count in range(len(lines), 0, -1):
        chosen = [lines[round(k * (len(lines) - 1) / max(count - 1, 1))] for k in range(count)]
        if sum(len(line) + 1 for line in chosen) <= room_chars:
            return list(dict.fromkeys(chosen))
    return []


def summarise(items: Sequence[Item], budget_tokens: int) -> str:
    """The labelled summary of `items` (the left-out part, oldest first) within the budget."""
    noun = "item" if len(items) == 1 else "items"
    head = (
        f"Summary of the earlier part of this conversation ({len(items)} {noun} are not in "
        "the model's context; they are kept in the history):"
    )
    lines = key_lines(items)
    room = budget_tokens * CHARS_PER_TOKEN - len(head) - 60
    chosen = spread(lines, room)
    skipped = len(lines) - len(chosen)
    tail = [f"- ({skipped} more earlier turns are not listed.)"] if skipped else []
    body = chosen + tail if chosen else ["- (no user turns to summarise)"]
    return "\n".join([head, *body])
