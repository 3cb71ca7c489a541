"""Starting a server session: the same path for the first connection, a reconnect and a rollover.

A new WebSocket is a new, empty server session. When its `session.created` arrives the core
sends the session config again, then re-creates the conversation as text items (assistant
audio cannot be re-created; an interrupted reply is replayed as the part that was heard; a
tool call and its result become one system note, since servers do not accept re-created
calls), keeping the original item ids so the server's confirmations map onto the items we
have. Replies lost to a dropped connection are marked `cut_off`, kept locally and not
replayed. If the conversation ends with the user's turn, its reply is requested again.
MCP items are replayed as notes (see `assistant.realtime.mcp`).
"""

from __future__ import annotations

from typing import Any

from assistant.realtime import codec, mcp
from assistant.realtime.config import Dialect
from assistant.realtime.events import ItemCompleted, McpUnavailable
from assistant.realtime.items import Item, ItemKind, ItemStatus
from assistant.realtime.state import SessionState

REPLAY_CHAR_BUDGET = 48_000  # about 12k tokens of text: fits every model's context


def start_server_session(s: SessionState) -> None:
    s.server_sessions += 1
    s.connected = True
    s.outbox.clear()
    s.tracker.reset()
    s.interrupted_responses.clear()
    s.open_calls.clear()
    mcp.withdraw_approvals(s)
    s.live_items.clear()
    s.buffered_audio_bytes = 0
    s.user_speaking = False
    s.audio_item_id = s.audio_response_id = None
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
    s.connected = False
    s.outbox.clear()
    mcp.withdraw_approvals(s)
    for state in s.conversation.states():
        if state.status is ItemStatus.IN_PROGRESS and state.role != "user":
            state.cut_off = not state.interrupted  # an interrupted reply is kept as heard
            state.status = ItemStatus.INCOMPLETE
            s.completed_items.add(state.id)
            s.emit(ItemCompleted(state.snapshot()))
    s.tracker.reset()


def replay_items(items: list[Item]) -> list[dict[str, Any]]:
    """The items to re-create, oldest first, within `REPLAY_CHAR_BUDGET` (newest kept)."""
    calls = {i.call_id: i for i in items if i.kind is ItemKind.FUNCTION_CALL and i.call_id}
    requests = {i.id: i for i in items if i.kind is ItemKind.MCP_APPROVAL_REQUEST}
    wire = [w for w in (_replayable(i, calls, requests) for i in items if not i.cut_off) if w]
    kept: list[dict[str, Any]] = []
    budget = REPLAY_CHAR_BUDGET
    for entry in reversed(wire):
        budget -= len(codec.text_of_content(entry["content"]))
        if budget < 0:
            break
        kept.append(entry)
    return kept[::-1]


def owes_reply(items: list[Item]) -> bool:
    """True when the conversation ends with a user turn (or tool result) nobody answered."""
    for item in reversed(items):
        if item.cut_off:
            continue
        owed = mcp.owes_reply(item)
        if owed is not None:
            return owed
        if item.kind is ItemKind.FUNCTION_CALL_OUTPUT:
            return True
        if item.kind is ItemKind.MESSAGE and item.role in ("user", "assistant"):
            return item.role == "user" and bool(item.shown_text.strip())
        if item.kind is ItemKind.FUNCTION_CALL:
            return False
    return False


def _replayable(
    item: Item, calls: dict[str, Item], requests: dict[str, Item]
) -> dict[str, Any] | None:
    note = mcp.replay_note(item, requests)
    if note is not None:
        return codec.message_item(item.id, "system", note)
    if item.kind is ItemKind.MESSAGE and item.role in ("user", "assistant", "system"):
        text = item.shown_text.strip()
        return codec.message_item(item.id, item.role, text) if text else None
    if item.kind is ItemKind.FUNCTION_CALL_OUTPUT and item.call_id in calls:
        call = calls[item.call_id]
        note = f"Tool {call.name}({call.arguments}) returned: {item.output}"
        return codec.message_item(item.id, "system", note)
    return None
