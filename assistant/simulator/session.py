"""One simulated Realtime session, sans-I/O: client events in, server events out.

`ServerSession.receive` takes one client event (a dict, or the raw text of a frame via
`receive_text`) and returns the server events to send at once, in the connection's dialect.
Responses stream: after ``response.create`` (or an automatic turn) call `pump` repeatedly; each
`Step` holds events to send and the seconds of audio they represent, which the server waits
(times ``pace``) before the next `pump`. No clock is read except for ``expires_at``; VAD and the
idle timeout run on the audio timeline. Client mistakes become ``error`` events (echoing the
client's ``event_id``) and the session carries on, like the real service.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable
from typing import Any

from . import dialects
from .config import apply_session_update, default_session
from .conversation import Entry, ServerConversation, item_with_audio
from .events import (
    Event,
    ProtocolError,
    already_active,
    cancel_not_active,
    invalid_type,
    invalid_value,
    missing_parameter,
    new_id,
    server_event,
    session_expired,
    transcription_unsupported,
    webrtc_only,
)
from .inputs import InputTurns
from .items import entry_from_client
from .mcp import McpReply, McpState
from .mcp import plan_reply as plan_mcp_reply
from .options import BETA_MODEL, DEFAULT_MODEL
from .replies import IDLE_PROMPT, Reply, TextReply, plan_reply
from .response import ResponseRun
from .response_params import ResponsePlan, plan_response
from .response_spec import ResponseInput, Step
from .truncate import truncate
from .usage import RateLimits, Tally, cached_tally, context_tally
from .voice import synthesize

CLIENT_EVENTS = [
    "session.update",
    "input_audio_buffer.append",
    "input_audio_buffer.commit",
    "input_audio_buffer.clear",
    "conversation.item.create",
    "conversation.item.retrieve",
    "conversation.item.truncate",
    "conversation.item.delete",
    "response.create",
    "response.cancel",
    "output_audio_buffer.clear",
]


class ServerSession:
    """State of one connection: config, conversation, input audio, the active response."""

    def __init__(
        self,
        *,
        dialect: str = dialects.GA,
        model: str | None = None,  # None: the default model of `dialect`
        max_session_seconds: float = 3600.0,
        now: float | None = None,
    ) -> None:
        self.dialect = dialect
        self.max_session_seconds = max_session_seconds
        expires_at = int((time.time() if now is None else now) + max_session_seconds)
        model = model or (BETA_MODEL if dialect == dialects.BETA else DEFAULT_MODEL)
        self.config = default_session(new_id("sess"), model, expires_at)
        self.temperature = 0.8  # beta only
        self.conversation = ServerConversation()
        self.conversation_id = new_id("conv")
        self.active: ResponseRun | None = None
        self.voice_locked = False
        self.turns = InputTurns(self)
        self.turns.configure(self.config["audio"]["input"]["turn_detection"])
        self._rate_limits = RateLimits()
        self._cached_instructions: str | None = None
        self.mcp = McpState()  # remote MCP servers: listings, and jobs for the connection

    def opening_events(self) -> list[Event]:
        """What the server sends right after the upgrade: ``session.created``."""
        return self.out([server_event("session.created", session=copy.deepcopy(self.config))])

    def receive_text(self, text: str) -> list[Event]:
        """Handle the text of one client frame (JSON), including malformed ones."""
        try:
            event = json.loads(text)
        except json.JSONDecodeError as error:
            message = f"Invalid JSON in client event: {error.msg} (at char {error.pos})."
            return self.out([ProtocolError("invalid_json", message).to_event()])
        if not isinstance(event, dict):
            return self.out([invalid_type("event", "an object", event).to_event()])
        return self.receive(event)

    def receive(self, event: dict[str, Any]) -> list[Event]:
        """Handle one parsed client event; returns the server events to send now."""
        client_id = event.get("event_id") if isinstance(event.get("event_id"), str) else None
        ga_event, errors = dialects.incoming(event, self.dialect)
        events = [error.to_event(client_id) for error in errors]
        try:
            events += self._handler(ga_event.get("type"))(ga_event)
        except ProtocolError as error:
            events.append(error.to_event(client_id))
        return self.out(events)

    def _handler(self, kind: Any) -> Callable[[dict[str, Any]], list[Event]]:
        if kind is None:
            raise missing_parameter("type")
        if not isinstance(kind, str):
            raise invalid_type("type", "a string", kind)
        handler = self._handlers().get(kind)
        if handler is None or (kind.startswith("transcription_") and self.dialect == dialects.GA):
            raise invalid_value("type", kind, CLIENT_EVENTS)
        return handler

    def _handlers(self) -> dict[str, Callable[[dict[str, Any]], list[Event]]]:
        return {
            "session.update": self._session_update,
            "input_audio_buffer.append": self.turns.append,
            "input_audio_buffer.commit": self.turns.commit,
            "input_audio_buffer.clear": self.turns.clear,
            "conversation.item.create": self._item_create,
            "conversation.item.retrieve": self._item_retrieve,
            "conversation.item.truncate": self._item_truncate,
            "conversation.item.delete": self._item_delete,
            "response.create": self._response_create,
            "response.cancel": self._response_cancel,
            "output_audio_buffer.clear": webrtc_only,
            "transcription_session.update": transcription_unsupported,
        }

    def out(self, events: list[Event]) -> list[Event]:
        """GA events converted to this session's dialect (events it lacks are dropped)."""
        converted = (dialects.outgoing(e, self.dialect, self.temperature) for e in events)
        return [event for event in converted if event is not None]

    def _session_update(self, event: dict[str, Any]) -> list[Event]:
        update = event.get("session")
        if update is None:
            raise missing_parameter("session")
        if self.dialect == dialects.BETA and isinstance(update, dict):
            self.temperature = float(update.pop("temperature", self.temperature))
        self.config = apply_session_update(self.config, update, voice_locked=self.voice_locked)
        self.turns.configure(self.config["audio"]["input"]["turn_detection"])
        updated = [server_event("session.updated", session=copy.deepcopy(self.config))]
        if self.dialect == dialects.BETA:  # the preview API has no MCP tools
            return updated
        return updated + self.mcp.configure(self.config["tools"], self.conversation)

    def _item_create(self, event: dict[str, Any]) -> list[Event]:
        previous = event.get("previous_item_id")
        if previous is not None and not isinstance(previous, str):
            raise invalid_type("previous_item_id", "a string", previous)
        entry = entry_from_client(
            event.get("item"), audio_format=self._format("input"), conversation=self.conversation
        )
        return self.add_item(entry, self.conversation.insert(entry, previous))

    def add_item(self, entry: Entry, previous: str | None) -> list[Event]:
        """``conversation.item.added`` + ``.done`` for an item already inserted."""
        added = server_event(
            "conversation.item.added", previous_item_id=previous, item=copy.deepcopy(entry.item)
        )
        return [
            added,
            server_event(
                "conversation.item.done", previous_item_id=previous, item=copy.deepcopy(entry.item)
            ),
        ]

    def _item_retrieve(self, event: dict[str, Any]) -> list[Event]:
        entry = self.conversation.get(event.get("item_id"))
        speech = entry.meta.get("speech")
        pcm = synthesize(*speech).pcm if speech else b""
        item = item_with_audio(entry, pcm, self._format("input"), self._format("output"))
        return [server_event("conversation.item.retrieved", item=item)]

    def _format(self, side: str) -> dict[str, Any]:
        audio_format: dict[str, Any] = self.config["audio"][side]["format"]
        return audio_format

    def _item_delete(self, event: dict[str, Any]) -> list[Event]:
        self.conversation.delete(event.get("item_id"))
        return [server_event("conversation.item.deleted", item_id=event["item_id"])]

    def _item_truncate(self, event: dict[str, Any]) -> list[Event]:
        return [truncate(self.conversation, event)]

    def _response_create(self, event: dict[str, Any]) -> list[Event]:
        if self.active is not None:
            raise already_active(self.active.id)
        self.start_response(plan_response(self.config, event.get("response"), self.conversation))
        return []

    def start_response(self, plan: ResponsePlan, reply: Reply | McpReply | None = None) -> None:
        """Make `plan` the active response; its events come from `pump`."""
        context = plan.spec.context
        if context is None:
            context = list(self.conversation.entries)
        reply = reply or plan_mcp_reply(context, self.mcp, plan.tools, plan.tool_choice)
        reply = reply or plan_reply(context, plan.tools, plan.tool_choice)
        inputs = context_tally(plan.instructions, context)
        cached = self._cached(plan, inputs)
        limits = self._rate_limits.reserve(inputs.total + 4096)
        where = ResponseInput(self.conversation, self.conversation_id, inputs, cached, limits)
        self.active = ResponseRun(plan.spec, reply, where)
        self.turns.response_started()

    def start_auto_response(self, *, idle: bool = False) -> None:
        """The response server VAD creates after a turn (or an idle timeout)."""
        plan = plan_response(self.config, None, self.conversation)
        self.start_response(plan, TextReply(IDLE_PROMPT) if idle else None)

    def _cached(self, plan: ResponsePlan, inputs: Tally) -> Tally:
        if plan.spec.context is not None or plan.instructions != self._cached_instructions:
            return Tally()
        prefix = self.conversation.entries[: self.conversation.stable_prefix]
        return cached_tally(inputs, context_tally(plan.instructions, prefix))

    def _response_cancel(self, event: dict[str, Any]) -> list[Event]:
        wanted = event.get("response_id")
        if self.active is None or wanted not in (None, self.active.id):
            raise cancel_not_active()
        return self.cancel_active("client_cancelled")

    def cancel_active(self, reason: str) -> list[Event]:
        """End the active response as cancelled; [] when none is active."""
        run = self.active
        if run is None:
            return []
        events = run.cancel(reason)
        self._finished(run)
        return events

    def pump(self) -> Step | None:
        """The next step of the active response (None when nothing is streaming)."""
        run = self.active
        step = run.next_step() if run is not None else None
        if run is not None and run.finished:
            self._finished(run)
        return Step(self.out(step.events), step.seconds, step.job) if step is not None else None

    def _finished(self, run: ResponseRun) -> None:
        self.active = None
        self.voice_locked = self.voice_locked or (run.is_audio and run.audio_ms > 0)
        if run.spec.in_conversation and run.spec.context is None:
            self.conversation.mark_prefix(len(self.conversation.entries))
            self._cached_instructions = self.config["instructions"]
        self.turns.response_finished(run.audio_ms)

    def expiry_events(self) -> tuple[list[Event], str]:
        """The ``session_expired`` error and the close reason for the maximum duration."""
        error = session_expired(self.max_session_seconds)
        return self.out([error.to_event()]), error.message
