"""Conversation items as the rest of the program sees them: one immutable type per kind.

`Item` is a tagged union of frozen dataclasses; code that depends on the kind uses `match`
(or `isinstance`), so mypy checks that each kind's fields are read only where they exist.
Every kind has `id`, `status` and `cut_off` (a reply lost to a dropped connection: kept
here, not replayed). Each class's `kind` names it on the wire and in the history file.

Adding a kind: a class here, in `Item` and `KINDS`, its wire form in `assistant.realtime.wire`,
and its line in `assistant.realtime.transcript`; the history file stores it as it is (see
`to_payload`).
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields
from enum import Enum, StrEnum
from typing import Any, ClassVar


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
class Message:
    """A message; `text` is its text, or the transcript of its audio (user transcripts may
    arrive late). For an assistant reply the user cut into, `interrupted` is set, `heard_ms`
    says how much of the audio was played, and `heard_text` is the part of the transcript the
    user heard (an estimate in proportion to the audio played, ended at a word boundary)."""

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


# The history file's form of an item: one JSON object per item, its fields by name (enums by
# value, tuples as lists). Reading it back checks every field against the kind's annotation:
# a damaged or hostile value falls back to the field's default, the item is kept.


def to_payload(item: Item) -> dict[str, Any]:
    """The item's fields as JSON values (without `id`, which the store keeps in a column)."""
    payload: dict[str, Any] = {}
    for f in fields(item):
        if f.name != "id":
            value = getattr(item, f.name)
            payload[f.name] = value.value if isinstance(value, Enum) else _plain(value)
    return payload


def from_payload(kind: ItemKind, item_id: str, payload: dict[str, Any]) -> Item:
    """The item `to_payload` wrote (fields missing or mistyped get their defaults). A message
    whose role is not known comes back as a `Note`."""
    cls = KINDS[kind]
    if cls is Message and Role.parse(payload.get("role")) is None:
        cls, payload = Note, {**payload, "type_name": "message"}
    values: dict[str, Any] = {"id": item_id, "status": ItemStatus.INCOMPLETE}
    for name, hint in _hints(cls).items():
        if name in payload and name != "id":
            value = _checked(hint, payload[name])
            if value is not _BAD:
                values[name] = value
    if cls is McpApprovalResponse and "reason" not in payload:
        values["reason"] = _str_or_empty(payload.get("text"))  # an older export's field
    return cls(**values)


_BAD = object()
_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        hints = typing.get_type_hints(cls)
        _HINTS[cls] = {f.name: hints[f.name] for f in fields(cls)}
    return _HINTS[cls]


def _checked(hint: Any, value: Any) -> Any:
    """`value` as the type `hint` names, or `_BAD`."""
    options = typing.get_args(hint) if typing.get_origin(hint) is not tuple else ()
    for option in options or (hint,):
        checked = _one(option, value)
        if checked is not _BAD:
            return checked
    return _BAD


def _one(hint: Any, value: Any) -> Any:
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(value)
        except (ValueError, TypeError):
            return _BAD
    if typing.get_origin(hint) is tuple:
        ok = isinstance(value, list | tuple)
        return tuple(v for v in value if isinstance(v, str)) if ok else _BAD
    return _SCALARS[hint](value)


def _exact(cls: type) -> typing.Callable[[Any], Any]:
    return lambda value: value if type(value) is cls else _BAD


def _number(value: Any) -> Any:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if ok else _BAD


_SCALARS: dict[Any, typing.Callable[[Any], Any]] = {
    type(None): lambda value: None if value is None else _BAD,
    float: _number,
    int: _exact(int),
    str: _exact(str),
    bool: _exact(bool),
}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _str_or_empty(value: Any) -> str:
    return value if isinstance(value, str) else ""
