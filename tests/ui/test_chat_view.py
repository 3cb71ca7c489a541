"""The history view with long conversations: rows measured lazily, replies grown in place.

What must hold whatever the view does to be fast: a row in sight always has its true height
(shown in full, wrapped at the current width), every row has it once the view is idle, the
row at the top stays put while rows above it are measured, and a reply streamed delta by delta
looks exactly like the same text laid out at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from assistant.realtime import (
    Item,
    ItemAdded,
    ItemStatus,
    Message,
    Role,
    TextDelta,
)
from assistant.ui.bridge import CoreBridge
from assistant.ui.chat_delegate import ChatDelegate
from assistant.ui.chat_model import HTML_ROLE, ChatModel
from assistant.ui.chat_view import ChatView

DONE, LIVE = ItemStatus.COMPLETED, ItemStatus.IN_PROGRESS
WORDS = [
    "the",
    "quick",
    "brown",
    "fox",
    "jumps",
    "over",
    "a",
    "lazy",
    "dog",
    "while",
    "it",
    "keeps",
    "on",
    "running",
    "far",
    "away",
]


def said(item_id: str, text: str, status: ItemStatus = DONE) -> Item:
    return Message(item_id, Role.ASSISTANT, status, text=text)


def history_view(qtbot: QtBot, rows: int, width: int = 600) -> tuple[CoreBridge, ChatView]:
    bridge, model = CoreBridge(), ChatModel()
    model.attach(bridge)
    view = ChatView(model)
    qtbot.addWidget(view)
    view.resize(width, 400)
    view.show()
    qtbot.waitExposed(view)
    for i in range(rows):  # lengths from one line to several, so widths matter
        bridge.on_event(ItemAdded(said(f"r{i}", " ".join(WORDS * (1 + i % 5))[: 20 + i % 300])))
    return bridge, view


def true_heights(view: ChatView, rows: range) -> dict[int, tuple[int, int]]:
    """row: (height set, the delegate's measure at the current width)."""
    return {row: (view.rowHeight(row), view.row_height(row)) for row in rows}


def in_sight(view: ChatView) -> range:
    first, last = view.rowAt(0), view.rowAt(view.viewport().height() - 1)
    return range(first, (last if last >= 0 else view.chat.rowCount() - 1) + 1)


def test_a_long_history_is_measured_in_sight_first_then_entirely(qtbot: QtBot) -> None:
    _bridge, view = history_view(qtbot, 1500)
    QApplication.processEvents()  # one round of the loop: the rows in sight are measured
    shown = true_heights(view, in_sight(view))
    assert len(shown) > 2 and all(have == want for have, want in shown.values())
    last = view.visualRect(view.chat.index(1499, 0))
    assert last.bottom() < view.viewport().height()  # following: the newest row in full
    assert view.following
    qtbot.waitUntil(lambda: not view.busy, timeout=60_000)
    every = true_heights(view, range(1500))
    assert all(have == want for have, want in every.values())


def test_after_a_resize_the_rows_in_sight_have_their_new_heights_at_once(qtbot: QtBot) -> None:
    _bridge, view = history_view(qtbot, 800)
    qtbot.waitUntil(lambda: not view.busy, timeout=60_000)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)  # reading
    assert not view.following
    before = true_heights(view, in_sight(view))
    view.resize(360, 400)  # narrower: rows wrap onto more lines
    shown = true_heights(view, in_sight(view))
    assert all(have == want for have, want in shown.values())  # before any event is processed
    assert sum(h for h, _ in shown.values()) / len(shown) > sum(
        h for h, _ in before.values()
    ) / len(before)
    top = view.rowAt(0)
    offset = view.rowViewportPosition(top)
    qtbot.waitUntil(lambda: not view.busy, timeout=60_000)
    assert view.rowAt(0) == top and view.rowViewportPosition(top) == offset  # stayed put
    every = true_heights(view, range(800))
    assert all(have == want for have, want in every.values())


def test_scrolling_to_rows_not_measured_yet_measures_them_before_they_show(qtbot: QtBot) -> None:
    _bridge, view = history_view(qtbot, 1500)
    QApplication.processEvents()
    assert view.busy  # most rows still have an estimate
    view.verticalScrollBar().setValue(0)
    shown = true_heights(view, in_sight(view))
    assert 0 in shown and all(have == want for have, want in shown.values())


def render(delegate: ChatDelegate, view: ChatView, row: int) -> QImage:
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, view.viewport().width(), view.row_height(row))
    option.palette = view.palette()
    image = QImage(option.rect.size(), QImage.Format.Format_RGB32)
    image.fill(0)
    painter = QPainter(image)
    delegate.paint(painter, option, view.chat.index(row, 0))
    painter.end()
    return image


