"""The session event log format: one JSON object per line, audio and pictures elided, no secrets.

Each line is `{"t": seconds, "dir": "client"|"server", "event": {...}}`. Audio payloads are
replaced by `{"elided_bytes": N}` so logs stay small and shareable; a picture's data URL keeps
its type (`data:image/png;base64,`) and its part gets `elided_bytes`. API keys live only in
handshake headers, which are not logged; the one secret events carry, an MCP tool's
`authorization` token and `headers` values (in `session`, `response.tools`), is replaced by
`"[elided]"`. `read_server_events` gives back the server side, enough to rebuild a conversation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from assistant.realtime.text import valid_text

_AUDIO_DELTAS = {
    "response.output_audio.delta",
    "response.audio.delta",
    "session.output_audio.delta",  # GPT-Live
}
_AUDIO_APPENDS = {"input_audio_buffer.append", "session.input_audio.append"}  # GA, GPT-Live


def _elided(b64: str) -> dict[str, int]:
    """The decoded size from the length and padding: decoding every audio delta only to count
    its bytes took most of the time a log line costs."""
    padding = len(b64) - len(b64.rstrip("=")) if len(b64) % 4 == 0 else 0
    return {"elided_bytes": len(b64) * 3 // 4 - min(padding, 2)}


ELIDED = "[elided]"


def redact(event: dict[str, Any]) -> dict[str, Any]:
    """A copy of `event` with audio replaced by its byte count and MCP secrets elided."""
    for key in ("session", "response"):
        holder = event.get(key)
        if isinstance(holder, dict) and isinstance(holder.get("tools"), list):
            event = {**event, key: {**holder, "tools": [_redact_tool(t) for t in holder["tools"]]}}
    kind = event.get("type")
    if kind in _AUDIO_APPENDS and isinstance(event.get("audio"), str):
        return {**event, "audio": _elided(event["audio"])}
    if kind in _AUDIO_DELTAS and isinstance(event.get("delta"), str):
        return {**event, "delta": _elided(event["delta"])}
    item = event.get("item")
    if isinstance(item, dict) and isinstance(item.get("content"), list):
        content = [_redact_part(part) for part in item["content"]]
        return {**event, "item": {**item, "content": content}}
    return event


def _redact_tool(tool: Any) -> Any:
    if not isinstance(tool, dict) or tool.get("type") != "mcp":
        return tool
    tool = dict(tool)
    if tool.get("authorization") is not None:
        tool["authorization"] = ELIDED
    if isinstance(tool.get("headers"), dict):
        tool["headers"] = dict.fromkeys(tool["headers"], ELIDED)
    return tool


def _redact_part(part: Any) -> Any:
    if isinstance(part, dict) and isinstance(part.get("audio"), str):
        return {**part, "audio": _elided(part["audio"])}
    url = part.get("image_url") if isinstance(part, dict) else None
    if isinstance(url, str) and url.startswith("data:"):  # a picture: its type, not its bytes
        kind, _, data = url.partition(",")
        return {**part, "image_url": f"{kind},", "elided_bytes": _elided(data)["elided_bytes"]}
    return part


def log_line(t: float, direction: str, event: dict[str, Any]) -> str:
    entry = {"t": round(t, 3), "dir": direction, "event": redact(event)}
    return valid_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))


def read_server_events(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """The server events of a log, in order. Lines that are not log entries are skipped.

    Also accepts a plain list of server events, one per line (as servers send them).
    """
    for line in lines:
        try:
            entry = json.loads(line)
        except (ValueError, RecursionError):  # not JSON, or nested beyond the parser's reach
            continue
        if not isinstance(entry, dict):
            continue
        if "dir" in entry and isinstance(entry.get("event"), dict):
            if entry["dir"] == "server":
                yield entry["event"]
        elif isinstance(entry.get("type"), str):
            yield entry
