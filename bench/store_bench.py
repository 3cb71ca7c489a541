"""History store: write cost per item and resume time for a long conversation.

Write cost: a real `Session` is fed a scripted text conversation (GA events, 7 per turn) and
a `ConversationRecorder` writes every finished item; each `on_event(ItemCompleted)` call is
timed on its own (ordering, the upsert, the FTS5 triggers, the commit). Reported for
`synchronous=FULL` (the default: survives power loss, an fsync per item) and `NORMAL`
(survives a crash of the process, not of the machine), early and late in the conversation.

Resume: a stored 1,000-turn conversation (2,000 items, ~380 characters a turn) is loaded,
planned within the default token budget, restored into a new `Session`, and replayed when
its `session.created` arrives, each step timed, plus the same with no budget (every item).
With the default budget the plan includes the offline summary of the left-out turns.

Browsing: a history of `--conversations` conversations (20 items each) is listed the way the
history browser lists it (title from the first user turn, date, cost), searched (FTS5, a
word in one conversation and a word in all of them), and one conversation is deleted
(with the FTS5 merge, secure delete and the WAL checkpoint).

    python bench/store_bench.py                 # the table
    python bench/store_bench.py --turns 300 --dir /some/disk   # shorter, on another disk
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from assistant.realtime import (
    Event,
    ItemCompleted,
    ItemStatus,
    Message,
    Role,
    Session,
    SessionConfig,
)
from assistant.store import DEFAULT_TOKEN_BUDGET, ConversationRecorder, HistoryStore, plan_resume

USER = "Could you remind me what we decided about the {n}th item on the list?"
ASSISTANT = (
    "We agreed that item {n} goes to the second phase: it depends on the supplier's answer, "
    "the budget stays as planned, and Maria checks the schedule again next week. If the "
    "supplier is late, we move it to the third phase and tell the team on Monday morning."
)
USAGE = {
    "total_tokens": 120,
    "input_tokens": 100,
    "output_tokens": 20,
    "input_token_details": {"text_tokens": 100, "audio_tokens": 0, "cached_tokens": 0},
    "output_token_details": {"text_tokens": 20, "audio_tokens": 0},
}


def _ev(kind: str, **fields: Any) -> str:
    return json.dumps({"type": kind, "event_id": "event_x", **fields})


def _msg(item_id: str, role: str, text: str | None, status: str = "completed") -> dict[str, Any]:
    kind = "input_text" if role == "user" else "output_text"
    content = [{"type": kind, "text": text}] if text is not None else []
    return {
        "id": item_id,
        "object": "realtime.item",
        "type": "message",
        "role": role,
        "status": status,
        "content": content,
    }


def turn(n: int, previous: str | None) -> list[str]:
    """One text turn: the user item, then a reply streamed and finished."""
    user, reply, response = f"item_u{n}", f"item_a{n}", f"resp_{n}"
    text = ASSISTANT.format(n=n)
    part = {"response_id": response, "item_id": reply, "output_index": 0, "content_index": 0}
    return [
        _ev(
            "conversation.item.added",
            item=_msg(user, "user", USER.format(n=n)),
            previous_item_id=previous,
        ),
        _ev("response.created", response={"id": response, "status": "in_progress", "output": []}),
        _ev(
            "response.output_item.added",
            response_id=response,
            output_index=0,
            item=_msg(reply, "assistant", None, "in_progress"),
        ),
        _ev(
            "conversation.item.added",
            item=_msg(reply, "assistant", None, "in_progress"),
            previous_item_id=user,
        ),
        _ev("response.output_text.delta", delta=text, **part),
        _ev(
            "response.output_item.done",
            response_id=response,
            output_index=0,
            item=_msg(reply, "assistant", text),
        ),
        _ev(
            "response.done",
            response={
                "id": response,
                "status": "completed",
                "output": [_msg(reply, "assistant", text)],
                "usage": USAGE,
            },
        ),
    ]


def conversation(turns: int) -> Iterator[str]:
    yield _ev("session.created", session={"id": "sess_1", "model": "gpt-realtime"})
    for n in range(turns):
        yield from turn(n, f"item_a{n - 1}" if n else None)


def record(path: Path, turns: int, *, durable: bool) -> tuple[list[float], str]:
    """Seconds per finished item, in order, and the conversation id."""
    timings: list[float] = []
    with HistoryStore.open(path, durable=durable) as store:
        session = Session(SessionConfig(output="text"))
        recorder = ConversationRecorder(store, session)
        for message in conversation(turns):
            session.receive_message(message)
            for event in session.events_received():
                _timed(recorder.on_event, event, timings)
            session.messages_to_send()
        assert recorder.failure is None, recorder.failure
        return timings, recorder.ensure_conversation()


def _timed(handle: Callable[[Event], None], event: Event, timings: list[float]) -> None:
    if not isinstance(event, ItemCompleted):
        handle(event)
        return
    start = time.perf_counter()
    handle(event)
    timings.append(time.perf_counter() - start)


def resume_steps(path: Path, cid: str, budget: int) -> dict[str, float]:
    """Seconds for each step of continuing the stored conversation."""
    steps: dict[str, float] = {}
    start = time.perf_counter()
    with HistoryStore.open(path) as store:
        steps["open"] = time.perf_counter() - start
        t = time.perf_counter()
        record_ = store.load(cid)
        steps["load"] = time.perf_counter() - t
    t = time.perf_counter()
    plan = plan_resume(record_, budget)
    steps["plan"] = time.perf_counter() - t
    session = Session(SessionConfig(output="text"))
    t = time.perf_counter()
    session.restore(plan.items)
    steps["restore"] = time.perf_counter() - t
    t = time.perf_counter()
    session.receive_message(_ev("session.created", session={"id": "s2", "model": "gpt-realtime"}))
    replayed = len(session.messages_to_send())
    steps["replay"] = time.perf_counter() - t
    steps["total"] = time.perf_counter() - start
    steps["items_kept"] = len(plan.items) - (1 if plan.note else 0)
    steps["messages"] = replayed
    return steps


def fill_history(path: Path, conversations: int, items: int = 20) -> list[str]:
    """A history of `conversations` conversations of `items` items each; returns their ids."""
    ids = []
    with HistoryStore.open(path, durable=False) as store:
        for c in range(conversations):
            cid = store.create_conversation(model="gpt-realtime", at=1_750_000_000.0 + c)
            for n in range(items):
                role = ("user", "assistant")[n % 2]
                text = (USER if role == "user" else ASSISTANT).format(n=n) + f" topic{c}"
                item = Message(f"item_{n}", Role(role), ItemStatus.COMPLETED, text)
                store.save_item(cid, item, (n + 1) * 1024)
            ids.append(cid)
    return ids


def browse_steps(path: Path, ids: list[str]) -> dict[str, float]:
    """Seconds to list the history, search it, and delete one conversation."""
    steps: dict[str, float] = {}
    with HistoryStore.open(path) as store:
        for label, work in (
            ("list", lambda: store.list_conversations(5000)),
            ("search one", lambda: store.search(f"topic{len(ids) // 2}", 500)),
            ("search all", lambda: store.search("supplier", 500)),
        ):
            t = time.perf_counter()
            work()
            steps[label] = time.perf_counter() - t
        t = time.perf_counter()
        store.delete(ids[len(ids) // 3])
        steps["delete"] = time.perf_counter() - t
    return steps


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def _best(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: min(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="where to put the files")
    parser.add_argument("--rounds", type=int, default=5, help="resume rounds (best is shown)")
    parser.add_argument("--conversations", type=int, default=5000, help="history size to browse")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        print(f"store write cost per finished item ({args.turns} turns, {2 * args.turns} items)")
        print(
            "| synchronous | median ms | p95 ms | first 100 items: median ms | last 100: median |"
        )
        print("|---|---:|---:|---:|---:|")
        cid, path = "", Path(tmp) / "full.sqlite3"
        for durable in (True, False):
            file = Path(tmp) / ("full.sqlite3" if durable else "normal.sqlite3")
            timings, conversation_id = record(file, args.turns, durable=durable)
            if durable:
                cid, path = conversation_id, file
            p95 = statistics.quantiles(timings, n=20)[-1]
            print(
                f"| {'FULL' if durable else 'NORMAL'} | {_ms(statistics.median(timings))} | "
                f"{_ms(p95)} | {_ms(statistics.median(timings[:100]))} | "
                f"{_ms(statistics.median(timings[-100:]))} |"
            )
        print()
        print(f"resume a {args.turns}-turn conversation (best of {args.rounds}, ms)")
        print("| budget | items kept | open | load | plan | restore | replay | total |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        budgets = (("default (8,000 tokens)", DEFAULT_TOKEN_BUDGET), ("none: every item", 10**9))
        for label, budget in budgets:
            s = _best([resume_steps(path, cid, budget) for _ in range(args.rounds)])
            print(
                f"| {label} | {int(s['items_kept'])} | {_ms(s['open'])} | {_ms(s['load'])} | "
                f"{_ms(s['plan'])} | {_ms(s['restore'])} | {_ms(s['replay'])} | "
                f"{_ms(s['total'])} |"
            )
        _browse(Path(tmp) / "browse.sqlite3", args.conversations)


def _browse(path: Path, conversations: int) -> None:
    ids = fill_history(path, conversations)
    print()
    print(f"browse a history of {conversations:,} conversations (20 items each; ms)")
    print("| list all | search: one conversation | search: a word in all | delete one |")
    print("|---:|---:|---:|---:|")
    s = browse_steps(path, ids)
    print(
        f"| {_ms(s['list'])} | {_ms(s['search one'])} | {_ms(s['search all'])} | "
        f"{_ms(s['delete'])} |"
    )


if __name__ == "__main__":
    main()
