"""Items from the server's JSON: one reader per kind, and the later updates of a known item.

Readers are defensive: a missing or mistyped field becomes the kind's default, never an
exception. A message whose role is not user, assistant or system, and an item type this
version does not know, become a `Note` (shown, never sent).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from assistant.realtime import codec
from assistant.realtime.items import (
    FunctionCall,
    FunctionResult,
    Item,
    ItemStatus,
    McpApprovalRequest,
    McpApprovalResponse,
    McpCall,
    McpListing,
    Message,
    Note,
    Role,
)
from assistant.realtime.models import PHASES

CALL_FAILED = "The MCP tool call failed."


def item_from_wire(wire: dict[str, Any]) -> Item | None:
    """The item a server event carries; None without an id."""
    item_id = _str(wire, "id")
    if not item_id:
        return None
    type_name = _str(wire, "type") or "message"
    reader = _READERS.get(type_name)
    if reader is None:
        return Note(item_id, status(wire), type_name, codec.text_of_content(wire.get("content")))
    return reader(item_id, status(wire), wire)


def status(wire: dict[str, Any]) -> ItemStatus:
    try:
        return ItemStatus(_str(wire, "status"))
    except ValueError:
        return ItemStatus.IN_PROGRESS


def merge(item: Item, wire: dict[str, Any]) -> Item:
    """`item` with the fields a later event's copy of it carries (a reply's phase, an MCP
    item's fields; fields absent from `wire` are kept)."""
    match item:
        case Message():
            return replace(item, phase=_phase(item.role, wire) or item.phase)
        case McpListing():
            tools = _tool_names(wire.get("tools"))
            error = error_text(wire.get("error"))
            return replace(
                item,
                server_label=_str(wire, "server_label") or item.server_label,
                tools=tools or item.tools,
                error=error or item.error,
            )
        case McpApprovalRequest():
            label, name = _named(item.server_label, item.name, wire)
            arguments = _args(wire, item.arguments)
            return replace(item, server_label=label, name=name, arguments=arguments)
        case McpApprovalResponse():
            return replace(item, **_answer(wire, item))
        case McpCall():
            return _merge_call(item, wire)
    return item


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


def _message(item_id: str, status: ItemStatus, wire: dict[str, Any]) -> Item:
    text = codec.text_of_content(wire.get("content"))
    role = Role.parse(wire.get("role"))
    if role is None:
        return Note(item_id, status, "message", text)
    content = wire.get("content")
    has_audio = isinstance(content, list) and any(
        isinstance(c, dict) and "audio" in str(c.get("type")) for c in content
    )
    return Message(item_id, role, status, text, has_audio=has_audio, phase=_phase(role, wire))


def _function_call(item_id: str, status: ItemStatus, wire: dict[str, Any]) -> Item:
    name, call_id, arguments = _str(wire, "name"), _str(wire, "call_id"), _str(wire, "arguments")
    return FunctionCall(item_id, status, name, call_id, arguments)


def _function_result(item_id: str, status: ItemStatus, wire: dict[str, Any]) -> Item:
    return FunctionResult(item_id, status, _str(wire, "call_id"), _str(wire, "output"))


def _listing(item_id: str, status: ItemStatus, wire: dict[str, Any]) -> Item:
    return merge(McpListing(item_id, status), wire)


def _approval_request(item_id: str, status: ItemStatus, wire: dict[str, Any]) -> Item:
    return merge(McpApprovalRequest(item_id, status), wire)


def _approval_response(item_id: str, status: ItemStatus, wire: dict[str, Any]) -> Item:
    return merge(McpApprovalResponse(item_id, status), wire)


def _call(item_id: str, status: ItemStatus, wire: dict[str, Any]) -> Item:
    return merge(McpCall(item_id, status), wire)


_READERS: dict[str, Callable[[str, ItemStatus, dict[str, Any]], Item]] = {
    "message": _message,
    "function_call": _function_call,
    "function_call_output": _function_result,
    "mcp_list_tools": _listing,
    "mcp_approval_request": _approval_request,
    "mcp_approval_response": _approval_response,
    "mcp_call": _call,
}


def _merge_call(item: McpCall, wire: dict[str, Any]) -> McpCall:
    output = wire.get("output")
    request_id = wire.get("approval_request_id")
    label, name = _named(item.server_label, item.name, wire)
    return replace(
        item,
        server_label=label,
        name=name,
        arguments=_args(wire, item.arguments),
        output=output if isinstance(output, str) else item.output,
        error=error_text(wire.get("error")) or item.error,
        approval_request_id=request_id if isinstance(request_id, str) else item.approval_request_id,
    )


def _named(label: str, name: str, wire: dict[str, Any]) -> tuple[str, str]:
    new_label, new_name = wire.get("server_label"), wire.get("name")
    return (
        new_label if isinstance(new_label, str) else label,
        new_name if isinstance(new_name, str) else name,
    )


def _args(wire: dict[str, Any], arguments: str) -> str:
    new = wire.get("arguments")
    return new if isinstance(new, str) and new else arguments


def _answer(wire: dict[str, Any], item: McpApprovalResponse) -> dict[str, Any]:
    request_id, approve, reason = (
        wire.get(k) for k in ("approval_request_id", "approve", "reason")
    )
    return {
        "approval_request_id": request_id
        if isinstance(request_id, str)
        else item.approval_request_id,
        "approved": approve if isinstance(approve, bool) else item.approved,
        "reason": reason if isinstance(reason, str) else item.reason,
    }


def _phase(role: Role, wire: dict[str, Any]) -> str | None:
    """A reasoning model's reply says whether it is a preamble or the answer (else: none)."""
    phase = wire.get("phase")
    return phase if role is Role.ASSISTANT and isinstance(phase, str) and phase in PHASES else None


def _tool_names(tools: Any) -> tuple[str, ...]:
    if not isinstance(tools, list):
        return ()
    names = (t.get("name") for t in tools if isinstance(t, dict))
    return tuple(n for n in names if isinstance(n, str))


def _str(payload: Any, key: str) -> str:
    value = payload.get(key) if isinstance(payload, dict) else None
    return value if isinstance(value, str) else ""
