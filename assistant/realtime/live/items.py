"""The conversation as the GPT-Live core changes it: every item operation it needs, in one place.

Live has no server items, so the core makes its own: user messages (typed, or the input
transcript), assistant messages (the spoken output), and the function calls and outputs of a
delegation, all of them the Realtime core's immutable item types (`assistant.realtime.items`),
kept in its `Conversation` through that class's own moves. The handlers and the session go
through `LiveItems` only, so how Live builds and changes items is known here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from assistant.realtime.conversation import Conversation
from assistant.realtime.items import FunctionCall, FunctionResult, Item, ItemStatus, Message, Role
from assistant.realtime.session import heard_part


class LiveItems:
    def __init__(self, conversation: Conversation, new_id: Callable[[], str]) -> None:
        self.conversation, self._new_id = conversation, new_id
        self._tails: dict[str, str] = {}  # item id -> last character streamed (cheap to read)

    def add_message(
        self, role: Role, status: ItemStatus, text: str = "", *, audio: bool = False
    ) -> Item:
        item = Message(self._new_id(), role, status, text, has_audio=audio)
        self._tails[item.id] = text[-1:]
        return self._add(item)

    def add_call(self, name: str, call_id: str, arguments: str) -> Item:
        call = FunctionCall(self._new_id(), ItemStatus.COMPLETED, name, call_id, arguments)
        return self._add(call)

    def add_output(self, call_id: str, output: str) -> Item:
        return self._add(FunctionResult(self._new_id(), ItemStatus.COMPLETED, call_id, output))

    def get(self, item_id: str | None) -> Item | None:
        return self.conversation.get(item_id) if item_id else None

    def text(self, item_id: str | None) -> str:
        item = self.get(item_id)
        return item.text if isinstance(item, Message) else ""

    def last_char(self, item_id: str) -> str:
        return self._tails.get(item_id, "")

    def append_text(self, item_id: str, delta: str) -> None:
        if isinstance(self.conversation.peek(item_id), Message):
            self.conversation.append(item_id, delta)
            self._tails[item_id] = delta[-1:]

    def add_audio(self, item_id: str, pcm_bytes: int) -> None:
        self.conversation.add_audio(item_id, pcm_bytes)

    def audio_ms(self, item_id: str | None) -> int:
        item = self.conversation.peek(item_id) if item_id else None
        return int(item.audio_ms) if isinstance(item, Message) else 0

    def finish(self, item_id: str | None, *, cut_off: bool = False) -> Item | None:
        """Mark an item complete (or incomplete, `cut_off`: lost to a dropped connection)."""
        item = self.get(item_id)
        if item is None:
            return None
        status = ItemStatus.INCOMPLETE if cut_off else ItemStatus.COMPLETED
        item = replace(item, status=status, cut_off=cut_off)
        self.conversation.put(item)
        return item

    def mark_heard(self, item_id: str, heard_ms: int, received_ms: int) -> None:
        """The user heard `heard_ms` of the item's `received_ms`: keep the heard words."""
        item = self.conversation.get(item_id)
        if isinstance(item, Message):
            heard = heard_part(item.text, heard_ms, received_ms)
            item = replace(item, interrupted=True, heard_ms=heard_ms, heard_text=heard)
            self.conversation.put(item)

    def restore(self, items: Iterable[Item]) -> None:
        self.conversation.restore(items)

    def call_name(self, call_id: str) -> str:
        for item in reversed(self.conversation.items()):
            if isinstance(item, FunctionCall) and item.call_id == call_id:
                return item.name or "function"
        return "function"

    def history(self) -> list[tuple[str, str]]:
        """(role, text) of every user and assistant message with words, oldest first."""
        return [
            (str(item.role), item.shown_text.strip())
            for item in self.conversation.items()
            if isinstance(item, Message)
            and item.role in (Role.USER, Role.ASSISTANT)
            and item.shown_text.strip()
        ]

    def _add(self, item: Item) -> Item:
        return self.conversation.add(item, None, placed=False)
