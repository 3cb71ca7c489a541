"""Converting between core values (`Item`, `Usage`) and table rows, in one place.

The statements that name these columns are built here from constant column lists; every
value is bound as a parameter, never formatted into SQL (hence the S608 exemptions).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import fields
from typing import Any

from assistant.realtime import Item, ItemKind, ItemStatus, Usage, valid_text
from assistant.store.records import SessionMarker, StoredItem, TurnUsage

ITEM_COLUMNS = (
    "item_id, kind, type_name, role, status, text, heard_text, interrupted, heard_ms, cut_off, "
    "has_audio, audio_ms, name, call_id, arguments, output, server_label, approval_request_id, "
    "approved, error, tools, created_at"
)
ITEM_VALUES = ITEM_COLUMNS.count(",") + 1
USAGE_FIELDS = tuple(f.name for f in fields(Usage))
USAGE_COLUMNS = "kind, ref, " + ", ".join(USAGE_FIELDS) + ", cost_usd, created_at"
USAGE_VALUES = len(USAGE_FIELDS) + 4
MARKER_COLUMNS = "kind, after_item, session_id, model, detail, created_at"

SELECT_ITEMS = f"SELECT {ITEM_COLUMNS} FROM items WHERE conversation_id = ? ORDER BY position, id"  # noqa: S608
SELECT_USAGE = f"SELECT {USAGE_COLUMNS} FROM usage WHERE conversation_id = ? ORDER BY id"  # noqa: S608
SELECT_MARKERS = (
    f"SELECT {MARKER_COLUMNS} FROM session_markers WHERE conversation_id = ? ORDER BY id"  # noqa: S608
)
INSERT_USAGE = (
    f"INSERT INTO usage (conversation_id, {USAGE_COLUMNS}) VALUES (?{', ?' * USAGE_VALUES})"  # noqa: S608
)
INSERT_MARKER = (
    f"INSERT INTO session_markers (conversation_id, {MARKER_COLUMNS}) VALUES (?{', ?' * 6})"  # noqa: S608
)
UPSERT_ITEM = f"""
INSERT INTO items (conversation_id, position, {ITEM_COLUMNS}) VALUES (?, ?{", ?" * ITEM_VALUES})
ON CONFLICT (conversation_id, item_id) DO UPDATE SET
    position = excluded.position, kind = excluded.kind, type_name = excluded.type_name,
    role = excluded.role, status = excluded.status, text = excluded.text,
    heard_text = excluded.heard_text, interrupted = excluded.interrupted,
    heard_ms = excluded.heard_ms, cut_off = excluded.cut_off, has_audio = excluded.has_audio,
    audio_ms = excluded.audio_ms, name = excluded.name, call_id = excluded.call_id,
    arguments = excluded.arguments, output = excluded.output,
    server_label = excluded.server_label, approval_request_id = excluded.approval_request_id,
    approved = excluded.approved, error = excluded.error, tools = excluded.tools
"""  # noqa: S608  (created_at is kept from the first write)


def item_values(item: Item) -> tuple[Any, ...]:
    """Values for `ITEM_COLUMNS` up to, not including, `created_at` (text SQLite can encode)."""
    values = (
        item.id,
        item.kind.value,
        item.type_name,
        item.role,
        item.status.value,
        item.text,
        item.heard_text,
        int(item.interrupted),
        item.heard_ms,
        int(item.cut_off),
        int(item.has_audio),
        item.audio_ms,
        item.name,
        item.call_id,
        item.arguments,
        item.output,
        item.server_label,
        item.approval_request_id,
        None if item.approved is None else int(item.approved),
        item.error,
        json.dumps(list(item.tools)),
    )
    return tuple(valid_text(v) if isinstance(v, str) else v for v in values)


def stored_item(row: sqlite3.Row | tuple[Any, ...]) -> StoredItem:
    """A row selected with `ITEM_COLUMNS`."""
    (item_id, kind, type_name, role, status, text, heard_text, interrupted, heard_ms) = row[:9]
    (cut_off, has_audio, audio_ms, name, call_id, arguments, output) = row[9:16]
    (server_label, approval_request_id, approved, error, tools, created_at) = row[16:]
    item = Item(
        id=item_id,
        kind=_enum(ItemKind, kind, ItemKind.OTHER),
        role=role,
        status=_enum(ItemStatus, status, ItemStatus.INCOMPLETE),
        text=text,
        has_audio=bool(has_audio),
        audio_ms=float(audio_ms),
        interrupted=bool(interrupted),
        heard_ms=heard_ms,
        heard_text=heard_text,
        cut_off=bool(cut_off),
        name=name,
        call_id=call_id,
        arguments=arguments,
        output=output,
        type_name=type_name,
        server_label=server_label,
        approval_request_id=approval_request_id,
        approved=None if approved is None else bool(approved),
        error=error,
        tools=_tool_names(tools),
    )
    return StoredItem(item, float(created_at))


def usage_values(turn: TurnUsage) -> tuple[Any, ...]:
    usage = tuple(getattr(turn.usage, name) for name in USAGE_FIELDS)
    return (turn.kind, turn.ref, *usage, turn.cost_usd, turn.created_at)


def turn_usage(row: sqlite3.Row | tuple[Any, ...]) -> TurnUsage:
    """A row selected with `USAGE_COLUMNS`."""
    kind, ref, *counts, cost, created_at = row
    return TurnUsage(kind, ref, Usage(*counts), cost, float(created_at))


def marker_values(marker: SessionMarker) -> tuple[Any, ...]:
    return (
        marker.kind,
        marker.after_item,
        marker.session_id,
        marker.model,
        marker.detail,
        marker.created_at,
    )


def session_marker(row: sqlite3.Row | tuple[Any, ...]) -> SessionMarker:
    """A row selected with `MARKER_COLUMNS`."""
    kind, after_item, session_id, model, detail, created_at = row
    return SessionMarker(kind, after_item, session_id, model, detail, float(created_at))


def _tool_names(text: str) -> tuple[str, ...]:
    try:
        names = json.loads(text)
    except ValueError:
        return ()
    return tuple(n for n in names if isinstance(n, str)) if isinstance(names, list) else ()


def _enum(enum: Any, value: str, default: Any) -> Any:
    try:
        return enum(value)
    except ValueError:
        return default
