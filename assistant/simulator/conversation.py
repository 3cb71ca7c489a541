"""The in-memory conversation: ordered items plus the audio the simulator knows for them.

Items are stored in their GA shape without audio payloads (as the service reports them in
``conversation.item.added``/``done``); the PCM of user ``input_audio`` parts and the number of
milliseconds of assistant audio actually sent are kept alongside. The conversation also tracks
which leading part of it is unchanged since the last response, for cached-token accounting.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from .audio_formats import from_pcm24
from .events import ProtocolError

Item = dict[str, Any]
BYTES_PER_MS = 48  # PCM16 mono 24 kHz
KEPT_INPUT_AUDIO_MS = 120_000  # user audio kept for `conversation.item.retrieve`


@dataclass
class Entry:
    """One conversation item and its audio: user PCM, or assistant audio ms sent so far."""

    item: Item
    audio: bytes = b""
    audio_ms: int = 0
    speech_ms: int = 0  # user audio: how much of it the VAD heard as speech
    meta: dict[str, Any] = field(default_factory=dict)
    released_ms: int = 0  # duration of user audio whose PCM was let go (`release_audio`)

    @property
    def id(self) -> str:
        """The item's id."""
        return str(self.item["id"])

    @property
    def input_audio_ms(self) -> int:
        """Duration of the user audio attached to this item (kept even when its PCM is not)."""
        return len(self.audio) // BYTES_PER_MS or self.released_ms

    def release_audio(self) -> None:
        """Let go of the PCM; durations and token counts stay, a retrieve shows no audio."""
        if self.audio:
            self.released_ms, self.audio = self.input_audio_ms, b""


class ServerConversation:
    """Ordered items with insert-after semantics (``previous_item_id``, ``"root"``)."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self._stable = 0  # leading entries unchanged since `mark_prefix`

    def insert(self, entry: Entry, previous_item_id: str | None = None) -> str | None:
        """Add `entry` at the end, first (``"root"``) or after an item; returns its predecessor."""
        if any(e.id == entry.id for e in self.entries):
            message = f"Item with id '{entry.id}' already exists in the conversation."
            raise ProtocolError("invalid_value", message, "item.id")
        index = self._insert_index(previous_item_id)
        self.entries.insert(index, entry)
        self._touched(index)
        self._bound_audio(entry)
        return self.entries[index - 1].id if index > 0 else None

    def _bound_audio(self, newest: Entry) -> None:
        """Keep the PCM of the newest items within `KEPT_INPUT_AUDIO_MS` (memory stays flat
        over hours of voice); `newest` keeps its audio whatever its length."""
        budget = KEPT_INPUT_AUDIO_MS * BYTES_PER_MS - len(newest.audio)
        for entry in reversed(self.entries):
            if entry is newest or not entry.audio:
                continue
            budget -= len(entry.audio)
            if budget < 0:
                entry.release_audio()

    def _insert_index(self, previous_item_id: str | None) -> int:
        if previous_item_id is None:
            return len(self.entries)
        if previous_item_id == "root":
            return 0
        return self.index_of(previous_item_id, "previous_item_id") + 1

    def index_of(self, item_id: Any, param: str = "item_id") -> int:
        """Position of an item; raises the service-style error when it does not exist."""
        for index, entry in enumerate(self.entries):
            if entry.id == item_id:
                return index
        message = f"Item with item_id '{item_id}' not found in the conversation."
        raise ProtocolError("item_not_found", message, param)

    def get(self, item_id: Any) -> Entry:
        """The entry with `item_id` (raises `ProtocolError` when missing)."""
        return self.entries[self.index_of(item_id)]

    def delete(self, item_id: Any) -> None:
        """Remove an item (raises `ProtocolError` when missing)."""
        index = self.index_of(item_id)
        del self.entries[index]
        self._touched(index)

    def last_id(self) -> str | None:
        """Id of the last item, or None for an empty conversation."""
        return self.entries[-1].id if self.entries else None

    def touched(self, item_id: str) -> None:
        """Record that an item changed (e.g. truncated), invalidating cached context after it."""
        self._touched(self.index_of(item_id))

    def _touched(self, index: int) -> None:
        self._stable = min(self._stable, index)

    def mark_prefix(self, length: int) -> None:
        """A response just read the first `length` entries: they now count as cacheable."""
        self._stable = length

    @property
    def stable_prefix(self) -> int:
        """How many leading entries are unchanged since the last response read them."""
        return min(self._stable, len(self.entries))


def item_with_audio(
    entry: Entry,
    assistant_pcm: bytes = b"",
    input_format: dict[str, Any] | None = None,
    output_format: dict[str, Any] | None = None,
) -> Item:
    """The item as ``conversation.item.retrieved`` shows it: audio parts carry base64 audio
    (user audio in the input format; assistant audio, cut to what was kept, in the output one).
    """
    item = {**entry.item, "content": [dict(part) for part in entry.item.get("content", [])]}
    for part in item.get("content", []):
        if part.get("type") == "input_audio":
            part["audio"] = _b64(from_pcm24(entry.audio, input_format))
        elif part.get("type") == "output_audio":
            pcm = assistant_pcm[: entry.audio_ms * BYTES_PER_MS]
            part["audio"] = _b64(from_pcm24(pcm, output_format))
    return item


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def item_text(item: Item) -> str:
    """The readable text of an item: typed text, transcripts, call arguments or output."""
    if item.get("type") == "function_call":
        return f"{item.get('name', '')} {item.get('arguments', '')}"
    if item.get("type") == "function_call_output":
        return str(item.get("output", ""))
    texts = [part.get("text") or part.get("transcript") or "" for part in item.get("content", [])]
    return " ".join(t for t in texts if t)
