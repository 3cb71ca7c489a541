"""The plain data a response is built from: its settings, its input, and the steps it yields."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from .conversation import Entry, ServerConversation
from .events import Event, new_id
from .usage import Tally


class Blocking(Protocol):
    """Work that blocks (an MCP request): the connection runs it in a thread."""

    def run(self) -> None: ...


@dataclass
class Step:
    """Events to send now, the seconds of audio/text they represent (for pacing), and
    blocking work to finish before the next step (`job`, e.g. an MCP ``tools/call``)."""

    events: list[Event]
    seconds: float = 0.0
    job: Blocking | None = None


@dataclass(frozen=True)
class ResponseSpec:
    """The effective settings of one response (session config merged with its overrides)."""

    modalities: list[str]
    voice: str
    speed: float = 1.0
    audio_format: dict[str, Any] = field(default_factory=lambda: {"type": "audio/pcm"})
    max_output_tokens: int | str = "inf"
    metadata: dict[str, Any] | None = None
    in_conversation: bool = True
    context: list[Entry] | None = None  # explicit `input`: replaces the conversation
    reasoning: bool = False  # a 2.x model: messages carry a `phase`, a preamble before a call

    @property
    def is_audio(self) -> bool:
        """Whether the response speaks (``["audio"]``) rather than writes (``["text"]``)."""
        return self.modalities == ["audio"]


@dataclass(frozen=True)
class ResponseInput:
    """Where the response writes and what its input costs."""

    conversation: ServerConversation
    conversation_id: str
    inputs: Tally
    cached: Tally
    rate_limits: list[dict[str, Any]]


def message_item(phase: str | None = None) -> dict[str, Any]:
    """A new, empty assistant message as ``response.output_item.added`` shows it; a reasoning
    model's says whether it is a preamble (``commentary``) or the ``final_answer``."""
    item: dict[str, Any] = {
        "id": new_id("item"),
        "type": "message",
        "object": "realtime.item",
        "status": "in_progress",
        "role": "assistant",
        "content": [],
    }
    if phase is not None:
        item["phase"] = phase
    return item


def call_item(name: str) -> dict[str, Any]:
    """A new function call item with no arguments yet."""
    return {
        "id": new_id("item"),
        "type": "function_call",
        "object": "realtime.item",
        "status": "in_progress",
        "name": name,
        "call_id": new_id("call"),
        "arguments": "",
    }


def item_content(is_audio: bool, text: str) -> dict[str, Any]:
    """The assistant item's content part (``output_audio`` with transcript, or ``output_text``)."""
    if is_audio:
        return {"type": "output_audio", "transcript": text}
    return {"type": "output_text", "text": text}


def event_part(is_audio: bool, text: str) -> dict[str, Any]:
    """The ``part`` of ``response.content_part.*`` events (typed ``audio`` or ``text``)."""
    return {"type": "audio", "transcript": text} if is_audio else {"type": "text", "text": text}
