"""Scripted GA conversations for the store tests, built from `tests.realtime.wire` (every
server event validated against the openai models), fed to a real `Session`."""

from __future__ import annotations

import json
from itertools import count
from typing import Any

from assistant.realtime import Event, Session, SessionConfig
from tests.realtime import wire


class Clock:
    """A deterministic clock: each reading is one second after the last."""

    def __init__(self, start: float = 1_750_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def new_session(config: SessionConfig | None = None) -> Session:
    ids = count(1)
    return Session(config or SessionConfig(), new_item_id=lambda: f"item_local{next(ids)}")


def user_audio(item_id: str, previous: str | None) -> str:
    """A server-VAD user turn whose transcript is not there yet."""
    item = {**wire.message(item_id, "user"), "content": [{"type": "input_audio"}]}
    return wire.item_added(item, previous)


def transcript(item_id: str, text: str) -> str:
    return wire.event(
        "conversation.item.input_audio_transcription.completed",
        item_id=item_id,
        content_index=0,
        transcript=text,
        usage={"type": "duration", "seconds": 1.0},
    )


def reply_start(response_id: str, item_id: str, previous: str | None) -> list[str]:
    item = wire.message(item_id, "assistant", status="in_progress")
    return [
        wire.response_created(response_id),
        wire.output_item_added(response_id, item),
        wire.item_added(item, previous),
    ]


def reply_words(response_id: str, item_id: str, words: list[str], ms: int = 100) -> list[str]:
    seq = []
    for word in words:
        seq.append(wire.transcript_delta(response_id, item_id, word))
        seq.append(wire.audio_delta(response_id, item_id, ms))
    return seq


def reply_end(response_id: str, item_id: str, text: str) -> list[str]:
    done = {**wire.message(item_id, "assistant"), "content": [{"type": "output_audio"}]}
    return [
        wire.audio_done(response_id, item_id),
        wire.transcript_done(response_id, item_id, text),
        wire.output_item_done(response_id, done),
        wire.response_done(response_id, [done]),
    ]


def spoken_reply(
    response_id: str, item_id: str, previous: str | None, words: list[str]
) -> list[str]:
    return (
        reply_start(response_id, item_id, previous)
        + reply_words(response_id, item_id, words)
        + reply_end(response_id, item_id, "".join(words))
    )


def text_reply(response_id: str, item_id: str, previous: str | None, text: str) -> list[str]:
    item = wire.message(item_id, "assistant", status="in_progress")
    done = wire.message(item_id, "assistant", text)
    return [
        wire.response_created(response_id),
        wire.output_item_added(response_id, item),
        wire.item_added(item, previous),
        wire.text_delta(response_id, item_id, text),
        wire.output_item_done(response_id, done),
        wire.response_done(response_id, [done]),
    ]


def tool_turn(response_id: str, item_id: str, call_id: str, name: str, args: str) -> list[str]:
    call = wire.function_call(item_id, call_id, name, args)
    return [
        wire.response_created(response_id),
        wire.output_item_done(response_id, call),
        wire.response_done(response_id, [call]),
    ]


def echo(item: dict[str, Any], previous: str | None) -> str:
    """The server confirming an item the client created."""
    return wire.item_added(item, previous)


def feed(session: Session, handler: Any, *messages: str) -> list[Event]:
    """Give each message to the session and its events to `handler`, as the transport does."""
    seen: list[Event] = []
    for message in messages:
        session.receive_message(message)
        for event in session.events_received():
            seen.append(event)
            handler(event)
    session.messages_to_send()
    return seen


def sent(session: Session) -> list[dict[str, Any]]:
    return [json.loads(m) for m in session.messages_to_send()]
