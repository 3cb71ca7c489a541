"""Paints one chat row as a card of rich text, and measures it.

Colours come from the view's palette (`assistant.ui.palette`): each row kind has a card (the base
colour with a trace of its hue) and a style sheet for the classes the markup uses (`who`, `dim`,
`bad`, `good`) with colours made readable on that card; a palette change (a dark colour scheme)
is noticed at the next paint and lays the rows out again with the new colours.

Layouts are `QTextDocument`s kept in a small LRU keyed by (row, version, width): painting a row
that did not change costs a dictionary lookup (its rich text is not even made), and a transcript
delta lays out only its own row. Heights are kept apart, by (row, width), for every row: a few
bytes each, so going back to an earlier width costs nothing. Only the visible part of a card's
text is drawn.

A streaming reply is not laid out again on every delta: the delta's text is inserted into its
document before the cursor glyph, and when its last paragraph reaches `SETTLED_LINES` lines the
lines above the last two are split off into a paragraph of their own. Greedy line breaking
never moves a line that has another line after it, so the split changes nothing on screen, and
a delta lays out two or three lines however long the reply. When the reply is complete its
document is made afresh from the rich text.

A user message's pictures are drawn under its text, each in a cell of `THUMB_BOX` (the
model decodes them once; a picture that cannot be read is a framed placeholder), so a row's
height is known from the number of pictures without decoding any.

Double-clicking a row opens a read-only copy of its text in which any part can be selected.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFontMetrics,
    QImage,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
    QWidget,
)

from assistant.ui import palette as colors
from assistant.ui.chat_model import HTML_ROLE, ROW_ROLE, THUMB_BOX, THUMBNAILS_ROLE
from assistant.ui.chat_rows import ChatRow, RowKind
from assistant.ui.chat_text import CURSOR, streaming
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate

MARGIN_Y, MARGIN_X, PADDING, INDENT = 3, 8, 8, 56
CACHE_SIZE = 256
HEIGHTS_SIZE = 200_000  # (row, width) heights kept; about 20 MB at most
SETTLED_LINES = 4  # a streaming paragraph this long has its lines but the last two split off
LINE_SEPARATOR = "\u2028"  # what `<br>` becomes in a document
PICTURE_GAP = 6  # between the text and the pictures, and between pictures
MISSING = QT_TRANSLATE_NOOP("Chat", "picture not found")
_Index = QModelIndex | QPersistentModelIndex
_Role = QPalette.ColorRole

# Each kind's card hue (None: neutral, towards the text colour) and its name's hue.
CARD_HUE: dict[RowKind, str | None] = {
    RowKind.USER: colors.BLUE,
    RowKind.ASSISTANT: None,
    RowKind.TOOL: colors.PURPLE,
    RowKind.ERROR: colors.RED,
    RowKind.NOTE: None,
    RowKind.MCP_TOOLS: None,
    RowKind.APPROVAL: colors.AMBER,
    RowKind.MARKER: None,
}
WHO_HUE: dict[RowKind, str | None] = {
    RowKind.USER: colors.BLUE,
    RowKind.ASSISTANT: colors.GREEN,
    RowKind.TOOL: colors.PURPLE,
    RowKind.ERROR: colors.RED,
    RowKind.NOTE: None,
    RowKind.MCP_TOOLS: colors.PURPLE,
    RowKind.APPROVAL: colors.AMBER,
    RowKind.MARKER: None,
}

_ASSISTANT_SIDE = (RowKind.ASSISTANT, RowKind.TOOL, RowKind.APPROVAL)


def picture_cells(count: int, width: int) -> list[QRect]:
    """Where a row's pictures go, relative to the top left of the space under its text:
    `THUMB_BOX` cells, as many to a line as `width` holds."""
    step_x, step_y = THUMB_BOX.width() + PICTURE_GAP, THUMB_BOX.height() + PICTURE_GAP
    per_line = max(1, (width + PICTURE_GAP) // step_x)
    return [
        QRect((n % per_line) * step_x, PICTURE_GAP + (n // per_line) * step_y, *THUMB_BOX.toTuple())
        for n in range(count)
    ]


def pictures_height(count: int, width: int) -> int:
    """The height the pictures of a row take under its text (0: none)."""
    cells = picture_cells(count, width)
    return cells[-1].bottom() + 1 if cells else 0


def card_rect(kind: RowKind, cell: QRect) -> QRect:
    """Where the card sits in its cell: your turns to the right, the assistant's to the left."""
    left = MARGIN_X + (INDENT if kind is RowKind.USER else 0)
    right = MARGIN_X + (INDENT if kind in _ASSISTANT_SIDE else 0)
    return cell.adjusted(left, MARGIN_Y, -right, -MARGIN_Y)


@dataclass(frozen=True)
class RowStyle:
    """How one kind of row is coloured in a palette."""

    card: QColor
    text: QColor
    sheet: str  # the style sheet for the markup's classes
    outline: QColor  # a selected card's border


