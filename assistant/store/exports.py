"""Exporting a stored conversation to Markdown (to read) and JSON (to keep or move), and
reading a JSON export back.

The JSON export holds everything the store has about the conversation (items with their
marks, usage per turn, session markers, timestamps), so importing it gives back the same
conversation: same id, same items in the same order, same totals. Its shape is versioned
(`"format"`, `"version"`); an import refuses what it does not know with `ImportFailed`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import UTC, datetime
from typing import Any

from assistant.realtime import Item, ItemKind, ItemStatus, SpeakerSegment, Usage
from assistant.store.errors import ImportFailed
from assistant.store.records import (
    ConversationRecord,
    ConversationSummary,
    SessionMarker,
    StoredItem,
    TurnUsage,
)
from assistant.store.rows import USAGE_FIELDS

FORMAT = "realtime-assistant/conversation"
VERSION = 1
_ITEM_FIELDS = tuple(f.name for f in fields(Item))


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
    data: dict[str, Any] = {name: getattr(stored.item, name) for name in _ITEM_FIELDS}
    data.update(kind=stored.item.kind.value, status=stored.item.status.value)
    data["segments"] = [asdict(segment) for segment in stored.item.segments]
    data["created_at"] = stored.created_at
    return data


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
    if data.get("version") != VERSION:
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
    values = {name: entry[name] for name in _ITEM_FIELDS if name in entry}  # older: fewer fields
    values.update(kind=ItemKind(entry["kind"]), status=ItemStatus(entry["status"]))
    values["tools"] = tuple(values.get("tools", ()))
    values["segments"] = tuple(_segment(segment) for segment in values.get("segments", ()))
    return StoredItem(Item(**values), float(entry["created_at"]))


def _segment(entry: dict[str, Any]) -> SpeakerSegment:
    """One speaker's segment of a diarized transcript (a KeyError or TypeError if damaged)."""
    return SpeakerSegment(
        str(entry["speaker"]), str(entry["text"]), float(entry["start"]), float(entry["end"])
    )


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


_SPEAKERS = {"user": "You", "assistant": "Assistant", "system": "System"}


def _item_markdown(item: Item) -> str:
    mcp = mcp_line(item)
    if mcp is not None:
        return f"**{mcp[0]}:** `{mcp[1]}`"
    if item.kind is ItemKind.FUNCTION_CALL:
        return f"**Tool call:** `{item.name}({item.arguments or ''})`"
    if item.kind is ItemKind.FUNCTION_CALL_OUTPUT:
        return f"**Tool result:** {item.output or ''}"
    speaker = _SPEAKERS.get(item.role or "", item.role or item.type_name)
    text = item.shown_text.strip() or "*(no transcript)*"
    line = f"**{speaker}:** {text}"
    if item.interrupted:
        line += f" *(interrupted after {(item.heard_ms or 0) / 1000:.1f} s)*"
    elif item.cut_off:
        line += " *(cut off by a dropped connection)*"
    return line


def mcp_line(item: Item) -> tuple[str, str] | None:
    """(label, text) of a remote MCP item for a transcript ("MCP call", "docs.search(...) ->
    ..."); None for other items. Fields the item lacks (the history file keeps fewer) are
    left out."""
    where = f"{item.server_label}." if item.server_label else ""
    call = f"{where}{item.name or ''}({item.arguments or ''})"
    match item.kind:
        case ItemKind.MCP_LIST_TOOLS:
            listed = f"failed ({item.error})" if item.error else ", ".join(item.tools)
            return "MCP tools", f"{where[:-1] or 'server'}: {listed or 'listed'}"
        case ItemKind.MCP_APPROVAL_REQUEST:
            return "MCP approval asked", call
        case ItemKind.MCP_APPROVAL_RESPONSE:
            answer = {True: "approved", False: "declined", None: "answered"}[item.approved]
            reason = f": {item.text}" if item.text else ""
            return "MCP approval", f"{answer} {where}{item.name or ''}".rstrip() + reason
        case ItemKind.MCP_CALL:
            result = f"error: {item.error}" if item.error else item.output
            return "MCP call", f"{call} -> {result if result is not None else '(no result)'}"
    return None


_MARKER_TEXT = {
    "new_session": "new server session",
    "expired": "new server session (the previous one reached its time limit)",
    "resumed": "conversation continued",
}


def _marker_markdown(marker: SessionMarker) -> str:
    text = _MARKER_TEXT.get(marker.kind, marker.kind)
    detail = f": {marker.detail}" if marker.kind == "resumed" and marker.detail else ""
    return f"--- *{text}{detail}, {_date(marker.created_at)}* ---"
