"""The chat history as a Qt list model: one `ChatLog` row per model row.

Every bridge signal changes at most one row, and the model says so with exactly one
`rowsInserted` or `dataChanged` for that row, so views repaint one row per transcript delta
however long the history is. A reply that ends having said nothing (cancelled before its first
word, nothing of it heard) leaves no empty "Assistant" card: its row is removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt

from assistant.realtime import Item, ItemStatus, Message, Picture, Role, SessionCreated
from assistant.ui.bridge import CoreBridge
from assistant.ui.chat_rows import ChatLog, ChatRow
from assistant.ui.chat_text import row_html, row_plain
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate
from assistant.ui.thumbnails import ThumbnailCache, Thumbnails

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
THUMBNAILS_ROLE = Qt.ItemDataRole.UserRole + 3
THUMB_BOX = QSize(160, 120)  # a picture in a card is at most this large
THUMBNAIL_ROWS = 200  # rows whose decoded thumbnails are kept
_Index = QModelIndex | QPersistentModelIndex
NEW_SESSION = QT_TRANSLATE_NOOP("Chat", "new server session: the conversation continues")


def said_nothing(item: Item) -> bool:
    """A finished reply with no text of which nothing was heard (cancelled before it began)."""
    if not isinstance(item, Message) or item.role is not Role.ASSISTANT:
        return False
    finished = item.status in (ItemStatus.COMPLETED, ItemStatus.INCOMPLETE)
    return finished and not item.text and not item.heard_ms


def _own_bytes(picture: Picture) -> bytes | None:
    return picture.data or None


class ChatModel(QAbstractListModel):
    """Rows of the conversation. Roles: display (plain text), `HTML_ROLE`, `ROW_ROLE`,
    `THUMBNAILS_ROLE` (a user message's pictures: a `QImage` each, null while it is decoded,
    None for one that cannot be read, such as a stored picture whose file is gone).

    `transcribing` says whether spoken turns will get a transcript (the placeholder differs).
    `read_picture` gives a picture's bytes: its own, or (a conversation continued from the
    history) its stored file's. Thumbnails are decoded once, off the GUI thread, when a row is
    first drawn (the row is changed again when they are ready), and kept for the last
    `THUMBNAIL_ROWS` rows drawn (`assistant.ui.thumbnails`).
    """

    def __init__(self, *, transcribing: bool = True) -> None:
        super().__init__()
        self.log = ChatLog()
        self.transcribing = transcribing
        self.read_picture: Callable[[Picture], bytes | None] = _own_bytes
        self.thumbnail_cache = ThumbnailCache(THUMB_BOX, THUMBNAIL_ROWS)
        self.thumbnail_cache.ready.connect(lambda key: self._changed(self.log.find(key)))
        self._sessions = 0  # server sessions seen since the rows were last replaced

    def attach(self, bridge: CoreBridge) -> None:
        """Follow the conversation the bridge reports."""
        bridge.item_added.connect(self.add_item)
        bridge.item_completed.connect(self.complete_item)
        bridge.item_deleted.connect(self.delete_item)
        log = self.log
        for signal, change in (
            (bridge.text_delta, log.append_text),
            (bridge.user_transcript_delta, log.append_text),
            (bridge.user_transcript_completed, log.set_transcript),
            (bridge.user_transcript_failed, log.transcript_failed),
            (bridge.tool_arguments_delta, log.append_arguments),
        ):
            signal.connect(lambda key, text, change=change: self._changed(change(key, text)))
        bridge.interrupted.connect(
            lambda key, heard, received: self._changed(log.interrupt(key, heard, received))
        )
        bridge.mcp_listing_failed.connect(
            lambda key, message: self._changed(log.listing_failed(key, message))
        )
        bridge.mcp_approval_withdrawn.connect(lambda key: self._changed(log.withdraw(key)))
        bridge.user_transcript_segment.connect(lambda event: self._changed(log.add_segment(event)))
        bridge.server_error.connect(self.add_error)
        bridge.connection_failed.connect(self.add_error)
        bridge.session_started.connect(self._session_started)

    # Qt model interface

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802  (Qt's API)
        return 0 if parent.isValid() else len(self.log)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.log):
            return None
        row = self.log.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row_plain(row)
        if role == HTML_ROLE:
            return row_html(row, transcribing=self.transcribing)
        if role == ROW_ROLE:
            return row
        if role == THUMBNAILS_ROLE:
            return self.thumbnails(row)
        return None

    def thumbnails(self, row: ChatRow) -> Thumbnails:
        """The row's pictures decoded at card size (see the class docstring)."""
        return self.thumbnail_cache.get(row.key, row.pictures, self.read_picture)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # Editable only so a double click opens a read-only, selectable copy of the text.
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable

    # Changes

    def row(self, index: int) -> ChatRow:
        return self.log.rows[index]

    def add_item(self, item: Item) -> None:
        if not self.log.will_insert(item):
            changed = self.log.add_item(item)
            self._changed(changed[0] if changed else None)
            return
        end = len(self.log)
        self.beginInsertRows(QModelIndex(), end, end)
        self.log.add_item(item)
        self.endInsertRows()

    def complete_item(self, item: Item) -> None:
        if said_nothing(item):
            self.delete_item(item.id)
            return
        self._changed(self.log.complete_item(item))

    def delete_item(self, item_id: str) -> None:
        index = self.log.find(item_id)
        if index is not None:
            self.beginRemoveRows(QModelIndex(), index, index)
            self.log.delete(item_id)
            self.endRemoveRows()

    def add_error(self, message: str) -> None:
        """Show a problem in plain words as a row of its own."""
        end = len(self.log)
        self.beginInsertRows(QModelIndex(), end, end)
        self.log.add_error(message)
        self.endInsertRows()

    def add_marker(self, text: str) -> None:
        """A discreet line across the conversation (where the server session changed)."""
        end = len(self.log)
        self.beginInsertRows(QModelIndex(), end, end)
        self.log.add_marker(text)
        self.endInsertRows()

    def show_entries(self, entries: Iterable[Item | str]) -> None:
        """Replace every row with `entries` (items, and marker lines as strings) in one reset:
        a conversation from the history, continued in this window."""
        self.beginResetModel()
        self.log.clear()
        self.thumbnail_cache.clear()
        for entry in entries:
            if isinstance(entry, str):
                self.log.add_marker(entry)
            elif not said_nothing(entry):
                self.log.add_item(entry)
        self._sessions = 0
        self.endResetModel()

    def _session_started(self, _event: SessionCreated) -> None:
        self._sessions += 1
        if self._sessions > 1 and len(self.log):
            self.add_marker(translate("Chat", NEW_SESSION))

    def toggle(self, index: int) -> None:
        """Expand or collapse a tool call (other rows ignore it)."""
        if 0 <= index < len(self.log) and self.log.toggle(index):
            self._changed(index)

    def _changed(self, index: int | None) -> None:
        if index is not None:
            model_index = self.index(index, 0)
            self.dataChanged.emit(model_index, model_index)
