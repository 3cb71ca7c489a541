"""Starting a server session: the same path for the first connection, a reconnect and a rollover.

A new WebSocket is a new, empty server session. When its `session.created` arrives the core
sends the session config again, then re-creates the conversation as text items (assistant
audio cannot be re-created; an interrupted reply is replayed as the part that was heard; a
tool call and its result become one system note, since servers do not accept re-created
calls), keeping the original item ids so the server's confirmations map onto the items we
have. Replies lost to a dropped connection are marked `cut_off`, kept locally and not
replayed. If the conversation ends with the user's turn, its reply is requested again.
MCP items are replayed as notes (see `assistant.realtime.mcp`). Text has a budget
(`REPLAY_CHAR_BUDGET`, newest kept) and pictures one of their own (`picture_budget`): those
left out are named in a note at the end of their message, so the model knows they were there.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from assistant.realtime import codec, mcp
from assistant.realtime.config import Dialect
from assistant.realtime.events import ItemCompleted, McpUnavailable
from assistant.realtime.items import (
    FunctionCall,
    FunctionResult,
    Item,
    ItemStatus,
    McpApprovalRequest,
    McpApprovalResponse,
    McpCall,
    Message,
    Role,
)
from assistant.realtime.picture_budget import pictures_within
from assistant.realtime.state import SessionState

REPLAY_CHAR_BUDGET = 48_000  # about 12k tokens of text: fits every model's context


def start_server_session(s: SessionState) -> None:
    mcp.withdrawn(s, s.begin_server_session())
    s.send(codec.session_update(s.event_id(), s.config.to_wire(s.dialect, s.model)))
    if s.dialect is Dialect.BETA and any(mcp.is_mcp_tool(tool) for tool in s.config.tools):
        s.emit(McpUnavailable(mcp.BETA_UNSUPPORTED))
    items = s.conversation.items()
    for item in replay_items(items):
        s.send(codec.item_create(s.event_id(), item))
    if owes_reply(items) and s.tracker.request():
        s.send(codec.simple("response.create", s.event_id()))


def connection_lost(s: SessionState) -> None:
    """The socket is gone: stop queueing and mark replies that were still streaming as cut off."""
    mcp.withdrawn(s, s.connection_lost())
    for item in s.conversation.items():
        if item.status is ItemStatus.IN_PROGRESS and not _is_user(item):
            interrupted = isinstance(item, Message) and item.interrupted
            # an interrupted reply is kept as heard
            ended = replace(item, cut_off=not interrupted, status=ItemStatus.INCOMPLETE)
            s.conversation.put(ended)
            s.item_finished(ended.id)
            s.emit(ItemCompleted(ended))


def replay_items(items: list[Item]) -> list[dict[str, Any]]:
    """The items to re-create, oldest first, within `REPLAY_CHAR_BUDGET` and the pictures'
    budget (newest kept)."""
    items = pictures_within(items, lambda picture: picture.data)
    calls = {i.call_id: i for i in items if isinstance(i, FunctionCall) and i.call_id}
    requests = {i.id: i for i in items if isinstance(i, McpApprovalRequest)}
    wire = [w for w in (_replayable(i, calls, requests) for i in items if not i.cut_off) if w]
    kept: list[dict[str, Any]] = []
    budget = REPLAY_CHAR_BUDGET
    for entry in reversed(wire):
        budget -= len(codec.text_of_content(entry["content"]))
        if budget < 0:
            break
        kept.append(entry)
    return kept[::-1]


def replayed_text(
    item: Item, calls: dict[str, FunctionCall], requests: dict[str, McpApprovalRequest]
) -> str:
    """The text `item` is replayed as ("" when it is not replayed)."""
    wire = None if item.cut_off else _replayable(item, calls, requests)
    return codec.text_of_content(wire["content"]) if wire else ""


def owes_reply(items: list[Item]) -> bool:
    """True when the conversation ends with a user turn (or tool result) nobody answered."""
    for item in reversed(items):
        if item.cut_off:
            continue
        match item:
            case FunctionResult() | McpCall() | McpApprovalResponse():
                return True
            case Message(role=Role.USER | Role.ASSISTANT):
                return item.role is Role.USER and bool(item.shown_text.strip())
            case FunctionCall():
                return False
    return False


def tool_result_note(call: FunctionCall, output: str) -> str:
    """A tool call and its result as one system note (servers refuse re-created calls)."""
    return f"Tool {call.name}({call.arguments}) returned: {output}"


def _replayed_message(item: Message) -> dict[str, Any] | None:
    """The message's text and the pictures it still holds; a picture whose bytes are gone (over
    the pictures' budget, or not read back from the history) is named in a note at the end."""
    pictures = [p for p in item.pictures if p.data]
    gone = [p.name for p in item.pictures if not p.data]
    text = item.shown_text.strip()
    if gone:
        text = f"{text}\n{PICTURES_LEFT_OUT.format(names=', '.join(gone))}".strip()
    return codec.message_item(item.id, item.role, text, pictures) if text or pictures else None


PICTURES_LEFT_OUT = "(Pictures shown earlier, not sent again: {names}.)"


def _is_user(item: Item) -> bool:
    return isinstance(item, Message) and item.role is Role.USER


def _replayable(
    item: Item, calls: dict[str, FunctionCall], requests: dict[str, McpApprovalRequest]
) -> dict[str, Any] | None:
    note = mcp.replay_note(item, requests)
    if note is not None:
        return codec.message_item(item.id, Role.SYSTEM, note)
    match item:
        case Message():
            return _replayed_message(item)
        case FunctionResult() if item.call_id in calls:
            note = tool_result_note(calls[item.call_id], item.output)
            return codec.message_item(item.id, Role.SYSTEM, note)
    return None
