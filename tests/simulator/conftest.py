"""Fixtures: a running simulator (pace 0 by default) and oracle-checked raw clients."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from assistant.simulator import Simulator, SimulatorOptions
from tests.simulator.client import RawClient, open_client

Connect = Callable[..., Awaitable[RawClient]]


@pytest.fixture
def options() -> SimulatorOptions:
    """Override in a test module (or parametrize) for other options."""
    return SimulatorOptions(pace=0)


@pytest.fixture
async def sim(options: SimulatorOptions) -> AsyncIterator[Simulator]:
    async with Simulator(options) as simulator:
        yield simulator


@pytest.fixture
async def connect(sim: Simulator) -> AsyncIterator[Connect]:
    """``await connect(path="/v1/realtime?model=x", dialect="ga", **ws_kwargs)``."""
    clients: list[RawClient] = []

    async def _connect(path: str = "/v1/realtime", dialect: str = "ga", **kwargs: Any) -> RawClient:
        client = await open_client(sim.base_url + path, dialect, **kwargs)
        clients.append(client)
        return client

    yield _connect
    for client in clients:
        await client.ws.close()


@pytest.fixture
async def client(connect: Connect) -> RawClient:
    """A GA client whose ``session.created`` has been read."""
    raw = await connect()
    await raw.expect("session.created")
    return raw
