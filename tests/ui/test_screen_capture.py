"""Screen capture without a display: the region overlay driven by mouse and keys, the device
pixel ratio arithmetic, the blank check, and the sentence for an empty capture.

The offscreen platform has no screen contents to grab (`grabWindow(0)` comes back null, as on
Wayland without permission), so a real capture of real pixels is in tests/xcb.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPixmap, QScreen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from assistant.ui.screen_capture import (
    CaptureFailed,
    RegionPicker,
    ScreenCapture,
    is_blank,
    on_wayland,
    pixel_rect,
)

RED, BLUE = QColor(220, 20, 30), QColor(20, 40, 210)


@pytest.mark.parametrize(
    ("logical", "pixels", "rect", "expected"),
    [
        (QSize(800, 600), QSize(800, 600), QRect(10, 20, 100, 50), QRect(10, 20, 100, 50)),
        (QSize(800, 600), QSize(1600, 1200), QRect(10, 20, 100, 50), QRect(20, 40, 200, 100)),
        (QSize(1280, 800), QSize(1920, 1200), QRect(1, 1, 3, 3), QRect(2, 2, 4, 4)),  # 1.5
        (
            QSize(800, 600),
            QSize(1600, 1200),
            QRect(700, 500, 200, 200),
            QRect(1400, 1000, 200, 200),
        ),
    ],
)
def test_a_logical_rectangle_becomes_the_captures_device_pixels(
    logical: QSize, pixels: QSize, rect: QRect, expected: QRect
) -> None:
    assert pixel_rect(rect, logical, pixels) == expected  # the last one is clipped


def test_a_rectangle_at_one_and_a_half_tiles_the_capture_without_gaps() -> None:
    logical, pixels = QSize(9, 1), QSize(14, 1)  # 1.5 and rounding: no pixel lost or doubled
    parts = [pixel_rect(QRect(x, 0, 3, 1), logical, pixels) for x in (0, 3, 6)]
    assert [(p.left(), p.width()) for p in parts] == [(0, 5), (5, 4), (9, 5)]


def test_only_black_or_nothing_is_blank() -> None:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.black)
    assert is_blank(image) and is_blank(QImage())
    image.setPixelColor(63, 47, QColor(0, 0, 1))  # one pixel, the last one
    assert not is_blank(image)
    odd = QImage(3, 5, QImage.Format.Format_RGB888)  # rows of 9 bytes: converted first
    odd.fill(Qt.GlobalColor.black)
    assert is_blank(odd)


def quadrants(size: QSize) -> QPixmap:
    """Red on the left half, blue on the right."""
    pixmap = QPixmap(size)
    pixmap.fill(RED)
    painter = QPainter(pixmap)
    painter.fillRect(size.width() // 2, 0, size.width() - size.width() // 2, size.height(), BLUE)
    painter.end()
    return pixmap


class Picked:
    def __init__(self, picker: RegionPicker) -> None:
        self.images: list[QImage] = []
        self.cancels = 0
        picker.picked.connect(self.images.append)
        picker.cancelled.connect(self._cancelled)

    def _cancelled(self) -> None:
        self.cancels += 1


def opened(qtbot: QtBot, ratio: int = 2) -> tuple[RegionPicker, Picked]:
    """The overlay over the screen, frozen on a capture `ratio` times its logical size."""
    screen = QGuiApplication.primaryScreen()
    picker = RegionPicker(quadrants(screen.geometry().size() * ratio), screen)
    picked = Picked(picker)
    picker.open()
    qtbot.waitExposed(picker)
    return picker, picked


def test_a_dragged_rectangle_shows_its_size_and_is_cut_from_the_capture(qtbot: QtBot) -> None:
    picker, picked = opened(qtbot)
    assert picker.size() == QGuiApplication.primaryScreen().geometry().size()
    middle = picker.width() // 2
    start, end = QPoint(middle - 50, 100), QPoint(middle + 50, 160)
    QTest.mousePress(picker, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(picker, end)
    assert picker.size_text() == "200 × 120"  # noqa: RUF001  (device pixels, ratio 2)
    shown = picker.grab().toImage()
    inside = shown.pixelColor(middle - 30, 130)
    outside = shown.pixelColor(middle - 30, 300)
    assert inside == RED and outside.red() < RED.red()  # dimmed around the rectangle
    QTest.mouseRelease(picker, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert picked.cancels == 0 and len(picked.images) == 1
    image = picked.images[0]
    assert image.size() == QSize(200, 120)
    assert image.pixelColor(10, 60) == RED and image.pixelColor(190, 60) == BLUE
    assert not picker.isVisible()


def test_a_click_is_not_a_region_and_esc_cancels(qtbot: QtBot) -> None:
    picker, picked = opened(qtbot)
    QTest.mouseClick(picker, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    assert picked.images == [] and picker.isVisible()
    QTest.keyClick(picker, Qt.Key.Key_Escape)
    assert picked.cancels == 1 and picked.images == [] and not picker.isVisible()


@pytest.mark.parametrize("how", ["enter", "return", "double click"])
def test_enter_or_a_double_click_takes_the_whole_screen(qtbot: QtBot, how: str) -> None:
    picker, picked = opened(qtbot)
    if how == "double click":
        QTest.mouseDClick(picker, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    else:
        QTest.keyClick(picker, Qt.Key.Key_Enter if how == "enter" else Qt.Key.Key_Return)
    assert len(picked.images) == 1 and picked.cancels == 0
    assert picked.images[0].size() == picker.frozen.size()


def test_closing_the_overlay_from_outside_cancels(qtbot: QtBot) -> None:
    picker, picked = opened(qtbot)
    picker.close()
    assert picked.cancels == 1 and picked.images == []


def black(screen: QScreen) -> QPixmap:
    pixmap = QPixmap(screen.geometry().size())
    pixmap.fill(Qt.GlobalColor.black)
    return pixmap


@pytest.mark.parametrize(
    ("grab", "wayland"),
    [(lambda _screen: QPixmap(), False), (black, True)],
    ids=["null", "black-on-wayland"],
)
def test_an_empty_capture_is_one_sentence_and_the_windows_come_back(
    qtbot: QtBot, qloop: Any, grab: Callable[[QScreen], QPixmap], wayland: bool
) -> None:
    """What Wayland without permission gives: nothing, or (XWayland) a black screen. Qt's
    offscreen platform crashes in `grabWindow(0)` once a window was hidden, so the grab is the
    platform's answer, not a call."""
    main, in_tray = QWidget(), QWidget()
    qtbot.addWidget(main)
    qtbot.addWidget(in_tray)
    main.show()
    qtbot.waitExposed(main)
    seen_while_capturing: list[bool] = []

    def grab_and_look(screen: QScreen) -> QPixmap:
        seen_while_capturing.append(main.isVisible())
        return grab(screen)

    capture = ScreenCapture(main, delay=0, grab=grab_and_look, wayland=wayland)
    for region in (False, True):
        task = qloop.create_task(capture.region() if region else capture.whole())
        qtbot.waitUntil(task.done)
        with pytest.raises(CaptureFailed) as failed:
            task.result()
        assert failed.value.args[0].startswith("The screen could not be captured")
        assert "Wayland" in failed.value.args[0]
    assert seen_while_capturing == [False, False]  # our window was out of the picture
    assert main.isVisible() and not in_tray.isVisible()  # back; the tray's stays hidden
    assert capture.picker is None
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, RegionPicker)]


