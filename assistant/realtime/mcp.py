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
from typing import Any

from assistant.realtime.conversation import _State
from assistant.realtime.events import (
    McpApprovalRequested,
    McpApprovalWithdrawn,
    McpCallArgumentsDelta,
    McpCallFinished,
    McpToolsListed,
    McpToolsListFailed,
)
from assistant.realtime.items import Item, ItemKind, ItemStatus
from assistant.realtime.state import SessionState

BETA_UNSUPPORTED = (
    "Remote MCP tools need the GA Realtime API; this Azure preview endpoint cannot use them, "
    "so they are off for this session (switch the endpoint to GA to use them)."
)
MCP_KINDS = {
    ItemKind.MCP_LIST_TOOLS,
    ItemKind.MCP_APPROVAL_REQUEST,
    ItemKind.MCP_APPROVAL_RESPONSE,
    ItemKind.MCP_CALL,
}
CALL_FAILED = "The MCP tool call failed."
CALL_UNFINISHED = "The MCP tool call did not finish."


def is_mcp_tool(tool: dict[str, Any]) -> bool:
    return tool.get("type") == "mcp"


def take_fields(state: _State, item: dict[str, Any]) -> None:
    """Copy the MCP fields of a wire item onto `state` (fields absent from `item` are kept)."""
    if state.kind not in MCP_KINDS:
        return
    label, name = item.get("server_label"), item.get("name")
    state.server_label = label if isinstance(label, str) else state.server_label
    state.name = name if isinstance(name, str) else state.name
    request_id = item.get("approval_request_id")
    if isinstance(request_id, str):
        state.approval_request_id = request_id
    if isinstance(item.get("approve"), bool):
        state.approved = item["approve"]
    if isinstance(item.get("reason"), str):
        state.parts = [item["reason"]]
    tools = item.get("tools")
    if isinstance(tools, list) and tools:
        names = (t.get("name") for t in tools if isinstance(t, dict))
        state.tools = tuple(n for n in names if isinstance(n, str))
    if isinstance(item.get("output"), str):
        state.output = item["output"]
    error = error_text(item.get("error"))
    state.error = error or state.error
    if isinstance(item.get("arguments"), str) and item["arguments"]:
        state.arg_parts = [item["arguments"]]


def error_text(error: Any) -> str | None:
    """One sentence for an `mcp_call` error object (protocol, tool execution or HTTP error)."""
    if isinstance(error, str):
        return error or None
    if not isinstance(error, dict):
        return None
    message = error.get("message")
    text = message if isinstance(message, str) and message else CALL_FAILED
    code = error.get("code")
    return f"{text} (code {code})" if isinstance(code, int) else text


def item_completed(s: SessionState, state: _State) -> None:
    """The MCP events an item's completion yields (approval prompt, finished call, listing)."""
    if state.kind is ItemKind.MCP_APPROVAL_REQUEST and state.status is ItemStatus.COMPLETED:
        s.pending_approvals.add(state.id)
        s.emit(
            McpApprovalRequested(
                state.id, state.server_label or "", state.name or "", "".join(state.arg_parts)
            )
        )
    elif state.kind is ItemKind.MCP_CALL:
        error = state.error
        if error is None and state.status is not ItemStatus.COMPLETED:
            error = state.error = CALL_UNFINISHED
        s.emit(
            McpCallFinished(
                state.id,
                state.server_label or "",
                state.name or "",
                "".join(state.arg_parts),
                state.output if error is None else None,
                error,
            )
        )
    elif state.kind is ItemKind.MCP_LIST_TOOLS:
        _maybe_listed(s, state)


def _maybe_listed(s: SessionState, state: _State) -> None:
    """`McpToolsListed` once both the item (with its tools) and `.completed` have arrived."""
    if state.id in s.listings_done and state.status is ItemStatus.COMPLETED:
        s.listings_done.discard(state.id)
        s.emit(McpToolsListed(state.id, state.server_label or "", state.tools))


# Server event handlers


def list_tools_completed(s: SessionState, p: dict[str, Any]) -> None:
    item_id = p.get("item_id")
    if not isinstance(item_id, str):
        return
    s.listings_done.add(item_id)
    state = s.conversation.state(item_id)
    if state is not None:
        _maybe_listed(s, state)


def list_tools_failed(s: SessionState, p: dict[str, Any]) -> None:
    item_id = p.get("item_id")
    if not isinstance(item_id, str):
        return
    state = s.conversation.state(item_id)
    label = (state.server_label if state else None) or "an MCP server"
    message = f"The MCP server '{label}' could not list its tools, so they are unavailable."
    if state is not None:
        state.error = message
    s.emit(McpToolsListFailed(item_id, label, message))


def call_arguments_delta(s: SessionState, p: dict[str, Any]) -> None:
    state = s.conversation.state(str(p.get("item_id")))
    delta = p.get("delta")
    if state is not None and not state.interrupted and isinstance(delta, str):
        state.arg_parts.append(delta)
        s.emit(McpCallArgumentsDelta(state.id, delta))


def call_arguments_done(s: SessionState, p: dict[str, Any]) -> None:
    state = s.conversation.state(str(p.get("item_id")))
    if state is not None and isinstance(p.get("arguments"), str):
        state.arg_parts = [p["arguments"]]


def call_failed(s: SessionState, p: dict[str, Any]) -> None:
    state = s.conversation.state(str(p.get("item_id")))
    if state is not None and state.error is None:
        state.error = CALL_FAILED


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


def withdraw_approvals(s: SessionState) -> None:
    """The server session that asked is gone: its approval prompts can no longer be answered."""
    for item_id in sorted(s.pending_approvals):
        s.emit(McpApprovalWithdrawn(item_id))
    s.pending_approvals.clear()


def replay_note(item: Item, requests: dict[str, Item]) -> str | None:
    """The system note an MCP item is replayed as on a new server session (None: nothing)."""
    if item.kind is ItemKind.MCP_CALL and item.status is not ItemStatus.PENDING:
        where = f"MCP tool {item.server_label or 'remote'}.{item.name}({item.arguments or ''})"
        if item.error or item.output is None:
            return f"{where} failed: {item.error or CALL_UNFINISHED}"
        return f"{where} returned: {item.output}"
    if item.kind is ItemKind.MCP_APPROVAL_RESPONSE and item.approved is False:
        request = requests.get(item.approval_request_id or "")
        name = f" {request.name} on {request.server_label}" if request else ""
        return f"The user declined the MCP tool call{name}."
    return None


def owes_reply(item: Item) -> bool | None:
    """Whether an MCP item at the end of the conversation is owed a reply (None: look further)."""
    if item.kind is ItemKind.MCP_CALL:
        return True
    if item.kind is ItemKind.MCP_APPROVAL_RESPONSE:
        return True
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
