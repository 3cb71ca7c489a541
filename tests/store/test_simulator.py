"""The recorder on a live client talking to the simulator over real sockets: a forced session
expiry and a dropped connection still make one stored conversation, and a stored
conversation continues in a new client with its items replayed to the server."""

from __future__ import annotations

from typing import Any

from assistant.realtime import ItemStatus, ResponseFinished, SessionCreated
from assistant.simulator import Fault
from assistant.store import ConversationRecorder, HistoryStore
from assistant.transport import ClientOptions
from tests.integration.harness import FAST, check_client_events, connected, endpoint_for, simulator

NO_EARLY_ROLLOVER = ClientOptions(backoff=FAST.backoff, rollover_margin=None)


def answered(chat: Any, user_id: str) -> bool:
    items = chat.session.conversation.items()
    ids = [i.id for i in items]
    if user_id not in ids:
        return False
    after = items[ids.index(user_id) + 1 :]
    return any(i.role == "assistant" and i.status is ItemStatus.COMPLETED for i in after)


def replayed_ids(received: list[dict[str, Any]]) -> list[str]:
    return [e["item"]["id"] for e in received if e["type"] == "conversation.item.create"]


async def test_expiry_and_a_dropped_connection_read_as_one_conversation(
    store: HistoryStore,
) -> None:
    async with (
        simulator(max_session_seconds=1.5) as sim,
        connected(endpoint_for(sim, "ga"), options=NO_EARLY_ROLLOVER) as chat,
    ):
        recorder = ConversationRecorder(store, chat.session, profile="simulator")
        chat.handlers.append(recorder.on_event)
        first = chat.send_text("first question")
        await chat.wait_count(ResponseFinished, 1)
        await chat.wait_count(SessionCreated, 2, timeout=10)  # the server's time cap
        sim.inject(Fault.drop_after(4))  # the connection drops during the next reply
        second = chat.send_text("second question")
        await chat.wait_count(SessionCreated, 3)
        await chat.wait_for(lambda: answered(chat, second))
        third = chat.send_text("third question")
        await chat.wait_for(lambda: answered(chat, third))
        live = chat.session.conversation.items()
        check_client_events(sim.received, "ga")
        assert replayed_ids(sim.received_by_connection[1])[:2] == [first, live[1].id]
        assert replayed_ids(sim.received_by_connection[2])[:3] == [first, live[1].id, second]
    assert recorder.failure is None
    (summary,) = store.list_conversations()
    record = store.load(summary.id)
    assert [s.item for s in record.items] == live
    users = [s.item.text for s in record.items if s.item.role == "user"]
    assert users == ["first question", "second question", "third question"]
    assert summary.title == "first question" and summary.total_tokens > 0
    assert [m.kind for m in record.markers][:2] == ["expired", "new_session"]
    assert record.markers[0].after_item == live[1].id  # after the first answer


async def test_a_stored_conversation_continues_in_a_new_client(store: HistoryStore) -> None:
    async with simulator() as sim:
        async with connected(endpoint_for(sim, "ga")) as chat:
            recorder = ConversationRecorder(store, chat.session)
            chat.handlers.append(recorder.on_event)
            first = chat.send_text("remember the word lighthouse")
            await chat.wait_for(lambda: answered(chat, first))
        cid = recorder.conversation_id or ""
        stored_ids = [s.item.id for s in store.load(cid).items]
        async with connected(endpoint_for(sim, "ga")) as again:
            resumed, plan = ConversationRecorder.resume(store, cid, again.session)
            again.handlers.append(resumed.on_event)
            assert plan.omitted == 0
            later = again.send_text("which word?")
            await again.wait_for(lambda: answered(again, later))
        assert replayed_ids(sim.received_by_connection[1])[:2] == stored_ids
    (summary,) = store.list_conversations()
    record = store.load(summary.id)
    texts = [s.item.text for s in record.items if s.item.role == "user"]
    assert texts == ["remember the word lighthouse", "which word?"]
    assert [m.kind for m in record.markers] == ["resumed"]
