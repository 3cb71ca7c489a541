"""The conversation model: items keyed by id, ordered as the server orders them.

Order comes from `previous_item_id`, never from arrival order: an assistant item first seen in
`response.output_item.added` (which carries no position) is placed when the conversation event
that names its predecessor arrives; an item created here is shown at the end at once and moved
to where the server puts it when confirmed. Items that exist only here (replies cut off by a
dropped connection) are skipped over when a new item is placed after their predecessor, so a
new session's replies land after them, not before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.realtime.items import Item, ItemKind, ItemStatus, SpeakerSegment

AUDIO_BYTES_PER_MS = 48  # PCM16 mono at 24 kHz
_WITH_ARGUMENTS = {ItemKind.FUNCTION_CALL, ItemKind.MCP_APPROVAL_REQUEST, ItemKind.MCP_CALL}


@dataclass(slots=True)
class _State:
    id: str
    kind: ItemKind
    role: str | None
    status: ItemStatus
    type_name: str
    parts: list[str] = field(default_factory=list)
    has_audio: bool = False
    audio_bytes: int = 0
    interrupted: bool = False
    heard_ms: int | None = None
    heard_text: str | None = None
    cut_off: bool = False
    name: str | None = None
    call_id: str | None = None
    output: str | None = None
    arg_parts: list[str] = field(default_factory=list)
    server_label: str | None = None
    approval_request_id: str | None = None
    approved: bool | None = None
    error: str | None = None
    tools: tuple[str, ...] = ()
    phase: str | None = None
    segments: dict[str, SpeakerSegment] = field(default_factory=dict)  # by segment id

    @classmethod
    def from_item(cls, item: Item) -> _State:
        """The state an `Item` snapshot was taken from (the inverse of `snapshot`)."""
        return cls(
            id=item.id,
            kind=item.kind,
            role=item.role,
            status=item.status,
            type_name=item.type_name,
            parts=[item.text] if item.text else [],
            has_audio=item.has_audio,
            audio_bytes=round(item.audio_ms * AUDIO_BYTES_PER_MS),
            interrupted=item.interrupted,
            heard_ms=item.heard_ms,
            heard_text=item.heard_text,
            cut_off=item.cut_off,
            name=item.name,
            call_id=item.call_id,
            output=item.output,
            arg_parts=[item.arguments] if item.arguments else [],
            server_label=item.server_label,
            approval_request_id=item.approval_request_id,
            approved=item.approved,
            error=item.error,
            tools=item.tools,
            phase=item.phase,
            segments={str(n): segment for n, segment in enumerate(item.segments)},
        )

    def snapshot(self) -> Item:
        return Item(
            id=self.id,
            kind=self.kind,
            role=self.role,
            status=self.status,
            text="".join(self.parts),
            has_audio=self.has_audio,
            audio_ms=self.audio_bytes / AUDIO_BYTES_PER_MS,
            interrupted=self.interrupted,
            heard_ms=self.heard_ms,
            heard_text=self.heard_text,
            cut_off=self.cut_off,
            name=self.name,
            call_id=self.call_id,
            arguments="".join(self.arg_parts) if self.kind in _WITH_ARGUMENTS else None,
            output=self.output,
            type_name=self.type_name,
            server_label=self.server_label,
            approval_request_id=self.approval_request_id,
            approved=self.approved,
            error=self.error,
            tools=self.tools,
            phase=self.phase,
            segments=tuple(sorted(self.segments.values(), key=lambda s: s.start)),
        )


class Conversation:
    """Items in server order. Mutated only by the `Session`; read through snapshots."""

    def __init__(self) -> None:
        self._items: dict[str, _State] = {}
        self._order: list[str] = []
        self._unplaced: set[str] = set()
        self._early_transcripts: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._order)

    def items(self) -> list[Item]:
        """Every item, in conversation order."""
        return [self._items[i].snapshot() for i in self._order]

    def states(self) -> list[_State]:
        """Every item's live state, in conversation order (for the session, no snapshots)."""
        return [self._items[i] for i in self._order]

    def ids(self) -> list[str]:
        """Every item's id, in conversation order: `items()` without the snapshots (cheap)."""
        return list(self._order)

    def get(self, item_id: str) -> Item | None:
        state = self._items.get(item_id)
        return state.snapshot() if state else None

    def state(self, item_id: str) -> _State | None:
        return self._items.get(item_id)

    def add(self, state: _State, previous_item_id: str | None, *, placed: bool) -> None:
        """Add a new item after `previous_item_id` (None: first), or at the end if not `placed`.

        An item said to follow itself (or an unknown item) goes at the end.
        """
        if placed:
            index = self._index_after(previous_item_id)  # before the item itself is known
            self._items[state.id] = state
            self._order.insert(index, state.id)
        else:
            self._items[state.id] = state
            self._order.append(state.id)
            self._unplaced.add(state.id)
        early = self._early_transcripts.pop(state.id, None)
        if early is not None:
            state.parts = [early]

    def place(self, item_id: str, previous_item_id: str | None) -> None:
        """Move an item not yet placed to where the server says it is; placed items stay put."""
        if item_id not in self._unplaced or previous_item_id == item_id:
            return
        self._unplaced.discard(item_id)
        self._order.remove(item_id)
        self._order.insert(self._index_after(previous_item_id), item_id)

    def remove(self, item_id: str) -> bool:
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
