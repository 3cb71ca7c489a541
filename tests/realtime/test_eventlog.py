"""The event log elides audio and round-trips server events."""

from __future__ import annotations

import base64
import json

from assistant.realtime.eventlog import log_line, read_server_events, redact


def test_audio_payloads_become_byte_counts() -> None:
    audio = base64.b64encode(b"\0" * 4800).decode()
    append = redact({"type": "input_audio_buffer.append", "audio": audio})
    delta = redact({"type": "response.output_audio.delta", "delta": audio, "item_id": "i"})
    item = redact(
        {
            "type": "conversation.item.create",
            "item": {"type": "message", "content": [{"type": "input_audio", "audio": audio}]},
        }
    )
    assert append["audio"] == {"elided_bytes": 4800}
    assert delta["delta"] == {"elided_bytes": 4800} and delta["item_id"] == "i"
    assert item["item"]["content"][0]["audio"] == {"elided_bytes": 4800}


def test_server_events_are_read_back_in_order() -> None:
    lines = [
        log_line(1.0, "client", {"type": "response.create"}),
        log_line(1.5, "server", {"type": "response.created", "response": {"id": "r"}}),
        "garbage",
        "[]",
        json.dumps({"type": "response.done"}),
    ]
    assert [e["type"] for e in read_server_events(lines)] == ["response.created", "response.done"]