def test_a_streamed_reply_looks_like_the_same_text_laid_out_at_once(qtbot: QtBot) -> None:
    bridge, view = history_view(qtbot, 3)
    bridge.on_event(ItemAdded(said("live", "", LIVE)))
    row = view.chat.rowCount() - 1
    fresh = ChatDelegate(view)  # lays every version out from its rich text
    pieces = [f"{WORDS[n % len(WORDS)]} " for n in range(700)]
    pieces[100:100] = ["a line\nbreak ", "two  spaces ", "\n\nparagraph "]
    for n, piece in enumerate(pieces):
        bridge.on_event(TextDelta("live", piece))
        if n % 97 == 0 or n == len(pieces) - 1:
            width = view.viewport().width()
            html = lambda: view.chat.index(row, 0).data(HTML_ROLE)  # noqa: E731
            assert view.rowHeight(row) == fresh.height_for(view.chat.row(row), html, width)
            grown, made = render(view.delegate, view, row), render(fresh, view, row)
            assert grown == made, f"after {n + 1} deltas"
    assert view.rowHeight(row) > 20 * view.fontMetrics().lineSpacing()  # 700 words, in full


def test_a_reply_that_grows_repaints_only_its_last_lines(qtbot: QtBot) -> None:
    bridge, view = history_view(qtbot, 0)
    bridge.on_event(ItemAdded(said("live", " ".join(WORDS * 30), LIVE)))
    qtbot.waitUntil(lambda: not view.busy)
    QApplication.processEvents()
    painted: list[QRect] = []
    original = view.delegate.paint
    view.delegate.paint = lambda painter, option, index: (  # type: ignore[method-assign]
        painted.append(QRect(view.delegate.exposed or QRect())),
        original(painter, option, index),
    )
    bridge.on_event(TextDelta("live", " on"))  # the first delta splits off settled lines
    qtbot.waitUntil(lambda: bool(painted))
    painted.clear()
    bridge.on_event(TextDelta("live", "e"))  # the last line has room: no new line
    qtbot.waitUntil(lambda: bool(painted))
    row_rect = view.visualRect(view.chat.index(0, 0)).intersected(view.viewport().rect())
    assert painted[-1].height() < row_rect.height() / 3
    assert painted[-1].bottom() >= row_rect.bottom() - 12  # where the text ends


def test_rows_deleted_while_others_wait_to_be_measured_leave_every_row_right(
    qtbot: QtBot,
) -> None:
    _bridge, view = history_view(qtbot, 600)
    QApplication.processEvents()
    assert view.busy
    for key in ("r0", "r1", "r300", "r599"):
        view.chat.delete_item(key)
    qtbot.waitUntil(lambda: not view.busy, timeout=60_000)
    assert view.chat.rowCount() == 596
    every = true_heights(view, range(596))
    assert all(have == want for have, want in every.values())


def fresh_heights(view: ChatView, rows: range) -> dict[int, int]:
    """The rows' heights laid out anew by a delegate with nothing cached."""
    delegate, width = ChatDelegate(view), view.viewport().width()
    return {
        row: delegate.height_for(
            view.chat.row(row), lambda r=row: view.chat.index(r, 0).data(HTML_ROLE), width
        )
        for row in rows
    }


def test_a_new_font_lays_every_row_out_again(qtbot: QtBot) -> None:
    _bridge, view = history_view(qtbot, 300)
    qtbot.waitUntil(lambda: not view.busy, timeout=60_000)
    before = view.rowHeight(299)
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    view.setFont(font)  # also what the system's font setting does
    shown = in_sight(view)
    assert {row: view.rowHeight(row) for row in shown} == fresh_heights(view, shown)
    assert view.rowHeight(299) > before
    qtbot.waitUntil(lambda: not view.busy, timeout=60_000)
    every = range(300)
    assert {row: view.rowHeight(row) for row in every} == fresh_heights(view, every)


def test_a_language_change_lays_the_rows_out_again(qtbot: QtBot) -> None:
    _bridge, view = history_view(qtbot, 50)
    qtbot.waitUntil(lambda: not view.busy, timeout=60_000)
    width = view.viewport().width()
    assert view.delegate.known_height(view.chat.row(0), width) is not None
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.delegate.known_height(view.chat.row(0), width) is None  # names may differ now
    assert view.busy
    qtbot.waitUntil(lambda: not view.busy, timeout=60_000)
    assert view.delegate.known_height(view.chat.row(0), width) == view.rowHeight(0)
