"""A server that sends hostile but parseable messages (issue 12): the client logs each one and
the conversation goes on. A tiny scripted server on 127.0.0.1, no simulator."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import AsyncIterator

import pytest
from websockets.asyncio.server import ServerConnection, serve

from assistant.realtime import Event, MalformedMessage, Session, SessionConfig, SessionCreated
from assistant.transport import ClientOptions, RealtimeClient, custom
from tests.realtime import wire

DEEP = '{"type":"response.done","response":' + "[" * 100_000 + "]" * 100_000 + "}"
HOSTILE = [DEEP, '{"type":"rate_limits.updated","rate_limits":[{"limit":NaN}]}']


async def script(ws: ServerConnection) -> None:
    await ws.send(wire.session_created())
    for message in HOSTILE:
        await ws.send(message)
    await ws.send(wire.item_done(wire.message("item_1", "assistant", "still here"), None))
    await ws.wait_closed()


@pytest.fixture
async def url() -> AsyncIterator[str]:
    async with serve(script, "127.0.0.1", 0) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        yield f"ws://127.0.0.1:{port}/v1/realtime?model=gpt-realtime"


async def test_hostile_messages_are_logged_and_the_conversation_goes_on(url: str) -> None:
    log, events = io.StringIO(), list[Event]()
    session = Session(SessionConfig(output="text"), model="gpt-realtime")
    client = RealtimeClient(
        custom(url), session, events.append, options=ClientOptions(), event_log=log
    )
    runner = asyncio.create_task(client.run())
    async with asyncio.timeout(15):
        while session.conversation.get("item_1") is None:
            assert not runner.done(), runner.exception()
            await asyncio.sleep(0.01)
    await client.close()
    await runner
    assert [type(e) for e in events if isinstance(e, SessionCreated | MalformedMessage)] == [
        SessionCreated,
        MalformedMessage,
    ]
    lines = [json.loads(line) for line in log.getvalue().splitlines()]
    logged = [(line["dir"], line["event"]["type"]) for line in lines]
    assert ("server", "(malformed)") in logged and ("server", "rate_limits.updated") in logged
    assert ("client", "session.update") in logged  # the client's own messages parsed as ever
