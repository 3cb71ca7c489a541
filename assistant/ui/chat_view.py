"""The chat history pane: a one-column table whose row heights it sets itself.

Why a table and not a list view: `QListView` re-lays out every row when one row grows, which
costs time in proportion to the history; a `QTableView` with fixed, explicitly set row heights
lets a transcript delta re-measure only its own row. When the width changes, all rows are
measured again once, after the resize settles. The view follows the newest row while the user
is at the bottom, and stays put when they scrolled up to read.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from assistant.ui.chat_delegate import ChatDelegate
from assistant.ui.chat_model import HTML_ROLE, ChatModel
from assistant.ui.chat_text import row_plain

FOLLOW_SLACK = 8  # pixels from the bottom that still count as "at the bottom"


class ChatView(QTableView):
    """Shows a `ChatModel`; rows are selectable, Ctrl+C copies them as plain text."""

    def __init__(self, model: ChatModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chat = model
        self.delegate = ChatDelegate(self)
        self.setModel(model)
        self.setItemDelegate(self.delegate)
        self._setup_look()
        self._follow = True
        self._width = 0
        self._refit = QTimer(self, singleShot=True, interval=60)
        self._refit.timeout.connect(self.fit_all_rows)
        model.rowsInserted.connect(lambda _parent, first, last: self._fit_rows(first, last))
        model.dataChanged.connect(lambda top, bottom: self._fit_rows(top.row(), bottom.row()))
        model.modelReset.connect(self.delegate.forget)
        model.modelReset.connect(self.fit_all_rows)
        self.clicked.connect(self._clicked)
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._range_changed)
        bar.valueChanged.connect(self._scrolled)

    def _setup_look(self) -> None:
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.setAccessibleName(self.tr("Conversation"))

    # Row heights

    def row_height(self, row: int) -> int:
        """The height the delegate wants for `row` at the current width."""
        index, width = self.chat.index(row, 0), self.viewport().width()
        return self.delegate.height_for(self.chat.row(row), lambda: index.data(HTML_ROLE), width)

    def _fit_rows(self, first: int, last: int) -> None:
        for row in range(first, last + 1):
            height = self.row_height(row)
            if self.rowHeight(row) != height:
                self.setRowHeight(row, height)

    def fit_all_rows(self) -> None:
        """Measure every row again (after the width changed)."""
        self._fit_rows(0, self.chat.rowCount() - 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's API)
        super().resizeEvent(event)
        if self.viewport().width() != self._width:
            self._width = self.viewport().width()
            self._refit.start()

    # Following the newest row

    @property
    def following(self) -> bool:
        """True while the view keeps the newest row in sight."""
        return self._follow

    def _range_changed(self, _low: int, high: int) -> None:
        if self._follow:
            self.verticalScrollBar().setValue(high)

    def _scrolled(self, value: int) -> None:
        self._follow = value >= self.verticalScrollBar().maximum() - FOLLOW_SLACK

    # Copying and expanding

    def selected_text(self) -> str:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return "\n\n".join(row_plain(self.chat.row(row)) for row in rows)

    def copy_selection(self) -> None:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        super().keyPressEvent(event)

    def _clicked(self, index: QModelIndex) -> None:
        self.chat.toggle(index.row())

    def _menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        copy = QAction(self.tr("Copy"), menu, shortcut=QKeySequence(QKeySequence.StandardKey.Copy))
        copy.triggered.connect(self.copy_selection)
        select_all = QAction(self.tr("Select all"), menu)
        select_all.triggered.connect(self.selectAll)
        menu.addActions([copy, select_all])
        menu.popup(self.viewport().mapToGlobal(position))
