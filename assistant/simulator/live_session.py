"""A simulated GPT-Live session (`/v1/live/sessions`), sans-I/O: client events in, server events
and paced steps out. It shares no code with the client's Live core.

Rules (deterministic, like the Realtime simulator's):
- Nothing but `session.start` is accepted before `session.started` (an `error` otherwise);
  unknown fields in the start config are refused as the service does (`unknown_parameter`),
  and so is a model that is not a GPT-Live one. `session.started` carries the resource.
- The session timeline is the input audio: its milliseconds place transcripts and appends.
  Loud input followed by 600 ms of quiet is a spoken turn ("I heard about N seconds...").
- `session.instructions.append` with "The user typed: X" is a typed turn. With Responses
  delegation and a function tool whose name shares a word (4+ letters) with X, the task is
  delegated: `session.delegation.created`, a spoken acknowledgement, the backend's function
  call as `response.event`s; `response.item.create` (the output) + `response.create` finish
  it and the result is spoken. With client delegation a question (X ends with "?") is
  delegated to the client and its `session.commentary.append` is spoken (thinking: "Done.").
  Anything else gets a spoken sentence about X.
- Audio is the Realtime simulator's synthetic voice, 100 ms per `session.output_audio.delta`,
  with `session.output_transcript.delta` per word (timeline ms); `session.usage.updated` after
  each reply; `session.close` -> `session.closed` and the connection ends.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from . import live_events as ev
from .events import Event, new_id, server_event
from .live_events import LiveError
from .mcp import Job
from .replies import arguments_for
from .response_spec import Step
from .voice import SAMPLE_RATE, synthesize

TYPED = "The user typed: "
FRAME_MS = 100
BYTES_PER_MS = SAMPLE_RATE * 2 // 1000
LOUD = 500  # mean absolute sample value that counts as speech
END_OF_TURN_MS = 600
_FIELDS: dict[str, set[str]] = {
    "session": {"model", "audio", "client", "delegation", "input", "instructions",
                "safety_identifier", "store", "triggers"},
    "session.audio": {"format", "output"},
    "session.audio.output": {"voice"},
    "session.audio.format": {"type", "rate"},
    "session.delegation": {"type", "responses", "decisions", "acknowledgement_delay_ms"},
    "session.delegation.responses": {"model", "instructions", "max_output_tokens",
                                     "parallel_tool_calls", "reasoning", "service_tier", "text",
                                     "tool_choice", "tools"},
}  # fmt: skip
_STOP_WORDS = {"current", "list", "make"}


class _NoJobs:
    """The connection asks every session for blocking work; Live has none."""

    def take_jobs(self) -> list[Job]:
        return []


class LiveSimSession:
    """One simulated Live session; the `Connection` drives it like a Realtime one."""

    def __init__(self, *, max_session_seconds: float = 3600.0, now: float | None = None) -> None:
        self.max_session_seconds = max_session_seconds
        self.expires_at = int((time.time() if now is None else now) + max_session_seconds)
        self.mcp = _NoJobs()
        self.resource: dict[str, Any] | None = None
        self.finished = False  # `session.closed` sent: the connection ends
        self.steps: deque[Step] = deque()
        self.timeline_ms = 0
        self.billed_ms = 0  # the session time billed so far: never goes back
        self.loud_ms = self.quiet_ms = 0
        self.delegations: dict[str, dict[str, Any]] = {}  # id -> {"target", "calls", "text"}
        self.replies = 0

    # The connection's interface

    @property
    def active(self) -> object | None:
        return self.steps[0] if self.steps else None

    @active.setter
    def active(self, value: object | None) -> None:
        if value is None:
            self.steps.clear()

    def opening_events(self) -> list[Event]:
        return []  # a Live server waits for `session.start`

    def receive_text(self, text: str) -> list[Event]:
        try:
            event = json.loads(text)
        except json.JSONDecodeError:
            return [ev.live_error("invalid_json", "The client event is not valid JSON.")]
        if not isinstance(event, dict):
            return [ev.live_error("invalid_type", "A client event must be a JSON object.")]
        return self.receive(event)

    def receive(self, event: dict[str, Any]) -> list[Event]:
        client_id = event.get("event_id") if isinstance(event.get("event_id"), str) else None
        kind = event.get("type")
        handler = self._handlers().get(kind) if isinstance(kind, str) else None
        try:
            if handler is None:
                raise LiveError("invalid_event", f"Unknown client event type: {kind!r}.", "type")
            if self.resource is None and kind != "session.start":
                raise LiveError(
                    "session_not_started", "Send session.start and wait for session.started."
                )
            return handler(event, client_id)
        except LiveError as error:
            return [error.to_event(client_id)]

    def out(self, events: list[Event]) -> list[Event]:
        return events

    def pump(self) -> Step | None:
        return self.steps.popleft() if self.steps else None

    def cancel_active(self, reason: str) -> list[Event]:
        del reason
        self.steps.clear()
        return []

    def expiry_events(self) -> tuple[list[Event], str]:
        self.finished = True
        return [self._closed("expired", None)], "Your session hit the maximum duration."

    # Handlers

    def _handlers(self) -> dict[str, Callable[[dict[str, Any], str | None], list[Event]]]:
        return {
            "session.start": self._start,
            "session.update": self._update,
            "session.input_audio.append": self._audio,
            "session.input_audio.mute": lambda _e, c: [ev.echoed("session.input_audio.muted", c)],
            "session.input_audio.unmute": lambda _e, c: [
                ev.echoed("session.input_audio.unmuted", c)
            ],
            "session.instructions.append": self._instructions,
            "session.thinking.append": lambda e, c: self._context("thinking", e, c),
            "session.commentary.append": lambda e, c: self._context("commentary", e, c),
            "response.item.create": self._item_create,
            "response.create": self._response_create,
            "session.close": self._close,
        }

    def _start(self, event: dict[str, Any], client_id: str | None) -> list[Event]:
        if self.resource is not None:
            raise LiveError("session_already_started", "The session has already started.")
        config = event.get("session")
        if not isinstance(config, dict):
            raise LiveError("missing_required_parameter", "Missing 'session'.", "session")
        _check_fields(config, "session")
        model = config.get("model")
        if not isinstance(model, str) or not model.startswith("gpt-live"):
            raise LiveError("invalid_value", f"Invalid model {model!r} for Live.", "session.model")
        _check_format(config)
        self.resource = {
            "id": new_id("sess"),
            "expires_at": self.expires_at,
            "model": model,
            "status": "active",
            "audio": config.get("audio") or {"format": {"type": "audio/pcm", "rate": 24000}},
            "delegation": config.get("delegation"),
            "instructions": config.get("instructions") or "",
            "input": config.get("input") or [],
            "store": False,
        }
        return [ev.echoed("session.started", client_id, session=dict(self.resource))]

    def _update(self, event: dict[str, Any], client_id: str | None) -> list[Event]:
        assert self.resource is not None
        update = event.get("session")
        if not isinstance(update, dict):
            raise LiveError("missing_required_parameter", "Missing 'session'.", "session")
        for key in update:
            if key not in ("delegation", "triggers"):
                raise LiveError("unknown_parameter", f"Unknown parameter: 'session.{key}'.")
        return [ev.echoed("session.updated", client_id, session=dict(self.resource))]

    def _audio(self, event: dict[str, Any], client_id: str | None) -> list[Event]:
        del client_id
        try:
            pcm = base64.b64decode(str(event.get("audio", "")), validate=True)
        except (binascii.Error, ValueError):
            raise LiveError("invalid_value", "Invalid base64 audio.", "audio") from None
        ms = len(pcm) // BYTES_PER_MS
        self.timeline_ms += ms
        return self._listen(pcm, ms)

    def _listen(self, pcm: bytes, ms: int) -> list[Event]:
        """A crude voice detector: loud audio, then quiet, is a spoken turn."""
        samples = memoryview(pcm[: len(pcm) // 2 * 2]).cast("h")
        loud = bool(samples) and sum(abs(x) for x in samples[::8]) * 8 / len(samples) > LOUD
        if loud:
            self.loud_ms, self.quiet_ms = self.loud_ms + ms, 0
            return []
        self.quiet_ms += ms
        if self.loud_ms < 200 or self.quiet_ms < END_OF_TURN_MS or self.steps:
            return []
        seconds, self.loud_ms = self.loud_ms / 1000, 0
        start = self.timeline_ms - self.quiet_ms - int(seconds * 1000)
        heard = ev.transcript_delta("input", "(speech)", max(0, start), start + int(seconds * 1000))
        self._speak(
            f"I heard about {seconds:.1f} seconds of speech. This is the offline demo of "
            "GPT-Live, so I cannot understand it, but I am listening."
        )
        return [heard]

    def _instructions(self, event: dict[str, Any], client_id: str | None) -> list[Event]:
        content, delegation_id = _content(event)
        if delegation_id is not None and self._delegation_type() == "responses":
            raise LiveError(
                "invalid_value",
                "delegation_id is not accepted with Responses delegation.",
                "delegation_id",
            )
        acked = self._appended("instructions", client_id)
        if content.startswith(TYPED):
            self._typed(content[len(TYPED) :].strip())
        return [acked]

    def _context(self, kind: str, event: dict[str, Any], client_id: str | None) -> list[Event]:
        content, delegation_id = _content(event)
        if delegation_id is not None:
            if self._delegation_type() == "responses":
                raise LiveError(
                    "invalid_value",
                    "delegation_id is not accepted with Responses delegation.",
                    "delegation_id",
                )
            if self.delegations.pop(delegation_id, None) is None:
                raise LiveError("invalid_value", f"Unknown delegation {delegation_id!r}.")
            self._speak(content if kind == "commentary" else "Done.")
        return [self._appended(kind, client_id)]

    def _item_create(self, event: dict[str, Any], client_id: str | None) -> list[Event]:
        del client_id
        if self._delegation_type() != "responses":
            raise LiveError(
                "invalid_request", "response.item.create requires Responses delegation."
            )
        item = event.get("item")
        if not isinstance(item, dict) or item.get("type") != "function_call_output":
            raise LiveError("invalid_value", "Only function_call_output items are simulated.")
        call_id = item.get("call_id")
        for delegation in self.delegations.values():
            if call_id in delegation["calls"]:
                delegation["outputs"][call_id] = str(item.get("output", ""))
                return []
        raise LiveError("invalid_value", f"No function call with call_id {call_id!r}.", "item")

    def _response_create(self, event: dict[str, Any], client_id: str | None) -> list[Event]:
        del event, client_id
        if self._delegation_type() != "responses":
            raise LiveError("invalid_request", "response.create requires Responses delegation.")
        for delegation_id, delegation in list(self.delegations.items()):
            if delegation["calls"] and set(delegation["calls"]) <= set(delegation["outputs"]):
                del self.delegations[delegation_id]
                return self._backend_answer(delegation_id, delegation)
        raise LiveError("invalid_request", "No delegated response is waiting for tool results.")

    def _close(self, event: dict[str, Any], client_id: str | None) -> list[Event]:
        del event
        self.steps.clear()
        self.finished = True
        return [self._closed("close_requested", client_id)]

    # Replies

    def _typed(self, text: str) -> None:
        delegation = self._delegation_type()
        tool = self._matching_tool(text) if delegation == "responses" else None
        if tool is not None:
            self._delegate_call(tool, text)
        elif delegation == "client" and text.endswith("?"):
            delegation_id = new_id("deleg")
            self.delegations[delegation_id] = {"target": "client", "calls": {}, "outputs": {}}
            self.steps.append(Step([ev.delegation_created(delegation_id, "client", self._now())]))
        else:
            self._speak(f"This is the offline demo of GPT-Live; you typed: {text}")

    def _delegate_call(self, tool: dict[str, Any], text: str) -> None:
        delegation_id, call_id = new_id("deleg"), new_id("call")
        arguments = json.dumps(arguments_for(tool.get("parameters") or {}, text))
        name = tool["name"]
        self.delegations[delegation_id] = {"target": "responses", "calls": {call_id: name}}
        self.delegations[delegation_id]["outputs"] = {}
        self.steps.append(Step([ev.delegation_created(delegation_id, "responses", self._now())]))
        self._speak("Let me check.")
        item = {"type": "function_call", "id": new_id("fc"), "call_id": call_id, "name": name,
                "arguments": arguments, "status": "completed"}  # fmt: skip
        response_id = new_id("resp")
        inner: list[dict[str, Any]] = [
            {"type": "response.created", "response": {"id": response_id, "status": "in_progress"}},
            {"type": "response.output_item.added", "output_index": 0,
             "item": {**item, "arguments": "", "status": "in_progress"}},
            {"type": "response.function_call_arguments.delta", "item_id": item["id"],
             "output_index": 0, "delta": arguments},
            {"type": "response.function_call_arguments.done", "item_id": item["id"],
             "output_index": 0, "arguments": arguments},
            {"type": "response.output_item.done", "output_index": 0, "item": item},
            _completed(response_id, 120, 15),
        ]  # fmt: skip
        self.steps.append(Step([ev.response_event(delegation_id, e) for e in inner]))

    def _backend_answer(self, delegation_id: str, delegation: dict[str, Any]) -> list[Event]:
        answers = [
            f"The tool {name} returned: {delegation['outputs'][call_id]}"
            for call_id, name in delegation["calls"].items()
        ]
        text = " ".join(answers)
        response_id = new_id("resp")
        inner: list[dict[str, Any]] = [
            {"type": "response.created", "response": {"id": response_id, "status": "in_progress"}},
            {"type": "response.output_text.delta", "item_id": new_id("msg"), "output_index": 0,
             "content_index": 0, "delta": text},
            _completed(response_id, 160, len(text) // 4 + 1),
        ]  # fmt: skip
        self.steps.append(Step([ev.response_event(delegation_id, e) for e in inner]))
        self._speak(text)
        return []

    def _speak(self, text: str) -> None:
        """Queue a spoken reply: 100 ms audio frames with the words on the timeline."""
        assert self.resource is not None
        voice = (self.resource.get("audio") or {}).get("output", {}) or {}
        speech = synthesize(text[:2000], str(voice.get("voice") or "marin"))
        start = max(self._now(), self.billed_ms)  # after what was already said
        pieces = list(speech.pieces)
        frame_bytes = FRAME_MS * BYTES_PER_MS
        for offset in range(0, len(speech.pcm), frame_bytes):
            frame_ms = offset // BYTES_PER_MS
            events: list[Event] = [ev.audio_delta(speech.pcm[offset : offset + frame_bytes])]
            while pieces and pieces[0][1] < frame_ms + FRAME_MS:
                word, at = pieces.pop(0)
                events.append(ev.transcript_delta("output", word, start + at, start + frame_ms))
            self.steps.append(Step(events, FRAME_MS / 1000))
        self.replies += 1
        self.billed_ms = max(self.billed_ms, self.timeline_ms, start + speech.duration_ms)
        usage = {"seconds": self.billed_ms / 1000}
        self.steps.append(Step([server_event("session.usage.updated", usage=usage)]))

    # Helpers

    def _now(self) -> int:
        return self.timeline_ms

    def _appended(self, kind: str, client_id: str | None) -> Event:
        at = self._now()
        return ev.echoed(f"session.{kind}.appended", client_id, start_ms=at, end_ms=at)

    def _closed(self, reason: str, client_id: str | None) -> Event:
        self.billed_ms = max(self.billed_ms, self.timeline_ms)
        usage = {"seconds": self.billed_ms / 1000}
        return ev.echoed(
            "session.closed", client_id, reason=reason, session=dict(self.resource or {}),
            usage=usage,
        )  # fmt: skip

    def _delegation_type(self) -> str | None:
        delegation = (self.resource or {}).get("delegation")
        return delegation.get("type") if isinstance(delegation, dict) else None

    def _matching_tool(self, text: str) -> dict[str, Any] | None:
        delegation = (self.resource or {}).get("delegation") or {}
        tools = (delegation.get("responses") or {}).get("tools") or []
        words = set(re.findall(r"[a-z]+", text.lower()))
        for tool in tools:
            if not isinstance(tool, dict) or tool.get("type") != "function":
                continue
            name_words = set(str(tool.get("name", "")).lower().split("_")) - _STOP_WORDS
            if any(len(word) >= 4 and word in words for word in name_words):
                return tool
        return None


def _completed(response_id: str, input_tokens: int, output_tokens: int) -> dict[str, Any]:
    usage = {
        "input_tokens": input_tokens,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": output_tokens,
        "total_tokens": input_tokens + output_tokens,
    }
    response = {"id": response_id, "status": "completed", "usage": usage}
    return {"type": "response.completed", "response": response}


def _content(event: dict[str, Any]) -> tuple[str, str | None]:
    content = event.get("content")
    if not isinstance(content, str):
        raise LiveError("missing_required_parameter", "Missing required parameter: 'content'.")
    if "delegation_id" not in event:
        raise LiveError(
            "missing_required_parameter",
            "Missing required parameter: 'delegation_id' (null for general context).",
            "delegation_id",
        )
    delegation_id = event["delegation_id"]
    if delegation_id is not None and not isinstance(delegation_id, str):
        raise LiveError("invalid_type", "delegation_id must be a string or null.")
    return content, delegation_id


def _check_fields(value: dict[str, Any], path: str) -> None:
    for key, child in value.items():
        allowed = _FIELDS.get(path)
        if allowed is not None and key not in allowed:
            raise LiveError("unknown_parameter", f"Unknown parameter: '{path}.{key}'.")
        if isinstance(child, dict):
            _check_fields(child, f"{path}.{key}")


def _check_format(config: dict[str, Any]) -> None:
    audio = config.get("audio") or {}
    fmt = audio.get("format") if isinstance(audio, dict) else None
    if isinstance(fmt, dict) and fmt.get("type") == "audio/pcm" and fmt.get("rate") != 24000:
        raise LiveError("invalid_value", "The simulator speaks audio/pcm at 24000 Hz only.")
