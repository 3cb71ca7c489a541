"""A client and a simulator talking over real sockets on 127.0.0.1, for integration tests."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

from assistant.realtime import Event, Session, SessionConfig
from assistant.simulator import Simulator, SimulatorOptions
from assistant.transport import Backoff, ClientOptions, Endpoint, RealtimeClient, custom
from tests.oracle import validate_client_event

FAST = ClientOptions(backoff=Backoff(first=0.05, factor=2.0, limit=0.2), retry_first_connect=False)
PREVIEW_PATH = "/openai/realtime?api-version=2025-04-01-preview&deployment=gpt-realtime"


def endpoint_for(sim: Simulator, dialect: str, key: str | None = None) -> Endpoint:
    url = sim.url if dialect == "ga" else sim.base_url + PREVIEW_PATH
    return custom(url, (lambda: key) if key else None, model="gpt-realtime")


class Conversation:
    """One client connected to the simulator; `events` collects what the app would see."""

    def __init__(self, endpoint: Endpoint, config: SessionConfig, options: ClientOptions) -> None:
        self.session = Session(config, dialect=endpoint.dialect, model=endpoint.model)
        self.events: list[Event] = []
        self.handlers: list[Callable[[Event], None]] = []
        self.client = RealtimeClient(endpoint, self.session, self._on_event, options=options)
        self.task: asyncio.Task[None] | None = None

    def _on_event(self, event: Event) -> None:
        self.events.append(event)
        for handler in self.handlers:
            handler(event)

    def of_type(self, kind: type[Any]) -> list[Any]:
        return [e for e in self.events if isinstance(e, kind)]

    async def wait_for(self, done: Callable[[], bool], timeout: float = 15.0) -> None:
        """Wait until `done()` holds; fails the test after `timeout` seconds."""
        async with asyncio.timeout(timeout):
            while not done():
                if self.task is not None and self.task.done():
                    self.task.result()
                    raise AssertionError("the client stopped before the condition held")
                await asyncio.sleep(0.01)

    async def wait_count(self, kind: type[Any], count: int, timeout: float = 15.0) -> None:
        await self.wait_for(lambda: len(self.of_type(kind)) >= count, timeout)

    def send_text(self, text: str) -> str:
        item_id = self.session.send_text(text)
        self.client.flush()
        return item_id


@contextlib.asynccontextmanager
async def connected(
    endpoint: Endpoint, config: SessionConfig | None = None, options: ClientOptions = FAST
) -> AsyncIterator[Conversation]:
    conversation = Conversation(endpoint, config or SessionConfig(output="text"), options)
    conversation.task = asyncio.create_task(conversation.client.run())
    try:
        yield conversation
    finally:
        await conversation.client.close()
        with contextlib.suppress(Exception):
            await conversation.task


@contextlib.asynccontextmanager
async def simulator(**options: Any) -> AsyncIterator[Simulator]:
    async with Simulator(
        SimulatorOptions(**{"pace": 0.0, **options}), host="127.0.0.1", port=0
    ) as sim:
        yield sim


def check_client_events(received: list[dict[str, Any]], dialect: str) -> list[str]:
    """Validate what the simulator received from our client; returns the event types."""
    for event in received:
        validate_client_event(json.loads(json.dumps(event)), dialect)  # type: ignore[arg-type]
    return [str(e.get("type")) for e in received]
