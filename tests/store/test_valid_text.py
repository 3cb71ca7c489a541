"""Lone UTF-16 surrogates (issue 12): the history stores valid text instead of failing."""

from __future__ import annotations

from assistant.realtime import ItemStatus, Message, Role
from assistant.store import HistoryStore


def test_an_item_with_a_lone_surrogate_is_stored_with_a_replacement_character(
    store: HistoryStore,
) -> None:
    cid = store.create_conversation(profile="demo", model="gpt-realtime")
    item = Message("item_1", Role.USER, ItemStatus.COMPLETED, "caf\udce9")
    store.save_item(cid, item, 1024)
    assert store.update_text(cid, "item_1", "caf\udce9 au lait \ud83d")
    [stored] = store.load(cid).items
    assert stored.item.text == "caf\ufffd au lait \ufffd"