def row_style(palette: QPalette, kind: RowKind) -> RowStyle:
    """The card, text and markup colours of `kind`'s rows in `palette`."""
    base = palette.color(_Role.Base)
    hue = CARD_HUE[kind]
    if kind is RowKind.MARKER:
        card = base
    elif hue is None:
        neutral = 0.03 if kind is not RowKind.ASSISTANT else 0.06
        card = colors.mix(
            base, palette.color(_Role.Text), neutral * (2 if colors.is_dark(palette) else 1)
        )
    else:
        card = colors.tint(palette, hue)
    text = colors.text_on(palette, card)
    dim = colors.dim(palette, card)
    who = WHO_HUE[kind]
    classes = {
        "who": colors.readable(who, card, text) if who else dim,
        "dim": dim,
        "bad": colors.readable(colors.RED, card, text),
        "good": colors.readable(colors.GREEN, card, text),
    }
    sheet = " ".join(f".{name} {{ color: {color.name()} }}" for name, color in classes.items())
    outline = colors.readable(palette.color(_Role.Highlight), card, text, colors.GRAPHICS_CONTRAST)
    return RowStyle(card, text, sheet, outline)


@dataclass
class _Live:
    """The document of the reply that is streaming, and the text it holds."""

    key: tuple[str, int, int]
    text: str
    doc: QTextDocument


