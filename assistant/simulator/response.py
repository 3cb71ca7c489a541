"""One response as a stream of steps: the events of the real service, in its order (GA shapes).

``response.created`` + ``rate_limits.updated``; the output item (``response.output_item.added``
+ ``conversation.item.added``); for a message ``response.content_part.added``, then per 100 ms
of audio the transcript words starting in it and one ``response.output_audio.delta`` (or text
deltas word by word), or argument deltas for a function call; finally the ``.done`` events,
``response.output_item.done``, ``conversation.item.done`` and ``response.done`` with usage.

Each `Step` says how much audio/text time its events represent; the server waits that long
(times ``pace``) before asking for the next step, which is how audio is paced. `cancel` ends the
stream at once with closing events that describe only what was already sent.

A reasoning (2.x) model's messages carry a ``phase``: before a function call it first says a
short preamble (``commentary``, an item of its own, closed before the call's item opens at the
next ``output_index``), and its replies are ``final_answer``.
"""

from __future__ import annotations

import base64
import copy
from collections.abc import Generator, Iterator
from typing import Any

from .audio_formats import from_pcm24
from .closing import close_item, closing_events
from .conversation import BYTES_PER_MS, Entry
from .events import Event, new_id, server_event
from .mcp import McpAsk, McpCall, McpReply, reply_steps
from .replies import Reply, ToolCall
from .response_spec import (
    ResponseInput,
    ResponseSpec,
    Step,
    call_item,
    event_part,
    item_content,
    message_item,
)
from .usage import Tally, fit_to_budget, output_audio_tokens, text_tokens, usage_object
from .voice import Speech, synthesize, transcript_pieces

COMMENTARY, FINAL_ANSWER = "commentary", "final_answer"
PREAMBLE = "One moment, I will use {name}."
CHUNK_MS = 100
WORD_SECONDS = 0.02
ARGUMENT_CHUNK = 8


