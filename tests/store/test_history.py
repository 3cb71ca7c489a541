"""History operations on a real file: list, titles, rename, search, delete that leaves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.realtime import Item, ItemStatus, Message, Role
from assistant.store import HistoryStore, UnknownConversation


def message(item_id: str, role: str, text: str) -> Item:
    return Message(item_id, Role(role), ItemStatus.COMPLETED, text)


def conversation(store: HistoryStore, *texts: str, at: float = 1_750_000_000.0) -> str:
    """A stored conversation alternating user and assistant turns."""
    cid = store.create_conversation(profile="openai", model="gpt-realtime", at=at)
    for n, text in enumerate(texts):
        role = "user" if n % 2 == 0 else "assistant"
        store.save_item(cid, message(f"item_{n}", role, text), (n + 1) * 1024, at=at + n)
    return cid


def test_the_list_is_newest_first_titled_by_the_first_user_turn(store: HistoryStore) -> None:
    old = conversation(store, "What is the capital of France?", "Paris.", at=1000.0)
    new = conversation(store, "  Tell me   a joke\nplease ", "No.", at=2000.0)
    empty = store.create_conversation(at=500.0)
    listed = store.list_conversations()
    assert [c.id for c in listed] == [new, old, empty]
    assert [c.title for c in listed] == [
        "Tell me a joke please",
        "What is the capital of France?",
        "Untitled conversation",
    ]
    assert listed[0].item_count == 2 and listed[0].updated_at == 2001.0
    assert [c.id for c in store.list_conversations(limit=1)] == [new]


def test_a_long_first_turn_is_shortened(store: HistoryStore) -> None:
    cid = conversation(store, "word " * 100)
    title = store.summary(cid).title
    assert len(title) == 80 and title.endswith("…")


def test_rename_and_back(store: HistoryStore) -> None:
    cid = conversation(store, "first question")
    store.rename(cid, "  Trip planning ")
    assert (store.summary(cid).title, store.summary(cid).custom_title) == ("Trip planning", True)
    store.rename(cid, "")
    assert (store.summary(cid).title, store.summary(cid).custom_title) == ("first question", False)
    with pytest.raises(UnknownConversation):
        store.rename("nope", "x")


def test_ids_resolve_from_a_unique_prefix(store: HistoryStore) -> None:
    a = store.create_conversation(conversation_id="abc123")
    store.create_conversation(conversation_id="abd456")
    assert store.resolve("abc") == a == store.resolve("abc123")
    with pytest.raises(UnknownConversation, match="more than one"):
        store.resolve("ab")
    with pytest.raises(UnknownConversation, match="no conversation"):
        store.resolve("zz")
    with pytest.raises(UnknownConversation):
        store.resolve("a%")  # LIKE wildcards are taken literally


def test_search_finds_words_in_any_conversation_with_a_snippet(store: HistoryStore) -> None:
    trip = conversation(store, "Plan a trip to Zürich in spring", "Take the train from Basel.")
    conversation(store, "Recipe for bread", "Flour, water, salt and time.")
    hits = store.search("zurich train")  # diacritics folded; every word must occur...
    assert hits == []  # ...in the same item
    (hit,) = store.search("zurich")
    assert (hit.conversation_id, hit.item_id, hit.role) == (trip, "item_0", "user")
    assert hit.snippet == "Plan a trip to [Zürich] in spring"
    assert hit.conversation_title == "Plan a trip to Zürich in spring"
    assert [h.item_id for h in store.search("bas")] == ["item_1"]  # the last word is a prefix


def test_search_takes_what_people_type_literally(store: HistoryStore) -> None:
    conversation(store, 'He said "hello" AND left (NEAR the door)*')
    for query in ['"hello', "AND", "NEAR(", "door)*", "-left", "said:"]:
        assert len(store.search(query)) == 1, query
    assert store.search("?!") == []
    assert store.search("") == []


def test_delete_removes_every_trace_from_the_file(store: HistoryStore) -> None:
    keep = conversation(store, *[f"ordinary words number {n}" for n in range(50)])
    secret = "zanzibarquux pineapplewhisk"
    gone = conversation(store, f"my secret is {secret}", "Noted: " + secret)
    store.event_log_path(gone).parent.mkdir(parents=True)
    store.event_log_path(gone).write_text('{"t": 0, "dir": "server", "event": {}}\n')
    assert store.search("zanzibarquux")
    assert store.delete(gone)
    assert not store.delete(gone)
    assert store.search("zanzibarquux") == [] and [c.id for c in store.list_conversations()] == [
        keep
    ]
    assert not store.event_log_path(gone).exists()
    files = [store.path, Path(f"{store.path}-wal"), Path(f"{store.path}-shm")]
    for path in files:
        data = path.read_bytes() if path.exists() else b""
        for word in (b"zanzibarquux", b"pineapplewhisk", gone.encode()):
            assert word not in data, (path.name, word)
    assert len(store.search("ordinary")) == 50  # the rest of the index is intact


def test_reopening_keeps_everything(data_dir: Path) -> None:
    with HistoryStore.open() as store:
        cid = conversation(store, "persisted", "yes")
    with HistoryStore.open() as store:
        assert [s.item.text for s in store.load(cid).items] == ["persisted", "yes"]


def test_loading_an_unknown_conversation_is_an_error(store: HistoryStore) -> None:
    with pytest.raises(UnknownConversation):
        store.load("missing")


def test_a_late_transcript_updates_text_and_index(store: HistoryStore) -> None:
    cid = conversation(store, "")
    assert store.summary(cid).title == "Untitled conversation"
    assert store.update_text(cid, "item_0", "the transcript arrived")
    assert not store.update_text(cid, "item_missing", "x")
    assert store.summary(cid).title == "the transcript arrived"
    assert [h.item_id for h in store.search("transcript")] == ["item_0"]


def test_an_unknown_conversation_id_is_never_repeated(tmp_path: Path) -> None:
    """Issue 12: a key pasted as the id must not be shown back."""
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    pasted = "sk-test-NOT-A-REAL-KEY-0123456789"
    with store, pytest.raises(UnknownConversation) as raised:
        store.resolve(pasted)
    assert pasted not in str(raised.value) and "sk-" not in str(raised.value)
