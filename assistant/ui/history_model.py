"""The history browser's list as a Qt table model, and a stored conversation as chat rows.

`HistoryModel` holds one `ConversationSummary` per row (title, date, cost; in search
results also the matching text). Views paint only the rows they show, so thousands of
conversations cost one query and a list of small records; a rename changes one row
(`dataChanged`) and a delete removes one (`rowsRemoved`), never a reset. A new search or a
reload resets the model, since every row may change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from assistant.realtime import Item
from assistant.store import ConversationRecord, ConversationSummary, ResumePlan, SearchHit
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate

TITLE, DATE, COST, MATCH = range(4)
HEADERS = (
    QT_TRANSLATE_NOOP("History", "Conversation"),
    QT_TRANSLATE_NOOP("History", "Last active"),
    QT_TRANSLATE_NOOP("History", "Cost"),
    QT_TRANSLATE_NOOP("History", "Match"),
)
MARKERS = {
    "new_session": QT_TRANSLATE_NOOP("History", "new server session: the conversation continued"),
    "expired": QT_TRANSLATE_NOOP(
        "History", "the server session reached its time limit: the conversation continued"
    ),
    "resumed": QT_TRANSLATE_NOOP("History", "continued from the history"),
}
_Index = QModelIndex | QPersistentModelIndex


def cost_text(summary: ConversationSummary) -> str:
    """`$0.0123`, `≥ $0.0123` when some usage had no price, `—` when nothing was billed."""
    if not summary.cost_usd and summary.cost_complete:
        return "\u2014"
    prefix = "" if summary.cost_complete else "\u2265 "
    return f"{prefix}${summary.cost_usd:.4f}"


def date_text(seconds: float) -> str:
    moment = QDateTime.fromSecsSinceEpoch(int(seconds))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


class HistoryModel(QAbstractTableModel):
    """Conversations, most recent first (or search results, best match first).

    Signals:
        title_edited(str, str): conversation id and the title the user typed in place; the
            owner stores it and calls `replace` with the stored summary.
    """

    title_edited = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ConversationSummary] = []
        self.matches: dict[str, str] = {}  # conversation id -> snippet of the best hit

    def show_conversations(self, rows: Sequence[ConversationSummary]) -> None:
        self.beginResetModel()
        self.rows, self.matches = list(rows), {}
        self.endResetModel()

    def show_hits(self, hits: Iterable[SearchHit], summary_of: Any) -> None:
        """One row per conversation with a hit, in the order of its best hit."""
        matches: dict[str, str] = {}
        for hit in hits:
            matches.setdefault(hit.conversation_id, hit.snippet)
        self.beginResetModel()
        self.rows = [summary_of(cid) for cid in matches]
        self.matches = matches
        self.endResetModel()

    def row_of(self, conversation_id: str) -> int | None:
        return next((n for n, s in enumerate(self.rows) if s.id == conversation_id), None)

    def replace(self, summary: ConversationSummary) -> None:
        """One conversation changed (renamed): repaint its row only."""
        row = self.row_of(summary.id)
        if row is not None:
            self.rows[row] = summary
            self.dataChanged.emit(self.index(row, 0), self.index(row, MATCH))

    def remove(self, conversation_id: str) -> None:
        row = self.row_of(conversation_id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.matches.pop(conversation_id, None)
            self.endRemoveRows()

    # Qt model interface

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802  (Qt's API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802  (Qt's API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("History", HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        summary = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(summary, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == TITLE:
            return summary.title
        return None

    def _text(self, summary: ConversationSummary, column: int) -> str:
        if column == TITLE:
            return summary.title
        if column == DATE:
            return date_text(summary.updated_at)
        if column == COST:
            return cost_text(summary)
        return self.matches.get(summary.id, "")

    def setData(  # noqa: N802  (Qt's API)
        self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != TITLE or not index.isValid():
            return False
        summary = self.rows[index.row()]
        if str(value) != summary.title:
            self.title_edited.emit(summary.id, str(value))
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == TITLE else flags


def conversation_entries(record: ConversationRecord, plan: ResumePlan) -> list[Item | str]:
    """A stored conversation as the chat pane shows it when it is continued: every item, a
    marker line where the server session changed, and the plan's summary note just before
    the first item the model still has in its context."""
    after: dict[str | None, list[str]] = {}
    for marker in record.markers:
        text = translate("History", MARKERS.get(marker.kind, MARKERS["new_session"]))
        after.setdefault(marker.after_item, []).append(text)
    kept = {item.id for item in plan.items}
    note = plan.note
    entries: list[Item | str] = list(after.get(None, []))
    for stored in record.items:
        if note is not None and stored.item.id in kept:
            entries.append(note)
            note = None
        entries.append(stored.item)
        entries += after.get(stored.item.id, [])
    return entries
