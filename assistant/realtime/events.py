"""Typed events the protocol core hands to the rest of the program.

Every event is a frozen dataclass named for what happened. They are the same for both wire
dialects (GA and the legacy beta/preview shape), whose codec maps wire names to these, and for
GPT-Live (`live`), whose handlers make them (plus `DelegationStarted`/`DelegationFinished` and
`SessionClosed`, which only Live sends). A server
event the core does not know becomes `UnknownEvent`, a message that is not JSON becomes
`MalformedMessage`; neither ever raises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from assistant.realtime.items import Item
from assistant.realtime.usage import Cost, Usage


class ErrorSeverity(Enum):
    """How much a server `error` event matters to the conversation."""

    BENIGN = "benign"  # expected races (cancel with nothing active, empty commit...): log only
    RECOVERABLE = "recoverable"  # the request failed, the session goes on: show it
    FATAL = "fatal"  # the credentials or account cannot work: stop, do not retry
    EXPIRED = "expired"  # the server session hit its time cap: roll over to a new one


@dataclass(frozen=True, slots=True)
class SessionCreated:
    session_id: str
    model: str
    expires_at: int | None


@dataclass(frozen=True, slots=True)
class SessionUpdated:
    config: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ItemAdded:
    """A new item took its place in the conversation (after `previous_item_id`)."""

    item: Item


@dataclass(frozen=True, slots=True)
class ItemCompleted:
    """An item is final: its text, transcript or arguments will not change any more."""

    item: Item


@dataclass(frozen=True, slots=True)
class ItemDeleted:
    item_id: str


@dataclass(frozen=True, slots=True)
class ItemTruncated:
    item_id: str
    audio_end_ms: int


@dataclass(frozen=True, slots=True)
class SpeechStarted:
    item_id: str
    audio_start_ms: int


@dataclass(frozen=True, slots=True)
class SpeechStopped:
    item_id: str
    audio_end_ms: int


@dataclass(frozen=True, slots=True)
class InputCommitted:
    item_id: str


@dataclass(frozen=True, slots=True)
class InputCleared:
    pass


@dataclass(frozen=True, slots=True)
class InputIdleTimeout:
    """The user said nothing for `idle_timeout_ms` after the last reply."""

    item_id: str


@dataclass(frozen=True, slots=True)
class InputTooShort:
    """A push-to-talk turn held less than 100 ms of audio: nothing was committed."""

    audio_ms: float


@dataclass(frozen=True, slots=True)
class UserTranscriptDelta:
    item_id: str
    delta: str
    start_ms: int | None = None  # GPT-Live: where the words fall on the session timeline
    end_ms: int | None = None


@dataclass(frozen=True, slots=True)
class UserTranscriptCompleted:
    """The transcript of a user audio item; it may arrive after the reply has started."""

    item_id: str
    transcript: str


@dataclass(frozen=True, slots=True)
class UserTranscriptSegment:
    """One speaker's segment of a diarized transcript (`gpt-4o-transcribe-diarize`)."""

    item_id: str
    segment_id: str
    speaker: str
    text: str
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class UserTranscriptFailed:
    item_id: str
    message: str


@dataclass(frozen=True, slots=True)
class ResponseStarted:
    response_id: str


@dataclass(frozen=True, slots=True)
class TextDelta:
    """Assistant text (text output) or the transcript of assistant audio, streaming."""

    item_id: str
    delta: str
    start_ms: int | None = None  # GPT-Live: where the words fall on the session timeline
    end_ms: int | None = None


@dataclass(frozen=True, slots=True)
class AudioDelta:
    """Assistant audio: PCM16 little-endian mono at 24 kHz, ready for the speaker."""

    item_id: str
    response_id: str
    pcm: bytes


@dataclass(frozen=True, slots=True)
class AudioDone:
    """No more audio will arrive for this item: play what is buffered to the last sample."""

    item_id: str


@dataclass(frozen=True, slots=True)
class ToolCallArgumentsDelta:
    item_id: str
    call_id: str
    delta: str


@dataclass(frozen=True, slots=True)
class ToolCallReady:
    """The model asked for a function call; answer with `Session.submit_tool_output`."""

    item_id: str
    call_id: str
    name: str
    arguments: str


