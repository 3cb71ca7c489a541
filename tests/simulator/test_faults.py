"""Injected faults: one-shot, deterministic, counted in server events."""

from __future__ import annotations

import json
import time

import pytest
from websockets.exceptions import ConnectionClosedError

from assistant.simulator import Fault, Simulator
from assistant.simulator.session import ServerSession
from tests.simulator.client import RawClient


async def test_drop_after_n_events_closes_without_a_close_frame(sim: Simulator, connect) -> None:
    sim.inject(Fault.drop_after(3))
    client = await connect()
    await client.expect("session.created")
    await client.say("hello")
    await client.expect("conversation.item.added")
    await client.expect("conversation.item.done")
    with pytest.raises(ConnectionClosedError):
        await client.recv()
    code, _ = await client.closed()
    assert code == 1006
    # one-shot: the next connection works normally
    again = await connect()
    await again.expect("session.created")
    await again.say("hello")
    await again.until("response.done")


async def test_drop_on_the_current_connection(sim: Simulator, client: RawClient) -> None:
    sim.inject(Fault.drop_after(0))
    code, _ = await client.closed()
    assert code == 1006


async def test_malformed_frame(sim: Simulator, client: RawClient) -> None:
    sim.inject(Fault.malformed_after(2))
    await client.say("hello", create=False)
    await client.expect("conversation.item.added")
    await client.expect("conversation.item.done")
    raw = await client.ws.recv()
    with pytest.raises(json.JSONDecodeError):
        json.loads(raw)
    await client.send({"type": "response.create"})
    await client.until("response.done")


async def test_unknown_event(sim: Simulator, client: RawClient) -> None:
    client.allowed_unknown.add("future.event_kind")
    sim.inject(Fault.unknown_event_after(2))
    await client.say("hello", create=False)
    await client.expect("conversation.item.added")
    await client.expect("conversation.item.done")
    unknown = await client.recv()
    assert unknown["type"] == "future.event_kind"
    assert unknown["event_id"].startswith("event_")


async def test_error_event(sim: Simulator, client: RawClient) -> None:
    sim.inject(Fault.error_event(code="server_error", message="Simulated failure.", after=0))
    error = (await client.expect("error"))["error"]
    assert error == {
        "type": "server_error",
        "code": "server_error",
        "message": "Simulated failure.",
        "param": None,
        "event_id": None,
    }
    await client.say("hello")
    await client.until("response.done")


async def test_stall_holds_events_then_resumes(sim: Simulator, client: RawClient) -> None:
    sim.inject(Fault.stall_after(1, seconds=0.5))
    await client.say("hello", create=False)
    await client.expect("conversation.item.added")
    first = time.monotonic()
    await client.expect("conversation.item.done")
    second = time.monotonic()
    assert second - first >= 0.4


async def test_faults_are_one_shot(sim: Simulator, client: RawClient) -> None:
    sim.inject(Fault.error_event(code="rate_limit_exceeded", message="Slow down.", after=1))
    await client.say("hello", create=False)
    await client.expect("conversation.item.added")
    assert (await client.expect("error"))["error"]["code"] == "rate_limit_exceeded"
    await client.expect("conversation.item.done")
    await client.say("again")
    events = await client.until("response.done")
    assert "error" not in [e["type"] for e in events]


async def test_a_simulator_bug_is_reported_in_band(
    client: RawClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = ServerSession.receive

    def broken(self: ServerSession, event: dict) -> list[dict]:
        if event.get("type") == "input_audio_buffer.clear":
            raise RuntimeError("boom")
        return original(self, event)

    monkeypatch.setattr(ServerSession, "receive", broken)
    await client.send({"type": "input_audio_buffer.clear"})
    error = (await client.expect("error"))["error"]
    assert error["type"] == "server_error"
    await client.say("hello")
    await client.until("response.done")
