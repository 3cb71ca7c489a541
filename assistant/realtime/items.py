"""Conversation items as the rest of the program sees them: immutable snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ItemKind(Enum):
    MESSAGE = "message"
    FUNCTION_CALL = "function_call"
    FUNCTION_CALL_OUTPUT = "function_call_output"
    OTHER = "other"  # mcp_call, mcp_approval_request... kept as values, shown generically


class ItemStatus(Enum):
    PENDING = "pending"  # created here, not yet confirmed by the server
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    INCOMPLETE = "incomplete"  # the response ended early (cancelled, cut off, token limit)


@dataclass(frozen=True, slots=True)
class Item:
    """One item of the conversation at one moment.

    `text` is the message text, or the transcript for audio (user transcripts may arrive late).
    For an assistant reply the user cut into, `interrupted` is set, `heard_ms` says how much of
    the audio was played, and `heard_text` is the part of the transcript the user heard (an
    estimate in proportion to the audio played, ended at a word boundary).
    `cut_off` marks a reply lost to a dropped connection; it is kept here but not replayed.
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

    @property
    def shown_text(self) -> str:
        """What a transcript view shows: the heard part of an interrupted reply, else the text."""
        return self.heard_text if self.heard_text is not None else self.text
