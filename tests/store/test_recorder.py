"""The recorder driven by a real `Session` fed GA events: what reaches the file, and when."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.realtime import ItemKind, Session, SessionConfig
from assistant.store import ConversationRecorder, HistoryStore
from tests.realtime import wire
from tests.store import turns


def recording(
    store: HistoryStore, config: SessionConfig | None = None
) -> tuple[Session, ConversationRecorder]:
    session = turns.new_session(config)
    recorder = ConversationRecorder(store, session, profile="openai", clock=turns.Clock())
    turns.feed(session, recorder.on_event, wire.session_created())
    return session, recorder


def on_disk(path: Path) -> list[tuple[str, str | None, str]]:
    """(item id, role, text) in stored order, read through a separate connection."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT item_id, role, text FROM items ORDER BY position").fetchall()
    finally:
        conn.close()
    return [(r[0], r[1], r[2]) for r in rows]


def test_items_are_stored_in_conversation_order_even_when_transcripts_arrive_late(
    store: HistoryStore,
) -> None:
    session, recorder = recording(store)
    feed = lambda *m: turns.feed(session, recorder.on_event, *m)  # noqa: E731
    feed(turns.user_audio("item_u1", None))  # spoken; its transcript comes later
    feed(
        *turns.reply_start("resp_1", "item_a1", "item_u1"),
        *turns.reply_words("resp_1", "item_a1", ["It", " is"]),
    )
    typed = session.send_text("wait")  # typed while the reply streams: confirmed first
    feed(turns.echo(wire.message(typed, "user", "wait"), "item_a1"))
    assert [i for i, _, _ in on_disk(store.path)] == ["item_u1", typed]
    feed(*turns.reply_end("resp_1", "item_a1", "It is noon"))
    feed(turns.transcript("item_u1", "what time is it"))  # after the reply
    expected = [
        ("item_u1", "user", "what time is it"),
        ("item_a1", "assistant", "It is noon"),
        (typed, "user", "wait"),
    ]
    assert on_disk(store.path) == expected
    assert [(i.id, i.role, i.text) for i in session.conversation.items()] == expected
    record = store.load(recorder.conversation_id or "")
    assert [s.item for s in record.items] == session.conversation.items()
    assert record.summary.title == "what time is it"
    assert [hit.item_id for hit in store.search("time")] == ["item_u1"]


def test_a_reply_placed_after_it_was_first_seen_moves_to_its_place(store: HistoryStore) -> None:
    session, recorder = recording(store)
    a = wire.message("item_a", "assistant", status="in_progress")
    done = wire.message("item_a", "assistant", "answer")
    turns.feed(
        session,
        recorder.on_event,
        wire.output_item_added("resp_1", a),  # no position yet: at the end
        wire.item_added(wire.message("item_u1", "user", "first"), None),
        wire.item_added(wire.message("item_u2", "user", "second"), "item_a"),
        wire.item_added(a, "item_u1"),  # now between the two user turns
        wire.output_item_done("resp_1", done),
    )
    assert [i for i, _, _ in on_disk(store.path)] == ["item_u1", "item_a", "item_u2"]


def test_each_finished_item_is_on_disk_before_the_next_event(store: HistoryStore) -> None:
    session, recorder = recording(store)
    user = session.send_text("hello")
    turns.feed(session, recorder.on_event, turns.echo(wire.message(user, "user", "hello"), None))
    assert on_disk(store.path) == [(user, "user", "hello")]
    streaming = turns.reply_start("resp_1", "item_a", user) + turns.reply_words(
        "resp_1", "item_a", ["Hi"]
    )
    turns.feed(session, recorder.on_event, *streaming)
    assert on_disk(store.path) == [(user, "user", "hello")]  # the streaming reply is not
    turns.feed(session, recorder.on_event, *turns.reply_end("resp_1", "item_a", "Hi"))
    assert on_disk(store.path)[-1] == ("item_a", "assistant", "Hi")


def test_an_interruption_after_the_reply_finished_updates_the_stored_item(
    store: HistoryStore,
) -> None:
    session, recorder = recording(store, SessionConfig(turn_detection=None))
    words = ["One", " two", " three", " four"]
    turns.feed(session, recorder.on_event, *turns.spoken_reply("resp_1", "item_a", None, words))
    interrupted = session.interrupt(150)  # the audio plays on after the reply is done
    assert interrupted is not None
    for event in session.events_received():
        recorder.on_event(event)
    (stored,) = store.load(recorder.conversation_id or "").items
    assert stored.item.interrupted and stored.item.heard_ms == 150
    assert stored.item.heard_text == "One"
    assert stored.item.text == "One two three four"


