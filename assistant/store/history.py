"""`HistoryStore`: the conversations on disk, one SQLite file, written one item at a time.

Every write is its own short transaction, so what a caller has been told is stored survives
a crash of the process at any later moment. The store is used from one thread (the app's
event loop); a second process (another app window, the CLI) may read and write the same
file at the same time thanks to WAL and a busy timeout (short in the app: see
`ConversationRecorder` for what happens to a write that meets a lock).

Deleting a conversation really removes it: its rows, its full-text index entries (merged
away with FTS5 `optimize`), the overwritten pages (`secure_delete`), the write-ahead log
(checkpointed and truncated), its event log file and its audio files.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
import uuid
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

from assistant.realtime import Item, valid_text
from assistant.realtime.usage import leaves_unpriced
from assistant.store import queries
from assistant.store.db import BUSY_TIMEOUT_MS, connect, set_busy_timeout, transaction
from assistant.store.errors import StoreError, UnknownConversation
from assistant.store.ordering import POSITION_GAP
from assistant.store.paths import AUDIO, EVENT_LOGS, database_path
from assistant.store.records import (
    ConversationRecord,
    ConversationSummary,
    SearchHit,
    SessionMarker,
    TurnUsage,
)
from assistant.store.rows import (
    INSERT_MARKER,
    INSERT_USAGE,
    UPSERT_ITEM,
    item_values,
    marker_values,
    usage_values,
)


class HistoryStore:
    """The history database. Open with `HistoryStore.open()`; close (or use `with`)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn, self.path = conn, path

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        durable: bool = True,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> HistoryStore:
        """Open the database at `path` (default: the user's data directory), creating and
        upgrading it as needed (files private to the user). `busy_timeout_ms`: how long a
        write waits for another process's lock before it fails. Raises `StoreError` with a
        sentence for the user."""
        path = path or database_path()
        return cls(connect(path, durable=durable, busy_timeout_ms=busy_timeout_ms), path)

    def set_busy_timeout(self, milliseconds: int) -> None:
        """Change how long a write waits for another process's lock."""
        set_busy_timeout(self._conn, milliseconds)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # Reading

    def list_conversations(self, limit: int | None = None) -> list[ConversationSummary]:
        """Conversations with the most recent activity first."""
        return queries.list_conversations(self._conn, limit)

    def summary(self, conversation_id: str) -> ConversationSummary:
        return queries.summary(self._conn, conversation_id)

    def load(self, conversation_id: str) -> ConversationRecord:
        """The whole conversation, items in conversation order; raises `UnknownConversation`."""
        return queries.load(self._conn, conversation_id)

    def positions(self, conversation_id: str) -> dict[str, int]:
        """Each stored item's position (larger is later in the conversation)."""
        return queries.positions(self._conn, conversation_id)

    def resolve(self, id_or_prefix: str) -> str:
        """The full id for an id or a unique prefix of one; raises `UnknownConversation`."""
        return queries.resolve(self._conn, id_or_prefix)

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Items containing every word of `text` (the last word as a prefix), best first."""
        return queries.search(self._conn, text, limit)

    def event_log_path(self, conversation_id: str) -> Path:
        """Where the app keeps this conversation's session event log (JSONL), if it keeps one."""
        return self.path.parent / EVENT_LOGS / f"{conversation_id}.jsonl"

    def audio_dir(self, conversation_id: str) -> Path:
        """Where the audio of the conversation's turns is kept, if it is kept (FLAC files)."""
        return self.path.parent / AUDIO / conversation_id

    # Writing

    def create_conversation(
        self,
        *,
        profile: str | None = None,
        model: str | None = None,
        conversation_id: str | None = None,
        at: float | None = None,
    ) -> str:
        """Start a new, empty conversation; returns its id."""
        cid = conversation_id or uuid.uuid4().hex
        now = time.time() if at is None else at
        with transaction(self._conn) as conn:
            conn.execute(
                "INSERT INTO conversations (id, created_at, updated_at, profile, model) "
                "VALUES (?, ?, ?, ?, ?)",
                (cid, now, now, profile, model),
            )
        return cid

    def save_item(
        self,
        conversation_id: str,
        item: Item,
        position: int,
        *,
        moved: Mapping[str, int] | None = None,
        at: float | None = None,
    ) -> None:
        """Store `item` (or update it, keeping its first `created_at`) at `position`, and in
        the same transaction move other items to the positions in `moved`."""
        now = time.time() if at is None else at
        with transaction(self._conn) as conn:
            self._touch(conn, conversation_id, now)
            for item_id, new_position in (moved or {}).items():
                conn.execute(
                    "UPDATE items SET position = ? WHERE conversation_id = ? AND item_id = ?",
                    (new_position, conversation_id, item_id),
                )
            conn.execute(UPSERT_ITEM, (conversation_id, position, *item_values(item), now))

    def update_text(self, conversation_id: str, item_id: str, text: str) -> bool:
        """Replace a stored item's text (a late transcript); False if it is not stored."""
        with transaction(self._conn) as conn:
            cursor = conn.execute(
                "UPDATE items SET payload = json_set(payload, '$.text', ?) "
                "WHERE conversation_id = ? AND item_id = ?",
                (valid_text(text), conversation_id, item_id),
            )
            if cursor.rowcount:
                self._touch(conn, conversation_id, time.time())
        return cursor.rowcount > 0

    def remove_item(self, conversation_id: str, item_id: str) -> bool:
        with transaction(self._conn) as conn:
            cursor = conn.execute(
                "DELETE FROM items WHERE conversation_id = ? AND item_id = ?",
                (conversation_id, item_id),
            )
        return cursor.rowcount > 0

    def add_usage(self, conversation_id: str, turn: TurnUsage) -> None:
        """Record one response's (or transcription's) usage and add it to the totals."""
        with transaction(self._conn) as conn:
            self._touch(conn, conversation_id, turn.created_at)
            conn.execute(INSERT_USAGE, (conversation_id, *usage_values(turn)))
            unpriced = leaves_unpriced(turn.usage, turn.cost_usd)
            conn.execute(
                "UPDATE conversations SET total_tokens = total_tokens + ?, "
                "cost_usd = cost_usd + ?, unpriced = unpriced OR ? WHERE id = ?",
                (turn.usage.total_tokens, turn.cost_usd or 0.0, unpriced, conversation_id),
            )

    def add_marker(self, conversation_id: str, marker: SessionMarker) -> None:
        with transaction(self._conn) as conn:
            conn.execute(INSERT_MARKER, (conversation_id, *marker_values(marker)))

    def set_model(self, conversation_id: str, model: str) -> None:
        with transaction(self._conn) as conn:
            conn.execute(
                "UPDATE conversations SET model = ? WHERE id = ?", (model, conversation_id)
            )

    def rename(self, conversation_id: str, title: str | None) -> None:
        """Give the conversation a title (None or blank: back to the first user turn)."""
        with transaction(self._conn) as conn:
            cursor = conn.execute(
                "UPDATE conversations SET title = ? WHERE id = ?",
                ((title or "").strip() or None, conversation_id),
            )
        if not cursor.rowcount:
            raise UnknownConversation(f"there is no conversation {conversation_id}")

    def delete(self, conversation_id: str) -> bool:
        """Delete the conversation and every trace of it; False if there was none."""
        with transaction(self._conn) as conn:
            cursor = conn.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
            if cursor.rowcount:
                conn.execute("INSERT INTO items_fts (items_fts) VALUES ('optimize')")
        self.event_log_path(conversation_id).unlink(missing_ok=True)
        shutil.rmtree(self.audio_dir(conversation_id), ignore_errors=True)
        if cursor.rowcount:
            self._checkpoint()
        return cursor.rowcount > 0

    def insert_record(self, record: ConversationRecord, *, replace: bool = False) -> None:
        """Store a whole conversation as it is (an import). An existing conversation with the
        same id is replaced when `replace` (in the same transaction), else `StoreError`."""
        head = record.summary
        with transaction(self._conn) as conn:
            replaced = replace and bool(
                conn.execute("DELETE FROM conversations WHERE id = ?", (head.id,)).rowcount
            )
            try:
                conn.execute(
                    "INSERT INTO conversations (id, title, created_at, updated_at, profile, model,"
                    " total_tokens, cost_usd, unpriced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        head.id,
                        head.title if head.custom_title else None,
                        head.created_at,
                        head.updated_at,
                        head.profile,
                        head.model,
                        head.total_tokens,
                        head.cost_usd,
                        not head.cost_complete,
                    ),
                )
            except sqlite3.IntegrityError:
                raise StoreError(f"conversation {head.id} is already in the history") from None
            for index, stored in enumerate(record.items, start=1):
                values = (head.id, index * POSITION_GAP, *item_values(stored.item))
                conn.execute(UPSERT_ITEM, (*values, stored.created_at))
            for turn in record.usage:
                conn.execute(INSERT_USAGE, (head.id, *usage_values(turn)))
            for marker in record.markers:
                conn.execute(INSERT_MARKER, (head.id, *marker_values(marker)))
            if replaced:
                conn.execute("INSERT INTO items_fts (items_fts) VALUES ('optimize')")
        if replaced:
            self._checkpoint()

    def _touch(self, conn: sqlite3.Connection, conversation_id: str, now: float) -> None:
        cursor = conn.execute(
            "UPDATE conversations SET updated_at = max(updated_at, ?) WHERE id = ?",
            (now, conversation_id),
        )
        if not cursor.rowcount:
            raise UnknownConversation(f"there is no conversation {conversation_id}")

    def _checkpoint(self) -> None:
        """Copy the log into the file and empty it (deleted text must not linger in it).
        If another process is reading, the log is emptied at a later checkpoint instead."""
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
