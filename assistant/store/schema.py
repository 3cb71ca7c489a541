"""The database schema, versioned with `PRAGMA user_version` and migrated forward only.

`MIGRATIONS[n - 1]` turns a version n-1 file into version n; each runs in its own
transaction together with the version bump, so a file is always at exactly one version.
A file written by a newer program (a higher version than `SCHEMA_VERSION`) is refused
rather than guessed at. Migrations are append-only: never edit one that has shipped.

Item text is indexed by an external-content FTS5 table kept in step by triggers; deleting
an item deletes its index entries (see `HistoryStore.delete` for how no remnant is left).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.store.errors import StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    sql: str


INITIAL_SCHEMA = """
CREATE TABLE conversations (
    id           TEXT PRIMARY KEY,
    title        TEXT,              -- NULL: shown as the first user turn
    created_at   REAL NOT NULL,     -- Unix seconds
    updated_at   REAL NOT NULL,
    profile      TEXT,              -- endpoint profile or provider ("openai", "azure", ...)
    model        TEXT,
    total_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd     REAL NOT NULL DEFAULT 0,
    unpriced     INTEGER NOT NULL DEFAULT 0  -- some usage had no known price
);

CREATE TABLE items (
    id              INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,  -- increases in conversation order; gaps allowed
    item_id         TEXT NOT NULL,     -- the Realtime item id
    kind            TEXT NOT NULL,     -- ItemKind value
    type_name       TEXT NOT NULL,
    role            TEXT,
    status          TEXT NOT NULL,
    text            TEXT NOT NULL DEFAULT '',  -- message text or transcript
    heard_text      TEXT,
    interrupted     INTEGER NOT NULL DEFAULT 0,
    heard_ms        INTEGER,           -- where the user cut in (ms of audio played)
    cut_off         INTEGER NOT NULL DEFAULT 0,
    has_audio       INTEGER NOT NULL DEFAULT 0,
    audio_ms        REAL NOT NULL DEFAULT 0,
    name            TEXT,
    call_id         TEXT,
    arguments       TEXT,
    output          TEXT,
    created_at      REAL NOT NULL,
    UNIQUE (conversation_id, item_id)
);
CREATE INDEX items_in_order ON items (conversation_id, position);

CREATE TABLE usage (
    id              INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,     -- 'response' or 'transcription'
    ref             TEXT NOT NULL,     -- the response id, or the transcribed item's id
    input_text      INTEGER NOT NULL,
    input_audio     INTEGER NOT NULL,
    input_image     INTEGER NOT NULL,
    cached_text     INTEGER NOT NULL,
    cached_audio    INTEGER NOT NULL,
    cached_image    INTEGER NOT NULL,
    output_text     INTEGER NOT NULL,
    output_audio    INTEGER NOT NULL,
    audio_seconds   REAL NOT NULL,
    cost_usd        REAL,              -- NULL: no price known for the model
    created_at      REAL NOT NULL
);
CREATE INDEX usage_of_conversation ON usage (conversation_id);

CREATE TABLE session_markers (
    id              INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    after_item      TEXT,              -- the item id it follows; NULL: before the first
    kind            TEXT NOT NULL,     -- 'new_session', 'expired' or 'resumed'
    session_id      TEXT,
    model           TEXT,
    detail          TEXT NOT NULL DEFAULT '',
    created_at      REAL NOT NULL
);
CREATE INDEX markers_of_conversation ON session_markers (conversation_id);

CREATE VIRTUAL TABLE items_fts USING fts5 (
    text, arguments, output,
    content = 'items', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, text, arguments, output)
    VALUES (new.id, new.text, new.arguments, new.output);
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, text, arguments, output)
    VALUES ('delete', old.id, old.text, old.arguments, old.output);
END;
CREATE TRIGGER items_fts_update AFTER UPDATE OF text, arguments, output ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, text, arguments, output)
    VALUES ('delete', old.id, old.text, old.arguments, old.output);
    INSERT INTO items_fts (rowid, text, arguments, output)
    VALUES (new.id, new.text, new.arguments, new.output);
END;
"""

MCP_ITEM_FIELDS = """
ALTER TABLE items ADD COLUMN server_label TEXT;
ALTER TABLE items ADD COLUMN approval_request_id TEXT;
ALTER TABLE items ADD COLUMN approved INTEGER;      -- NULL: not an approval response
ALTER TABLE items ADD COLUMN error TEXT;
ALTER TABLE items ADD COLUMN tools TEXT NOT NULL DEFAULT '[]';  -- JSON array of tool names
"""

_V2_PAYLOAD = """
CASE kind
WHEN 'message' THEN json_object(
    'role', role, 'status', status, 'text', text,
    'has_audio', json(iif(has_audio, 'true', 'false')),
    'audio_ms', audio_ms, 'interrupted', json(iif(interrupted, 'true', 'false')),
    'heard_ms', heard_ms, 'heard_text', heard_text, 'cut_off', json(iif(cut_off, 'true', 'false')))
WHEN 'function_call' THEN json_object(
    'status', status, 'name', coalesce(name, ''), 'call_id', coalesce(call_id, ''),
    'arguments', coalesce(arguments, ''), 'cut_off', json(iif(cut_off, 'true', 'false')))
WHEN 'function_call_output' THEN json_object(
    'status', status, 'call_id', coalesce(call_id, ''), 'output', coalesce(output, ''),
    'cut_off', json(iif(cut_off, 'true', 'false')))
