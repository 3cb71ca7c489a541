"""Remote MCP tools over a real socket and a real MCP server on 127.0.0.1 (oracle-checked)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from assistant.simulator.mcp import needs_approval
from assistant.simulator.mcp_client import McpFailure, McpServer, call_tool, list_tools
from tests.mcp_server import SESSION_ID, TOOLS, McpTestServer
from tests.simulator.client import Event, RawClient


@pytest.fixture(params=[False, True], ids=["json", "sse"])
def mcp_server(request: pytest.FixtureRequest) -> Iterator[McpTestServer]:
    with McpTestServer(sse=request.param) as server:
        yield server


def mcp_tool(url: str, **fields: Any) -> dict[str, Any]:
    return {"type": "mcp", "server_label": "docs", "server_url": url, **fields}


async def configure(client: RawClient, tool: dict[str, Any]) -> list[Event]:
    """Send the tool and read up to the end of its listing."""
    await client.send({"type": "session.update", "session": {"type": "realtime", "tools": [tool]}})
    events = await client.until("session.updated")
    events += await client.until("conversation.item.done")
    events.append(await client.recv())  # mcp_list_tools.completed / .failed
    return events


def approval(request_id: str, approve: bool) -> dict[str, Any]:
    return {
        "type": "mcp_approval_response",
        "id": "item_answer",
        "approval_request_id": request_id,
        "approve": approve,
    }


def of(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e["type"] == kind]


async def test_listing_talks_mcp_and_reports_the_allowed_tools(
    client: RawClient, mcp_server: McpTestServer
) -> None:
    tool = mcp_tool(mcp_server.url, allowed_tools=["search_docs"], authorization="tok-1")
    events = await configure(client, tool)
    kinds = [e["type"] for e in events]
    assert kinds[1:] == [
        "conversation.item.added",
        "mcp_list_tools.in_progress",
        "conversation.item.done",
        "mcp_list_tools.completed",
    ]
    (done,) = of(events, "conversation.item.done")
    assert done["item"]["type"] == "mcp_list_tools"
    assert [t["name"] for t in done["item"]["tools"]] == ["search_docs"]
    assert mcp_server.methods() == ["initialize", "notifications/initialized", "tools/list"]
    headers = mcp_server.requests[-1][1]
    assert headers["Authorization"] == "Bearer tok-1"
    assert headers["Mcp-Session-Id"] == SESSION_ID
    assert "text/event-stream" in headers["Accept"]


async def test_unreachable_server_fails_the_listing(client: RawClient) -> None:
    events = await configure(client, mcp_tool("http://127.0.0.1:9/mcp"))
    assert events[-1]["type"] == "mcp_list_tools.failed"
    assert of(events, "conversation.item.done")[0]["item"]["tools"] == []


async def test_approval_then_call_then_answer(client: RawClient, mcp_server: McpTestServer) -> None:
    await configure(client, mcp_tool(mcp_server.url, require_approval="always"))
    await client.send(
        {"type": "session.update", "session": {"type": "realtime", "output_modalities": ["text"]}}
    )
    await client.expect("session.updated")
    await client.say("Please search the docs for vad")
    events = await client.until("response.done")
    (request,) = [e["item"] for e in of(events, "response.output_item.done")]
    assert request["type"] == "mcp_approval_request"
    assert (request["name"], request["arguments"]) == ("search_docs", '{"query":"vad"}')
    assert "tools/call" not in mcp_server.methods()
    answer = approval(request["id"], True)
    await client.send({"type": "conversation.item.create", "item": answer})
    await client.send({"type": "response.create"})
    events = await client.until("response.done")
    kinds = [e["type"] for e in events]
    assert kinds.index("response.mcp_call_arguments.done") < kinds.index(
        "response.mcp_call.completed"
    )
    assert "response.mcp_call.in_progress" in kinds
    (call,) = [e["item"] for e in of(events, "response.output_item.done")]
    assert call["output"] == "Found 3 pages about vad."
    assert call["approval_request_id"] == request["id"]
    await client.send({"type": "response.create"})  # the answer, as the core requests it
    events = await client.until("response.done")
    text = of(events, "response.output_text.done")[0]["text"]
    assert text == "The tool search_docs on docs returned: Found 3 pages about vad."


async def test_declined_call_is_never_made(client: RawClient, mcp_server: McpTestServer) -> None:
    await configure(client, mcp_tool(mcp_server.url))
    await client.say("search docs for barge-in")
    request = of(await client.until("response.done"), "response.output_item.done")[0]["item"]
    answer = approval(request["id"], False)
    await client.send({"type": "conversation.item.create", "item": answer})
    await client.send({"type": "response.create"})
    events = await client.until("response.done")
    transcript = of(events, "response.output_audio_transcript.done")[0]["transcript"]
    assert transcript == "Understood: you declined, so I did not use search_docs on docs."
    assert "tools/call" not in mcp_server.methods()


async def test_never_policy_calls_directly_and_tool_errors_fail_the_call(
    client: RawClient, mcp_server: McpTestServer
) -> None:
    await configure(client, mcp_tool(mcp_server.url, require_approval="never"))
    await client.say("use the broken tool")
    events = await client.until("response.done")
    assert of(events, "response.mcp_call.failed")
    (call,) = [e["item"] for e in of(events, "response.output_item.done")]
    assert call["error"] == {"type": "tool_execution_error", "message": "The tool crashed."}


async def test_answer_to_an_unknown_request_is_an_error(client: RawClient) -> None:
    answer = approval("mcpr_x", True)
    await client.send({"type": "conversation.item.create", "item": answer})
    error = await client.expect("error")
    assert error["error"]["code"] == "item_not_found"


def test_json_rpc_error_is_a_protocol_error(mcp_server: McpTestServer) -> None:
    with pytest.raises(McpFailure) as caught:
        call_tool(McpServer("docs", mcp_server.url), "no_such_tool", {})
    assert (caught.value.kind, caught.value.code) == ("protocol_error", -32602)


def test_failures_and_reprs_never_show_the_token() -> None:
    server = McpServer.from_tool(
        mcp_tool("http://127.0.0.1:9/mcp?key=q-SECRET", authorization="t-SECRET")
    )
    with pytest.raises(McpFailure) as caught:
        list_tools(server)
    assert "SECRET" not in str(caught.value) and "SECRET" not in repr(server)
    assert str(caught.value).startswith("Could not reach the MCP server at http://127.0.0.1:9/mcp")


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("always", [True, True]),
        ("never", [False, False]),
        ({"never": {"tool_names": ["search_docs"]}}, [False, True]),
        ({"always": {"tool_names": ["broken_tool"]}}, [False, True]),
        ({"never": {"read_only": True}}, [False, True]),
    ],
)
def test_approval_policy(policy: Any, expected: list[bool]) -> None:
    config = mcp_tool("http://x/mcp", require_approval=policy)
    assert [needs_approval(config, tool) for tool in TOOLS] == expected
