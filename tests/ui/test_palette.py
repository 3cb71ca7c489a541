"""Colours follow the palette: chat cards and the meter read in light and dark schemes.

Contrast is measured on what is painted (the widget grabbed into an image), not on the colours
the code meant to use: the card's fill is the colour at its padding, the text's the pixel of the
line that differs most from it (glyph stems are fully covered pixels).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from assistant.realtime import FunctionCall, ItemAdded, ItemStatus, Message, Role
from assistant.ui.bridge import CoreBridge
from assistant.ui.chat_delegate import PADDING, card_rect
from assistant.ui.chat_model import ChatModel
from assistant.ui.chat_rows import RowKind
from assistant.ui.chat_view import ChatView
from assistant.ui.meter import MicState, WaveformMeter
from assistant.ui.palette import (
    contrast,
    dark_palette,
    follow_color_scheme,
    is_dark,
    luminance,
    readable,
)

DONE = ItemStatus.COMPLETED


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest, qapp: QApplication) -> QPalette:
    light = qapp.style().standardPalette()
    return light if request.param == "light" else dark_palette()


def pixels(widget: QWidget) -> npt.NDArray[np.uint8]:
    """The widget as painted: rows x columns x (r, g, b)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(bytes(image.constBits()), dtype=np.uint8)  # a copy: the image goes
    rows = data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 3]
    return rows.reshape(image.height(), image.width(), 3)


def color_at(image: npt.NDArray[np.uint8], x: int, y: int) -> QColor:
    return QColor(*(int(c) for c in image[y, x]))


def strongest(image: npt.NDArray[np.uint8], area: QRect, against: QColor) -> QColor:
    """The colour in `area` with the highest contrast against `against` (the text's)."""
    patch = image[area.top() : area.bottom() + 1, area.left() : area.right() + 1].reshape(-1, 3)
    found = {tuple(int(c) for c in pixel) for pixel in np.unique(patch, axis=0)}
    return max((QColor(*rgb) for rgb in found), key=lambda color: contrast(color, against))


def chat_with_every_kind(qtbot: QtBot, palette: QPalette) -> tuple[ChatView, ChatModel]:
    bridge, model = CoreBridge(), ChatModel()
    model.attach(bridge)
    view = ChatView(model)
    view.setPalette(palette)
    qtbot.addWidget(view)
    view.resize(640, 900)
    for item in (
        Message("u1", Role.USER, DONE, text="Hello there, what is new today?"),
        Message("a1", Role.ASSISTANT, DONE, text="Not much, the weather is fine."),
        FunctionCall("f1", DONE, name="lookup", call_id="c1", arguments='{"q": "weather"}'),
        Message("s1", Role.SYSTEM, DONE, text="A note from the system for the model."),
        Message("a2", Role.ASSISTANT, ItemStatus.IN_PROGRESS, text="Still arriving"),
    ):  # fmt: skip
        bridge.on_event(ItemAdded(item))
    model.add_error("The connection dropped and could not be made again.")
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.busy)
    return view, model


def test_chat_cards_read_in_light_and_dark_palettes(qtbot: QtBot, scheme: QPalette) -> None:
    view, model = chat_with_every_kind(qtbot, scheme)
    image = pixels(view.viewport())
    line = QFontMetrics(view.font()).lineSpacing()
    kinds = set()
    for row in range(model.rowCount()):
        kind = model.row(row).kind
        card = card_rect(kind, view.visualRect(model.index(row, 0)))
        fill = color_at(image, card.left() + 3, card.center().y())  # in the padding
        assert is_dark(scheme) == (luminance(fill) < 0.2), kind  # the card follows the palette
        name = QRect(card.left() + PADDING, card.top() + PADDING, card.width() // 2, line)
        body = QRect(card.left() + PADDING, card.top() + PADDING + line, card.width() // 2, line)
        for area in (name, body):
            assert contrast(strongest(image, area, fill), fill) >= 4.5, (kind, area, fill.name())
        kinds.add(kind)
    assert kinds >= {RowKind.USER, RowKind.ASSISTANT, RowKind.TOOL, RowKind.NOTE, RowKind.ERROR}


def test_the_chat_repaints_in_the_new_colours_when_the_palette_changes(qtbot: QtBot) -> None:
    view, model = chat_with_every_kind(qtbot, QApplication.style().standardPalette())
    card = card_rect(RowKind.ASSISTANT, view.visualRect(model.index(1, 0)))
    point = (card.left() + 3, card.center().y())
    light = color_at(pixels(view.viewport()), *point)
    view.setPalette(dark_palette())
    dark = color_at(pixels(view.viewport()), *point)
    assert luminance(light) > 0.6 and luminance(dark) < 0.2
    text_area = QRect(card.left() + PADDING, card.top() + PADDING, card.width() // 2, card.height())
    assert contrast(strongest(pixels(view.viewport()), text_area, dark), dark) >= 4.5


def test_the_meter_reads_in_light_and_dark_palettes(qtbot: QtBot, scheme: QPalette) -> None:
    class Speech:
        def waveform(self) -> npt.NDArray[np.float32]:
            return np.full(150, 0.5, dtype=np.float32)

    for state in MicState.LIVE, MicState.MUTED:
        meter = WaveformMeter(Speech(), Speech())
        meter.setPalette(scheme)
        qtbot.addWidget(meter)
        meter.resize(600, 60)
        meter.set_mic_state(state)
        meter.refresh()
        image = pixels(meter)
        label_width = meter.label_width()
        background = color_at(image, label_width + 2, 1)
        assert is_dark(scheme) == (luminance(background) < 0.2)
        for top in (0, 30):  # the microphone's strip, the assistant's
            label = QRect(6, top, label_width - 6, 30)
            assert contrast(strongest(image, label, background), background) >= 4.5, (state, top)
        bars = QRect(label_width + 10, 32, 400, 26)  # the assistant's speech: a graphic
        assert contrast(strongest(image, bars, background), background) >= 3.0


def test_readable_moves_a_hue_towards_the_text_only_as_far_as_needed() -> None:
    white, black, green = QColor("#ffffff"), QColor("#000000"), QColor("#047857")
    assert readable(green, white, black) == green  # already readable on white
    on_dark = readable(green, QColor("#17181a"), white)
    assert contrast(on_dark, QColor("#17181a")) >= 4.5 and on_dark.green() > on_dark.red()
    assert round(contrast(black, white), 1) == 21.0


def test_the_palette_follows_the_system_colour_scheme(qapp: QApplication) -> None:
    original = qapp.palette()
    hints = qapp.styleHints()
    try:
        connection = follow_color_scheme(qapp)
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert is_dark(qapp.palette())
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert not is_dark(qapp.palette())
    finally:
        QObject.disconnect(connection)
        qapp.setPalette(original)
