"""Exporting a stored conversation to Markdown (to read) and JSON (to keep or move), and
reading a JSON export back.

The JSON export holds everything the store has about the conversation (items with their
marks, usage per turn, session markers, timestamps), so importing it gives back the same
conversation: same id, same items in the same order, same totals. Its shape is versioned
(`"format"`, `"version"`); an import refuses what it does not know with `ImportFailed`.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any

from assistant.realtime import (
    Item,
    ItemKind,
    ItemStatus,
    Usage,
)
from assistant.realtime.items import role_of
from assistant.realtime.payloads import from_payload, to_payload
from assistant.store.errors import ImportFailed
from assistant.store.records import (
    ConversationRecord,
    ConversationSummary,
    SessionMarker,
    StoredItem,
    TurnUsage,
)
from assistant.store.rows import USAGE_FIELDS
from assistant.store.transcript import describe

FORMAT = "realtime-assistant/conversation"
VERSION = 2  # 1: every item had every field (the v2 database columns)
READABLE = (1, 2)


def to_json(record: ConversationRecord) -> dict[str, Any]:
    """The whole conversation as plain JSON values."""
    head = record.summary
    return {
        "format": FORMAT,
        "version": VERSION,
        "conversation": {
            "id": head.id,
            "title": head.title if head.custom_title else None,
            "shown_title": head.title,
            "created_at": head.created_at,
            "updated_at": head.updated_at,
            "profile": head.profile,
            "model": head.model,
            "total_tokens": head.total_tokens,
            "cost_usd": head.cost_usd,
            "cost_complete": head.cost_complete,
        },
        "items": [_item_json(stored) for stored in record.items],
        "usage": [_usage_json(turn) for turn in record.usage],
        "markers": [_marker_json(marker) for marker in record.markers],
    }


def dumps(record: ConversationRecord) -> str:
    return json.dumps(to_json(record), ensure_ascii=False, indent=2) + "\n"


def _item_json(stored: StoredItem) -> dict[str, Any]:
    item = stored.item
    role = role_of(item)  # every item says its role (None: not a message), as version 1 did
    head = {"id": item.id, "kind": item.kind.value, "role": role.value if role else None}
    return {**head, **to_payload(item), "created_at": stored.created_at}


def _usage_json(turn: TurnUsage) -> dict[str, Any]:
    counts = {name: getattr(turn.usage, name) for name in USAGE_FIELDS}
    return {
        "kind": turn.kind,
        "ref": turn.ref,
        **counts,
        "cost_usd": turn.cost_usd,
        "created_at": turn.created_at,
    }


def _marker_json(marker: SessionMarker) -> dict[str, Any]:
    return {name.name: getattr(marker, name.name) for name in fields(SessionMarker)}


def from_json(data: Any) -> ConversationRecord:
    """A record from `to_json` output; raises `ImportFailed` for anything else."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFailed("this is not a Realtime Assistant conversation export")
    if data.get("version") not in READABLE:
        raise ImportFailed(f"conversation export version {data.get('version')!r} is not known")
    try:
        head = data["conversation"]
        items = tuple(_stored_item(entry) for entry in data["items"])
        summary = ConversationSummary(
            id=str(head["id"]),
            title=head["title"] or head.get("shown_title") or "",
            custom_title=bool(head["title"]),
            created_at=float(head["created_at"]),
            updated_at=float(head["updated_at"]),
            profile=head["profile"],
            model=head["model"],
            total_tokens=int(head["total_tokens"]),
            cost_usd=float(head["cost_usd"]),
            cost_complete=bool(head["cost_complete"]),
            item_count=len(items),
        )
        usage = tuple(_turn(entry) for entry in data["usage"])
        markers = tuple(SessionMarker(**entry) for entry in data["markers"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ImportFailed(f"the conversation export is damaged ({exc!r})") from None
    if not summary.id:
        raise ImportFailed("the conversation export has no conversation id")
    return ConversationRecord(summary, items, usage, markers)


def loads(text: str) -> ConversationRecord:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ImportFailed(f"the file is not JSON ({exc})") from None
    return from_json(data)


def _stored_item(entry: dict[str, Any]) -> StoredItem:
    """An item of either version (fields of other kinds are ignored, missing or null ones
    defaulted). A value the item cannot hold as it is (a damaged export) raises ValueError."""
    ItemStatus(entry["status"])
    item = from_payload(ItemKind(entry["kind"]), str(entry["id"]), entry)
    kept = to_payload(item)
    lost = [name for name, value in kept.items() if entry.get(name) not in (None, value)]
    if lost:
        raise ValueError(f"item {item.id}: {', '.join(lost)}")
    return StoredItem(item, float(entry["created_at"]))


def _turn(entry: dict[str, Any]) -> TurnUsage:
    usage = Usage(**{name: entry[name] for name in USAGE_FIELDS})
    return TurnUsage(entry["kind"], entry["ref"], usage, entry["cost_usd"], entry["created_at"])


# Markdown


def to_markdown(record: ConversationRecord) -> str:
    """The conversation as a readable Markdown document (not meant to be imported)."""
    head = record.summary
    lines = [f"# {head.title}", "", f"*{_facts(head)}*", ""]
    for entry in record.in_order():
        if isinstance(entry, SessionMarker):
            lines += [_marker_markdown(entry), ""]
        else:
            lines += [_item_markdown(entry.item), ""]
    return "\n".join(lines).rstrip() + "\n"


def _facts(head: ConversationSummary) -> str:
    parts = [_date(head.created_at)]
    if head.model:
        parts.append(head.model)
    parts.append(f"{head.total_tokens:,} tokens")
    if head.total_tokens:
        parts.append(f"${head.cost_usd:.4f}" + ("" if head.cost_complete else " (partly unpriced)"))
    return " · ".join(parts)


def _date(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M UTC")


_LABELS = {
    "user": "You",
    "assistant": "Assistant",
    "system": "System",
    "tool call": "Tool call",
    "tool result": "Tool result",
}


def _item_markdown(item: Item) -> str:
    line = describe(item)
    label = _LABELS.get(line.label, line.label)
    if line.code:
        return f"**{label}:** `{line.text}`"
    text = (line.text.strip() or "*(no transcript)*") if line.words else line.text
    if line.heard_s is not None:
        text += f" *(interrupted after {line.heard_s:.1f} s)*"
    elif line.cut_off:
        text += " *(cut off by a dropped connection)*"
    return f"**{label}:** {text}"


_MARKER_TEXT = {
    "new_session": "new server session",
    "expired": "new server session (the previous one reached its time limit)",
    "resumed": "conversation continued",
}


def _marker_markdown(marker: SessionMarker) -> str:
    text = _MARKER_TEXT.get(marker.kind, marker.kind)
    detail = f": {marker.detail}" if marker.kind == "resumed" and marker.detail else ""
    return f"--- *{text}{detail}, {_date(marker.created_at)}* ---"
