"""Upgrades: dialect routing, authentication, the OpenAI-Beta refusal, session expiry."""

from __future__ import annotations

import json

import pytest
from websockets.datastructures import Headers
from websockets.exceptions import InvalidStatus

from assistant.simulator import Simulator, SimulatorOptions
from assistant.simulator.handshake import Rejection, Route, decide
from tests.simulator.client import open_client

KEY = "sk-test-0123456789"


@pytest.mark.parametrize(
    ("target", "dialect", "model"),
    [
        ("/v1/realtime?model=gpt-realtime-mini", "ga", "gpt-realtime-mini"),
        ("/openai/v1/realtime?model=my-deployment", "ga", "my-deployment"),
        ("/v1/realtime", "ga", "gpt-realtime-2.1"),
        ("/v1/realtime?model=gpt-realtime-2.1-mini", "ga", "gpt-realtime-2.1-mini"),
        ("/openai/realtime?api-version=2025-04-01-preview&deployment=rt", "beta", "gpt-realtime"),
    ],
)
def test_routes(target: str, dialect: str, model: str) -> None:
    route = decide(target, Headers(), SimulatorOptions())
    assert route == Route(dialect, model)


@pytest.mark.parametrize(
    ("target", "status"),
    [("/v1/chat", 404), ("/openai/realtime?deployment=rt", 400), ("/", 404)],
)
def test_refusals(target: str, status: int) -> None:
    decision = decide(target, Headers(), SimulatorOptions())
    assert isinstance(decision, Rejection)
    assert decision.status == status
    assert "error" in json.loads(decision.body)


@pytest.mark.parametrize(
    ("target", "headers"),
    [
        ("/v1/realtime", {"Authorization": f"Bearer {KEY}"}),
        ("/openai/v1/realtime", {"api-key": KEY}),
        (f"/openai/v1/realtime?api-key={KEY}", {}),
    ],
)
def test_accepted_key_forms(target: str, headers: dict[str, str]) -> None:
    assert isinstance(decide(target, Headers(headers), SimulatorOptions(api_key=KEY)), Route)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer sk-wrong-key-000"}])
async def test_wrong_or_missing_key_is_401(headers: dict[str, str]) -> None:
    async with Simulator(SimulatorOptions(api_key=KEY, pace=0)) as sim:
        with pytest.raises(InvalidStatus) as caught:
            await open_client(sim.url, additional_headers=headers)
        assert sim.connections == 0
    response = caught.value.response
    assert response.status_code == 401
    error = json.loads(response.body)["error"]
    assert KEY not in error["message"]


async def test_right_key_connects() -> None:
    async with Simulator(SimulatorOptions(api_key=KEY, pace=0)) as sim:
        client = await open_client(sim.url, additional_headers={"Authorization": f"Bearer {KEY}"})
        await client.expect("session.created")
        await client.ws.close()
        assert sim.connections == 1


async def test_unknown_path_is_404(sim: Simulator) -> None:
    with pytest.raises(InvalidStatus) as caught:
        await open_client(sim.base_url + "/v1/realtime/calls")
    assert caught.value.response.status_code == 404


async def test_openai_beta_header_is_refused_like_openai(connect) -> None:
    client = await connect(additional_headers={"OpenAI-Beta": "realtime=v1"})
    error = (await client.expect("error"))["error"]
    assert error["code"] == "beta_api_shape_disabled"
    assert error["message"].startswith("The Realtime Beta API is no longer supported.")
    code, _reason = await client.closed()
    assert code == 4000


async def test_session_expires_with_error_and_close_1001() -> None:
    async with Simulator(SimulatorOptions(pace=0, max_session_seconds=1)) as sim:
        client = await open_client(sim.url)
        await client.expect("session.created")
        error = (await client.expect("error"))["error"]
        code, reason = await client.closed()
    assert error["type"] == "invalid_request_error"
    assert error["code"] == "session_expired"
    assert error["message"] == "Your session hit the maximum duration of 0.02 minutes."
    assert (code, reason) == (1001, error["message"])


async def test_connections_and_received_are_recorded(sim: Simulator, connect) -> None:
    for text in ("first", "second"):
        client = await connect()
        await client.expect("session.created")
        await client.say(text, create=False)
        await client.until("conversation.item.done")
        await client.ws.close()
    assert sim.connections == 2
    assert [len(events) for events in sim.received_by_connection] == [1, 1]
    assert [e["item"]["content"][0]["text"] for e in sim.received] == ["first", "second"]
