"""Paints one chat row as a card of rich text, and measures it.

Layouts are `QTextDocument`s kept in a small LRU keyed by (row, version, width): painting a row
that did not change costs a dictionary lookup (its rich text is not even made), and a
transcript delta lays out only its own row.
Double-clicking a row opens a read-only copy of its text in which any part can be selected.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
    QWidget,
)

from assistant.ui.chat_model import HTML_ROLE, ROW_ROLE
from assistant.ui.chat_rows import ChatRow, RowKind

MARGIN_Y, MARGIN_X, PADDING, INDENT = 3, 8, 8, 56
CACHE_SIZE = 256
CARD = {
    RowKind.USER: "#e8f0fe",
    RowKind.ASSISTANT: "#f3f4f6",
    RowKind.TOOL: "#f5f3ff",
    RowKind.ERROR: "#fef2f2",
    RowKind.NOTE: "#fafafa",
    RowKind.MCP_TOOLS: "#fafafa",
    RowKind.APPROVAL: "#fffbeb",
    RowKind.MARKER: "#ffffff",
}
_Index = QModelIndex | QPersistentModelIndex


_ASSISTANT_SIDE = (RowKind.ASSISTANT, RowKind.TOOL, RowKind.APPROVAL)


def card_rect(kind: RowKind, cell: QRect) -> QRect:
    """Where the card sits in its cell: your turns to the right, the assistant's to the left."""
    left = MARGIN_X + (INDENT if kind is RowKind.USER else 0)
    right = MARGIN_X + (INDENT if kind in _ASSISTANT_SIDE else 0)
    return cell.adjusted(left, MARGIN_Y, -right, -MARGIN_Y)


class ChatDelegate(QStyledItemDelegate):
    """Draws `ChatModel` rows; `height_for` tells the view how tall a row is at a width."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self._view = view
        self._docs: OrderedDict[tuple[str, int, int], QTextDocument] = OrderedDict()

    def forget(self) -> None:
        """Drop the laid-out rows (the model was reset: keys may now name other rows)."""
        self._docs.clear()

    def height_for(self, row: ChatRow, html: Callable[[], str], width: int) -> int:
        """`html` makes the row's rich text; it is called only when the layout is not cached."""
        text_width = card_rect(row.kind, QRect(0, 0, width, 100)).width() - 2 * PADDING
        doc = self._document(row, html, text_width)
        return int(doc.size().height()) + 2 * (PADDING + MARGIN_Y)

    def _document(self, row: ChatRow, html: Callable[[], str], width: int) -> QTextDocument:
        key = (row.key, row.version, width)
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(self._view.font())
        doc.setHtml(html())
        doc.setTextWidth(max(40, width))
        self._docs[key] = doc
        if len(self._docs) > CACHE_SIZE:
            self._docs.popitem(last=False)
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        row: ChatRow = index.data(ROW_ROLE)
        card = card_rect(row.kind, option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(CARD[row.kind]))
        painter.drawRoundedRect(card, 8, 8)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(QColor("#2563eb"))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(0, 0, -1, -1), 8, 8)
        doc = self._document(row, lambda: index.data(HTML_ROLE), card.width() - 2 * PADDING)
        painter.translate(card.left() + PADDING, card.top() + PADDING)
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        width = option.rect.width()
        height = self.height_for(index.data(ROW_ROLE), lambda: index.data(HTML_ROLE), width)
        return QSize(width, height)

    # A read-only, selectable copy of the text

    def createEditor(  # noqa: N802  (Qt's API)
        self, parent: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> QWidget:
        del option, index  # every row gets the same kind of editor
        editor = QTextEdit(parent)
        editor.setReadOnly(True)
        editor.setFrameShape(QTextEdit.Shape.NoFrame)
        editor.setObjectName("chatRowText")
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802
        if isinstance(editor, QTextEdit):
            editor.setHtml(index.data(HTML_ROLE))
            editor.selectAll()

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: _Index
    ) -> None:
        """Nothing to write back: the copy is read-only."""

    def updateEditorGeometry(  # noqa: N802
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        row: ChatRow = index.data(ROW_ROLE)
        editor.setGeometry(card_rect(row.kind, option.rect))
