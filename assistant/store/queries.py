"""Reading the history: the conversation list, one whole conversation, full-text search."""

from __future__ import annotations

import sqlite3
from typing import Any

from assistant.store.errors import UnknownConversation
from assistant.store.records import (
    ConversationRecord,
    ConversationSummary,
    SearchHit,
    title_from,
)
from assistant.store.rows import (
    SELECT_ITEMS,
    SELECT_MARKERS,
    SELECT_USAGE,
    session_marker,
    stored_item,
    turn_usage,
)

UNTITLED = "Untitled conversation"

_SUMMARY = """
SELECT c.id, c.title,
       (SELECT i.text FROM items i
         WHERE i.conversation_id = c.id AND i.role = 'user' AND i.kind = 'message'
           AND trim(i.text) != ''
         ORDER BY i.position LIMIT 1),
       c.created_at, c.updated_at, c.profile, c.model, c.total_tokens, c.cost_usd, c.unpriced,
       (SELECT count(*) FROM items i WHERE i.conversation_id = c.id)
  FROM conversations c
"""


def _summary(row: tuple[Any, ...]) -> ConversationSummary:
    cid, title, first_user, created, updated, profile, model, tokens, cost, unpriced, count = row
    shown = title if title else title_from(first_user) if first_user else UNTITLED
    return ConversationSummary(
        id=cid,
        title=shown,
        custom_title=bool(title),
        created_at=float(created),
        updated_at=float(updated),
        profile=profile,
        model=model,
        total_tokens=int(tokens),
        cost_usd=float(cost),
        cost_complete=not unpriced,
        item_count=int(count),
    )


def list_conversations(conn: sqlite3.Connection, limit: int | None) -> list[ConversationSummary]:
    """Newest activity first."""
    sql = _SUMMARY + " ORDER BY c.updated_at DESC, c.rowid DESC LIMIT ?"
    return [_summary(row) for row in conn.execute(sql, (-1 if limit is None else limit,))]


def summary(conn: sqlite3.Connection, conversation_id: str) -> ConversationSummary:
    row = conn.execute(_SUMMARY + " WHERE c.id = ?", (conversation_id,)).fetchone()
    if row is None:
        raise UnknownConversation(f"there is no conversation {conversation_id}")
    return _summary(row)


def load(conn: sqlite3.Connection, conversation_id: str) -> ConversationRecord:
    """The whole conversation; raises `UnknownConversation`."""
    head = summary(conn, conversation_id)
    items = conn.execute(
        SELECT_ITEMS,
        (conversation_id,),
    )
    usage = conn.execute(
        SELECT_USAGE,
        (conversation_id,),
    )
    markers = conn.execute(
        SELECT_MARKERS,
        (conversation_id,),
    )
    return ConversationRecord(
        head,
        tuple(stored_item(row) for row in items),
        tuple(turn_usage(row) for row in usage),
        tuple(session_marker(row) for row in markers),
    )


def positions(conn: sqlite3.Connection, conversation_id: str) -> dict[str, int]:
    rows = conn.execute(
        "SELECT item_id, position FROM items WHERE conversation_id = ?", (conversation_id,)
    )
    return {item_id: int(position) for item_id, position in rows}


def resolve(conn: sqlite3.Connection, id_or_prefix: str) -> str:
    """The full id of the conversation `id_or_prefix` names (an id or a unique prefix)."""
    if not id_or_prefix:
        raise UnknownConversation("no conversation id was given")
    pattern = id_or_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = conn.execute(
        "SELECT id FROM conversations WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (pattern,)
    ).fetchall()
    exact = [row[0] for row in rows if row[0] == id_or_prefix]
    if exact:
        return str(exact[0])
    if len(rows) == 1:
        return str(rows[0][0])
    # The user typed this: never repeat it (a key pasted by mistake would be shown).
    if not rows:
        raise UnknownConversation("there is no conversation with that id (see: history list)")
    raise UnknownConversation("that id names more than one conversation: give more of it")


def fts_query(text: str) -> str:
    """A safe FTS5 query for words typed by a user: every word must occur (the last as a
    prefix), punctuation and FTS5 operators are taken literally."""
    words = [w for w in text.split() if any(ch.isalnum() for ch in w)]
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    if quoted:
        quoted[-1] += "*"
    return " ".join(quoted)


def search(conn: sqlite3.Connection, text: str, limit: int) -> list[SearchHit]:
    """Items whose text, tool arguments or tool output contain every word, best first."""
    query = fts_query(text)
    if not query:
        return []
    rows = conn.execute(
        """
        SELECT i.conversation_id, i.item_id, i.role, i.created_at, hits.snippet
          FROM (SELECT rowid AS id, rank, snippet(items_fts, -1, '[', ']', '…', 12) AS snippet
                  FROM items_fts WHERE items_fts MATCH ? ORDER BY rank LIMIT ?) AS hits
          JOIN items i ON i.id = hits.id
         ORDER BY hits.rank, i.created_at DESC
        """,
        (query, limit),
    ).fetchall()
    titles: dict[str, str] = {}
    hits = []
    for cid, item_id, role, created_at, snippet in rows:
        if cid not in titles:
            titles[cid] = summary(conn, cid).title
        hits.append(SearchHit(cid, titles[cid], item_id, role, snippet, float(created_at)))
    return hits