def test_usage_and_cost_are_kept_per_turn_and_add_up(store: HistoryStore) -> None:
    session, recorder = recording(store)
    turns.feed(session, recorder.on_event, *turns.spoken_reply("resp_1", "item_a", None, ["A"]))
    turns.feed(session, recorder.on_event, *turns.spoken_reply("resp_2", "item_b", "item_a", ["B"]))
    record = store.load(recorder.conversation_id or "")
    assert [(t.kind, t.ref) for t in record.usage] == [
        ("response", "resp_1"),
        ("response", "resp_2"),
    ]
    assert record.usage[0].usage.input_audio == 476
    assert record.summary.total_tokens == session.usage.total_tokens == 2 * 821
    assert record.summary.cost_usd == session.cost.total
    assert record.summary.cost_complete and record.summary.model == "gpt-realtime"
    assert record.summary.profile == "openai"


def test_unpriced_usage_is_flagged(store: HistoryStore) -> None:
    session = turns.new_session()
    recorder = ConversationRecorder(store, session, clock=turns.Clock())
    turns.feed(session, recorder.on_event, wire.session_created(model="my-azure-deployment"))
    turns.feed(session, recorder.on_event, *turns.spoken_reply("resp_1", "item_a", None, ["A"]))
    summary = store.summary(recorder.conversation_id or "")
    assert summary.total_tokens == 821 and not summary.cost_complete
    assert store.load(summary.id).usage[0].cost_usd is None


def test_tool_calls_and_results_are_stored(store: HistoryStore) -> None:
    session, recorder = recording(store)
    turns.feed(
        session,
        recorder.on_event,
        *turns.tool_turn("resp_1", "item_f", "call_1", "get_time", '{"tz":"UTC"}'),
    )
    session.submit_tool_output("call_1", "12:00")
    output_id = session.conversation.items()[-1].id
    result = {
        "id": output_id,
        "object": "realtime.item",
        "type": "function_call_output",
        "status": "completed",
        "call_id": "call_1",
        "output": "12:00",
    }
    turns.feed(session, recorder.on_event, turns.echo(result, "item_f"))
    call, output = (s.item for s in store.load(recorder.conversation_id or "").items)
    assert (call.kind, call.name, call.call_id, call.arguments) == (
        ItemKind.FUNCTION_CALL,
        "get_time",
        "call_1",
        '{"tz":"UTC"}',
    )
    assert (output.kind, output.call_id, output.output) == (
        ItemKind.FUNCTION_CALL_OUTPUT,
        "call_1",
        "12:00",
    )
    assert [h.item_id for h in store.search("UTC")] == ["item_f"]


def test_reconnect_and_expiry_add_markers_to_the_same_conversation(store: HistoryStore) -> None:
    session, recorder = recording(store)
    user = session.send_text("hi")
    turns.feed(session, recorder.on_event, turns.echo(wire.message(user, "user", "hi"), None))
    partial = turns.reply_start("resp_1", "item_a", user) + turns.reply_words(
        "resp_1", "item_a", ["Hel"]
    )
    turns.feed(session, recorder.on_event, *partial)
    session.connection_lost()  # the reply in flight is cut off
    for event in session.events_received():
        recorder.on_event(event)
    turns.feed(session, recorder.on_event, wire.session_created())
    turns.feed(
        session, recorder.on_event, *turns.spoken_reply("resp_2", "item_b", "item_a", ["Hello"])
    )
    turns.feed(
        session,
        recorder.on_event,
        wire.error("session_expired", "Your session hit the maximum duration of 60 minutes."),
    )
    session.connection_lost()
    turns.feed(session, recorder.on_event, wire.session_created())
    assert [c.id for c in store.list_conversations()] == [recorder.conversation_id]
    record = store.load(recorder.conversation_id or "")
    items = [s.item for s in record.items]
    assert [(i.id, i.cut_off) for i in items] == [
        (user, False),
        ("item_a", True),
        ("item_b", False),
    ]
    assert items[1].text == "Hel"
    assert [(m.kind, m.after_item) for m in record.markers] == [
        ("new_session", "item_a"),
        ("expired", "item_b"),
    ]


def test_a_deleted_item_is_deleted_from_the_history(store: HistoryStore) -> None:
    session, recorder = recording(store)
    user = session.send_text("oops")
    turns.feed(session, recorder.on_event, turns.echo(wire.message(user, "user", "oops"), None))
    session.delete_item(user)
    turns.feed(session, recorder.on_event, wire.event("conversation.item.deleted", item_id=user))
    assert store.load(recorder.conversation_id or "").items == ()
    assert store.search("oops") == []


def test_nothing_is_written_until_something_happens(store: HistoryStore) -> None:
    recording(store)
    assert store.list_conversations() == []


def test_a_failed_write_is_reported_and_the_conversation_goes_on(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    session = turns.new_session()
    failures: list[str] = []
    recorder = ConversationRecorder(store, session, on_failure=failures.append)
    turns.feed(session, recorder.on_event, wire.session_created())
    store.close()  # the file went away under us
    turns.feed(session, recorder.on_event, *turns.spoken_reply("resp_1", "item_a", None, ["A"]))
    assert failures and failures[0].startswith("The conversation history could not be saved")
    assert recorder.failure == failures[-1]
    assert session.conversation.items()[0].text == "A"
