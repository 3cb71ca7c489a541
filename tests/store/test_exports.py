"""Export to Markdown and JSON; JSON imports back to the same conversation; event logs."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.realtime import SessionConfig, SpeakerSegment
from assistant.realtime.eventlog import log_line
from assistant.store import (
    ConversationRecorder,
    HistoryStore,
    ImportFailed,
    SessionMarker,
    StoreError,
    dumps,
    export_event_log,
    loads,
    to_markdown,
)
from tests.realtime import wire
from tests.store import turns


def rich_conversation(store: HistoryStore) -> str:
    """Speech, a late transcript, a tool call, an interruption and a reconnect."""
    session = turns.new_session(SessionConfig())
    recorder = ConversationRecorder(store, session, profile="openai", clock=turns.Clock())
    feed = lambda *m: turns.feed(session, recorder.on_event, *m)  # noqa: E731
    feed(wire.session_created())
    feed(turns.user_audio("item_u1", None))
    feed(*turns.tool_turn("resp_1", "item_f", "call_1", "get_time", '{"tz":"UTC"}'))
    session.submit_tool_output("call_1", "12:00")
    out_id = session.conversation.items()[-1].id
    result = {
        "id": out_id,
        "object": "realtime.item",
        "type": "function_call_output",
        "status": "completed",
        "call_id": "call_1",
        "output": "12:00",
    }
    feed(turns.echo(result, "item_f"))
    feed(turns.transcript("item_u1", "what time is it in Zürich?"))
    feed(*turns.spoken_reply("resp_2", "item_a", out_id, ["It is", " noon", " there", " now."]))
    session.interrupt(120)
    for event in session.events_received():
        recorder.on_event(event)
    session.connection_lost()
    feed(wire.session_created())
    store.rename(recorder.conversation_id or "", "Time *check*")
    return recorder.conversation_id or ""


def test_json_export_imports_back_to_the_same_conversation(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "a.sqlite3") as first:
        cid = rich_conversation(first)
        exported = dumps(first.load(cid))
    with HistoryStore.open(tmp_path / "b.sqlite3") as second:
        second.insert_record(loads(exported))
        assert second.load(cid) == loads(exported)
        assert dumps(second.load(cid)) == exported
        assert [h.item_id for h in second.search("Zürich")] == ["item_u1"]
        with pytest.raises(StoreError, match="already in the history"):
            second.insert_record(loads(exported))
        damaged = loads(exported)
        bad_marker = SessionMarker(None, None, None, None, "", 0.0)  # type: ignore[arg-type]
        damaged = type(damaged)(damaged.summary, damaged.items, damaged.usage, (bad_marker,))
        with pytest.raises(sqlite3.IntegrityError):  # fails last: the old copy stays whole
            second.insert_record(damaged, replace=True)
        assert dumps(second.load(cid)) == exported
        second.insert_record(loads(exported), replace=True)
        assert dumps(second.load(cid)) == exported


def test_json_export_carries_every_mark(store: HistoryStore) -> None:
    data = json.loads(dumps(store.load(rich_conversation(store))))
    assert data["format"] == "realtime-assistant/conversation" and data["version"] == 2
    assert data["conversation"]["title"] == "Time *check*"
    kinds = [(i["kind"], i["role"]) for i in data["items"]]
    assert kinds == [
        ("message", "user"),
        ("function_call", None),
        ("function_call_output", None),
        ("message", "assistant"),
    ]
    reply = data["items"][-1]
    assert reply["interrupted"] and reply["heard_ms"] == 120 and reply["heard_text"] == "It is"
    assert [u["ref"] for u in data["usage"]] == ["resp_1", "item_u1", "resp_2"]
    assert [m["kind"] for m in data["markers"]] == ["new_session"]


def test_markdown_reads_like_the_conversation(store: HistoryStore) -> None:
    text = to_markdown(store.load(rich_conversation(store)))
    lines = [line for line in text.splitlines() if line]
    assert lines[0] == "# Time *check*"
    assert lines[1].startswith("*2025-06-15 ") and "gpt-realtime" in lines[1]
    assert lines[2:] == [
        "**You:** what time is it in Zürich?",
        '**Tool call:** `get_time({"tz":"UTC"})`',
        "**Tool result:** 12:00",
        "**Assistant:** It is *(interrupted after 0.1 s)*",
        lines[-1],
    ]
    assert lines[-1].startswith("--- *new server session, ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ("[]", "not a Realtime Assistant conversation export"),
        ('{"format": "realtime-assistant/conversation", "version": 9}', "version 9"),
        ('{"format": "realtime-assistant/conversation", "version": 1}', "damaged"),
    ],
)
def test_import_refuses_what_it_cannot_read(text: str, message: str) -> None:
    with pytest.raises(ImportFailed, match=message):
        loads(text)


def test_a_damaged_item_is_refused(store: HistoryStore) -> None:
    data = json.loads(dumps(store.load(rich_conversation(store))))
    data["items"][0]["kind"] = "hologram"
    with pytest.raises(ImportFailed, match="damaged"):
        loads(json.dumps(data))


def test_an_export_from_before_the_mcp_fields_still_imports(store: HistoryStore) -> None:
    cid = rich_conversation(store)
    data = json.loads(dumps(store.load(cid)))
    newer = ("server_label", "approval_request_id", "approved", "error", "tools")
    for item in data["items"]:
        for name in newer:
            item.pop(name, None)
    assert loads(json.dumps(data)) == store.load(cid)


def test_event_log_export_has_no_audio_and_no_secrets(tmp_path: Path) -> None:
    source, target = tmp_path / "session.jsonl", tmp_path / "report.jsonl"
    audio = "AAAA" * 100
    lines = [
        log_line(1.0, "client", {"type": "input_audio_buffer.append", "audio": audio}),
        json.dumps(
            {
                "t": 2,
                "dir": "server",
                "event": {"type": "response.output_audio.delta", "delta": audio},
            }
        ),
        log_line(
            3.0,
            "server",
            {
                "type": "session.created",
                "session": {
                    "client_secret": {"value": "ek_abc"},
                    "instructions": "key sk-proj-FAKE-test-key-0000000000",
                },
            },
        ),
        "not a log line",
        log_line(4.0, "server", {"type": "response.done", "response": {"id": "r"}}),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert export_event_log(source, target) == 4
    text = target.read_text(encoding="utf-8")
    assert audio not in text and "ek_abc" not in text and "sk-proj" not in text
    entries = [json.loads(line) for line in text.splitlines()]
    assert entries[0]["event"]["audio"] == {"elided_bytes": 300}
    assert entries[1]["event"]["delta"] == {"elided_bytes": 300}
    assert entries[2]["event"]["session"]["client_secret"] == "[redacted]"
    assert entries[3] == {
        "t": 4.0,
        "dir": "server",
        "event": {"type": "response.done", "response": {"id": "r"}},
    }


def test_phases_and_speakers_survive_an_export(store: HistoryStore) -> None:
    record = store.load(rich_conversation(store))
    first = record.items[0]
    segments = (SpeakerSegment("A", "what time", 0.0, 0.8), SpeakerSegment("B", "is it", 1.2, 1.6))
    marked = replace(first, item=replace(first.item, segments=segments, phase=None))
    reply = replace(record.items[-1], item=replace(record.items[-1].item, phase="final_answer"))
    record = replace(record, items=(marked, *record.items[1:-1], reply))
    assert loads(dumps(record)) == record
    data = json.loads(dumps(record))
    data["items"][0]["segments"] = [{"speaker": "A"}]
    with pytest.raises(ImportFailed, match="damaged"):
        loads(json.dumps(data))
