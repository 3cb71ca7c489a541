"""GPT-Live server-event processing: our Live core vs validating with `openai.types.live`.

Two streams: 100 ms `session.output_audio.delta` events (4,800 bytes of PCM each) and one-word
`session.output_transcript.delta` events. Ours is `LiveSession.receive_message` +
`events_received` (parsing, the reply's item, typed events, base64 decoded to PCM); the
`openai` side is `ServerEvent` validation with pydantic (a `TypeAdapter` over the union, no
state, audio left in base64).

    python bench/live_events.py
"""

from __future__ import annotations

import base64
import functools
import json
import time
from collections.abc import Callable
from typing import Any

from assistant.realtime.live import LiveSession

PCM_100MS = base64.b64encode(bytes(4800)).decode("ascii")
STARTED = json.dumps(
    {
        "type": "session.started",
        "event_id": "e0",
        "session": {"id": "s", "expires_at": 1, "model": "gpt-live-1", "status": "active"},
    }
)


def audio_stream(n: int = 200) -> list[str]:
    return [json.dumps({"type": "session.output_audio.delta", "delta": PCM_100MS})] * n


def transcript_stream(n: int = 2000) -> list[str]:
    event = {"type": "session.output_transcript.delta", "event_id": "e", "delta": " word"}
    return [json.dumps({**event, "start_ms": i * 100, "end_ms": i * 100 + 90}) for i in range(n)]


def ours(stream: list[str]) -> None:
    session = LiveSession()
    session.connection_opened()
    session.receive_message(STARTED)
    for message in stream:
        session.receive_message(message)
        session.events_received()


@functools.cache
def _adapter() -> Any:
    from openai.types.live import ServerEvent
    from pydantic import TypeAdapter

    return TypeAdapter(ServerEvent)  # built once: schema building is not event processing


def openai_validate(stream: list[str]) -> None:
    adapter = _adapter()
    for message in stream:
        adapter.validate_json(message)


def best_rate(side: Callable[[list[str]], None], stream: list[str], rounds: int = 7) -> float:
    side(stream)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        side(stream)
        best = min(best, time.perf_counter() - start)
    return len(stream) / best


def main() -> None:
    print("Realtime core on the same machine, for scale: bench/realtime_events.py")
    print(f"{'stream':<12}{'ours ev/s':>14}{'openai ev/s':>14}{'ours/openai':>13}")
    for name, build in (("audio", audio_stream), ("transcript", transcript_stream)):
        stream = build()
        mine, theirs = best_rate(ours, stream), best_rate(openai_validate, stream)
        print(f"{name:<12}{mine:>14,.0f}{theirs:>14,.0f}{mine / theirs:>12.1f}x")


if __name__ == "__main__":
    main()
