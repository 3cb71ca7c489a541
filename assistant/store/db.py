"""Opening the database file: WAL, foreign keys, secure delete, then the schema migrations.

The connection is in autocommit mode; every write goes through `transaction()`, one short
`BEGIN IMMEDIATE ... COMMIT` each, so a crash (even `kill -9`) loses at most the write in
flight and the file always opens cleanly. `synchronous=FULL` also survives power loss.
`secure_delete` overwrites deleted content with zeros instead of leaving it in free pages.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from assistant.store.errors import StoreError
from assistant.store.schema import migrate

BUSY_TIMEOUT_MS = 5000  # a second app instance writing: wait, do not fail


def connect(path: Path, *, durable: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at `path`.

    `durable=False` (benchmarks, throwaway files) commits without waiting for the disk:
    still crash-safe for the process, not for a power cut.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open the history database {path}: {exc}") from exc
    try:
        _configure(conn, durable=durable)
        migrate(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"cannot use the history database {path}: {exc}") from exc
    except StoreError:
        conn.close()
        raise
    return conn


def _configure(conn: sqlite3.Connection, *, durable: bool) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(f"the history database cannot use write-ahead logging (got {mode})")
    conn.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed when the block ends, rolled back if it raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
