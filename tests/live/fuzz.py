"""The GPT-Live core under hostile server input: `tests/realtime/fuzz.py`'s mutations over a
Live conversation (a typed question, a Responses delegation with a function call, a client
delegation, spoken output with timeline ms, usage, errors, the close).

Between events the app's commands run (tool outputs, delegation answers, typed text with lone
surrogates, ticks of time, a dropped connection and its new start, the close). Every message
the core sends must pass the oracle with no unknown field, every event-log line must be valid
UTF-8, and the conversation's ids unique. `run(count, seed)` is deterministic for a seed.
"""

from __future__ import annotations

import functools
import json
import random
from typing import Any

from assistant.realtime import DelegationStarted, ToolCallReady
from assistant.realtime.eventlog import log_line
from assistant.realtime.live import LiveConfig, LiveSession
from tests.live import wire
from tests.oracle import validate_client_event
from tests.realtime.fuzz import Mutator, Outcome

TOOL = {"type": "function", "name": "get_current_time", "parameters": {"type": "object"}}


@functools.cache
def seed() -> tuple[str, ...]:
    events = (
        wire.started(),
        wire.input_delta("What time", 100, 500),
        wire.input_delta(" is it?", 500, 900),
        wire.appended("evt_2"),
        wire.delegation("del_1"),
        wire.audio(40),
        wire.output_delta("Let me check.", 1000, 1600),
        wire.response({"type": "response.created", "response": {"id": "resp_1"}}),
        wire.response(wire.function_call("call_1")),
        wire.response(wire.completed()),
        wire.response(wire.completed(50, 10)),
        wire.output_delta("It is noon.", 2000, 2800),
        wire.audio(60),
        wire.delegation("del_2", "client"),
        wire.appended("evt_5", "commentary"),
        wire.usage(12.5),
        wire.error("bad_request", "Something was wrong.", "evt_3"),
        wire.event("info", code="note", message="fyi"),
        wire.closed(14.0),
    )
    return tuple(json.dumps(event) for event in events)


def _commands(session: LiveSession, rnd: random.Random, clock: list[float]) -> None:
    for event in session.events_received():
        if isinstance(event, ToolCallReady):
            session.submit_tool_output(event.call_id, rnd.choice(['{"ok":1}', "caf\udce9"]))
        elif isinstance(event, DelegationStarted):
            session.answer_delegation(event.delegation_id, "done \ud83d", spoken=rnd.random() < 0.5)
    clock[0] += rnd.choice([0.02, 0.1, 0.5, 1.5, 30.0])
    session.tick(clock[0])
    roll = rnd.random()
    if roll < 0.03:
        session.send_text(rnd.choice(["hello", "caf\udce9", "\ud83d"]))
    elif roll < 0.04:
        session.append_audio(rnd.choice([b"", b"\x01", b"\x00\x01" * 480]))
    elif roll < 0.045:
        session.connection_lost()
        session.connection_opened()
        session.receive_message(json.dumps(wire.started()))
    elif roll < 0.05:
        session.close_session()


def _check_output(session: LiveSession, payload: dict[str, Any] | None) -> None:
    for message in session.messages_to_send():
        message.encode("utf-8")
        event = json.loads(message)
        validate_client_event(event, "live")
        log_line(0.0, "client", event).encode("utf-8")
    if payload is not None:
        log_line(0.0, "server", payload).encode("utf-8")
    ids = session.conversation.ids()
    assert len(ids) == len(set(ids)), "an item is in the conversation twice"


def run(count: int, seed_value: int, mutation_rate: float = 0.3) -> Outcome:
    rnd = random.Random(seed_value)  # noqa: S311  (reproducible by design, not for secrets)
    corpus = seed()
    mutator = Mutator(rnd, corpus)
    outcome = Outcome()
    while outcome.events < count:
        session = LiveSession(LiveConfig(tools=(TOOL,)))
        session.connection_opened()
        clock = [0.0]
        for valid in corpus:
            message = mutator.mutate(valid) if rnd.random() < mutation_rate else valid
            outcome.events += 1
            try:
                payload = session.receive_message(message)
                _commands(session, rnd, clock)
                _check_output(session, payload)
            except Exception as exc:  # counted: the fuzz reports them all
                outcome.record(exc, message)
            if outcome.events >= count:
                break
    return outcome
