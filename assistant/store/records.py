"""What the history store gives back: immutable records of stored conversations.

Items are the protocol core's own `Item` snapshots, so a stored conversation can seed a new
`Session` as it is (`Session.restore`), and views render live and stored items alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from assistant.realtime import Item, Usage

TITLE_LENGTH = 80  # characters of the first user turn shown as a title


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    """One line of the history list. `title` is the given one or the first user turn."""

    id: str
    title: str
    custom_title: bool  # renamed by the user (else taken from the first user turn)
    created_at: float  # Unix seconds
    updated_at: float
    profile: str | None
    model: str | None
    total_tokens: int
    cost_usd: float
    cost_complete: bool  # False: some usage had no known price, so cost_usd is a floor
    item_count: int


@dataclass(frozen=True, slots=True)
class StoredItem:
    item: Item
    created_at: float


@dataclass(frozen=True, slots=True)
class TurnUsage:
    """The usage of one response (`kind` "response", `ref` its id) or one transcription
    (`kind` "transcription", `ref` the user item's id). `cost_usd` None: no price known."""

    kind: str
    ref: str
    usage: Usage
    cost_usd: float | None
    created_at: float


@dataclass(frozen=True, slots=True)
class SessionMarker:
    """Where the server session changed: `kind` "new_session" (reconnect or rollover),
    "expired" (the server's time cap), or "resumed" (continued from the history later).
    It follows the item `after_item` (None: before the first item)."""

    kind: str
    after_item: str | None
    session_id: str | None
    model: str | None
    detail: str
    created_at: float


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    """A whole stored conversation: items in conversation order, usage, session markers."""

    summary: ConversationSummary
    items: tuple[StoredItem, ...]
    usage: tuple[TurnUsage, ...]
    markers: tuple[SessionMarker, ...]

    @property
    def id(self) -> str:
        return self.summary.id

    def in_order(self) -> Iterator[StoredItem | SessionMarker]:
        """The items, each followed by the session markers after it (those before the first
        item first; those after items deleted since, last): the order a transcript reads."""
        markers: dict[str | None, list[SessionMarker]] = {}
        for marker in self.markers:
            markers.setdefault(marker.after_item, []).append(marker)
        yield from markers.pop(None, [])
        for stored in self.items:
            yield stored
            yield from markers.pop(stored.item.id, [])
        for rest in markers.values():
            yield from rest


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One item matching a full-text search; `snippet` marks the matches with [ and ]."""

    conversation_id: str
    conversation_title: str
    item_id: str
    role: str | None
    snippet: str
    created_at: float


def title_from(text: str) -> str:
    """A one-line title from the first user turn."""
    return one_line(text, TITLE_LENGTH)


def one_line(text: str, limit: int) -> str:
    """`text` on one line (runs of whitespace become one space), at most `limit` characters:
    a longer one is cut and ends with "…"."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