@dataclass(frozen=True, slots=True)
class McpToolsListed:
    """A remote MCP server listed the tools the model may call (`mcp_list_tools` item)."""

    item_id: str
    server_label: str
    tools: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class McpToolsListFailed:
    """A remote MCP server could not list its tools; `message` is one sentence for the user."""

    item_id: str
    server_label: str
    message: str


@dataclass(frozen=True, slots=True)
class McpApprovalRequested:
    """The model wants to call an MCP tool: ask the user, then `Session.answer_mcp_approval`."""

    item_id: str
    server_label: str
    name: str
    arguments: str


@dataclass(frozen=True, slots=True)
class McpApprovalWithdrawn:
    """An unanswered approval prompt is void (the connection dropped): close it.

    The new server session asks the model again, which may request approval anew.
    """

    item_id: str


@dataclass(frozen=True, slots=True)
class McpCallArgumentsDelta:
    item_id: str
    delta: str


@dataclass(frozen=True, slots=True)
class McpCallFinished:
    """The server called an MCP tool: `output` on success, else `error` (one sentence)."""

    item_id: str
    server_label: str
    name: str
    arguments: str
    output: str | None
    error: str | None


@dataclass(frozen=True, slots=True)
class McpUnavailable:
    """MCP tools are configured but this endpoint cannot use them; they were left out."""

    message: str


@dataclass(frozen=True, slots=True)
class ResponseFinished:
    """A response ended; `usage` and `cost` are this response's share (cost None: unknown model)."""

    response_id: str
    status: str
    reason: str | None
    usage: Usage
    cost: Cost | None


@dataclass(frozen=True, slots=True)
class TranscriptionBilled:
    """Input transcription usage, billed at the transcription model's rates."""

    item_id: str
    usage: Usage
    cost: Cost | None


@dataclass(frozen=True, slots=True)
class RateLimitsUpdated:
    limits: tuple[tuple[str, int, int, float], ...]  # (name, limit, remaining, reset_seconds)


@dataclass(frozen=True, slots=True)
class Interrupted:
    """The user cut in: playback stopped at `heard_ms` of the item's `received_ms`."""

    item_id: str
    heard_ms: int
    received_ms: int


@dataclass(frozen=True, slots=True)
class DelegationStarted:
    """GPT-Live handed a task to `target` ("responses": the backend model; "client": the app).

    A client delegation carries no task text: work it out from what the user said and answer
    with `LiveSession.answer_delegation`. A reply is not over while a delegation is open.
    """

    delegation_id: str
    target: str
    task: str = ""  # the user's words so far (client delegation), for the app to act on


@dataclass(frozen=True, slots=True)
class DelegationFinished:
    delegation_id: str


@dataclass(frozen=True, slots=True)
class SessionClosed:
    """The server confirmed the end of a GPT-Live session (`session.closed`)."""

    reason: str
    seconds: float


@dataclass(frozen=True, slots=True)
class ServerError:
    """An `error` event. `message` is the server's own text; `severity` says what to do."""

    severity: ErrorSeverity
    code: str | None
    message: str
    error_type: str | None = None
    param: str | None = None
    client_event_id: str | None = None


@dataclass(frozen=True, slots=True)
class UnknownEvent:
    """A well-formed server event of a type this version does not know (kept, not fatal)."""

    type: str
    payload: dict[str, Any] = field(repr=False)


@dataclass(frozen=True, slots=True)
class MalformedMessage:
    """A server message that is not a JSON object with a string `type`."""

    reason: str
    excerpt: str


Event = (
    SessionCreated
    | SessionUpdated
    | ItemAdded
    | ItemCompleted
    | ItemDeleted
    | ItemTruncated
    | SpeechStarted
    | SpeechStopped
    | InputCommitted
    | InputCleared
    | InputIdleTimeout
    | InputTooShort
    | UserTranscriptDelta
    | UserTranscriptCompleted
    | UserTranscriptFailed
    | UserTranscriptSegment
    | ResponseStarted
    | TextDelta
    | AudioDelta
    | AudioDone
    | ToolCallArgumentsDelta
    | ToolCallReady
    | McpToolsListed
    | McpToolsListFailed
    | McpApprovalRequested
    | McpApprovalWithdrawn
    | McpCallArgumentsDelta
    | McpCallFinished
    | McpUnavailable
    | ResponseFinished
    | TranscriptionBilled
    | RateLimitsUpdated
    | Interrupted
    | DelegationStarted
    | DelegationFinished
    | SessionClosed
    | ServerError
    | UnknownEvent
    | MalformedMessage
)
