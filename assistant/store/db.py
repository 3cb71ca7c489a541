"""Opening the database file: WAL, foreign keys, secure delete, then the schema migrations.

The connection is in autocommit mode; every write goes through `transaction()`, one short
`BEGIN IMMEDIATE ... COMMIT` each, so a crash (even `kill -9`) loses at most the write in
flight and the file always opens cleanly. `synchronous=FULL` also survives power loss.
`secure_delete` overwrites deleted content with zeros instead of leaving it in free pages.

The folder is created 0700 and the file 0600 (SQLite gives its `-wal` and `-shm` files the
database's mode); opening makes an existing folder, database, event logs and audio private
too (a folder is walked only while it is not private yet: `store/private.py`). The busy
timeout is how long one write waits for another process's lock: 5 s for the command line,
which has nothing else to do; the app passes a short one and queues what could not be written
(`ConversationRecorder`), so its window never waits on the disk.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from assistant.store.errors import StoreError
from assistant.store.paths import AUDIO, EVENT_LOGS, PICTURES
from assistant.store.private import make_private, private_dir, private_file
from assistant.store.schema import migrate

BUSY_TIMEOUT_MS = 5000  # a second app instance writing: wait, do not fail


def connect(
    path: Path, *, durable: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at `path`.

    `durable=False` (benchmarks, throwaway files) commits without waiting for the disk:
    still crash-safe for the process, not for a power cut.
    """
    try:
        private_dir(path.parent)
        private_file(path)
        make_private(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))
        make_private([path.parent / EVENT_LOGS, path.parent / AUDIO, path.parent / PICTURES])
        conn = sqlite3.connect(path, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open the history database {path}: {exc}") from exc
    try:
        set_busy_timeout(conn, busy_timeout_ms)
        _configure(conn, durable=durable)
        migrate(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"cannot use the history database {path}: {exc}") from exc
    except StoreError:
        conn.close()
        raise
    return conn


def set_busy_timeout(conn: sqlite3.Connection, milliseconds: int) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")


def _configure(conn: sqlite3.Connection, *, durable: bool) -> None:
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
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # also when COMMIT itself failed: never leave it open
            conn.execute("ROLLBACK")
        raise
