"""A fuzzer for the protocol core: mutated schema-valid server events in both dialects.

Seeds are whole conversations the `openai` models accept: GA events built with `wire` (each
validated by the oracle as it is built) and the two recorded Azure preview (beta) logs. A
mutation changes one event as a hostile or broken server would: a value replaced by one of
another type, a number JSON cannot carry, a lone surrogate, deep nesting; a key dropped; an id
swapped for another (its own included); the type of another event; the text cut short. Between
events the app's commands run (typed text with lone surrogates, barge-in, tool outputs, MCP
answers, a dropped connection and its replay). Every outgoing message and every event-log line
must be valid UTF-8 and the conversation's ids unique.

`run(dialect, count, seed)` is deterministic for a seed; it returns the number of events fed
and the unexpected exceptions, grouped by where they were raised. Used by the quick test
(`test_robustness.py`) and the long run (`bench/fuzz_bench.py`).
"""

from __future__ import annotations

import functools
import json
import random
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.realtime import Dialect, McpApprovalRequested, Session, SessionConfig, ToolCallReady
from assistant.realtime.eventlog import log_line
from tests.realtime import wire

DATA = Path(__file__).resolve().parents[1] / "data"
HOSTILE_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2**63,
    10**400,
    1.5,
    float("nan"),
    float("inf"),
    "",
    "x" * 5000,
    "\ud83d",
    "caf\udce9",
    "item_1",
    [],
    {},
    [1, "a", None],
    {"type": "message"},
]
HOSTILE_TEXT = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1" + "0" * 400, '"\\ud83d"']


@functools.cache
def ga_seed() -> tuple[str, ...]:
    """A GA conversation: a spoken reply, a function call, an MCP call, usage and errors."""
    user = wire.message("item_u1", "user", "hello")
    reply = wire.message("item_a1", "assistant", status="in_progress")
    done = {**wire.message("item_a1", "assistant"), "content": [{"type": "output_audio"}]}
    call = wire.function_call("item_f1", "call_1", "get_time", '{"zone":"UTC"}')
    listing = wire.mcp_list_tools("item_m1", "docs", ["search"])
    ask = wire.mcp_approval_request("item_m2", "docs", "search", '{"q":"vad"}')
    mcp = wire.mcp_call("item_m3", "docs", "search", output="ok", approval_request_id="item_m2")
    return (
        wire.session_created(),
        wire.event("input_audio_buffer.speech_started", audio_start_ms=100, item_id="item_u1"),
        wire.event("input_audio_buffer.speech_stopped", audio_end_ms=900, item_id="item_u1"),
        wire.event("input_audio_buffer.committed", previous_item_id=None, item_id="item_u1"),
        wire.item_added(user, None),
        wire.item_done(user, None),
        wire.response_created("resp_1"),
        wire.output_item_added("resp_1", reply),
        wire.item_added(reply, "item_u1"),
        wire.transcript_delta("resp_1", "item_a1", "Hi "),
        wire.audio_delta("resp_1", "item_a1", 40),
        wire.text_delta("resp_1", "item_a1", "there"),
        wire.audio_done("resp_1", "item_a1"),
        wire.transcript_done("resp_1", "item_a1", "Hi there"),
        wire.output_item_done("resp_1", done),
        wire.response_done("resp_1", [done]),
        wire.response_created("resp_2"),
        wire.output_item_added("resp_2", call),
        wire.item_added(call, "item_a1"),
        wire.output_item_done("resp_2", call),
        wire.response_done("resp_2", [call]),
        wire.item_added(listing, "item_f1"),
        wire.mcp_event("mcp_list_tools.completed", "item_m1"),
        wire.item_added(ask, "item_m1"),
        wire.item_done(mcp, "item_m2"),
        wire.error("conversation_already_has_active_response", "busy"),
        wire.event("rate_limits.updated", rate_limits=[{"name": "tokens", "limit": 10}]),
    )


@functools.cache
def beta_seed() -> tuple[str, ...]:
    """The recorded Azure preview logs, one after the other (real beta events)."""
    lines: list[str] = []
    for name in ("azure_preview_vad_turn.jsonl", "azure_preview_function_call.jsonl"):
        lines += (DATA / name).read_text(encoding="utf-8").splitlines()
    created = {"type": "session.created", "event_id": "e0", "session": {"id": "s", "model": "m"}}
    return (json.dumps(created), *(line for line in lines if line.strip()))