class ChatDelegate(QStyledItemDelegate):
    """Draws `ChatModel` rows; `height_for` tells the view how tall a row is at a width."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self._view = view
        self._docs: OrderedDict[tuple[str, int, int], QTextDocument] = OrderedDict()
        self._heights: dict[tuple[str, int], tuple[int, int]] = {}  # (key, width): (version, h)
        self._live: _Live | None = None
        self._styles: dict[RowKind, RowStyle] = {}
        self._palette_key = 0
        self._grown_from: tuple[str, int, float] | None = None  # key, version, y of the change
        self.exposed: QRect | None = None
        """The part of the view being painted (the view sets it): text outside is not drawn."""

    def forget(self) -> None:
        """Drop the laid-out rows (the model was reset: keys may now name other rows)."""
        self._docs.clear()
        self._heights.clear()
        self._live = None

    # Colours

    def style(self, kind: RowKind) -> RowStyle:
        """`kind`'s colours in the view's palette (made again when the palette changed)."""
        palette = self._view.palette()
        if palette.cacheKey() != self._palette_key:
            self._palette_key = palette.cacheKey()
            self._styles.clear()
            self._docs.clear()  # their colours were set when they were made
            self._live = None
        if kind not in self._styles:
            self._styles[kind] = row_style(palette, kind)
        return self._styles[kind]

    # Measuring

    @staticmethod
    def text_width(kind: RowKind, width: int) -> int:
        return max(40, card_rect(kind, QRect(0, 0, width, 100)).width() - 2 * PADDING)

    def height_for(self, row: ChatRow, html: Callable[[], str], width: int) -> int:
        """`html` makes the row's rich text; it is called only when the layout is not cached."""
        known = self.known_height(row, width)
        if known is not None:
            return known
        text_width = self.text_width(row.kind, width)
        doc = self._document(row, html, text_width)
        height = math.ceil(doc.size().height()) + 2 * (PADDING + MARGIN_Y)
        height += pictures_height(len(row.pictures), text_width)
        if len(self._heights) >= HEIGHTS_SIZE:
            self._heights.clear()
        self._heights[row.key, width] = (row.version, height)
        return height

    def known_height(self, row: ChatRow, width: int) -> int | None:
        """The row's height at `width` if it was measured in this version, else None."""
        known = self._heights.get((row.key, width))
        return known[1] if known is not None and known[0] == row.version else None

    def estimate(self, row: ChatRow, width: int) -> int:
        """A guess at the row's height, without laying it out: for rows not measured yet."""
        known = self.known_height(row, width)
        if known is not None:
            return known
        metrics = QFontMetrics(self._view.font())
        per_line = max(1, self.text_width(row.kind, width) // max(1, metrics.averageCharWidth()))
        lines = 1 + sum(max(1, math.ceil(len(part) / per_line)) for part in row.text.split("\n"))
        lines += len(row.pictures)  # their names
        pictures = pictures_height(len(row.pictures), self.text_width(row.kind, width))
        return lines * metrics.lineSpacing() + 2 * (PADDING + MARGIN_Y) + pictures

    def _document(self, row: ChatRow, html: Callable[[], str], width: int) -> QTextDocument:
        style = self.style(row.kind)
        key = (row.key, row.version, width)
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        doc = self._grown(row, key)
        if doc is None:
            doc = QTextDocument()
            doc.setDocumentMargin(0)
            doc.setDefaultFont(self._view.font())
            doc.setDefaultStyleSheet(style.sheet)
            doc.setHtml(html())
            doc.setTextWidth(width)
            self._live = _Live(key, row.text, doc) if streaming(row) else None
        self._docs[key] = doc
        if len(self._docs) > CACHE_SIZE:
            self._docs.popitem(last=False)
        return doc

    def _grown(self, row: ChatRow, key: tuple[str, int, int]) -> QTextDocument | None:
        """The streaming reply's document with the new text added, if `row` is that reply
        grown since (None: the document must be made afresh)."""
        live = self._live
        if live is None or not streaming(row) or live.key[0::2] != key[0::2]:
            return None
        if not row.text.startswith(live.text):
            return None
        doc = live.doc
        glyph = doc.characterCount() - 2  # the last character is the paragraph's end
        if doc.characterAt(glyph) != CURSOR:
            return None
        cursor = QTextCursor(doc)
        cursor.setPosition(glyph)
        added = _as_laid_out(row.text[len(live.text) :], doc.characterAt(glyph - 1))
        top = doc.documentLayout().blockBoundingRect(doc.lastBlock()).top()
        cursor.insertText(added, QTextCharFormat())
        _split_settled_lines(doc)
        self._grown_from = (row.key, row.version, top)
        self._docs.pop(live.key, None)
        live.key, live.text = key, row.text
        return doc

    def changed_from(self, row: ChatRow) -> int | None:
        """How far down its cell `row` changed since its previous version, if it is a reply
        whose delta was added in place (None: anywhere)."""
        grown = self._grown_from
        if grown is None or grown[:2] != (row.key, row.version):
            return None
        return MARGIN_Y + PADDING + int(grown[2])

    # Painting

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        row: ChatRow = index.data(ROW_ROLE)
        style = self.style(row.kind)
        card = card_rect(row.kind, option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.card)
        painter.drawRoundedRect(card, 8, 8)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(style.outline)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(0, 0, -1, -1), 8, 8)
        width = self.text_width(row.kind, option.rect.width())
        doc = self._document(row, lambda: index.data(HTML_ROLE), width)
        left, top = card.left() + PADDING, card.top() + PADDING
        painter.translate(left, top)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = QPalette(self._view.palette())
        context.palette.setColor(_Role.Text, style.text)
        visible = option.rect.intersected(self.exposed or painter.viewport())
        context.clip = QRectF(visible.translated(-left, -top))
        doc.documentLayout().draw(painter, context)
        if row.pictures:
            painter.translate(0, math.ceil(doc.size().height()))
            self._paint_pictures(painter, index.data(THUMBNAILS_ROLE), width, style)
        painter.restore()

    def _paint_pictures(
        self, painter: QPainter, images: tuple[QImage | None, ...], width: int, style: RowStyle
    ) -> None:
        for cell, image in zip(picture_cells(len(images), width), images, strict=True):
            if image is not None and not image.isNull():
                size = image.size()
                painter.drawImage(QRect(cell.topLeft(), size), image)
                continue
            painter.setPen(colors.dim(self._view.palette(), style.card))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(cell.adjusted(0, 0, -1, -1), 4, 4)
            if image is not None:
                continue  # (being decoded: an empty frame for a moment)
            painter.drawText(
                cell.adjusted(4, 4, -4, -4),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                translate("Chat", MISSING),
            )

    def picture_at(
        self, row: ChatRow, html: Callable[[], str], cell: QRect, at: QPoint
    ) -> int | None:
        """Which of the row's pictures is at `at` (view coordinates; `cell` is the row's
        rectangle), None when none is."""
        if not row.pictures:
            return None
        card = card_rect(row.kind, cell)
        width = self.text_width(row.kind, cell.width())
        doc = self._document(row, html, width)
        top = card.top() + PADDING + math.ceil(doc.size().height())
        for n, rect in enumerate(picture_cells(len(row.pictures), width)):
            if rect.translated(card.left() + PADDING, top).contains(at):
                return n
        return None

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
            style = self.style(index.data(ROW_ROLE).kind)
            shown = QPalette(editor.palette())
            shown.setColor(_Role.Base, style.card)
            shown.setColor(_Role.Text, style.text)
            editor.setPalette(shown)
            editor.document().setDefaultStyleSheet(style.sheet)
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


def _as_laid_out(text: str, before: str) -> str:
    """`text` as the rich text parser would have put it in a document after `before`: line
    breaks become line separators, and runs of spaces one space."""
    out: list[str] = []
    last = before
    for char in text.replace("\n", LINE_SEPARATOR).replace("\t", " "):
        if char == " " and last in (" ", LINE_SEPARATOR):
            continue
        out.append(char)
        last = char
    return "".join(out)


def _split_settled_lines(doc: QTextDocument) -> None:
    """Split the lines of the last paragraph but its last two into a paragraph of their own."""
    doc.documentLayout().documentSize()  # lays out what the insertion changed
    block = doc.lastBlock()
    layout = block.layout()
    if layout is None or layout.lineCount() < SETTLED_LINES:
        return
    at = block.position() + layout.lineAt(layout.lineCount() - 2).textStart()
    cursor = QTextCursor(doc)
    cursor.setPosition(at)
    if doc.characterAt(at - 1) == LINE_SEPARATOR:  # a line break becomes the paragraph end
        cursor.deletePreviousChar()
    cursor.insertBlock()