class ResponseRun:
    """The state of a response while it streams; `next_step` until `finished`."""

    def __init__(self, spec: ResponseSpec, reply: Reply | McpReply, where: ResponseInput) -> None:
        self.id = new_id("resp")
        self.spec, self.reply, self.where = spec, reply, where
        self.entry: Entry | None = None
        self.sent = ""  # transcript, text or arguments streamed so far
        self.audio_ms = 0
        self.status: str | None = None
        self.part_open = False
        self.output_index = 0
        self.earlier: list[dict[str, Any]] = []  # output items already closed (a preamble)
        self._earlier_output = Tally(0, 0)
        self._cut = False
        self._steps = self._generate()

    @property
    def finished(self) -> bool:
        """True once ``response.done`` has been produced."""
        return self.status is not None

    @property
    def is_audio(self) -> bool:
        """Whether this response speaks (as opposed to text-only output)."""
        return self.spec.is_audio

    def next_step(self) -> Step | None:
        """The next step, the closing step after the last one, then None."""
        if self.finished:
            return None
        try:
            return next(self._steps)
        except StopIteration:
            status, reason = (
                ("incomplete", "max_output_tokens") if self._cut else ("completed", None)
            )
            return Step(self.finish(status, reason))

    def cancel(self, reason: str) -> list[Event]:
        """End now as ``cancelled`` (reason ``turn_detected`` or ``client_cancelled``)."""
        self._steps.close()
        return self.finish("cancelled", reason)

    def _generate(self) -> Generator[Step, None, None]:
        created = server_event("response.created", response=self.response_object("in_progress"))
        limits = server_event("rate_limits.updated", rate_limits=self.where.rate_limits)
        yield Step([created, limits])
        if isinstance(self.reply, McpAsk | McpCall):
            yield from reply_steps(self, self.reply)
        elif isinstance(self.reply, ToolCall):
            if self.spec.reasoning:
                yield from self._message_steps(PREAMBLE.format(name=self.reply.name), COMMENTARY)
                yield Step(self._next_item())
            yield from self._call_steps(self.reply)
        else:
            text, self._cut = fit_to_budget(
                self.reply.text, self.spec.max_output_tokens, self.is_audio
            )
            yield from self._message_steps(text, FINAL_ANSWER if self.spec.reasoning else None)

    def _next_item(self) -> list[Event]:
        """Close the current output item (completed); the next one opens at the next index."""
        events = close_item(self, "completed")
        assert self.entry is not None
        self.earlier.append(copy.deepcopy(self.entry.item))
        self._earlier_output = Tally(
            self._earlier_output.text + text_tokens(self.sent),
            self._earlier_output.audio + output_audio_tokens(self.audio_ms),
        )
        self.entry, self.sent, self.audio_ms, self.part_open = None, "", 0, False
        self.output_index += 1
        return events

    def open_item(self, item: dict[str, Any]) -> list[Event]:
        self.entry = Entry(item)
        added = server_event(
            "response.output_item.added",
            response_id=self.id,
            output_index=self.output_index,
            item=copy.deepcopy(item),
        )
        if not self.spec.in_conversation:
            return [added]
        previous = self.where.conversation.insert(self.entry)
        return [
            added,
            server_event(
                "conversation.item.added", previous_item_id=previous, item=copy.deepcopy(item)
            ),
        ]

    def _message_steps(self, text: str, phase: str | None = None) -> Iterator[Step]:
        item = message_item(phase)
        yield Step(self.open_item(item))
        self.part_open = True
        yield Step([self.part_event("response.content_part.added", self.part(""))])
        item["content"] = [self.content("")]
        if self.is_audio:
            voice = (text, self.spec.voice, self.spec.speed)
            self.entry_meta()["speech"] = voice
            yield from self._audio_steps(synthesize(*voice))
        else:
            yield from self._text_steps(text)

    def _audio_steps(self, speech: Speech) -> Iterator[Step]:
        pieces = list(speech.pieces)
        size = CHUNK_MS * BYTES_PER_MS
        for offset in range(0, len(speech.pcm), size):
            chunk = speech.pcm[offset : offset + size]
            end_ms = (offset + len(chunk)) // BYTES_PER_MS
            events = []
            while pieces and pieces[0][1] < end_ms:
                events.append(
                    self._delta("response.output_audio_transcript.delta", pieces.pop(0)[0])
                )
            self.audio_ms = end_ms
            self.sync_entry()
            wire = from_pcm24(chunk, self.spec.audio_format)
            audio = base64.b64encode(wire).decode("ascii")
            events.append(self.part_event("response.output_audio.delta", delta=audio))
            yield Step(events, len(chunk) / (BYTES_PER_MS * 1000))

    def _text_steps(self, text: str) -> Iterator[Step]:
        for piece in transcript_pieces(text):
            yield Step([self._delta("response.output_text.delta", piece)], WORD_SECONDS)

    def _call_steps(self, call: ToolCall) -> Iterator[Step]:
        item = call_item(call.name)
        yield Step(self.open_item(item))
        for start in range(0, len(call.arguments), ARGUMENT_CHUNK):
            piece = call.arguments[start : start + ARGUMENT_CHUNK]
            yield Step([self._delta("response.function_call_arguments.delta", piece)], 0.01)

    def _delta(self, kind: str, piece: str) -> Event:
        self.sent += piece
        self.sync_entry()
        if kind == "response.function_call_arguments.delta":
            assert self.entry is not None
            return server_event(
                kind,
                response_id=self.id,
                item_id=self.entry.id,
                output_index=self.output_index,
                call_id=self.entry.item["call_id"],
                delta=piece,
            )
        return self.part_event(kind, delta=piece)

    def entry_meta(self) -> dict[str, Any]:
        """Side data of the output item (the conversation keeps it for retrieve/truncate)."""
        assert self.entry is not None
        return self.entry.meta

    def sync_entry(self) -> None:
        """Copy what was streamed so far into the output item (unless it was truncated)."""
        if self.entry is None or self.entry.meta.get("truncated"):
            return
        self.entry.audio_ms = self.audio_ms
        if self.entry.item["type"] in ("function_call", "mcp_call"):
            self.entry.item["arguments"] = self.sent
        elif self.entry.item.get("content"):
            self.entry.item["content"] = [self.content(self.sent)]

    def content(self, text: str) -> dict[str, Any]:
        """The output item's content part holding `text`."""
        return item_content(self.is_audio, text)

    def part(self, text: str) -> dict[str, Any]:
        """The content-part event ``part`` holding `text`."""
        return event_part(self.is_audio, text)

    def part_event(self, kind: str, part: dict[str, Any] | None = None, **fields: Any) -> Event:
        """An event about the output item's content part 0."""
        assert self.entry is not None
        if part is not None:
            fields["part"] = part
        return server_event(
            kind,
            response_id=self.id,
            item_id=self.entry.id,
            output_index=self.output_index,
            content_index=0,
            **fields,
        )

    def finish(self, status: str, reason: str | None = None) -> list[Event]:
        """The closing events for `status`; afterwards the run is `finished`."""
        events = closing_events(self, status, reason)
        self.status = status
        return events

    def response_object(
        self, status: str, details: Any = None, usage: Any = None
    ) -> dict[str, Any]:
        """The GA response object with this run's settings and output so far."""
        spec = self.spec
        current = [copy.deepcopy(self.entry.item)] if self.entry is not None else []
        output = [*copy.deepcopy(self.earlier), *current]
        return {
            "object": "realtime.response",
            "id": self.id,
            "status": status,
            "status_details": details,
            "output": output,
            "conversation_id": self.where.conversation_id if spec.in_conversation else None,
            "output_modalities": spec.modalities,
            "max_output_tokens": spec.max_output_tokens,
            "audio": {"output": {"format": spec.audio_format, "voice": spec.voice}},
            "usage": usage,
            "metadata": spec.metadata,
        }

    def usage(self) -> dict[str, Any]:
        """Usage of this response so far: its input, and only the output already sent."""
        earlier = self._earlier_output
        outputs = Tally(
            earlier.text + text_tokens(self.sent),
            earlier.audio + output_audio_tokens(self.audio_ms),
        )
        return usage_object(self.where.inputs, self.where.cached, outputs)