SEEDS = {Dialect.GA: ga_seed, Dialect.BETA: beta_seed}


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a JSON tree (the root excluded)."""
    if not isinstance(value, dict | list):
        return []
    found: list[tuple[Any, ...]] = []
    for key, child in value.items() if isinstance(value, dict) else enumerate(value):
        found.append((*prefix, key))
        found += _paths(child, (*prefix, key))
    return found


def _set(tree: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        tree = tree[key]
    tree[path[-1]] = value


def _drop(tree: Any, path: tuple[Any, ...]) -> None:
    for key in path[:-1]:
        tree = tree[key]
    del tree[path[-1]]


class Mutator:
    """One mutation at a time, chosen by a seeded `random.Random`."""

    def __init__(self, rnd: random.Random, corpus: tuple[str, ...]) -> None:
        self.rnd, self.corpus = rnd, corpus
        self.types = sorted({json.loads(m)["type"] for m in corpus})
        self.ids = sorted({v for m in corpus for v in _strings(json.loads(m)) if "_" in v})

    def mutate(self, message: str) -> str:
        operator = self.rnd.choice(
            [self.value, self.value, self.drop, self.swap_id, self.retype, self.text, self.deep]
        )
        return operator(message)

    def value(self, message: str) -> str:
        event = json.loads(message)
        paths = _paths(event)
        _set(event, self.rnd.choice(paths), self.rnd.choice(HOSTILE_VALUES))
        return json.dumps(event)

    def drop(self, message: str) -> str:
        event = json.loads(message)
        _drop(event, self.rnd.choice(_paths(event)))
        return json.dumps(event)

    def swap_id(self, message: str) -> str:
        event = json.loads(message)
        paths = [p for p in _paths(event) if str(p[-1]).endswith("id")] or _paths(event)
        path = self.rnd.choice(paths)
        own = event.get("item", {}).get("id") if isinstance(event.get("item"), dict) else None
        _set(event, path, self.rnd.choice([*self.ids, own]))
        return json.dumps(event)

    def retype(self, message: str) -> str:
        event = json.loads(message)
        event["type"] = self.rnd.choice(self.types)
        return json.dumps(event)

    def text(self, message: str) -> str:
        """Raw text changes: a bad number or lone surrogate put in for a value, or a cut."""
        if self.rnd.random() < 0.2:
            return message[: self.rnd.randrange(len(message))]
        marker = "__FUZZ__"
        event = json.loads(message)
        _set(event, self.rnd.choice(_paths(event)), marker)
        return json.dumps(event).replace(f'"{marker}"', self.rnd.choice(HOSTILE_TEXT))

    def deep(self, message: str) -> str:
        depth = self.rnd.choice([70, 500, 5000, 100_000])
        event = json.loads(message)
        _set(event, self.rnd.choice(_paths(event)), "__DEEP__")
        return json.dumps(event).replace('"__DEEP__"', "[" * depth + "]" * depth)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@dataclass
class Outcome:
    events: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def record(self, exc: BaseException, message: str) -> None:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
        self.failures[where] += 1
        self.examples.setdefault(where, message[:300])


def _commands(session: Session, rnd: random.Random) -> None:
    """What the app does between server events: answer calls, type, cut in, drop and replay."""
    for event in session.events_received():
        if isinstance(event, ToolCallReady):
            session.submit_tool_output(event.call_id, rnd.choice(['{"ok":1}', "caf\udce9"]))
        elif isinstance(event, McpApprovalRequested):
            session.answer_mcp_approval(event.item_id, rnd.random() < 0.5, "why \ud83d")
    roll = rnd.random()
    if roll < 0.02:
        session.send_text(rnd.choice(["hello", "caf\udce9", "\ud83d"]))
    elif roll < 0.03:
        session.interrupt(rnd.choice([0, 50, 10**9]))
    elif roll < 0.035:
        session.connection_lost()
        session.receive_message(wire.session_created())


def _check_output(session: Session, payload: dict[str, Any] | None) -> None:
    for message in session.messages_to_send():
        message.encode("utf-8")
        log_line(0.0, "client", json.loads(message)).encode("utf-8")
    if payload is not None:
        log_line(0.0, "server", payload).encode("utf-8")
    ids = session.conversation.ids()
    assert len(ids) == len(set(ids)), "an item is in the conversation twice"


def run(dialect: Dialect, count: int, seed: int, mutation_rate: float = 0.3) -> Outcome:
    """Feed `count` server events (about `mutation_rate` of them mutated) through sessions."""
    rnd = random.Random(seed)  # noqa: S311  (reproducible by design, not for secrets)
    corpus = SEEDS[dialect]()
    mutator = Mutator(rnd, corpus)
    outcome = Outcome()
    while outcome.events < count:
        session = Session(SessionConfig(), dialect=dialect, model="gpt-realtime")
        for valid in corpus:
            message = mutator.mutate(valid) if rnd.random() < mutation_rate else valid
            _feed(session, message, rnd, outcome)
            if outcome.events >= count:
                break
    return outcome


def _feed(session: Session, message: str, rnd: random.Random, outcome: Outcome) -> None:
    outcome.events += 1
    try:
        payload = session.receive_message(message)
        _commands(session, rnd)
        _check_output(session, payload)
    except Exception as exc:  # counted: the fuzz reports them all
        outcome.record(exc, message)
