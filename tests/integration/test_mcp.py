"""Remote MCP end to end: Session + RealtimeClient <-> simulator <-> an MCP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from assistant.realtime import (
    Event,
    ItemKind,
    McpApprovalRequested,
    McpCallFinished,
    McpToolsListed,
    McpToolsListFailed,
    Message,
    ResponseFinished,
    SessionConfig,
    mcp_tool,
)
from tests.integration.harness import (
    Conversation,
    check_client_events,
    connected,
    endpoint_for,
    simulator,
)
from tests.mcp_server import McpTestServer

ANSWER = "The tool search_docs on docs returned: Found 3 pages about vad."


@pytest.fixture
def mcp_server() -> Iterator[McpTestServer]:
    with McpTestServer() as server:
        yield server


def config(url: str, **fields: Any) -> SessionConfig:
    return SessionConfig(output="text", tools=(mcp_tool("docs", url, **fields),))


def last_reply(chat: Conversation) -> str:
    item = chat.session.conversation.items()[-1]
    return item.text if isinstance(item, Message) else ""


async def ask(chat: Conversation) -> McpApprovalRequested:
    await chat.wait_count(McpToolsListed, 1)
    chat.send_text("search the docs for vad")
    await chat.wait_count(McpApprovalRequested, 1)
    request: McpApprovalRequested = chat.of_type(McpApprovalRequested)[0]
    return request


async def test_approved_call_runs_and_is_answered(mcp_server: McpTestServer) -> None:
    async with simulator() as sim:
        endpoint = endpoint_for(sim, "ga")
        async with connected(endpoint, config(mcp_server.url, authorization="tok-1")) as chat:

            def approve(event: Event) -> None:  # at once: the asking response may still run
                if isinstance(event, McpApprovalRequested):
                    assert chat.session.answer_mcp_approval(event.item_id, True)
                    chat.client.flush()

            chat.handlers.append(approve)
            await chat.wait_count(McpToolsListed, 1)
            assert chat.of_type(McpToolsListed)[0].tools == ("search_docs", "broken_tool")
            request = await ask(chat)
            assert (request.server_label, request.name) == ("docs", "search_docs")
            assert request.arguments == '{"query":"vad"}'
            await chat.wait_for(lambda: last_reply(chat) == ANSWER)
            (finished,) = chat.of_type(McpCallFinished)
            assert (finished.output, finished.error) == ("Found 3 pages about vad.", None)
            kinds = [i.kind for i in chat.session.conversation.items()]
            assert kinds == [
                ItemKind.MCP_LIST_TOOLS,
                ItemKind.MESSAGE,
                ItemKind.MCP_APPROVAL_REQUEST,
                ItemKind.MCP_APPROVAL_RESPONSE,
                ItemKind.MCP_CALL,
                ItemKind.MESSAGE,
            ]
        check_client_events(sim.received, "ga")
    assert mcp_server.methods().count("tools/call") == 1
    assert mcp_server.requests[-1][1]["Authorization"] == "Bearer tok-1"


async def test_declined_call_is_reported_and_never_made(mcp_server: McpTestServer) -> None:
    async with (
        simulator() as sim,
        connected(endpoint_for(sim, "ga"), config(mcp_server.url)) as chat,
    ):
        request = await ask(chat)
        await chat.wait_count(ResponseFinished, 1)
        assert not chat.session.is_idle  # the prompt is open: no rollover now
        chat.session.answer_mcp_approval(request.item_id, False, "not now")
        chat.client.flush()
        await chat.wait_count(ResponseFinished, 2)
        assert last_reply(chat) == "Understood: you declined, so I did not use search_docs on docs."
        assert chat.session.is_idle
    assert "tools/call" not in mcp_server.methods()


async def test_never_policy_calls_without_asking(mcp_server: McpTestServer) -> None:
    tools = config(mcp_server.url, require_approval="never")
    async with simulator() as sim, connected(endpoint_for(sim, "ga"), tools) as chat:
        await chat.wait_count(McpToolsListed, 1)
        chat.send_text("search the docs for vad")
        await chat.wait_for(lambda: last_reply(chat) == ANSWER)
        assert not chat.of_type(McpApprovalRequested)
        assert chat.of_type(McpCallFinished)[0].output == "Found 3 pages about vad."


async def test_unreachable_server_is_reported() -> None:
    async with (
        simulator() as sim,
        connected(endpoint_for(sim, "ga"), config("http://127.0.0.1:9/mcp")) as chat,
    ):
        await chat.wait_count(McpToolsListFailed, 1)
        (failed,) = chat.of_type(McpToolsListFailed)
        assert (
            failed.message
            == "The MCP server 'docs' could not list its tools, so they are unavailable."
        )
        chat.send_text("search the docs for vad")  # the conversation goes on without the tool
        await chat.wait_count(ResponseFinished, 1)
        assert not chat.of_type(McpApprovalRequested)