WHEN 'mcp_list_tools' THEN json_object(
    'status', status, 'server_label', coalesce(server_label, ''),
    'tools', json(iif(json_valid(tools), tools, '[]')),
    'error', error, 'cut_off', json(iif(cut_off, 'true', 'false')))
WHEN 'mcp_approval_request' THEN json_object(
    'status', status, 'server_label', coalesce(server_label, ''), 'name', coalesce(name, ''),
    'arguments', coalesce(arguments, ''), 'cut_off', json(iif(cut_off, 'true', 'false')))
WHEN 'mcp_approval_response' THEN json_object(
    'status', status, 'approval_request_id', coalesce(approval_request_id, ''),
    'approved', json(CASE approved WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE 'null' END),
    'reason', text, 'server_label', coalesce(server_label, ''), 'name', coalesce(name, ''),
    'cut_off', json(iif(cut_off, 'true', 'false')))
WHEN 'mcp_call' THEN json_object(
    'status', status, 'server_label', coalesce(server_label, ''), 'name', coalesce(name, ''),
    'arguments', coalesce(arguments, ''), 'output', output, 'error', error,
    'approval_request_id', approval_request_id, 'cut_off', json(iif(cut_off, 'true', 'false')))
ELSE json_object(
    'status', status, 'type_name', type_name, 'text', text,
    'cut_off', json(iif(cut_off, 'true', 'false')))
END
"""

# Items become a kind and a JSON payload (`assistant.realtime.payloads`): a new kind
# needs no new column. The searched and listed fields are generated from the payload.
ITEMS_AS_PAYLOADS = f"""
DROP TRIGGER items_fts_insert;
DROP TRIGGER items_fts_delete;
DROP TRIGGER items_fts_update;
DROP TABLE items_fts;
CREATE TABLE items_v3 (
    id              INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,  -- increases in conversation order; gaps allowed
    item_id         TEXT NOT NULL,     -- the Realtime item id
    kind            TEXT NOT NULL,     -- ItemKind value
    payload         TEXT NOT NULL,     -- the item's fields, JSON (see realtime/payloads.py)
    created_at      REAL NOT NULL,
    role      TEXT GENERATED ALWAYS AS (json_extract(payload, '$.role')) VIRTUAL,
    text      TEXT GENERATED ALWAYS AS
        (coalesce(json_extract(payload, '$.text'), json_extract(payload, '$.reason'), '')) VIRTUAL,
    arguments TEXT GENERATED ALWAYS AS (json_extract(payload, '$.arguments')) VIRTUAL,
    output    TEXT GENERATED ALWAYS AS (json_extract(payload, '$.output')) VIRTUAL,
    UNIQUE (conversation_id, item_id)
);
INSERT INTO items_v3 (id, conversation_id, position, item_id, kind, payload, created_at)
SELECT id, conversation_id, position, item_id,
       iif(kind = 'message' AND coalesce(role, '') NOT IN ('user', 'assistant', 'system'),
           'other', kind),
       iif(kind = 'message' AND coalesce(role, '') NOT IN ('user', 'assistant', 'system'),
           json_object('status', status, 'type_name', 'message', 'text', text,
                       'cut_off', json(iif(cut_off, 'true', 'false'))),
           {_V2_PAYLOAD}),
       created_at
  FROM items;
DROP TABLE items;
ALTER TABLE items_v3 RENAME TO items;
CREATE INDEX items_in_order ON items (conversation_id, position);
CREATE VIRTUAL TABLE items_fts USING fts5 (
    text, arguments, output,
    content = 'items', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, text, arguments, output)
    VALUES (new.id, new.text, new.arguments, new.output);
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, text, arguments, output)
    VALUES ('delete', old.id, old.text, old.arguments, old.output);
END;
CREATE TRIGGER items_fts_update AFTER UPDATE OF payload ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, text, arguments, output)
    VALUES ('delete', old.id, old.text, old.arguments, old.output);
    INSERT INTO items_fts (rowid, text, arguments, output)
    VALUES (new.id, new.text, new.arguments, new.output);
END;
INSERT INTO items_fts (items_fts) VALUES ('rebuild');
"""  # noqa: S608  (constant text, nothing from outside)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: conversations, items, usage, markers, FTS5", INITIAL_SCHEMA),
    Migration(2, "MCP item fields: server label, approval, error, tools", MCP_ITEM_FIELDS),
    Migration(3, "items as a kind and a JSON payload", ITEMS_AS_PAYLOADS),
)
SCHEMA_VERSION = len(MIGRATIONS)


def version_of(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the file up to the last of `migrations`; returns the version it was at.

    `conn` must be in autocommit mode (`isolation_level=None`). Raises `StoreError` for a
    file newer than `migrations` or a migration that fails (its transaction is rolled back).
    """
    found = version_of(conn)
    if found > len(migrations):
        raise StoreError(
            f"the history database is at schema version {found}, newer than this program "
            f"understands ({len(migrations)}); update Realtime Assistant"
        )
    for migration in migrations[found:]:
        _apply(conn, migration)
    return found


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    try:
        conn.executescript(
            f"BEGIN IMMEDIATE;\n{migration.sql}\nPRAGMA user_version = {migration.version};\n"
            "COMMIT;"
        )
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(
            f"could not upgrade the history database to version {migration.version} "
            f"({migration.description}): {exc}"
        ) from exc
