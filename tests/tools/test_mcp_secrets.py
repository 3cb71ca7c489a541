"""An MCP server's authorization secret reaches the server only: the event log redacts it."""

from __future__ import annotations

import asyncio
import contextlib
import io

from assistant.realtime import Session, SessionConfig
from assistant.settings.secrets import MemorySecretStore, tool_account
from assistant.tools import McpServer
from assistant.transport import ClientOptions, RealtimeClient, custom
from tests.integration.harness import simulator

SECRET = "mcp-secret-token-42"


async def test_the_event_log_never_holds_the_mcp_authorization() -> None:
    secrets = MemorySecretStore()
    secrets.set(tool_account("wiki"), SECRET)
    tool = McpServer("wiki", "http://127.0.0.1:9/mcp", authorization="wiki").tool(secrets)
    log = io.StringIO()
    async with simulator() as sim:
        endpoint = custom(sim.url, model="gpt-realtime")
        session = Session(SessionConfig(output="text", tools=(tool,)), dialect=endpoint.dialect)
        client = RealtimeClient(
            endpoint, session, lambda _e: None,
            options=ClientOptions(retry_first_connect=False), event_log=log,
        )  # fmt: skip
        task = asyncio.create_task(client.run())
        async with asyncio.timeout(15):
            while "session.updated" not in log.getvalue():
                await asyncio.sleep(0.01)
        await client.close()
        with contextlib.suppress(Exception):
            await task
    sent = [e for e in sim.received if e.get("type") == "session.update"]
    assert sent[-1]["session"]["tools"][0]["authorization"] == SECRET  # the server gets it
    assert '"session.update"' in log.getvalue() and '"[elided]"' in log.getvalue()
    assert SECRET not in log.getvalue()
