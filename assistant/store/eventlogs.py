"""Exporting a session event log for a bug report: audio elided, nothing secret.

Logs are JSONL in the format of `assistant.realtime.eventlog` (audio is already elided when
they are written, and keys never appear in events). The export checks again instead of
trusting the file: every event is redacted once more, fields that can carry credentials
(ephemeral `client_secret`s, `api_key`, `authorization`) are blanked, text that looks like
an API key is masked, and lines that are not log entries are left out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from assistant.realtime.eventlog import redact
from assistant.store.private import private_opener

REDACTED = "[redacted]"
_SECRET_FIELDS = {"api_key", "api-key", "authorization", "client_secret", "token", "password"}
_KEY_LIKE = re.compile(r"\b(?:sk|ek|rk)[-_][A-Za-z0-9_\-]{16,}|\bBearer\s+[A-Za-z0-9._\-]{8,}")


def export_event_log(source: Path, destination: Path) -> int:
    """Copy the log at `source` to `destination`, cleaned; returns the entries written."""
    written = 0
    with (
        source.open(encoding="utf-8", errors="replace") as lines,
        open(destination, "w", encoding="utf-8", opener=private_opener) as out,
    ):
        for line in lines:
            entry = clean_entry(line)
            if entry is not None:
                out.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")
                written += 1
    return written


def clean_entry(line: str) -> dict[str, Any] | None:
    """One log line made safe to share, or None when it is not a log entry."""
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("event"), dict):
        return None
    event = _scrub(redact(entry["event"]))
    return {"t": entry.get("t"), "dir": entry.get("dir"), "event": event}


def _scrub(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: REDACTED if str(key).lower() in _SECRET_FIELDS else _scrub(inner)
            for key, inner in value.items()
        }
    if isinstance(value, list):
        return [_scrub(inner) for inner in value]
    if isinstance(value, str):
        return _KEY_LIKE.sub(REDACTED, value)
    return value