def test_a_black_screen_outside_wayland_is_what_the_screen_shows(qtbot: QtBot, qloop: Any) -> None:
    """A black desktop with nothing open on X11 is a picture, not a failure."""
    main = QWidget()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    capture = ScreenCapture(main, delay=0, grab=black, wayland=False)
    task = qloop.create_task(capture.whole())
    qtbot.waitUntil(task.done)
    image = task.result()
    assert is_blank(image) and image.size() == main.screen().geometry().size()
    assert main.isVisible()


def test_wayland_is_told_by_the_session() -> None:
    assert on_wayland({"XDG_SESSION_TYPE": "wayland"})
    assert on_wayland({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"})
    assert not on_wayland({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"})  # offscreen Qt here


def test_a_region_is_picked_from_the_frozen_screen_with_our_window_away(
    qtbot: QtBot, qloop: Any
) -> None:
    main = QWidget()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    capture = ScreenCapture(main, delay=0, grab=lambda screen: quadrants(screen.geometry().size()))
    task = qloop.create_task(capture.region())
    qtbot.waitUntil(lambda: capture.picker is not None and capture.picker.isVisible())
    assert not main.isVisible()
    picker = capture.picker
    assert picker is not None
    QTest.mousePress(picker, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    QTest.mouseMove(picker, QPoint(70, 50))
    QTest.mouseRelease(picker, Qt.MouseButton.LeftButton, pos=QPoint(70, 50))
    qtbot.waitUntil(task.done)
    image = task.result()
    assert image.size() == QSize(60, 40) and image.pixelColor(30, 20) == RED
    assert main.isVisible() and capture.picker is None
    task = qloop.create_task(capture.region())
    qtbot.waitUntil(lambda: capture.picker is not None and capture.picker.isVisible())
    QTest.keyClick(capture.picker, Qt.Key.Key_Escape)
    qtbot.waitUntil(task.done)
    assert task.result() is None and main.isVisible()
