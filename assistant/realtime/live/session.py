"""The sans-I/O GPT-Live session: the same surface as `realtime.Session`, a different dialect.

GPT-Live (`/v1/live/sessions`) is full duplex: the model listens while it speaks, takes its
own turns and decides its own interruptions. The client must speak first (`connection_opened`
queues `session.start`), and sends nothing else before `session.started`. Differences from the
Realtime session the controller and the views need not know about:

- No typed user turn: `send_text` sends `session.instructions.append` with "The user typed:
  ..." (`delegation_id: null`), the way OpenAI's prompting guide makes the model speak.
- No reply boundaries on the wire: a reply starts at its first output and is over when no
  delegation is open and the output has been quiet for `QUIET_SECONDS`; `tick(now)` (time as
  an argument, from the transport's clock) decides and emits `ResponseFinished`.
- The session timeline advances with the input audio, so it must keep flowing: `tick` sends
  silence for whatever time the microphone did not cover (muted, off, a text-only client).
- No cancel, truncate, commit or clear: `interrupt`, `cancel_response`, `clear_audio` and
  `commit_audio` send nothing; `update_session` cannot change a started session.
- Tools only through delegation: function calls of the Responses backend become
  `ToolCallReady`, answered by `submit_tool_output` (`response.item.create` + `response.create`
  once every call of the delegation is answered); a client delegation is `DelegationStarted`,
  answered by `answer_delegation` (`session.commentary.append` or `session.thinking.append`).
- Billed per second: `cost.session_time` from `session.usage.updated` / `session.closed`.
- A reconnect starts a new server session with the conversation so far as its text-only
  startup `input` (the model's context survives, its audio does not).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from assistant.realtime import codec as wire
from assistant.realtime.config import Dialect, ServerVad, SessionConfig
from assistant.realtime.conversation import Conversation
from assistant.realtime.events import (
    AudioDone,
    Event,
    Interrupted,
    ItemAdded,
    ItemCompleted,
    ItemDeleted,
    MalformedMessage,
    ResponseFinished,
    UnknownEvent,
)
from assistant.realtime.items import Item, ItemStatus, Picture, Role
from assistant.realtime.live import codec, handlers
from assistant.realtime.live.config import SAMPLE_RATE, LiveConfig
from assistant.realtime.live.state import LiveState
from assistant.realtime.state import random_item_id
from assistant.realtime.text import valid_text
from assistant.realtime.usage import Cost, Usage

QUIET_SECONDS = 1.0  # output quiet this long, no delegation open: the reply is over
NO_REPLY_SECONDS = 20.0  # typed text with no output or delegation this long: give up waiting
SILENCE_STEP_MS = 100  # the timeline is topped up with silence once it lags this much
MAX_CATCH_UP_MS = 1000  # at most this much silence per tick (a stalled loop skips ahead)
BYTES_PER_MS = SAMPLE_RATE * 2 // 1000


class LiveSession:
    """One conversation with a GPT-Live model, across as many server sessions as it takes."""

    def __init__(
        self, config: LiveConfig | None = None, *, new_item_id: Callable[[], str] = random_item_id
    ) -> None:
        config = config or LiveConfig()
        self._s = LiveState(config, new_item_id, model=config.model)

    # Input and output

    def connection_opened(self) -> None:
        """A socket is open: the first message must be `session.start` (nothing else before
        `session.started`). The conversation so far goes in as its text-only `input`."""
        s = self._s
        s.opened, s.connected, s.closing = True, False, False
        start = codec.session_start(s.event_id(), s.config.to_wire(self._history()))
        s.outbox.append(wire.encode(start))

    def receive_message(self, message: str | bytes) -> dict[str, Any] | None:
        """Take one server message. Never raises: bad input becomes an event."""
        decoded = wire.decode(message)
        if isinstance(decoded, MalformedMessage):
            self._s.emit(decoded)
            return None
        kind, payload = decoded
        handler = handlers.HANDLERS.get(kind)
        if handler is None:
            self._s.emit(UnknownEvent(kind, payload))
        else:
            handler(self._s, payload)
            if kind == "session.started":
                self._send_unsent()
            elif kind == "session.closed":
                self._end_reply("completed", None)
        return payload

    def events_received(self) -> list[Event]:
        events, self._s.events = self._s.events, []
        return events

    def messages_to_send(self) -> list[str]:
        outbox, self._s.outbox = self._s.outbox, []
        return outbox

    def connection_lost(self) -> None:
        """The socket closed: a reply in flight is cut off, open delegations are void."""
        s = self._s
        s.opened = s.connected = False
        s.awaiting_reply = False
        for call_id in [c for c, d in s.calls.items() if d in s.delegations]:
            s.calls.pop(call_id)
        for delegation_id in list(s.delegations):
            handlers.close_delegation(s, delegation_id)
        handlers.finish_user_item(s)
        self._end_reply("incomplete", "connection_lost")
        s.earlier_seconds += s.seconds.seconds
        s.earlier_dollars += s.seconds.dollars
        s.seconds = type(s.seconds)()

    def tick(self, now: float) -> None:
        """Time passes (`now`: monotonic seconds): keep the input timeline fed, end replies."""
        s = self._s
        if not s.connected or s.closing:
            return
        self._feed_timeline(now)
        if s.output_seen:
            s.output_seen, s.quiet_since = False, now
        quiet = s.quiet_since is not None and now - s.quiet_since >= QUIET_SECONDS
        if s.response_id and not s.delegations and quiet:
            self._end_reply("completed", None)
        if s.awaiting_reply and not s.delegations:
            s.waiting_since = now if s.waiting_since is None else s.waiting_since
            if now - s.waiting_since >= NO_REPLY_SECONDS:
                s.awaiting_reply = False
                s.emit(ResponseFinished("", "incomplete", "no_reply", *self._billed_since()))
        else:
            s.waiting_since = None

    # State

    @property
    def conversation(self) -> Conversation:
        return self._s.conversation

    @property
    def live_config(self) -> LiveConfig:
        return self._s.config

    @property
    def config(self) -> SessionConfig:
        """The Realtime view of this session: hands-free, no client-side interruption."""
        c = self._s.config
        detection = ServerVad(interrupt_response=False, create_response=True)
        return SessionConfig(
            instructions=c.instructions, voice=c.voice, turn_detection=detection, transcription=None
        )

    @property
    def dialect(self) -> Dialect:
        return Dialect.LIVE

    @property
    def model(self) -> str | None:
        return self._s.model

    @property
    def session_id(self) -> str | None:
        return self._s.session_id

    @property
    def expires_at(self) -> int | None:
        return self._s.expires_at

    @property
    def connected(self) -> bool:
        return self._s.connected

    @property
    def closing(self) -> bool:
        """`session.close` went out and `session.closed` has not come yet."""
        return self._s.closing and self._s.connected

    @property
    def server_sessions(self) -> int:
        return self._s.server_sessions

    @property
    def usage(self) -> Usage:
        """Backend tokens, and the billed session time in `audio_seconds`."""
        return self._s.total_usage

    @property
    def cost(self) -> Cost:
        return self._s.cost

    @property
    def cost_complete(self) -> bool:
        return not self._s.unpriced_usage

    @property
    def billed_seconds(self) -> float:
        return self._s.billed_seconds

    @property
    def response_active(self) -> bool:
        s = self._s
        return bool(s.response_id or s.awaiting_reply or s.delegations)

    @property
    def awaiting_tools(self) -> bool:
        """A delegated function call waits for its output."""
        return any(self._s.delegations.values())

    @property
    def is_idle(self) -> bool:
        return not (self.response_active or self._s.user_item)

    # Commands

    def send_text(self, text: str, pictures: Sequence[Picture] = ()) -> str:
        """A typed message: the model hears it as an instruction (Live has no typed turn, and no
        picture input: callers check first; pictures here are a programming error)."""
        if pictures:
            raise ValueError("GPT-Live takes no pictures")
        text = valid_text(text)
        item = self._s.items.add_message(Role.USER, ItemStatus.PENDING, text)
        self._s.emit(ItemAdded(item))
        if self._s.connected:
            self._send_typed(item.id, text)
        else:
            self._s.unsent.append(item.id)
        return item.id

    def add_message(self, role: Role, text: str, pictures: Sequence[Picture] = ()) -> str:
        """Context without a reply: a silent `session.thinking.append` (no pictures, as above)."""
        if pictures:
            raise ValueError("GPT-Live takes no pictures")
        text = valid_text(text)
        item = self._s.items.add_message(role, ItemStatus.COMPLETED, text)
        self._s.emit(ItemAdded(item))
        self._s.send(codec.append_context("thinking", self._s.event_id(), text))
        return item.id

    def append_audio(self, pcm: bytes) -> None:
        """Microphone audio (PCM16 24 kHz mono); dropped while there is no server session."""
        s = self._s
        if s.connected and not s.closing and pcm:
            s.sent_ms += len(pcm) / BYTES_PER_MS
            s.send(codec.audio_append(pcm))

    def submit_tool_output(self, call_id: str, output: str) -> None:
        """Answer a `ToolCallReady`; the backend continues once its every call is answered."""
        s, output = self._s, valid_text(output)
        item = s.items.add_output(call_id, output)
        s.emit(ItemAdded(item))
        s.emit(ItemCompleted(item))
        delegation_id = s.calls.pop(call_id, None)
        if delegation_id is None or delegation_id not in s.delegations:
            # The delegation is gone (the connection dropped while the tool ran): nobody waits
            # for it, so the result goes in as silent context the model can still use.
            note = f"Tool {s.items.call_name(call_id)} returned: {output}"
            s.send(codec.append_context("thinking", s.event_id(), note))
            return
        s.send(codec.tool_output(s.event_id(), call_id, output))
        s.delegations[delegation_id].discard(call_id)
        if not s.delegations[delegation_id]:
            s.send(codec.simple("response.create", s.event_id()))

    def answer_delegation(self, delegation_id: str, text: str, *, spoken: bool = True) -> bool:
        """Answer a client `DelegationStarted`: commentary (spoken) or thinking (silent)."""
        s = self._s
        if delegation_id not in s.delegations:
            return False
        kind = "commentary" if spoken else "thinking"
        s.send(codec.append_context(kind, s.event_id(), valid_text(text), delegation_id))
        handlers.close_delegation(s, delegation_id)
        return True

    def close_session(self) -> bool:
        """Send `session.close`; True when there is a server session to wait for."""
        s = self._s
        if not s.connected or s.closing:
            return False
        s.send(codec.simple("session.close", s.event_id()))
        s.closing = True
        return True

    def restore(self, items: Iterable[Item]) -> None:
        """Seed a new session with an earlier conversation (its text goes in at start)."""
        s = self._s
        if s.server_sessions or s.opened or len(s.conversation):
            raise RuntimeError("restore() needs a new session with an empty conversation")
        s.items.restore(items)

    def delete_item(self, item_id: str) -> None:
        """Live cannot forget what it heard: the item goes from this conversation only."""
        if self._s.conversation.remove(item_id):
            self._s.emit(ItemDeleted(item_id))

    # The Realtime commands with no Live counterpart: the model decides its own turns.

    def update_session(self, config: SessionConfig) -> None:
        """Before the first `session.start`, the config to start with; after it, nothing:
        voice, instructions and tools are fixed once a Live session has started."""
        s = self._s
        if s.server_sessions or s.opened:
            return
        s.config = LiveConfig.from_session_config(
            config,
            model=s.config.model,
            delegation=s.config.delegation,
            backend_model=s.config.backend_model,
        )

    def interrupt(self, played_ms: float) -> Interrupted | None:
        """The speaker was cut after `played_ms` of the current assistant item (the stop
        button, a typed message, the talk key). Nothing is sent: Live has no truncate, and the
        model hears the user and stops by itself. The item keeps what was heard (as the
        Realtime session does) and is complete; anything the model says next is a new item.
        """
        s = self._s
        item_id, received_ms = s.reply_item, s.items.audio_ms(s.reply_item)
        if item_id is None or received_ms == 0:
            return None
        heard_ms = max(0, min(int(played_ms), received_ms))
        cut = heard_ms < received_ms
        if cut:
            s.items.mark_heard(item_id, heard_ms, received_ms)
        handlers.finish_reply_item(s)
        if not cut:
            return None
        event = Interrupted(item_id, heard_ms, received_ms)
        s.emit(event)
        return event

    def cancel_response(self) -> None:
        """Live has no cancel: the model stops when it hears the user."""

    def clear_audio(self) -> None:
        """Live has no input buffer to clear."""

    def commit_audio(self, *, respond: bool | None = None) -> bool:
        del respond  # no commit: the model takes its own turns
        return True

    def request_response(self) -> None:
        """The voice model has no `response.create`: it answers when it decides to."""

    def answer_mcp_approval(
        self, approval_request_id: str, approve: bool, reason: str | None = None
    ) -> bool:
        del approval_request_id, approve, reason
        return False

    # Internals

    def _send_typed(self, item_id: str, text: str) -> None:
        s = self._s
        event_id = s.event_id()
        s.typed[event_id] = item_id
        s.last_typed = text
        s.awaiting_reply, s.waiting_since = True, None
        s.send(codec.append_context("instructions", event_id, codec.TYPED_PREFIX + text))

    def _send_unsent(self) -> None:
        unsent, self._s.unsent = self._s.unsent, []
        for item_id in unsent:
            if self._s.items.get(item_id) is not None:
                self._send_typed(item_id, self._s.items.text(item_id))

    def _feed_timeline(self, now: float) -> None:
        s = self._s
        if s.timeline_start is None:
            s.timeline_start = now - s.sent_ms / 1000
        lag = (now - s.timeline_start) * 1000 - s.sent_ms
        if lag > MAX_CATCH_UP_MS:  # the loop stalled: skip ahead rather than send a burst
            s.sent_ms += lag - MAX_CATCH_UP_MS
            lag = MAX_CATCH_UP_MS
        if lag >= SILENCE_STEP_MS:
            self.append_audio(bytes(int(lag) * BYTES_PER_MS))

    def _end_reply(self, status: str, reason: str | None) -> None:
        s = self._s
        response_id, item = (
            s.response_id,
            s.items.finish(s.reply_item, cut_off=status != "completed"),
        )
        s.response_id = s.reply_item = s.quiet_since = None
        s.output_seen = False
        if item is not None:
            s.emit(AudioDone(item.id))
            s.emit(ItemCompleted(item))
        if response_id is not None:
            s.emit(ResponseFinished(response_id, status, reason, *self._billed_since()))

    def _billed_since(self) -> tuple[Usage, Cost]:
        """What the session used since the last `ResponseFinished` (the per-reply share)."""
        s = self._s
        usage, cost = s.total_usage, s.cost
        since = (
            Usage(*(a - b for a, b in zip(_values(usage), _values(s.reported_usage), strict=True))),
            Cost(*(a - b for a, b in zip(_values(cost), _values(s.reported), strict=True))),
        )
        s.reported_usage, s.reported = usage, cost
        return since

    def _history(self) -> list[dict[str, Any]]:
        """The conversation's text messages for `session.start.session.input`."""
        return [codec.history_message(role, text) for role, text in self._s.items.history()]


def _values(value: Usage | Cost) -> list[Any]:
    return [getattr(value, name) for name in value.__slots__]
