"""What the chat history shows, one row per conversation item: plain Python, no Qt.

`ChatLog` turns the core's events into rows and says which row changed, so the Qt model can
tell the view about exactly one row per event (a transcript delta never re-renders the
history). Rows are appended in the order items appear, which is the conversation order for a
single client: a user turn is added before the reply to it starts. A function call's output is
folded into the call's row, so a tool call takes one compact, expandable row; an MCP call
(server label, tool, output or error) is a tool row too. An MCP server's tool listing is one
compact row, and the answer to an MCP approval request is folded into the request's row.
A reasoning model's preamble (phase "commentary") is a row of its own, shown apart from the
answer; a diarized user transcript keeps one line per speaker turn. A user message keeps its
pictures (the view shows them as thumbnails under the text).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from assistant.realtime import (
    FunctionCall,
    FunctionResult,
    Item,
    ItemStatus,
    McpApprovalRequest,
    McpApprovalResponse,
    McpCall,
    McpListing,
    Message,
    Picture,
    Role,
    UserTranscriptSegment,
)
from assistant.realtime.items import plain_text, type_name
from assistant.realtime.session import heard_part


class RowKind(Enum):
    USER = "user"
    ASSISTANT = "assistant"
    TOOL = "tool"
    ERROR = "error"
    NOTE = "note"  # system messages and item types this version does not know
    MCP_TOOLS = "mcp_tools"  # an MCP server listed its tools (or could not)
    APPROVAL = "approval"  # an MCP tool call waiting for the user's approval, and the answer
    MARKER = "marker"  # where the server session changed (reconnect, rollover, resumed)


@dataclass(slots=True)
class ChatRow:
    """One entry of the history. `version` grows on every change (a cache key for layouts)."""

    key: str
    kind: RowKind
    text: str = ""
    final: bool = False
    spoken: bool = False  # a user turn spoken into the microphone: its transcript may come late
    transcript_error: str | None = None
    interrupted: bool = False
    heard_text: str | None = None
    heard_ms: int | None = None
    cut_off: bool = False
    tool_name: str = ""
    arguments: str = ""
    output: str | None = None
    expanded: bool = False
    server_label: str = ""  # MCP rows
    error: str | None = None  # an MCP call's error, or why a listing failed
    tools: tuple[str, ...] = ()  # the tools an MCP server listed
    approved: bool | None = None  # an approval request's answer (None: not answered)
    reason: str = ""  # why the user declined
    withdrawn: bool = False  # the approval request can no longer be answered
    phase: str | None = None  # an assistant reply: "commentary" (a preamble) or "final_answer"
    segments: dict[str, tuple[float, str, str]] = field(default_factory=dict)  # diarized turns
    pictures: tuple[Picture, ...] = ()  # a user message's pictures (shown as thumbnails)
    version: int = 0


def speaker_turns(row: ChatRow) -> list[tuple[str, str]]:
    """A diarized transcript as (speaker, text) turns in time order, one speaker's consecutive
    segments joined."""
    turns: list[tuple[str, str]] = []
    for _start, speaker, text in sorted(row.segments.values()):
        if turns and turns[-1][0] == speaker:
            turns[-1] = (speaker, f"{turns[-1][1]} {text.strip()}")
        else:
            turns.append((speaker, text.strip()))
    return turns


def _kind_of(item: Item) -> RowKind:
    match item:
        case FunctionCall() | McpCall():
            return RowKind.TOOL
        case McpListing():
            return RowKind.MCP_TOOLS
        case (
            McpApprovalRequest() | McpApprovalResponse()
        ):  # a response: when its request has no row
            return RowKind.APPROVAL
        case Message(role=Role.USER):
            return RowKind.USER
        case Message(role=Role.ASSISTANT):
            return RowKind.ASSISTANT
    return RowKind.NOTE


def _refresh(row: ChatRow, item: Item) -> None:
    """Take everything the item knows; keeps what only the view knows (expanded)."""
    text = item.text if isinstance(item, Message) else plain_text(item)
    row.text = text if row.kind is not RowKind.NOTE else (text or type_name(item))
    row.final = item.status in (ItemStatus.COMPLETED, ItemStatus.INCOMPLETE)
    row.cut_off = item.cut_off
    take = _TAKE.get(type(item))
    if take is not None:
        take(row, item)
    row.version += 1


def _message(row: ChatRow, item: Message) -> None:
    row.phase = item.phase or row.phase
    row.pictures = item.pictures or row.pictures
    if item.segments:  # the item holds every segment so far: it replaces the streamed ones
        row.segments = {str(n): (s.start, s.speaker, s.text) for n, s in enumerate(item.segments)}
    row.spoken = row.spoken or (item.has_audio and item.role is Role.USER)
    row.interrupted = row.interrupted or item.interrupted
    row.heard_text = item.heard_text if item.interrupted else row.heard_text
    row.heard_ms = item.heard_ms if item.interrupted else row.heard_ms


def _tool(row: ChatRow, name: str, arguments: str) -> None:
    row.tool_name = name or row.tool_name
    row.arguments = arguments or row.arguments


def _function_call(row: ChatRow, item: FunctionCall) -> None:
    _tool(row, item.name, item.arguments)


def _approval_request(row: ChatRow, item: McpApprovalRequest) -> None:
    _tool(row, item.name, item.arguments)
    row.server_label = item.server_label or row.server_label


def _mcp_call(row: ChatRow, item: McpCall) -> None:
    _tool(row, item.name, item.arguments)
    row.output = item.output if item.output is not None else row.output
    row.server_label = item.server_label or row.server_label
    row.error = item.error or row.error


def _listing(row: ChatRow, item: McpListing) -> None:
    row.server_label = item.server_label or row.server_label
    row.error, row.tools = item.error or row.error, item.tools or row.tools


def _approval_response(row: ChatRow, item: McpApprovalResponse) -> None:
    _tool(row, item.name, "")
    row.server_label = item.server_label or row.server_label
    _answer(row, item)


def _answer(row: ChatRow, response: McpApprovalResponse) -> None:
    row.approved, row.reason = response.approved, response.reason


# What a row takes from each kind of item besides its text, status and cut-off mark (a result
# is folded into its call's row by `ChatLog`; a note has nothing more).
_TAKE: dict[type, Callable[[ChatRow, Any], None]] = {
    Message: _message,
    FunctionCall: _function_call,
    McpCall: _mcp_call,
    McpListing: _listing,
    McpApprovalRequest: _approval_request,
    McpApprovalResponse: _approval_response,
}


class ChatLog:
    """The rows of the history; every method returns the index of the row it changed."""

    def __init__(self) -> None:
        self.rows: list[ChatRow] = []
        self._index: dict[str, int] = {}
        self._calls: dict[str, str] = {}  # call_id -> row key of the call
        self._outputs: dict[str, str] = {}  # output item id -> call_id
        self._errors = 0
        self._markers = 0

    def __len__(self) -> int:
        return len(self.rows)

    def find(self, key: str) -> int | None:
        return self._index.get(key)

    # Items

    def will_insert(self, item: Item) -> bool:
        """True when `add_item(item)` will append a row (a new item that is not folded into
        another row: a tool output, or the answer to an approval request that has a row)."""
        if isinstance(item, FunctionResult) or self._request_row(item) is not None:
            return False
        return item.id not in self._index

    def add_item(self, item: Item) -> tuple[int, bool] | None:
        """A new item: (row index, True if a row was inserted), None if there is nothing to show."""
        if isinstance(item, FunctionResult):
            self._outputs[item.id] = item.call_id
            index = self._output(item)
            return None if index is None else (index, False)
        known = self._index.get(item.id, self._request_row(item))
        if known is not None:
            self.complete_item(item)
            return known, False
        row = ChatRow(item.id, _kind_of(item))
        _refresh(row, item)
        if isinstance(item, FunctionCall) and item.call_id:
            self._calls[item.call_id] = item.id
        return self._append(row), True

    def complete_item(self, item: Item) -> int | None:
        """The item's final snapshot replaces what was streamed."""
        if isinstance(item, FunctionResult):
            return self._output(item)
        request = self._request_row(item)
        if request is not None and isinstance(item, McpApprovalResponse):
            row = self.rows[request]
            _answer(row, item)
            row.version += 1
            return request
        index = self._index.get(item.id)
        if index is not None:
            _refresh(self.rows[index], item)
        return index

    def delete(self, item_id: str) -> int | None:
        """Forget a row; the caller removes it from views at the returned index."""
        index = self._index.pop(item_id, None)
        if index is not None:
            del self.rows[index]
            self._index = {row.key: i for i, row in enumerate(self.rows)}
        return index

    def _request_row(self, item: Item) -> int | None:
        """The row of the request an approval response answers (None: not a response, or no
        such row)."""
        if not isinstance(item, McpApprovalResponse):
            return None
        return self._index.get(item.approval_request_id)

    def _output(self, item: FunctionResult) -> int | None:
        call_id = item.call_id or self._outputs.get(item.id, "")
        index = self._index.get(self._calls.get(call_id, ""))
        if index is not None and item.status is not ItemStatus.PENDING:  # sent, not yet taken
            row = self.rows[index]
            row.output, row.version = item.output, row.version + 1
        return index

    # Streaming

    def append_text(self, item_id: str, delta: str) -> int | None:
        """Assistant text or transcript, or a user transcript, arriving piece by piece."""
        index = self._index.get(item_id)
        if index is not None:
            row = self.rows[index]
            row.text, row.version = row.text + delta, row.version + 1
        return index

    def append_arguments(self, item_id: str, delta: str) -> int | None:
        index = self._index.get(item_id)
        if index is not None:
            row = self.rows[index]
            row.arguments, row.version = row.arguments + delta, row.version + 1
        return index

    def set_transcript(self, item_id: str, transcript: str) -> int | None:
        """The user's whole transcript, shown in place even after the reply started."""
        index = self._index.get(item_id)
        if index is not None:
            row = self.rows[index]
            row.text, row.spoken, row.version = transcript, True, row.version + 1
        return index

    def add_segment(self, segment: UserTranscriptSegment) -> int | None:
        """One speaker's part of the user's transcript (diarization)."""
        index = self._index.get(segment.item_id)
        if index is not None:
            row = self.rows[index]
            row.segments[segment.segment_id] = (segment.start, segment.speaker, segment.text)
            row.spoken, row.version = True, row.version + 1
        return index

    def transcript_failed(self, item_id: str, message: str) -> int | None:
        index = self._index.get(item_id)
        if index is not None:
            row = self.rows[index]
            row.transcript_error, row.spoken, row.version = message, True, row.version + 1
        return index

    def interrupt(self, item_id: str, heard_ms: int, received_ms: int) -> int | None:
        """The user cut in after `heard_ms`: mark the row at the heard part of its text."""
        index = self._index.get(item_id)
        if index is not None:
            row = self.rows[index]
            row.interrupted, row.heard_ms = True, heard_ms
            row.heard_text = heard_part(row.text, heard_ms, received_ms)
            row.version += 1
        return index

    def listing_failed(self, item_id: str, message: str) -> int | None:
        """An MCP server could not list its tools (known after its item completed)."""
        return self._mark(item_id, error=message)

    def withdraw(self, item_id: str) -> int | None:
        """An approval request can no longer be answered (the connection dropped)."""
        return self._mark(item_id, withdrawn=True)

    def _mark(self, item_id: str, **fields: object) -> int | None:
        index = self._index.get(item_id)
        if index is not None:
            row = self.rows[index]
            for name, value in fields.items():
                setattr(row, name, value)
            row.version += 1
        return index

    # The view's own rows

    def add_error(self, message: str) -> int:
        """An error in plain words, inline in the conversation."""
        self._errors += 1
        return self._append(ChatRow(f"error-{self._errors}", RowKind.ERROR, message, final=True))

    def add_marker(self, text: str) -> int:
        """A discreet line where the server session changed."""
        self._markers += 1
        return self._append(ChatRow(f"marker-{self._markers}", RowKind.MARKER, text, final=True))

    def clear(self) -> None:
        """Forget every row (a stored conversation is about to be shown instead)."""
        self.rows.clear()
        self._index.clear()
        self._calls.clear()
        self._outputs.clear()

    def toggle(self, index: int) -> bool:
        """Expand or collapse a tool call row; False for rows that do not expand."""
        row = self.rows[index]
        if row.kind is not RowKind.TOOL:
            return False
        row.expanded, row.version = not row.expanded, row.version + 1
        return True

    def _append(self, row: ChatRow) -> int:
        self._index[row.key] = len(self.rows)
        self.rows.append(row)
        return len(self.rows) - 1
