"""The offline summary of left-out turns: labelled, within its budget, spread over the part."""

from __future__ import annotations

from assistant.realtime import FunctionCall, Item, ItemStatus, Message, Role, Session, SessionConfig
from assistant.store import HistoryStore, is_omitted_note, plan_resume
from assistant.store.resume import summary_budget
from assistant.store.summary import first_sentence, summarise
from tests.realtime import wire
from tests.store import turns


def said(n: int, text: str, role: str = "user") -> Item:
    return Message(f"item_{n}", Role(role), ItemStatus.COMPLETED, text)


def test_first_sentence_stops_at_the_end_of_a_sentence_or_the_limit() -> None:
    assert first_sentence("Plan a trip to Kyoto. Then book it!") == "Plan a trip to Kyoto."
    assert first_sentence("京都への旅を計画して。それから予約して。") == "京都への旅を計画して。"
    assert first_sentence("  many\n  spaces  ") == "many spaces"
    long = first_sentence("word " * 100, limit=20)
    assert len(long) == 20 and long.endswith("…")


def test_the_summary_lists_user_turns_and_tools_not_replies() -> None:
    items = [
        said(1, "Plan a trip to Kyoto. I like temples."),
        said(2, "Sure! Here is a plan.", role="assistant"),
        FunctionCall(
            "item_3", ItemStatus.COMPLETED, name="get_weather", call_id="c", arguments="{}"
        ),
        said(4, "What about food?"),
    ]
    text = summarise(items, 300)
    assert text.splitlines() == [
        "Summary of the earlier part of this conversation (4 items are not in the model's "
        "context; they are kept in the history):",
        "- The user said: Plan a trip to Kyoto.",
        "- The tool get_weather was used.",
        "- The user said: What about food?",
    ]


def test_a_long_left_out_part_is_summarised_within_the_budget_from_start_to_end() -> None:
    items = [said(n, f"Question number {n} about topic {n}. More detail here.") for n in range(200)]
    text = summarise(items, 100)
    assert len(text) <= 100 * 4
    lines = text.splitlines()
    assert "Question number 0 " in lines[1] and "Question number 199 " in lines[-2]
    listed = len(lines) - 2
    assert 3 <= listed < 200
    assert lines[-1] == f"- ({200 - listed} more earlier turns are not listed.)"


def test_resuming_past_the_budget_seeds_the_summary_and_the_server_receives_it(
    store: HistoryStore,
) -> None:
    cid = store.create_conversation()
    topics = ["Kyoto temples", "ramen shops", "train passes", "hotel near Gion", "rainy days"]
    for n, topic in enumerate(topics * 6):
        store.save_item(cid, said(2 * n, f"Tell me about {topic}. " + "x" * 300), (2 * n + 1) * 64)
        reply = said(2 * n + 1, "Here you go. " + "y" * 300, role="assistant")
        store.save_item(cid, reply, (2 * n + 2) * 64)
    plan = plan_resume(store.load(cid), token_budget=1000)
    assert plan.note is not None and plan.tokens <= 1000
    assert plan.note.text.startswith("Summary of the earlier part of this conversation")
    assert "- The user said: Tell me about Kyoto temples." in plan.note.text
    assert len(plan.note.text) <= summary_budget(1000) * 4
    session = Session(SessionConfig(output="text"), model="gpt-realtime")
    session.restore(plan.items)
    session.receive_message(wire.session_created())
    first = next(m for m in turns.sent(session) if m["type"] == "conversation.item.create")
    assert first["item"]["role"] == "system"
    assert first["item"]["content"][0]["text"] == plan.note.text
    assert is_omitted_note(plan.items[0])


def test_a_budget_too_small_for_any_line_still_says_how_many_turns_were_left_out() -> None:
    items = [said(n, f"Question {n}.") for n in range(3)]
    assert summarise(items, 10).splitlines()[1:] == ["- (3 earlier turns are not listed.)"]
    replies = [said(n, "An answer.", role="assistant") for n in range(2)]
    assert summarise(replies, 300).splitlines()[1:] == ["- (no user turns to summarise)"]
