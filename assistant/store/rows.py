"""Converting between core values (`Item`, `Usage`) and table rows, in one place.

An item is stored as its kind and a JSON payload of its fields (`realtime.payloads.to_payload`).

The statements that name these columns are built here from constant column lists; every
value is bound as a parameter, never formatted into SQL (hence the S608 exemptions).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import fields
from typing import Any

from assistant.realtime import Item, ItemKind, Usage, valid_text
from assistant.realtime.payloads import from_payload, to_payload
from assistant.store.records import SessionMarker, StoredItem, TurnUsage

ITEM_COLUMNS = "item_id, kind, payload, created_at"
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
    position = excluded.position, kind = excluded.kind, payload = excluded.payload
"""  # noqa: S608  (created_at is kept from the first write)


def item_values(item: Item) -> tuple[Any, ...]:
    """Values for `ITEM_COLUMNS` up to, not including, `created_at` (text SQLite can encode)."""
    payload = json.dumps(to_payload(item), ensure_ascii=False)
    return (valid_text(item.id), item.kind.value, valid_text(payload))


def stored_item(row: sqlite3.Row | tuple[Any, ...]) -> StoredItem:
    """A row selected with `ITEM_COLUMNS`; a damaged payload leaves the item's defaults."""
    item_id, kind, payload, created_at = row
    try:
        fields = json.loads(payload)
    except ValueError:
        fields = {}
    values = fields if isinstance(fields, dict) else {}
    item = from_payload(_enum(ItemKind, kind, ItemKind.OTHER), item_id, values)
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


def _enum(enum: Any, value: str, default: Any) -> Any:
    try:
        return enum(value)
    except ValueError:
        return default
