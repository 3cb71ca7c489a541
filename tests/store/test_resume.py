"""Continuing a stored conversation: the token budget, the note, the same conversation."""

from __future__ import annotations

from assistant.realtime import (
    FunctionCall,
    FunctionResult,
    ItemStatus,
    McpApprovalRequest,
    McpApprovalResponse,
    McpCall,
    Message,
    Role,
    SessionConfig,
)
from assistant.store import ConversationRecorder, HistoryStore, is_omitted_note, plan_resume
from tests.realtime import wire
from tests.store import turns


def stored_conversation(store: HistoryStore, turns_count: int, chars: int = 400) -> str:
    cid = store.create_conversation(model="gpt-realtime")
    for n in range(turns_count):
        for k, role in enumerate(("user", "assistant")):
            text = f"{role} turn {n} " + "x" * chars
            item = Message(f"item_{n}_{k}", Role(role), ItemStatus.COMPLETED, text)
            store.save_item(cid, item, (2 * n + k + 1) * 1024)
    return cid


def test_everything_fits_so_nothing_is_left_out(store: HistoryStore) -> None:
    cid = stored_conversation(store, 3)
    plan = plan_resume(store.load(cid))
    assert plan.omitted == 0 and plan.note is None and len(plan.items) == 6
    assert 6 * 100 < plan.tokens < 6 * 110  # about four characters a token


def test_the_oldest_items_are_left_out_past_the_budget_with_a_note(store: HistoryStore) -> None:
    cid = stored_conversation(store, 50)  # 100 items of ~105 tokens
    plan = plan_resume(store.load(cid), token_budget=1000)
    assert plan.omitted == 92 and plan.tokens <= 1000  # 125 tokens are kept for the summary
    assert plan.note is not None and is_omitted_note(plan.note)
    assert plan.note.text.startswith(
        "Summary of the earlier part of this conversation (92 items are not in the model's"
    )
    assert [i.id for i in plan.items[1:]] == [
        f"item_{n}_{k}" for n in range(46, 50) for k in (0, 1)
    ]


def test_a_tool_result_whose_call_was_left_out_is_left_out_too(store: HistoryStore) -> None:
    cid = store.create_conversation()
    call = FunctionCall(
        "item_f",
        ItemStatus.COMPLETED,
        name="lookup",
        call_id="c1",
        arguments="{" + "x" * 4000 + "}",
    )
    out = FunctionResult("item_o", ItemStatus.COMPLETED, call_id="c1", output="ok")
    last = Message("item_u", Role.USER, ItemStatus.COMPLETED, "thanks")
    for n, item in enumerate((call, out, last), start=1):
        store.save_item(cid, item, n * 1024)
    plan = plan_resume(store.load(cid), token_budget=20)
    assert [i.id for i in plan.items] == [plan.items[0].id, "item_u"]
    assert plan.omitted == 2


def test_resume_seeds_a_new_session_and_records_into_the_same_conversation(
    store: HistoryStore,
) -> None:
    cid = stored_conversation(store, 30)
    session = turns.new_session(SessionConfig(output="text"))
    recorder, plan = ConversationRecorder.resume(
        store, cid, session, token_budget=500, clock=turns.Clock()
    )
    assert plan.omitted == 56
    shown = session.conversation.items()
    assert is_omitted_note(shown[0]) and shown[0].role == "system"
    assert len(shown) == 5
    session.receive_message(wire.session_created())
    out = turns.sent(session)
    for event in session.events_received():
        recorder.on_event(event)
    replayed = [m["item"]["id"] for m in out if m["type"] == "conversation.item.create"]
    assert replayed == [i.id for i in shown]  # the summary goes first, as a system message
    typed = session.send_text("and now?")
    turns.feed(
        session, recorder.on_event, turns.echo(wire.message(typed, "user", "and now?"), "item_29_1")
    )
    turns.feed(
        session, recorder.on_event, *turns.text_reply("resp_1", "item_new", typed, "Now this.")
    )
    assert [c.id for c in store.list_conversations()] == [cid]
    record = store.load(cid)
    assert len(record.items) == 62  # nothing was lost by leaving it out of the context
    assert [s.item.id for s in record.items[-3:]] == ["item_29_1", typed, "item_new"]
    assert not any(is_omitted_note(s.item) for s in record.items)  # the note is not stored
    assert [(m.kind, m.after_item) for m in record.markers] == [("resumed", "item_29_1")]
    assert record.markers[0].detail == "56 earlier items left out of the context"


def test_resume_keeps_marks_of_interrupted_and_cut_off_replies(store: HistoryStore) -> None:
    cid = store.create_conversation()
    heard = Message(
        "item_a",
        Role.ASSISTANT,
        ItemStatus.INCOMPLETE,
        "one two three",
        interrupted=True,
        heard_ms=300,
        heard_text="one",
    )
    lost = Message("item_b", Role.ASSISTANT, ItemStatus.INCOMPLETE, "par", cut_off=True)
    store.save_item(cid, heard, 1024)
    store.save_item(cid, lost, 2048)
    session = turns.new_session()
    ConversationRecorder.resume(store, cid, session)
    assert session.conversation.items() == [heard, lost]
    session.receive_message(wire.session_created())
    creates = [m for m in turns.sent(session) if m["type"] == "conversation.item.create"]
    assert [c["item"]["content"][0]["text"] for c in creates] == ["one"]


def test_mcp_calls_and_declined_approvals_count_towards_the_budget(store: HistoryStore) -> None:
    done = ItemStatus.COMPLETED
    cid = store.create_conversation()
    items = [
        Message("item_u", Role.USER, done, "look it up"),
        McpApprovalRequest("item_r", done, server_label="docs", name="search", arguments="{}"),
        McpApprovalResponse("item_p", done, approval_request_id="item_r", approved=False),
        McpCall(
            "item_c",
            done,
            server_label="docs",
            name="search",
            arguments='{"q":"' + "x" * 400 + '"}',
            output="y" * 400,
        ),
        McpCall(
            "item_e", done, server_label="docs", name="search", arguments="{}", error="z" * 400
        ),
    ]
    for n, item in enumerate(items, start=1):
        store.save_item(cid, item, n * 1024)
    plan = plan_resume(store.load(cid))
    declined = len("The user declined the MCP tool call search on docs.") // 4 + 1
    assert plan.tokens > 3 + 4 + declined + 4 + 200 + 4 + 100 + 4
    assert plan.tokens < 3 + 4 + declined + 4 + 230 + 4 + 115 + 4
    small = plan_resume(store.load(cid), token_budget=150)
    assert [i.id for i in small.items[1:]] == ["item_e"]  # the big call no longer fits
