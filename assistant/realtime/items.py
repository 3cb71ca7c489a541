"""Conversation items as the rest of the program sees them: one immutable type per kind.

`Item` is a tagged union of frozen dataclasses; code that depends on the kind uses `match`
(or `isinstance`), so mypy checks that each kind's fields are read only where they exist.
Every kind has `id`, `status` and `cut_off` (a reply lost to a dropped connection: kept
here, not replayed). Each class's `kind` names it on the wire and in the history file.

Adding a kind: a class here, in `Item` and `KINDS`, its reader in `assistant.realtime.wire_items`,
and its line in `assistant.store.transcript`; the history file stores it as it is
(`assistant.realtime.payloads`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import ClassVar


class ItemKind(Enum):
    MESSAGE = "message"
    FUNCTION_CALL = "function_call"
    FUNCTION_CALL_OUTPUT = "function_call_output"
    MCP_LIST_TOOLS = "mcp_list_tools"  # the tools a remote MCP server offers
    MCP_APPROVAL_REQUEST = "mcp_approval_request"  # the server asks before calling an MCP tool
    MCP_APPROVAL_RESPONSE = "mcp_approval_response"  # the user's answer
    MCP_CALL = "mcp_call"  # an MCP tool the server called (`output` or `error`)
    OTHER = "other"  # notes for the user and item types this version does not know


class ItemStatus(Enum):
    PENDING = "pending"  # created here, not yet confirmed by the server
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    INCOMPLETE = "incomplete"  # the response ended early (cancelled, cut off, token limit)


class Role(StrEnum):
    """Who speaks in a message. A message with another role is kept as a `Note`."""

    USER = "user"
    ASSISTANT = "assistant"
    SYSTEM = "system"

    @classmethod
    def parse(cls, value: object) -> Role | None:
        return cls(value) if isinstance(value, str) and value in _ROLES else None


_ROLES = frozenset(role.value for role in Role)


@dataclass(frozen=True, slots=True)
class SpeakerSegment:
    """One speaker's part of a diarized user transcript (seconds into the item's audio)."""

    speaker: str
    text: str
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Message:
    """A message; `text` is its text, or the transcript of its audio (user transcripts may
    arrive late). For an assistant reply the user cut into, `interrupted` is set, `heard_ms`
    says how much of the audio was played, and `heard_text` is the part of the transcript the
    user heard (an estimate in proportion to the audio played, ended at a word boundary).
    A reasoning model's reply has a `phase`: "commentary" (a preamble) or "final_answer".
    A user transcript from a diarizing model has `segments`, one per speaker turn."""

    kind: ClassVar[ItemKind] = ItemKind.MESSAGE
    id: str
    role: Role
    status: ItemStatus
    text: str = ""
    has_audio: bool = False
    audio_ms: float = 0.0
    interrupted: bool = False
    heard_ms: int | None = None
    heard_text: str | None = None
    cut_off: bool = False
    phase: str | None = None
    segments: tuple[SpeakerSegment, ...] = ()

    @property
    def shown_text(self) -> str:
        """What a transcript view shows: the heard part of an interrupted reply, else the text."""
        return self.heard_text if self.heard_text is not None else self.text


@dataclass(frozen=True, slots=True)
class FunctionCall:
    """The model calls one of our tools."""

    kind: ClassVar[ItemKind] = ItemKind.FUNCTION_CALL
    id: str
    status: ItemStatus
    name: str = ""
    call_id: str = ""
    arguments: str = ""
    cut_off: bool = False


@dataclass(frozen=True, slots=True)
class FunctionResult:
    """Our answer to a `FunctionCall` (`call_id`)."""

    kind: ClassVar[ItemKind] = ItemKind.FUNCTION_CALL_OUTPUT
    id: str
    status: ItemStatus
    call_id: str = ""
    output: str = ""
    cut_off: bool = False


@dataclass(frozen=True, slots=True)
class McpListing:
    """The tools a remote MCP server offers (`error`: it could not list them)."""

    kind: ClassVar[ItemKind] = ItemKind.MCP_LIST_TOOLS
    id: str
    status: ItemStatus
    server_label: str = ""
    tools: tuple[str, ...] = ()
    error: str | None = None
    cut_off: bool = False


@dataclass(frozen=True, slots=True)
class McpApprovalRequest:
    """The server asks before it calls an MCP tool."""

    kind: ClassVar[ItemKind] = ItemKind.MCP_APPROVAL_REQUEST
    id: str
    status: ItemStatus
    server_label: str = ""
    name: str = ""
    arguments: str = ""
    cut_off: bool = False


@dataclass(frozen=True, slots=True)
class McpApprovalResponse:
    """The user's answer to an `McpApprovalRequest` (server and tool copied from it)."""

    kind: ClassVar[ItemKind] = ItemKind.MCP_APPROVAL_RESPONSE
    id: str
    status: ItemStatus
    approval_request_id: str = ""
    approved: bool | None = None
    reason: str = ""
    server_label: str = ""
    name: str = ""
    cut_off: bool = False


@dataclass(frozen=True, slots=True)
class McpCall:
    """An MCP tool the server called: its `output`, or an `error` sentence."""

    kind: ClassVar[ItemKind] = ItemKind.MCP_CALL
    id: str
    status: ItemStatus
    server_label: str = ""
    name: str = ""
    arguments: str = ""
    output: str | None = None
    error: str | None = None
    approval_request_id: str | None = None
    cut_off: bool = False


@dataclass(frozen=True, slots=True)
class Note:
    """Shown, never sent: notes for the user, and items of a type this version does not know
    (`type_name` is the wire type)."""

    kind: ClassVar[ItemKind] = ItemKind.OTHER
    id: str
    status: ItemStatus
    type_name: str = "other"
    text: str = ""
    cut_off: bool = False


Item = (
    Message
    | FunctionCall
    | FunctionResult
    | McpListing
    | McpApprovalRequest
    | McpApprovalResponse
    | McpCall
    | Note
)
KINDS: dict[ItemKind, type[Item]] = {
    cls.kind: cls
    for cls in (
        Message,
        FunctionCall,
        FunctionResult,
        McpListing,
        McpApprovalRequest,
        McpApprovalResponse,
        McpCall,
        Note,
    )
}
MCP_ITEMS = (McpListing, McpApprovalRequest, McpApprovalResponse, McpCall)


def type_name(item: Item) -> str:
    """The item's type on the wire (a note keeps the type it came with)."""
    return item.type_name if isinstance(item, Note) else item.kind.value


def role_of(item: Item) -> Role | None:
    return item.role if isinstance(item, Message) else None


def plain_text(item: Item) -> str:
    """The words an item carries: a message's shown text, a note's text, an approval's reason."""
    match item:
        case Message():
            return item.shown_text
        case Note():
            return item.text
        case McpApprovalResponse():
            return item.reason
    return ""
