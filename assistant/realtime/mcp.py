"""Remote MCP tools (GA only): the items, the events, the approval answer and the replay notes.

With a GA `mcp` tool in the session config the server itself talks to the MCP server: it adds
an `mcp_list_tools` item per server (`mcp_list_tools.completed` or `.failed`), and when the
model wants a tool either calls it (`mcp_call` item, `response.mcp_call_arguments.*`,
`response.mcp_call.*`) or, when approval is required, adds an `mcp_approval_request` item. The
app asks the user and answers with `Session.answer_mcp_approval`: an `mcp_approval_response`
item and a `response.create` through the response table. If the server is still running the
response that asked, the create waits for its `response.done` (the table defers it), so the
answer is requested whether the server ends the response at the prompt or resumes it itself.
A completed response whose output ends with an `mcp_call` gets a reply requested, like a tool
result (a server that answers in the same response never triggers this).

Replay on a new server session: a finished call becomes a system note with its result, a
declined approval a note saying so; listings and approval requests are not re-created (the new
session lists tools itself). An unanswered approval prompt is withdrawn when the connection
drops (`McpApprovalWithdrawn`), and the user turn before it is owed a reply again, so the model
asks anew. The beta (Azure preview) dialect has no MCP tools: they are left out of its config
and `McpUnavailable` says so once per server session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from assistant.realtime.events import (
    McpApprovalRequested,
    McpApprovalWithdrawn,
    McpCallArgumentsDelta,
    McpCallFinished,
    McpToolsListed,
    McpToolsListFailed,
)
from assistant.realtime.items import (
    Item,
    ItemStatus,
    McpApprovalRequest,
    McpApprovalResponse,
    McpCall,
    McpListing,
)
from assistant.realtime.state import SessionState
from assistant.realtime.wire_items import CALL_FAILED

BETA_UNSUPPORTED = (
    "Remote MCP tools need the GA Realtime API; this Azure preview endpoint cannot use them, "
    "so they are off for this session (switch the endpoint to GA to use them)."
)
CALL_UNFINISHED = "The MCP tool call did not finish."


def is_mcp_tool(tool: dict[str, Any]) -> bool:
    return tool.get("type") == "mcp"


def item_completed(s: SessionState, item: Item) -> None:
    """The MCP events an item's completion yields (approval prompt, finished call, listing)."""
    match item:
        case McpApprovalRequest(status=ItemStatus.COMPLETED):
            s.approval_asked(item.id)
            s.emit(McpApprovalRequested(item.id, item.server_label, item.name, item.arguments))
        case McpCall():
            if item.error is None and item.status is not ItemStatus.COMPLETED:
                item = replace(item, error=CALL_UNFINISHED)
                s.conversation.put(item)
            output = item.output if item.error is None else None
            s.emit(
                McpCallFinished(
                    item.id, item.server_label, item.name, item.arguments, output, item.error
                )
            )
        case McpListing():
            _maybe_listed(s, item)


def _maybe_listed(s: SessionState, item: McpListing) -> None:
    """`McpToolsListed` once both the item (with its tools) and `.completed` have arrived."""
    if item.status is ItemStatus.COMPLETED and s.listing_reported(item.id):
        s.emit(McpToolsListed(item.id, item.server_label, item.tools))


# Server event handlers


def list_tools_completed(s: SessionState, p: dict[str, Any]) -> None:
    item_id = p.get("item_id")
    if not isinstance(item_id, str):
        return
    s.listing_completed(item_id)
    item = s.conversation.get(item_id)
    if isinstance(item, McpListing):
        _maybe_listed(s, item)


def list_tools_failed(s: SessionState, p: dict[str, Any]) -> None:
    item_id = p.get("item_id")
    if not isinstance(item_id, str):
        return
    item = s.conversation.get(item_id)
    listing = item if isinstance(item, McpListing) else None
    label = (listing.server_label if listing else None) or "an MCP server"
    message = f"The MCP server '{label}' could not list its tools, so they are unavailable."
    if listing is not None:
        s.conversation.put(replace(listing, error=message))
    s.emit(McpToolsListFailed(item_id, label, message))


def _call_of(s: SessionState, p: dict[str, Any]) -> McpCall | None:
    item = s.conversation.get(str(p.get("item_id")))
    return item if isinstance(item, McpCall) else None


def call_arguments_delta(s: SessionState, p: dict[str, Any]) -> None:
    call = _call_of(s, p)
    delta = p.get("delta")
    if call is not None and isinstance(delta, str):
        s.conversation.append(call.id, delta)
        s.emit(McpCallArgumentsDelta(call.id, delta))


def call_arguments_done(s: SessionState, p: dict[str, Any]) -> None:
    call = _call_of(s, p)
    if call is not None and isinstance(p.get("arguments"), str):
        s.conversation.put(replace(call, arguments=p["arguments"]))


def call_failed(s: SessionState, p: dict[str, Any]) -> None:
    call = _call_of(s, p)
    if call is not None and call.error is None:
        s.conversation.put(replace(call, error=CALL_FAILED))


def owes_answer(response: dict[str, Any]) -> bool:
    """True when a completed response ended with an MCP call and said nothing after it."""
    output = response.get("output")
    if response.get("status") != "completed" or not isinstance(output, list) or not output:
        return False
    last = output[-1]
    return isinstance(last, dict) and last.get("type") == "mcp_call"


# Commands and replay


def approval_item(
    item_id: str, approval_request_id: str, approve: bool, reason: str | None
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": item_id,
        "type": "mcp_approval_response",
        "approval_request_id": approval_request_id,
        "approve": approve,
    }
    if reason:
        item["reason"] = reason
    return item


def withdrawn(s: SessionState, item_ids: list[str]) -> None:
    """The server session that asked is gone: its approval prompts can no longer be answered."""
    for item_id in item_ids:
        s.emit(McpApprovalWithdrawn(item_id))


def replay_note(item: Item, requests: dict[str, McpApprovalRequest]) -> str | None:
    """The system note an MCP item is replayed as on a new server session (None: nothing)."""
    match item:
        case McpCall() if item.status is not ItemStatus.PENDING:
            where = f"MCP tool {item.server_label or 'remote'}.{item.name}({item.arguments})"
            if item.error or item.output is None:
                return f"{where} failed: {item.error or CALL_UNFINISHED}"
            return f"{where} returned: {item.output}"
        case McpApprovalResponse(approved=False):
            request = requests.get(item.approval_request_id)
            name = f" {request.name} on {request.server_label}" if request else ""
            return f"The user declined the MCP tool call{name}."
    return None


SERVER_EVENTS: dict[str, Callable[[SessionState, dict[str, Any]], None]] = {
    "mcp_list_tools.completed": list_tools_completed,
    "mcp_list_tools.failed": list_tools_failed,
    "response.mcp_call_arguments.delta": call_arguments_delta,
    "response.mcp_call_arguments.done": call_arguments_done,
    "response.mcp_call.failed": call_failed,
}
INFORMATIONAL = (
    "mcp_list_tools.in_progress",
    "response.mcp_call.in_progress",
    "response.mcp_call.completed",
)
