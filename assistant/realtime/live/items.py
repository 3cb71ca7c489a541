"""The conversation as the GPT-Live core changes it: every item operation it needs, in one place.

Live has no server items, so the core makes its own: user messages (typed, or the input
transcript), assistant messages (the spoken output), and the function calls and outputs of a
delegation. The handlers and the session go through `LiveItems` only, so the conversation's
internals (shared with the Realtime core) are known here and nowhere else in `live`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from assistant.realtime.conversation import AUDIO_BYTES_PER_MS, Conversation, _State
from assistant.realtime.items import Item, ItemKind, ItemStatus
from assistant.realtime.session import heard_part


class LiveItems:
    def __init__(self, conversation: Conversation, new_id: Callable[[], str]) -> None:
        self.conversation, self._new_id = conversation, new_id

    def add_message(
        self, role: str, status: ItemStatus, text: str = "", *, audio: bool = False
    ) -> Item:
        return self._state(ItemKind.MESSAGE, role, status, text, has_audio=audio).snapshot()

    def add_call(self, name: str, call_id: str, arguments: str) -> Item:
        state = self._state(ItemKind.FUNCTION_CALL, None, ItemStatus.COMPLETED, "")
        state.name, state.call_id, state.arg_parts = name, call_id, [arguments]
        return state.snapshot()

    def add_output(self, call_id: str, output: str) -> Item:
        state = self._state(ItemKind.FUNCTION_CALL_OUTPUT, None, ItemStatus.COMPLETED, "")
        state.call_id, state.output = call_id, output
        return state.snapshot()

    def get(self, item_id: str | None) -> Item | None:
        return self.conversation.get(item_id) if item_id else None

    def text(self, item_id: str | None) -> str:
        state = self.conversation.state(item_id) if item_id else None
        return "".join(state.parts) if state else ""

    def last_char(self, item_id: str) -> str:
        state = self.conversation.state(item_id)
        return state.parts[-1][-1:] if state and state.parts else ""

    def append_text(self, item_id: str, delta: str) -> None:
        state = self.conversation.state(item_id)
        if state is not None:
            state.parts.append(delta)

    def add_audio(self, item_id: str, pcm_bytes: int) -> None:
        state = self.conversation.state(item_id)
        if state is not None:
            state.audio_bytes += pcm_bytes

    def audio_ms(self, item_id: str | None) -> int:
        state = self.conversation.state(item_id) if item_id else None
        return int(state.audio_bytes / AUDIO_BYTES_PER_MS) if state else 0

    def finish(self, item_id: str | None, *, cut_off: bool = False) -> Item | None:
        """Mark an item complete (or incomplete, `cut_off`: lost to a dropped connection)."""
        state = self.conversation.state(item_id) if item_id else None
        if state is None:
            return None
        state.status = ItemStatus.INCOMPLETE if cut_off else ItemStatus.COMPLETED
        state.cut_off = cut_off
        return state.snapshot()

    def mark_heard(self, item_id: str, heard_ms: int, received_ms: int) -> None:
        """The user heard `heard_ms` of the item's `received_ms`: keep the heard words."""
        state = self.conversation.state(item_id)
        if state is not None:
            state.interrupted, state.heard_ms = True, heard_ms
            state.heard_text = heard_part("".join(state.parts), heard_ms, received_ms)

    def restore(self, items: Iterable[Item]) -> None:
        previous: str | None = None
        for item in items:
            state = _State.from_item(item)
            self.conversation.add(state, previous, placed=True)
            previous = state.id

    def call_name(self, call_id: str) -> str:
        for state in reversed(self.conversation.states()):
            if state.kind is ItemKind.FUNCTION_CALL and state.call_id == call_id:
                return state.name or "function"
        return "function"

    def history(self) -> list[tuple[str, str]]:
        """(role, text) of every user and assistant message with words, oldest first."""
        return [
            (str(item.role), item.shown_text.strip())
            for item in self.conversation.items()
            if item.kind is ItemKind.MESSAGE
            and item.role in ("user", "assistant")
            and item.shown_text.strip()
        ]

    def _state(
        self, kind: ItemKind, role: str | None, status: ItemStatus, text: str, **fields: Any
    ) -> _State:
        state = _State(self._new_id(), kind, role, status, kind.value)
        state.parts = [text] if text else []
        for name, value in fields.items():
            setattr(state, name, value)
        self.conversation.add(state, None, placed=False)
        return state
