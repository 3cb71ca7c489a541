"""The one place where the plain-Python core meets Qt: callbacks in, signals out.

The core, the transport and the controller call plain functions (`on_event`, `on_link_status`,
`on_turn_state`, ...); `CoreBridge` turns each call into a Qt signal that widgets connect to.
Producers never import widgets and widgets never import producers. Everything runs on the GUI
thread (the asyncio loop is qasync's), so signals are delivered at once and in order.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from assistant.controller import TurnState
from assistant.realtime import (
    ErrorSeverity,
    Event,
    InputTooShort,
    Interrupted,
    ItemAdded,
    ItemCompleted,
    ItemDeleted,
    McpApprovalWithdrawn,
    McpCallArgumentsDelta,
    McpToolsListFailed,
    McpUnavailable,
    ResponseFinished,
    ServerError,
    SessionCreated,
    TextDelta,
    ToolCallArgumentsDelta,
    ToolCallReady,
    TranscriptionBilled,
    UserTranscriptCompleted,
    UserTranscriptDelta,
    UserTranscriptFailed,
    UserTranscriptSegment,
)
from assistant.transport import LinkStatus
from assistant.ui.i18n import QT_TRANSLATE_NOOP, localize, translate

TOO_SHORT = QT_TRANSLATE_NOOP("Bridge", "Hold the talk key a little longer: nothing was sent.")
MCP_LIST_FAILED = QT_TRANSLATE_NOOP(
    "Bridge", "The MCP server {server} could not list its tools, so they are unavailable."
)
MCP_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "Bridge",
    "Remote MCP tools need the GA Realtime API; this Azure preview endpoint cannot use them, "
    "so they are off for this session (switch the endpoint to GA to use them).",
)


class CoreBridge(QObject):
    """Re-emits the core's events, link status and turn states as Qt signals.

    Events the window has no use for (audio deltas, rate limits, unknown events) are dropped
    here, so the audio path never pays for a signal.

    Signals:
        session_started(SessionCreated): a server session began; carries model and expires_at.
        item_added(Item): a conversation item appeared (user messages at once, replies as
            they start).
        item_completed(Item): an item is final; its snapshot replaces what was streamed.
        item_deleted(str): the item with this id left the conversation.
        text_delta(str, str): item id and a piece of assistant text or transcript.
        user_transcript_delta(str, str): item id and a piece of the user's transcript.
        user_transcript_completed(str, str): item id and the user's whole transcript; may come
            after the reply started.
        user_transcript_failed(str, str): item id and why the speech was not transcribed.
        user_transcript_segment(UserTranscriptSegment): one speaker's part of a diarized
            transcript.
        tool_arguments_delta(str, str): item id and a piece of a function call's (or an MCP
            call's) arguments.
        tool_call_ready(ToolCallReady): the model asked for a function call.
        interrupted(str, int, int): item id, ms heard, ms received: the user cut in there.
        response_finished(ResponseFinished): a reply ended, with its usage and cost.
        transcription_billed(TranscriptionBilled): input transcription usage and cost.
        mcp_listing_failed(str, str): item id and why an MCP server's tools are unavailable.
        mcp_approval_withdrawn(str): the MCP approval request with this id can no longer be
            answered (the connection dropped); the core closes its prompt.
        server_error(str): a request failed; the server's message, for the conversation.
        link_changed(LinkStatus): the connection state changed.
        turn_state_changed(TurnState): listening / thinking / speaking / idle.
        connection_failed(str): the connection cannot work until the user changes something;
            one plain sentence.
        notice(str): a plain sentence for the status bar (audio missing, turn too short...).
    """

    session_started = Signal(object)
    item_added = Signal(object)
    item_completed = Signal(object)
    item_deleted = Signal(str)
    text_delta = Signal(str, str)
    user_transcript_delta = Signal(str, str)
    user_transcript_completed = Signal(str, str)
    user_transcript_failed = Signal(str, str)
    user_transcript_segment = Signal(object)
    tool_arguments_delta = Signal(str, str)
    tool_call_ready = Signal(object)
    interrupted = Signal(str, int, int)
    response_finished = Signal(object)
    transcription_billed = Signal(object)
    mcp_listing_failed = Signal(str, str)
    mcp_approval_withdrawn = Signal(str)
    server_error = Signal(str)
    link_changed = Signal(object)
    turn_state_changed = Signal(object)
    connection_failed = Signal(str)
    notice = Signal(str)

    def on_event(self, event: Event) -> None:
        """Feed one core event (call after the controller applied it)."""
        match event:
            case SessionCreated():
                self.session_started.emit(event)
            case ItemAdded(item=item):
                self.item_added.emit(item)
            case ItemCompleted(item=item):
                self.item_completed.emit(item)
            case ItemDeleted(item_id=item_id):
                self.item_deleted.emit(item_id)
            case TextDelta(item_id=item_id, delta=delta):
                self.text_delta.emit(item_id, delta)
            case Interrupted(item_id=item_id, heard_ms=heard, received_ms=received):
                self.interrupted.emit(item_id, heard, received)
            case ResponseFinished():
                self.response_finished.emit(event)
            case _:
                self._on_rarer_event(event)

    def _on_rarer_event(self, event: Event) -> None:
        match event:
            case UserTranscriptDelta(item_id=item_id, delta=delta):
                self.user_transcript_delta.emit(item_id, delta)
            case UserTranscriptCompleted(item_id=item_id, transcript=transcript):
                self.user_transcript_completed.emit(item_id, transcript)
            case UserTranscriptFailed(item_id=item_id, message=message):
                self.user_transcript_failed.emit(item_id, message)
            case UserTranscriptSegment():
                self.user_transcript_segment.emit(event)
            case ToolCallArgumentsDelta(item_id=item_id, delta=delta):
                self.tool_arguments_delta.emit(item_id, delta)
            case ToolCallReady():
                self.tool_call_ready.emit(event)
            case TranscriptionBilled():
                self.transcription_billed.emit(event)
            case ServerError(severity=severity, message=message) if severity in _SHOWN:
                self.server_error.emit(message)
            case InputTooShort():
                self.notice.emit(translate("Bridge", TOO_SHORT))
            case _:
                self._on_mcp_event(event)

    def _on_mcp_event(self, event: Event) -> None:
        match event:
            case McpCallArgumentsDelta(item_id=item_id, delta=delta):
                self.tool_arguments_delta.emit(item_id, delta)
            case McpToolsListFailed(item_id=item_id, server_label=label):
                message = translate("Bridge", MCP_LIST_FAILED).format(server=label)
                self.mcp_listing_failed.emit(item_id, message)
                self.notice.emit(message)
            case McpUnavailable():
                self.notice.emit(translate("Bridge", MCP_UNAVAILABLE))
            case McpApprovalWithdrawn(item_id=item_id):
                self.mcp_approval_withdrawn.emit(item_id)

    def on_link_status(self, status: LinkStatus) -> None:
        self.link_changed.emit(status)

    def on_turn_state(self, state: TurnState) -> None:
        self.turn_state_changed.emit(state)

    def on_connection_failed(self, message: str) -> None:
        self.connection_failed.emit(localize(message))

    def on_notice(self, message: str) -> None:
        self.notice.emit(localize(message))


_SHOWN = (ErrorSeverity.RECOVERABLE, ErrorSeverity.FATAL)
