"""The events that close a response, for any final status.

For a message: ``response.output_audio.done`` + ``response.output_audio_transcript.done`` (or
``response.output_text.done``) and ``response.content_part.done``; for a function call
``response.function_call_arguments.done`` (also sent when cancelled, like the service); then
``response.output_item.done`` and ``conversation.item.done`` with the item ``completed`` or
``incomplete``, and ``response.done`` whose ``status_details`` is null when completed, else
``{"type": status, "reason": reason}``. Texts and usage describe only what was already sent.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from .events import Event, server_event

if TYPE_CHECKING:
    from .response import ResponseRun


def closing_events(run: ResponseRun, status: str, reason: str | None) -> list[Event]:
    """All events from the end of the content to ``response.done``."""
    events: list[Event] = []
    if run.entry is not None:
        events += close_item(run, status)
    details = None if status == "completed" else {"type": status, "reason": reason}
    response = run.response_object(status, details, run.usage())
    return [*events, server_event("response.done", response=response)]


def close_item(run: ResponseRun, status: str) -> list[Event]:
    """The events that end the current output item: its content, then the item itself."""
    return [*_close_content(run), *_close_item(run, status)]


def _close_content(run: ResponseRun) -> list[Event]:
    assert run.entry is not None
    if run.entry.item["type"] == "function_call":
        return [_arguments_done(run)]
    if not run.part_open:
        return []
    if run.is_audio:
        events = [
            run.part_event("response.output_audio.done"),
            run.part_event("response.output_audio_transcript.done", transcript=run.sent),
        ]
    else:
        events = [run.part_event("response.output_text.done", text=run.sent)]
    return [*events, run.part_event("response.content_part.done", part=run.part(run.sent))]


def _arguments_done(run: ResponseRun) -> Event:
    assert run.entry is not None
    item = run.entry.item
    return server_event(
        "response.function_call_arguments.done",
        response_id=run.id,
        item_id=run.entry.id,
        output_index=run.output_index,
        call_id=item["call_id"],
        name=item["name"],
        arguments=run.sent,
    )


def _close_item(run: ResponseRun, status: str) -> list[Event]:
    assert run.entry is not None
    item = run.entry.item
    item["status"] = "completed" if status == "completed" else "incomplete"
    run.sync_entry()
    done = server_event(
        "response.output_item.done",
        response_id=run.id,
        output_index=run.output_index,
        item=copy.deepcopy(item),
    )
    if not run.spec.in_conversation:
        return [done]
    return [done, server_event("conversation.item.done", item=copy.deepcopy(item))]
