"""What can go wrong in the history store, as plain sentences for the user."""

from __future__ import annotations


class StoreError(Exception):
    """The history database cannot be opened, upgraded or written."""


class UnknownConversation(StoreError):
    """No conversation has that id (or unique id prefix)."""


class ImportFailed(StoreError):
    """A file to import is not a conversation export this program can read."""
