"""The sans-I/O Realtime session: text in, typed events and text out, no socket, no clock.

Feed every server message to `receive_message`, then drain `events_received()` (typed events
for the app) and `messages_to_send()` (JSON texts for the socket). Commands (`send_text`,
`append_audio`, `interrupt`, ...) are synchronous and only fill the outbox. Nothing is queued
until a server session exists: the `session.created` of each new connection sends the config
and replays the conversation (see `replay`), so the first connection, a reconnect and a
rollover take one path. Call `connection_lost()` when the socket goes away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from assistant.realtime import codec, mcp, replay
from assistant.realtime.config import Dialect, SessionConfig
from assistant.realtime.conversation import AUDIO_BYTES_PER_MS, Conversation
from assistant.realtime.events import (
    Event,
    InputTooShort,
    Interrupted,
    ItemAdded,
    ItemDeleted,
    MalformedMessage,
    UnknownEvent,
)
from assistant.realtime.handlers import HANDLERS
from assistant.realtime.items import (
    FunctionCall,
    FunctionResult,
    Item,
    ItemStatus,
    McpApprovalRequest,
    McpApprovalResponse,
    Message,
    Picture,
    Role,
)
from assistant.realtime.state import SessionState, random_item_id
from assistant.realtime.text import valid_text
from assistant.realtime.usage import Cost, Usage

MIN_COMMIT_MS = 100  # the server rejects shorter commits with input_audio_buffer_commit_empty


class Session:
    """One conversation with a Realtime model, across as many server sessions as it takes."""

    def __init__(
        self,
        config: SessionConfig | None = None,
        *,
        dialect: Dialect = Dialect.GA,
        model: str | None = None,
        new_item_id: Callable[[], str] = random_item_id,
    ) -> None:
        self._s = SessionState(dialect, config or SessionConfig(), model, new_item_id)

    # Input and output

    def receive_message(self, message: str | bytes) -> dict[str, Any] | None:
        """Take one server message. Never raises: bad input becomes an event.

        Returns the message as parsed (unchanged; for an event log, so it is parsed once), or
        None when it is malformed.
        """
        decoded = codec.decode(message)
        if isinstance(decoded, MalformedMessage):
            self._s.emit(decoded)
            return None
        kind, payload = decoded
        handler = HANDLERS.get(kind)
        if handler is None:
            self._s.emit(UnknownEvent(kind, payload))
        else:
            handler(self._s, payload)
        return payload

    def events_received(self) -> list[Event]:
        """The typed events produced since the last call, oldest first."""
        return self._s.take_events()

    def messages_to_send(self) -> list[str]:
        """The client messages to send, oldest first, as JSON text."""
        return self._s.take_outbox()

    def connection_lost(self) -> None:
        """The socket closed: replies in flight are cut off; the next session replays the rest."""
        replay.connection_lost(self._s)

    def connection_opened(self) -> None:
        """A socket is open. Nothing to send: a Realtime server speaks first."""

    def tick(self, now: float) -> None:
        """Time passes; the Realtime server marks every turn itself, so nothing to decide."""
        del now

    def close_session(self) -> bool:
        """Realtime has no closing handshake: closing the socket ends the session (False)."""
        return False

    @property
    def closing(self) -> bool:
        return False

    # State

    @property
    def conversation(self) -> Conversation:
        return self._s.conversation

    @property
    def config(self) -> SessionConfig:
        return self._s.config

    @property
    def dialect(self) -> Dialect:
        return self._s.dialect

    @property
    def model(self) -> str | None:
        return self._s.model

    @property
    def session_id(self) -> str | None:
        return self._s.session_id

    @property
    def expires_at(self) -> int | None:
        """When the server will end this server session (Unix seconds), if it said."""
        return self._s.expires_at

    @property
    def connected(self) -> bool:
        return self._s.connected

    @property
    def server_sessions(self) -> int:
        return self._s.server_sessions

    @property
    def usage(self) -> Usage:
        return self._s.usage

    @property
    def cost(self) -> Cost:
        """Dollars so far; see `cost_complete` for whether every token had a price."""
        return self._s.cost

    @property
    def cost_complete(self) -> bool:
        return not self._s.unpriced_usage

    @property
    def response_active(self) -> bool:
        return self._s.tracker.busy

    @property
    def awaiting_tools(self) -> bool:
        """A function call waits for its output (the reply to it follows once answered)."""
        return bool(self._s.open_calls)

    @property
    def is_idle(self) -> bool:
        """No reply in progress, no tool call or approval open, the user silent: roll over now."""
        s = self._s
        busy = s.tracker.busy or s.open_calls or s.pending_approvals
        return not (busy or s.user_speaking or s.buffered_audio_bytes)

    # Commands

    def restore(self, items: Iterable[Item]) -> None:
        """Seed a new session with the items of an earlier conversation, oldest first.

        Only before the first server session, on an empty conversation (else `RuntimeError`).
        The items keep their ids, kinds, texts and marks (interrupted, cut off), count as
        finished (no `ItemAdded` or `ItemCompleted` is emitted for them, not even when a
        server confirms them), and every server session replays them like any other item,
        so resuming a conversation takes the same path as a reconnect. Items of kind `OTHER`
        (notes for the user, such as "older turns left out") are shown, never sent.
        """
        s = self._s
        if s.server_sessions or s.connected or len(s.conversation):
            raise RuntimeError("restore() needs a new session with an empty conversation")
        for item in s.conversation.restore(items):
            s.item_finished(item.id)

    def update_session(self, config: SessionConfig) -> None:
        self._s.set_config(config)
        self._s.send(
            codec.session_update(self._s.event_id(), config.to_wire(self._s.dialect, self._s.model))
        )

    def send_text(self, text: str, pictures: Sequence[Picture] = ()) -> str:
        """Add a user message (its text, then its pictures as `input_image` parts: checked and
        scaled by the caller) and ask for a reply; returns the new item's id."""
        item_id = self.add_message(Role.USER, text, pictures)
        self.request_response()
        return item_id

    def add_message(self, role: Role, text: str, pictures: Sequence[Picture] = ()) -> str:
        """Add a message without asking for a reply (context, steering notes, the pictures of a
        spoken turn). Pictures on a protocol without them are a programming error: callers check
        `Dialect.takes_pictures` first."""
        text, pictures = valid_text(text), tuple(pictures)
        if pictures and not self._s.dialect.takes_pictures:
            raise ValueError(f"the {self._s.dialect.value} protocol takes no pictures")
        item_id = self._add_local(
            lambda i: Message(i, role, ItemStatus.PENDING, text, pictures=pictures)
        )
        wire = codec.message_item(item_id, role, text, pictures)
        self._s.send(codec.item_create(self._s.event_id(), wire))
        return item_id

    def delete_item(self, item_id: str) -> None:
        if not self._s.connected:
            if self._s.conversation.remove(item_id):
                self._s.emit(ItemDeleted(item_id))
            return
        self._s.send(codec.simple("conversation.item.delete", self._s.event_id(), item_id=item_id))

    def append_audio(self, pcm: bytes) -> None:
        """Send microphone audio (PCM16 24 kHz mono). Dropped while disconnected: it is stale."""
        if self._s.connected and pcm:
            self._s.audio_appended(len(pcm))
            self._s.send(codec.audio_append(pcm))

    def commit_audio(self, *, respond: bool | None = None) -> bool:
        """End a push-to-talk turn. Under 100 ms of audio nothing is committed (False).

        `respond` defaults to True without turn detection (the server would not reply by itself).
        """
        s = self._s
        buffered_ms = s.buffered_audio_bytes / AUDIO_BYTES_PER_MS
        if buffered_ms < MIN_COMMIT_MS:
            self.clear_audio()
            s.emit(InputTooShort(buffered_ms))
            return False
        s.input_emptied()
        s.send(codec.simple("input_audio_buffer.commit", s.event_id()))
        if respond is None:
            respond = s.config.turn_detection is None
        if respond:
            self.request_response()
        return True

    def clear_audio(self) -> None:
        self._s.input_emptied()
        self._s.send(codec.simple("input_audio_buffer.clear", self._s.event_id()))

    def request_response(self) -> None:
        """Ask for a reply; sent now, or after the reply in progress (never raced).

        While a function call waits for its output the request is dropped: the last output
        asks for the reply, which then reads the output and everything said meanwhile.
        """
        if self._s.open_calls:
            return
        if self._s.connected and self._s.tracker.request():
            self._s.send(codec.simple("response.create", self._s.event_id()))

    def cancel_response(self) -> None:
        if self._s.tracker.want_cancel():
            self._s.send(codec.simple("response.cancel", self._s.event_id()))

    def interrupt(self, played_ms: float) -> Interrupted | None:
        """The user cut in after hearing `played_ms` of the current reply's audio.

        Cancels the reply unless the server is already doing so, truncates the assistant item
        at what was heard (clamped to the audio received) and drops the rest of its audio.
        Returns None when nothing was cut (no reply audio, or all of it was heard).
        """
        self.cancel_response()
        s = self._s
        item = s.conversation.get(s.audio_item_id) if s.audio_item_id else None
        if not isinstance(item, Message) or item.interrupted:
            return None
        received_ms = int(item.audio_ms)
        heard_ms = max(0, min(int(played_ms), received_ms))
        if received_ms == 0:  # no audio yet: the server refuses to truncate such an item
            return None
        if heard_ms >= received_ms and item.status is not ItemStatus.IN_PROGRESS:
            return None
        heard_text = heard_part(item.text, heard_ms, received_ms)
        item = replace(item, interrupted=True, heard_ms=heard_ms, heard_text=heard_text)
        s.conversation.put(item)
        s.reply_interrupted()
        truncate = {"item_id": item.id, "content_index": 0, "audio_end_ms": heard_ms}
        s.send(codec.simple("conversation.item.truncate", s.event_id(), **truncate))
        event = Interrupted(item.id, heard_ms, received_ms)
        s.emit(event)
        return event

    def submit_tool_output(self, call_id: str, output: str) -> None:
        """Answer a `ToolCallReady`; the reply is requested once every open call is answered.

        A call made in an earlier server session (the connection dropped while the tool ran)
        is unknown to the current one, so its result goes in as a system note instead.
        """
        s, output = self._s, valid_text(output)
        item_id = self._add_local(
            lambda i: FunctionResult(i, ItemStatus.PENDING, call_id=call_id, output=output)
        )
        call = self._call(call_id)
        if call is None or call.id in s.live_items:
            wire = codec.tool_output_item(item_id, call_id, output)
        else:
            wire = codec.message_item(item_id, Role.SYSTEM, replay.tool_result_note(call, output))
        s.send(codec.item_create(s.event_id(), wire))
        if s.call_answered(call_id):
            self.request_response()

    def answer_mcp_approval(
        self, approval_request_id: str, approve: bool, reason: str | None = None
    ) -> bool:
        """Answer a `McpApprovalRequested`: approve or decline the MCP tool call, then reply.

        Sends an `mcp_approval_response` item and requests a response (sequenced: if the
        response that asked is still running, the request waits for its end). Returns False,
        sending nothing, when the request is not awaiting an answer (already answered, or
        withdrawn because the connection dropped: see `McpApprovalWithdrawn`).
        """
        s = self._s
        if not s.approval_answered(approval_request_id):
            return False
        reason = valid_text(reason) if reason else None
        request = s.conversation.get(approval_request_id)
        asked = request if isinstance(request, McpApprovalRequest) else None
        item_id = self._add_local(
            lambda i: McpApprovalResponse(
                i,
                ItemStatus.PENDING,
                approval_request_id,
                approve,
                reason or "",
                server_label=asked.server_label if asked else "",
                name=asked.name if asked else "",
            )
        )
        item = mcp.approval_item(item_id, approval_request_id, approve, reason)
        s.send(codec.item_create(s.event_id(), item))
        self.request_response()
        return True

    def _call(self, call_id: str) -> FunctionCall | None:
        for item in reversed(self._s.conversation.items()):
            if isinstance(item, FunctionCall) and item.call_id == call_id:
                return item
        return None

    def _add_local(self, make: Callable[[str], Item]) -> str:
        item = self._s.conversation.add(make(self._s.new_item_id()), None, placed=False)
        self._s.emit(ItemAdded(item))
        return item.id


def heard_part(text: str, heard_ms: int, received_ms: int) -> str:
    """The start of `text` in proportion to the audio heard, cut back to a word boundary."""
    if received_ms <= 0 or heard_ms <= 0:
        return ""
    if heard_ms >= received_ms:
        return text
    cut = len(text) * heard_ms // received_ms
    if cut < len(text) and not text[cut].isspace():
        space = text.rfind(" ", 0, cut)
        if space > 0:
            cut = space
        elif " " in text:
            cut = (
                0  # inside the first word: none of it counts as heard (unspaced scripts keep chars)
            )
    return text[:cut].rstrip()
