"""What can go wrong in the history store, as plain sentences for the user."""

from __future__ import annotations

import sqlite3


class StoreError(Exception):
    """The history database cannot be opened, upgraded or written."""


class UnknownConversation(StoreError):
    """No conversation has that id (or unique id prefix)."""


class ImportFailed(StoreError):
    """A file to import is not a conversation export this program can read."""


# Everything a store call can raise when the disk, the file or the lock fails: callers that
# must go on (the recorder, the history browser) catch these, without importing sqlite3.
FAILURES: tuple[type[Exception], ...] = (StoreError, sqlite3.Error, OSError)
