"""The chat history pane: a one-column table whose row heights it sets itself.

Why a table and not a list view: `QListView` re-lays out every row when one row grows, which
costs time in proportion to the history; a `QTableView` with fixed, explicitly set row heights
lets a transcript delta re-measure only its own row. The view follows the newest row while the
user is at the bottom, and stays put when they scrolled up to read.

Heights are measured lazily. A row that changes is measured at once (it is one row); a new row,
a row of a reset model and every row after the width changed first get an estimate from their
length (or the height the delegate remembers for that width), and the view measures the rows in
sight before they are painted, then the others a few milliseconds at a time while the event
loop is idle (`MEASURE_SLICE_S`), keeping the row at the top of the view in place. So resizing
the window or filling it with 10,000 rows costs what the rows in sight cost, and the scroll bar
is right once the idle work is done (`busy` is False).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from assistant.ui.chat_delegate import ChatDelegate
from assistant.ui.chat_model import HTML_ROLE, ChatModel
from assistant.ui.chat_text import row_plain
from assistant.ui.picture_viewer import PictureViewer

_Index = QModelIndex | QPersistentModelIndex
FOLLOW_SLACK = 8  # pixels from the bottom that still count as "at the bottom"
MEASURE_SLICE_S = 0.008  # idle measuring gives the event loop back after this long


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
        self._measured: list[int] = []  # per row: the width it was measured at (0: estimated)
        self._next = 0  # where idle measuring goes on
        self._fitting = False
        self._idle = QTimer(self, singleShot=True, interval=0)
        self._idle.timeout.connect(self._measure_some)
        self._pressed_at = QPoint()
        self.viewer: PictureViewer | None = None
        model.rowsInserted.connect(self._inserted)
        model.rowsRemoved.connect(self._removed)
        model.modelReset.connect(self._reset)
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

    @property
    def busy(self) -> bool:
        """True while some rows have only an estimated height."""
        return self._next < len(self._measured)

    def _fit_rows(self, first: int, last: int) -> bool:
        """Measure rows `first`..`last`; True if a height changed."""
        width, changed = self.viewport().width(), False
        for row in range(first, last + 1):
            height = self.row_height(row)
            self._measured[row] = width
            if self.rowHeight(row) != height:
                self.setRowHeight(row, height)
                changed = True
        return changed

    def _estimate_rows(self, first: int, last: int) -> None:
        width = self.viewport().width()
        for row in range(first, last + 1):
            self.setRowHeight(row, self.delegate.estimate(self.chat.row(row), width))
        self._next = min(self._next, first)
        self._idle.start()

    def _inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        self._measured[first:first] = [0] * (last - first + 1)
        self._estimate_rows(first, last)

    def _removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        del self._measured[first : last + 1]
        if self._next > last:
            self._next -= last - first + 1
        elif self._next > first:
            self._next = first

    def _reset(self) -> None:
        self.delegate.forget()
        self._measured = [0] * self.chat.rowCount()
        self._next = 0
        if self._measured:
            self._estimate_rows(0, len(self._measured) - 1)
        self._fit_visible()

    def _fit_visible(self) -> None:
        """Measure the rows in sight now (a few passes: measuring moves what is in sight)."""
        if self._fitting or not self._measured:
            return
        self._fitting = True
        try:
            width = self.viewport().width()
            for _ in range(4):
                first, last = self._visible_rows()
                stale = [row for row in range(first, last + 1) if self._measured[row] != width]
                if not stale or not self._fit_rows(stale[0], stale[-1]):
                    break
                self.updateGeometries()
        finally:
            self._fitting = False

    def _visible_rows(self) -> tuple[int, int]:
        count = len(self._measured)
        first = self.rowAt(0)
        last = self.rowAt(self.viewport().height() - 1)
        first = count - 1 if first < 0 else first
        return first, count - 1 if last < 0 else last

    def _measure_some(self) -> None:
        """Idle work: the rows in sight, then others until `MEASURE_SLICE_S` has passed."""
        self._fit_visible()
        width, count = self.viewport().width(), len(self._measured)
        anchor = self.rowAt(0)
        offset = self.rowViewportPosition(anchor) if anchor >= 0 else 0
        deadline = time.perf_counter() + MEASURE_SLICE_S
        while self._next < count and time.perf_counter() < deadline:
            if self._measured[self._next] != width:
                self._fit_rows(self._next, self._next)
            self._next += 1
        self.updateGeometries()
        if anchor >= 0 and not self._follow:  # the row at the top stays where it was
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + self.rowViewportPosition(anchor) - offset)
        if self.busy:
            self._idle.start()

    def fit_all_rows(self) -> None:
        """Measure every row now (tests and benchmarks; the view itself measures lazily)."""
        self._fit_rows(0, len(self._measured) - 1)
        self._next = len(self._measured)

    def dataChanged(  # noqa: N802  (Qt's API)
        self, top_left: _Index, bottom_right: _Index, roles: Sequence[int] = ()
    ) -> None:
        """Rows changed: measure them, and repaint only what changed of a reply that grew."""
        first, last = top_left.row(), bottom_right.row()
        resized = self._fit_rows(first, last)  # a new height repaints the rows by itself
        below = self.delegate.changed_from(self.chat.row(first)) if first == last else None
        if below is None or self.state() is QAbstractItemView.State.EditingState:
            super().dataChanged(top_left, bottom_right, roles)
        elif not resized:
            self.viewport().update(self.visualRect(top_left).adjusted(0, below, 0, 0))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self.delegate.exposed = event.rect()
        try:
            super().paintEvent(event)
        finally:
            self.delegate.exposed = None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's API)
        """A new font or language makes every laid-out row wrong (its glyphs, its names)."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LanguageChange):
            self.delegate.forget()
            self._measured = [0] * len(self._measured)
            self._next = 0
            self._fit_visible()
            self._idle.start()
            self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's API)
        super().resizeEvent(event)
        if self.viewport().width() != self._width:
            self._width = self.viewport().width()
            self._next = 0
            self._fit_visible()
            self._idle.start()

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
        self._fit_visible()  # rows scrolled into sight are measured before they are painted

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
        row = self.currentIndex().row()
        opens = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and row >= 0
        if opens and self.chat.row(row).pictures:
            self.open_picture(row, 0)
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802  (Qt's API)
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def _clicked(self, index: QModelIndex) -> None:
        row = self.chat.row(index.row())
        html = lambda: index.data(HTML_ROLE)  # noqa: E731
        picture = self.delegate.picture_at(row, html, self.visualRect(index), self._pressed_at)
        if picture is not None:
            self.open_picture(index.row(), picture)
            return
        self.chat.toggle(index.row())

    def open_picture(self, row: int, n: int) -> None:
        """Show picture `n` of `row` larger (one viewer, reused)."""
        picture = self.chat.row(row).pictures[n]
        if self.viewer is None:
            self.viewer = PictureViewer(self)
        self.viewer.show_picture(picture, self.chat.read_picture(picture))

    def _menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        copy = QAction(self.tr("Copy"), menu, shortcut=QKeySequence(QKeySequence.StandardKey.Copy))
        copy.triggered.connect(self.copy_selection)
        select_all = QAction(self.tr("Select all"), menu)
        select_all.triggered.connect(self.selectAll)
        menu.addActions([copy, select_all])
        menu.popup(self.viewport().mapToGlobal(position))
