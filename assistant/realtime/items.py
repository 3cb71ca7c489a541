"""Conversation items as the rest of the program sees them: immutable snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ItemKind(Enum):
    MESSAGE = "message"
    FUNCTION_CALL = "function_call"
    FUNCTION_CALL_OUTPUT = "function_call_output"
    MCP_LIST_TOOLS = "mcp_list_tools"  # the tools a remote MCP server offers (`tools`)
    MCP_APPROVAL_REQUEST = "mcp_approval_request"  # the server asks before calling an MCP tool
    MCP_APPROVAL_RESPONSE = "mcp_approval_response"  # the user's answer (`approved`)
    MCP_CALL = "mcp_call"  # an MCP tool the server called (`output` or `error`)
    OTHER = "other"  # notes for the user and item types this version does not know


class ItemStatus(Enum):
    PENDING = "pending"  # created here, not yet confirmed by the server
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    INCOMPLETE = "incomplete"  # the response ended early (cancelled, cut off, token limit)


@dataclass(frozen=True, slots=True)
class SpeakerSegment:
    """One speaker's part of a diarized user transcript (seconds into the item's audio)."""

    speaker: str
    text: str
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Item:
    """One item of the conversation at one moment.

    `text` is the message text, or the transcript for audio (user transcripts may arrive late).
    For an assistant reply the user cut into, `interrupted` is set, `heard_ms` says how much of
    the audio was played, and `heard_text` is the part of the transcript the user heard (an
    estimate in proportion to the audio played, ended at a word boundary).
    `cut_off` marks a reply lost to a dropped connection; it is kept here but not replayed.
    MCP items use `server_label`, `name` and `arguments`; a call also `output` or `error` and
    the `approval_request_id` it answers; an approval response `approved`; a listing `tools`.
    A reasoning model's reply has a `phase`: "commentary" (a preamble) or "final_answer".
    A user transcript from a diarizing model has `segments`, one per speaker turn.
    """

    id: str
    kind: ItemKind
    role: str | None
    status: ItemStatus
    text: str = ""
    has_audio: bool = False
    audio_ms: float = 0.0
    interrupted: bool = False
    heard_ms: int | None = None
    heard_text: str | None = None
    cut_off: bool = False
    name: str | None = None
    call_id: str | None = None
    arguments: str | None = None
    output: str | None = None
    type_name: str = "message"
    server_label: str | None = None
    approval_request_id: str | None = None
    approved: bool | None = None
    error: str | None = None
    tools: tuple[str, ...] = ()
    phase: str | None = None
    segments: tuple[SpeakerSegment, ...] = ()

    @property
    def shown_text(self) -> str:
        """What a transcript view shows: the heard part of an interrupted reply, else the text."""
        return self.heard_text if self.heard_text is not None else self.text
