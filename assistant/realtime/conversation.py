"""The conversation model: items keyed by id, ordered as the server orders them.

Order comes from `previous_item_id`, never from arrival order: an assistant item first seen in
`response.output_item.added` (which carries no position) is placed when the conversation event
that names its predecessor arrives; an item created here is shown at the end at once and moved
to where the server puts it when confirmed. Items that exist only here (replies cut off by a
dropped connection) are skipped over when a new item is placed after their predecessor, so a
new session's replies land after them, not before.

Streamed text (a reply's words, a call's arguments) is appended to a list of parts and joined
into the item when the item is next read, so a long reply costs linear, not quadratic, time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from assistant.realtime.items import FunctionCall, Item, McpCall, Message, SpeakerSegment

AUDIO_BYTES_PER_MS = 48  # PCM16 mono at 24 kHz


def with_audio(item: Message, pcm_bytes: int) -> Message:
    """`item` with `pcm_bytes` more audio (counted in bytes, so no rounding accumulates)."""
    total = round(item.audio_ms * AUDIO_BYTES_PER_MS) + pcm_bytes
    return replace(item, has_audio=True, audio_ms=total / AUDIO_BYTES_PER_MS)


class Conversation:
    """Items in server order. Changed only by the `Session`; every read is an immutable item."""

    def __init__(self) -> None:
        self._items: dict[str, Item] = {}
        self._order: list[str] = []
        self._unplaced: set[str] = set()
        self._early_transcripts: dict[str, str] = {}
        self._streams: dict[str, list[str]] = {}  # item id -> its streamed field, in parts
        self._segments: dict[str, dict[str, SpeakerSegment]] = {}  # item id -> by segment id

    def __len__(self) -> int:
        return len(self._order)

    def items(self) -> list[Item]:
        """Every item, in conversation order."""
        for item_id in list(self._streams):
            self._settle(item_id)
        return [self._items[i] for i in self._order]

    def ids(self) -> list[str]:
        """Every item's id, in conversation order."""
        return list(self._order)

    def get(self, item_id: str) -> Item | None:
        if item_id in self._streams:
            self._settle(item_id)
        return self._items.get(item_id)

    def restore(self, items: Iterable[Item]) -> list[Item]:
        """Add an earlier conversation in its order; returns its items. Raises ValueError on
        two items with the same id (a damaged history must not merge two turns)."""
        items = list(items)
        if len({item.id for item in items}) != len(items):
            raise ValueError("restore() was given two items with the same id")
        previous: str | None = None
        for item in items:
            self.add(item, previous, placed=True)
            previous = item.id
        return items

    def add(self, item: Item, previous_item_id: str | None, *, placed: bool) -> Item:
        """Add a new item after `previous_item_id` (None: first), or at the end if not `placed`;
        returns it as added (with a transcript that arrived before it).

        An item said to follow itself (or an unknown item) goes at the end.
        """
        early = self._early_transcripts.pop(item.id, None)
        if early is not None and isinstance(item, Message):
            item = replace(item, text=early)
        if placed:
            index = self._index_after(previous_item_id)  # before the item itself is known
            self._items[item.id] = item
            self._order.insert(index, item.id)
        else:
            self._items[item.id] = item
            self._order.append(item.id)
            self._unplaced.add(item.id)
        return item

    def put(self, item: Item) -> None:
        """Replace the known item with the same id (its new state); unknown ids are ignored."""
        if item.id in self._items:
            self._streams.pop(item.id, None)  # the new state already has what was streamed
            self._items[item.id] = item

    def peek(self, item_id: str) -> Item | None:
        """The item as `get` gives it, except a field still streaming (cheap: for checks)."""
        return self._items.get(item_id)

    def append(self, item_id: str, delta: str) -> None:
        """Add `delta` to the streamed field of a known item: a message's text, or a call's
        arguments (other kinds have none and are left alone)."""
        stream = self._streams.get(item_id)
        if stream is None:
            start = _streamed(self._items.get(item_id))
            if start is None:
                return
            stream = self._streams[item_id] = [start]
        stream.append(delta)

    def add_segment(self, item_id: str, segment_id: str, segment: SpeakerSegment) -> None:
        """A diarized segment of a known message's transcript (a repeated id replaces it);
        the message's segments stay in time order."""
        item = self.get(item_id)
        if not isinstance(item, Message):
            return
        segments = self._segments.setdefault(
            item_id, {str(n): s for n, s in enumerate(item.segments)}
        )
        segments[segment_id] = segment
        ordered = tuple(sorted(segments.values(), key=lambda s: s.start))
        self._items[item_id] = replace(item, segments=ordered)

    def add_audio(self, item_id: str, pcm_bytes: int) -> None:
        """Count more audio for a known message (its streaming words are left streaming)."""
        item = self._items.get(item_id)
        if isinstance(item, Message):
            self._items[item_id] = with_audio(item, pcm_bytes)

    def _settle(self, item_id: str) -> None:
        joined = "".join(self._streams.pop(item_id))
        match self._items.get(item_id):
            case Message() as item:
                self._items[item_id] = replace(item, text=joined)
            case FunctionCall() | McpCall() as item:
                self._items[item_id] = replace(item, arguments=joined)

    def place(self, item_id: str, previous_item_id: str | None) -> None:
        """Move an item not yet placed to where the server says it is; placed items stay put."""
        if item_id not in self._unplaced or previous_item_id == item_id:
            return
        self._unplaced.discard(item_id)
        self._order.remove(item_id)
        self._order.insert(self._index_after(previous_item_id), item_id)

    def remove(self, item_id: str) -> bool:
        self._streams.pop(item_id, None)
        self._segments.pop(item_id, None)
        if self._items.pop(item_id, None) is None:
            return False
        self._order.remove(item_id)
        self._unplaced.discard(item_id)
        return True

    def stash_transcript(self, item_id: str, transcript: str) -> None:
        """Keep a transcript that arrived before its item; `add` attaches it."""
        self._early_transcripts[item_id] = transcript

    def _index_after(self, previous_item_id: str | None) -> int:
        if previous_item_id is None or previous_item_id == "root":
            index = 0
        elif previous_item_id in self._items:
            index = self._position(previous_item_id) + 1
        else:
            return len(self._order)
        while index < len(self._order) and self._items[self._order[index]].cut_off:
            index += 1
        return index

    def _position(self, item_id: str) -> int:
        """Where `item_id` stands, searched from the end: new items almost always follow the
        last one, so building or restoring a conversation stays linear, not quadratic."""
        for index in range(len(self._order) - 1, -1, -1):
            if self._order[index] == item_id:
                return index
        raise KeyError(item_id)


def _streamed(item: Item | None) -> str | None:
    """The current value of the field deltas extend (None: the item has none)."""
    match item:
        case Message():
            return item.text
        case FunctionCall() | McpCall():
            return item.arguments
    return None
