"""Server-event processing throughput: our core vs the `openai` package's `parse_event`.

Three streams of GA server events, the same for both sides:
  audio      100 ms output audio deltas (4,800 bytes of PCM each, base64 in JSON)
  transcript output audio transcript deltas (one word each)
  turn       a whole spoken reply: created, item events, 20 x (transcript + 100 ms audio), done
Ours is `Session.receive_message` + `events_received` (parsing, state, typed events, base64
decoded to PCM ready for the speaker). The `openai` side is `RealtimeConnection.parse_event`
(json + pydantic construction, no base64 decode), and the same plus the base64 decode a client
must still do before playback, so the comparison is like for like.

    python bench/realtime_events.py            # table of events/s and the ratio
    python bench/realtime_events.py --only ours --stream turn --repeat 200   # one side, for
                                                 # whole-process timing with an external timer
"""

from __future__ import annotations

import argparse
import base64
import json
import time
from collections.abc import Callable
from typing import Any

from assistant.realtime import Session, SessionConfig

PCM_100MS = base64.b64encode(bytes(4800)).decode("ascii")


def _ev(kind: str, **fields: Any) -> str:
    return json.dumps({"type": kind, "event_id": "event_x", **fields})


def _part(delta: str) -> dict[str, Any]:
    return {
        "response_id": "resp_1",
        "item_id": "item_a",
        "output_index": 0,
        "content_index": 0,
        "delta": delta,
    }


def audio_stream(n: int = 200) -> list[str]:
    return [_ev("response.output_audio.delta", **_part(PCM_100MS)) for _ in range(n)]


def transcript_stream(n: int = 2000) -> list[str]:
    return [_ev("response.output_audio_transcript.delta", **_part(" word")) for _ in range(n)]


def turn_stream() -> list[str]:
    item = {
        "id": "item_a",
        "object": "realtime.item",
        "type": "message",
        "role": "assistant",
        "status": "in_progress",
        "content": [],
    }
    usage = {
        "total_tokens": 900,
        "input_tokens": 800,
        "output_tokens": 100,
        "input_token_details": {"text_tokens": 300, "audio_tokens": 500, "cached_tokens": 0},
        "output_token_details": {"text_tokens": 20, "audio_tokens": 80},
    }
    events = [
        _ev("response.created", response={"id": "resp_1", "status": "in_progress"}),
        _ev("response.output_item.added", response_id="resp_1", output_index=0, item=item),
        _ev("conversation.item.added", previous_item_id=None, item=item),
    ]
    for _ in range(20):
        events.append(_ev("response.output_audio_transcript.delta", **_part(" word")))
        events.append(_ev("response.output_audio.delta", **_part(PCM_100MS)))
    done = {**item, "status": "completed"}
    events += [
        _ev("response.output_audio.done", **_part("")),
        _ev("response.output_item.done", response_id="resp_1", output_index=0, item=done),
        _ev(
            "response.done",
            response={"id": "resp_1", "status": "completed", "output": [done], "usage": usage},
        ),
    ]
    return events


STREAMS: dict[str, Callable[[], list[str]]] = {
    "audio": audio_stream,
    "transcript": transcript_stream,
    "turn": turn_stream,
}


def ours(stream: list[str]) -> None:
    session = Session(SessionConfig(), model="gpt-realtime")
    session.receive_message(_ev("session.created", session={"id": "s", "model": "gpt-realtime"}))
    session.receive_message(
        _ev(
            "conversation.item.added",
            previous_item_id=None,
            item={
                "id": "item_a",
                "type": "message",
                "role": "assistant",
                "status": "in_progress",
                "content": [],
            },
        )
    )
    for message in stream:
        session.receive_message(message)
        session.events_received()


def _openai_parser() -> Callable[[str], Any]:
    from openai.resources.realtime.realtime import RealtimeConnection

    return lambda data: RealtimeConnection.parse_event(None, data)  # type: ignore[arg-type]


def openai_parse(stream: list[str]) -> None:
    parse = _openai_parser()
    for message in stream:
        parse(message)


def openai_parse_decode(stream: list[str]) -> None:
    parse = _openai_parser()
    for message in stream:
        event = parse(message)
        if event.type == "response.output_audio.delta":
            base64.b64decode(event.delta)


SIDES: dict[str, Callable[[list[str]], None]] = {
    "ours": ours,
    "openai": openai_parse,
    "openai+b64": openai_parse_decode,
}


def best_rate(side: Callable[[list[str]], None], stream: list[str], rounds: int) -> float:
    """Events per second, best of `rounds` (the least disturbed run)."""
    side(stream)  # warm-up: imports, caches
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        side(stream)
        best = min(best, time.perf_counter() - start)
    return len(stream) / best


def table(rounds: int) -> None:
    header = ("stream", "ours ev/s", "openai ev/s", "openai+b64 ev/s", "ours/openai")
    print(f"{header[0]:<12}{header[1]:>14}{header[2]:>14}{header[3]:>17}{header[4]:>13}")
    for name, build in STREAMS.items():
        stream = build()
        rates = {side: best_rate(fn, stream, rounds) for side, fn in SIDES.items()}
        ratio = rates["ours"] / rates["openai"]
        print(
            f"{name:<12}{rates['ours']:>14,.0f}{rates['openai']:>14,.0f}"
            f"{rates['openai+b64']:>17,.0f}{ratio:>12.1f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(SIDES))
    parser.add_argument("--stream", choices=sorted(STREAMS), default="turn")
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    if args.only:
        stream = STREAMS[args.stream]()
        for _ in range(args.repeat):
            SIDES[args.only](stream)
        return
    table(args.rounds)


if __name__ == "__main__":
    main()
