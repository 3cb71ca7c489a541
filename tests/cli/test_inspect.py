"""`realtime-assistant inspect` as a real process on hostile and ordinary logs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import cli

DATA = Path(__file__).parent.parent / "data"


def server(event: dict[str, object]) -> str:
    return json.dumps({"t": 1.0, "dir": "server", "event": event})


SESSION = server({"type": "session.created", "session": {"id": "sess_1", "model": "gpt-realtime"}})
ASSISTANT = {
    "id": "item_a",
    "type": "message",
    "role": "assistant",
    "status": "in_progress",
    "content": [{"type": "output_audio", "transcript": ""}],
}


DEEP = json.loads("[" * 900 + "]" * 900)


def audio_delta(elided: object) -> str:
    where = {"response_id": "resp_1", "item_id": "item_a", "output_index": 0, "content_index": 0}
    event = {"type": "response.output_audio.delta", **where, "delta": {"elided_bytes": elided}}
    return server(event)


def added(item: dict[str, object]) -> str:
    return server({"type": "conversation.item.added", "previous_item_id": None, "item": item})


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 64,  # a binary file
        ("[" * 100_000 + "]" * 100_000 + "\n").encode(),  # nesting beyond the parser
        "\n".join([SESSION, added(ASSISTANT), audio_delta(-1)]).encode(),
        "\n".join([SESSION, added(ASSISTANT), audio_delta(10**12)]).encode(),
        "\n".join([SESSION, added(ASSISTANT), audio_delta("12")]).encode(),
        (
            SESSION + "\n" + server({"type": "x", "deep": json.loads("[" * 900 + "]" * 900)})
        ).encode(),
    ],
    ids=["binary", "nested", "negative", "huge", "not-a-number", "deep-event"],
)
async def test_hostile_logs_never_give_a_traceback(tmp_path: Path, content: bytes) -> None:
    log = tmp_path / "log.jsonl"
    log.write_bytes(content)
    for extra in ([], ["--json"]):
        code, out, err = await cli("inspect", str(log), *extra)
        assert code == 0, err
        assert "Traceback" not in err and out


async def test_a_lone_surrogate_is_printed_as_a_replacement_character(tmp_path: Path) -> None:
    user = {
        "id": "item_u",
        "type": "message",
        "role": "user",
        "status": "completed",
        "content": [{"type": "input_text", "text": "caf\udce9 \ud83d"}],
    }
    log = tmp_path / "log.jsonl"
    log.write_text(SESSION + "\n" + added(user) + "\n", encoding="utf-8")  # json escapes them
    code, out, err = await cli("inspect", str(log), "--json")
    assert code == 0, err
    assert json.loads(out.splitlines()[0])["text"] == "caf\ufffd \ufffd"


async def test_json_keeps_function_calls_and_their_outputs() -> None:
    code, out, err = await cli("inspect", str(DATA / "azure_preview_function_call.jsonl"), "--json")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    call = next(r for r in rows if r.get("item_type") == "function_call")
    output = next(r for r in rows if r.get("item_type") == "function_call_output")
    assert call["name"] == "get_weather" and json.loads(call["arguments"])["location"] == "Tokyo"
    assert output["call_id"] == call["call_id"] and output["output"].startswith("Rainy")


async def test_a_reply_the_server_truncated_is_marked_interrupted(tmp_path: Path) -> None:
    truncated = server(
        {
            "type": "conversation.item.truncated",
            "item_id": "item_a",
            "content_index": 0,
            "audio_end_ms": 1500,
        }
    )
    log = tmp_path / "log.jsonl"
    log.write_text("\n".join([SESSION, added(ASSISTANT), audio_delta(96_000), truncated]) + "\n")
    code, out, err = await cli("inspect", str(log), "--json")
    assert code == 0, err
    reply = json.loads(out.splitlines()[0])
    assert reply["interrupted"] is True and reply["interrupted_at_ms"] == 1500
    code, out, err = await cli("inspect", str(log))
    assert "[interrupted at 1.5 s]" in out
