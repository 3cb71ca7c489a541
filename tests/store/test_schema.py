"""The database file: where it lives, its settings, and forward-only schema migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assistant.realtime import ItemStatus, Note
from assistant.store import HistoryStore, StoreError, data_dir, database_path
from assistant.store.schema import MIGRATIONS, SCHEMA_VERSION, Migration, migrate, version_of

ADD_PINNED = Migration(
    SCHEMA_VERSION + 1,
    "test: pinned conversations",
    "ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;"
    "UPDATE conversations SET pinned = 1 WHERE title IS NOT NULL;",
)


def test_the_data_directory_follows_ra_data_dir(data_dir: Path) -> None:
    assert database_path() == data_dir / "history.sqlite3"
    with HistoryStore.open() as store:
        assert store.path == data_dir / "history.sqlite3"
    assert database_path().is_file()


def test_without_the_override_it_is_the_platform_data_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("RA_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "realtime-assistant"


def test_a_new_file_is_wal_with_the_current_schema(store: HistoryStore) -> None:
    raw = sqlite3.connect(store.path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert version_of(raw) == SCHEMA_VERSION == len(MIGRATIONS)
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"conversations", "items", "usage", "session_markers", "items_fts"} <= tables
    raw.close()


def test_an_older_file_is_migrated_forward_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with HistoryStore.open(path) as store:  # written by "the previous release"
        cid = store.create_conversation(model="gpt-realtime")
        store.rename(cid, "kept")
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, (*MIGRATIONS, ADD_PINNED)) == SCHEMA_VERSION
    assert version_of(conn) == SCHEMA_VERSION + 1
    assert conn.execute("SELECT title, model, pinned FROM conversations").fetchall() == [
        ("kept", "gpt-realtime", 1)
    ]
    assert migrate(conn, (*MIGRATIONS, ADD_PINNED)) == SCHEMA_VERSION + 1  # nothing left to do
    conn.close()


def test_a_version_1_file_gets_the_mcp_item_columns(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:1])
    conn.execute("INSERT INTO conversations VALUES ('c1', NULL, 1, 1, NULL, NULL, 0, 0, 0)")
    conn.execute(
        "INSERT INTO items (conversation_id, position, item_id, kind, type_name, status, text, "
        "created_at) VALUES ('c1', 1, 'u1', 'message', 'message', 'completed', 'hello', 1)"
    )
    conn.close()
    with HistoryStore.open(path) as store:
        (stored,) = store.load("c1").items
        assert stored.item.text == "hello"  # type: ignore[union-attr]
        # a message without a role (only a hand-made file has one) is kept, as a note
        assert stored.item == Note("u1", ItemStatus.COMPLETED, "message", "hello")
    assert version_of(sqlite3.connect(path)) == SCHEMA_VERSION >= 2


def test_a_blank_file_gets_the_whole_schema(tmp_path: Path) -> None:
    path = tmp_path / "blank.sqlite3"
    sqlite3.connect(path).close()  # version 0: an empty database
    with HistoryStore.open(path) as store:
        assert store.list_conversations() == []
    assert version_of(sqlite3.connect(path)) == SCHEMA_VERSION


def test_a_failed_migration_leaves_the_file_at_its_old_version(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    HistoryStore.open(path).close()
    broken = Migration(SCHEMA_VERSION + 1, "test: broken", "CREATE TABLE t (x); SELECT nope;")
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(StoreError, match=f"version {SCHEMA_VERSION + 1}"):
        migrate(conn, (*MIGRATIONS, broken))
    assert version_of(conn) == SCHEMA_VERSION
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 't'").fetchall()
    conn.close()


def test_a_file_from_a_newer_release_is_refused_not_guessed_at(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this program"):
        HistoryStore.open(path)


def test_a_file_that_is_not_a_database_is_a_plain_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot use the history database"):
        HistoryStore.open(path)
