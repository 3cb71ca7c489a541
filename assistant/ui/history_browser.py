"""The history browser: find a past conversation, rename, delete, export or continue it.

A non-modal dialog over the window. Typing in the search box searches the whole history
(SQLite FTS5) a moment after the last key press; an empty box lists every conversation.
The title is edited in place (the Rename button or F2 starts it). Delete asks first and
then removes the conversation for good. Exports go through a file dialog: Markdown to read,
JSON to keep or move, and the session event log for a bug report (audio elided, secrets
removed). Continue (or a double click) asks the app to carry on with it in the window.
Problems are one sentence in the dialog's status line; nothing here raises.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant.store import (
    FAILURES,
    ConversationSummary,
    HistoryStore,
    dumps,
    export_event_log,
    write_markdown,
)
from assistant.ui.history_model import COST, DATE, TITLE, HistoryModel

SEARCH_DELAY_MS = 250
LIST_LIMIT = 5000  # conversations listed at once (search reaches all of them)
SEARCH_LIMIT = 500  # matching items looked at per search


class HistoryBrowser(QDialog):
    """Signals: continue_requested(str) with a conversation id; deleted(str) after a delete."""

    continue_requested = Signal(str)
    deleted = Signal(str)

    def __init__(self, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Conversation history"))
        self.resize(720, 480)
        self.model = HistoryModel()
        self.model.title_edited.connect(self._rename)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search all conversations"))
        self.search_box.setClearButtonEnabled(True)
        self.table = self._table()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _text: self._timer.start())
        self.buttons = self._buttons()
        self._layout()
        for keys, slot in (("F2", self.rename), (QKeySequence.StandardKey.Delete, self.delete)):
            shortcut = QShortcut(QKeySequence(keys), self.table, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # not in the search box

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(100)  # size columns from some rows, not thousands
        for column in (DATE, COST):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.doubleClicked.connect(lambda _index: self.continue_selected())
        return table

    def _buttons(self) -> dict[str, QPushButton]:
        actions: dict[str, tuple[str, Callable[[], None]]] = {
            "continue": (self.tr("&Continue"), self.continue_selected),
            "rename": (self.tr("&Rename"), self.rename),
            "delete": (self.tr("&Delete…"), self.delete),
            "markdown": (self.tr("Export &Markdown…"), lambda: self.export("md")),
            "json": (self.tr("Export &JSON…"), lambda: self.export("json")),
            "log": (self.tr("Export event &log…"), lambda: self.export("log")),
        }
        buttons = {}
        for key, (label, slot) in actions.items():
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons[key] = button
        buttons["log"].setToolTip(self.tr("The session events for a bug report, without audio"))
        return buttons

    def _layout(self) -> None:
        column = QVBoxLayout(self)
        column.addWidget(self.search_box)
        column.addWidget(self.table, 1)
        for keys in (("continue", "rename", "delete"), ("markdown", "json", "log")):
            row = QHBoxLayout()
            for key in keys:
                row.addWidget(self.buttons[key])
            row.addStretch(1)
            column.addLayout(row)
        column.addWidget(self.status)

    # Listing and searching

    def show_history(self) -> None:
        """Show the dialog with the history as it is now."""
        self.refresh()
        self.show()
        self.activateWindow()
        self.search_box.setFocus()

    def refresh(self) -> None:
        """List every conversation, or search for the words in the search box."""
        text = self.search_box.text().strip()
        try:
            if text:
                hits = self.store.search(text, SEARCH_LIMIT)
                self.model.show_hits(hits, self.store.summary)
            else:
                self.model.show_conversations(self.store.list_conversations(LIST_LIMIT))
        except FAILURES as exc:
            self._say(self.tr("The history could not be read: {reason}").format(reason=exc))
            return
        self._say(self._count_text(text))
        if self.model.rows:
            self.table.selectRow(0)

    def _count_text(self, text: str) -> str:
        count = len(self.model.rows)
        if text:
            return self.tr("%n conversation(s) match.", "", count)
        return self.tr("%n conversation(s).", "", count)

    def selected_summary(self) -> ConversationSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def selected(self) -> str | None:
        summary = self.selected_summary()
        return summary.id if summary is not None else None

    # Actions

    def continue_selected(self) -> None:
        cid = self.selected()
        if cid is not None:
            self.continue_requested.emit(cid)
            self.hide()

    def rename(self) -> None:
        rows = self.table.selectionModel().selectedRows(TITLE)
        if rows:
            self.table.edit(rows[0])

    def _rename(self, cid: str, title: str) -> None:
        """A title was edited in place: store it (blank goes back to the first user turn)."""
        try:
            self.store.rename(cid, title)
            self.model.replace(self.store.summary(cid))
        except FAILURES as exc:
            self._say(self.tr("The conversation could not be renamed: {reason}").format(reason=exc))

    def delete(self) -> None:
        chosen = self.selected_summary()
        if chosen is None:
            return
        cid, title = chosen.id, chosen.title
        question = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete conversation"),
            self.tr("Delete “{title}” for good? It cannot be brought back.").format(title=title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        question.setDefaultButton(QMessageBox.StandardButton.Cancel)
        question.accepted.connect(lambda: self._delete(cid))
        question.finished.connect(question.deleteLater)
        self.confirmation = question
        question.open()

    def _delete(self, cid: str) -> None:
        try:
            self.store.delete(cid)
        except FAILURES as exc:
            self._say(self.tr("The conversation could not be deleted: {reason}").format(reason=exc))
            return
        self.model.remove(cid)
        self._say(self.tr("The conversation was deleted."))
        self.deleted.emit(cid)

    def export(self, kind: str) -> None:
        """Ask where to save the selected conversation as `kind` ("md", "json" or "log")."""
        cid = self.selected()
        if cid is None:
            return
        if kind == "log" and not self.store.event_log_path(cid).exists():
            self._say(self.tr("No event log was kept for this conversation."))
            return
        name = {"md": f"{cid[:8]}.md", "json": f"{cid[:8]}.json", "log": f"{cid[:8]}-events.jsonl"}
        dialog = QFileDialog(self, self.tr("Export conversation"), name[kind])
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.fileSelected.connect(lambda path: self.write_export(cid, kind, Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    def write_export(self, cid: str, kind: str, path: Path) -> None:
        try:
            if kind == "log":
                export_event_log(self.store.event_log_path(cid), path)
            elif kind == "md":  # with the pictures copied beside it
                write_markdown(self.store, cid, path)
            else:
                path.write_text(dumps(self.store.load(cid)), encoding="utf-8")
        except FAILURES as exc:
            self._say(self.tr("The export could not be written: {reason}").format(reason=exc))
            return
        self._say(self.tr("Saved to {path}.").format(path=str(path)))

    def _say(self, text: str) -> None:
        self.status.setText(text)
