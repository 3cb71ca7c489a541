"""Screen capture on a real X server: real pixels of a real window, our own window out of the
picture, the screen key's whole path with a real capture, and a device pixel ratio of 2.

Run by tests/hotkey/test_x11_window.py (see conftest.py here). Xvfb's screen is black where no
window is, so a window of known colours ("another program") is shown for each capture.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from Xlib import display as xdisplay

from assistant.app.assembly import apply_settings
from assistant.app.screen import install_screen
from assistant.realtime import Picture
from assistant.ui.screen_capture import ScreenCapture
from tests.hotkey.scripted import ScriptedSource, down, up
from tests.ui.rig import window_rig
from tests.ui.test_window_voice import talk_calls

RED, BLUE, GREEN = QColor(220, 20, 30), QColor(20, 40, 210), QColor(30, 200, 60)
OTHER = QRect(100, 100, 300, 200)  # "another program": red left half, blue right half
ROOT = Path(__file__).resolve().parents[2]


class Painted(QWidget):
    """A frameless window filled with two colours, left and right."""

    def __init__(self, area: QRect, left: QColor, right: QColor) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint)
        self.left, self.right = left, right
        self.setGeometry(area)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802  (Qt's API)
        del event
        painter = QPainter(self)
        half = self.width() // 2
        painter.fillRect(0, 0, half, self.height(), self.left)
        painter.fillRect(half, 0, self.width() - half, self.height(), self.right)
        painter.end()


def on_screen(x: int, y: int) -> QColor:
    image = QGuiApplication.primaryScreen().grabWindow(0).toImage()
    return image.pixelColor(x, y)


@contextmanager
def another_program(qtbot: QtBot) -> Iterator[None]:
    """Windows of known colours from another X client (python-xlib, not Qt: the capture hides
    this process's Qt windows), until the X server's screen shows them."""
    shown = xdisplay.Display()
    screen = shown.screen()
    half = OTHER.width() // 2
    for left, colour in ((OTHER.left(), RED), (OTHER.left() + half, BLUE)):
        window = screen.root.create_window(
            left, OTHER.top(), half, OTHER.height(), 0, screen.root_depth,
            background_pixel=colour.rgb() & 0xFFFFFF, override_redirect=True,
        )  # fmt: skip
        window.map()
    shown.sync()
    try:
        qtbot.waitUntil(lambda: on_screen(150, 200) == RED and on_screen(350, 200) == BLUE)
        yield
    finally:
        shown.close()  # its windows go with the connection


def test_a_real_capture_has_the_screens_pixels_and_not_our_window(qtbot: QtBot, qloop: Any) -> None:
    with another_program(qtbot):
        ours = Painted(QRect(600, 100, 300, 200), GREEN, GREEN)
        qtbot.addWidget(ours)
        ours.show()
        qtbot.waitUntil(lambda: on_screen(750, 200) == GREEN)
        capture = ScreenCapture(ours)  # the real delay and the real grab
        task = qloop.create_task(capture.whole())
        qtbot.waitUntil(task.done, timeout=10_000)
        image: QImage = task.result()
        screen = QGuiApplication.primaryScreen()
        assert image.size() == screen.geometry().size()  # Xvfb: a ratio of 1
        assert image.pixelColor(150, 200) == RED and image.pixelColor(350, 200) == BLUE
        assert image.pixelColor(750, 200) != GREEN  # hidden while the screen was taken
        assert ours.isVisible()
        qtbot.waitUntil(lambda: on_screen(750, 200) == GREEN)  # and back on the screen


class Sink:
    def __init__(self, log: list[str]) -> None:
        self.log, self.pictures = log, []  # type: list[str], list[Picture]

    def attach_picture(self, picture: Picture) -> None:
        self.log.append("attach")
        self.pictures.append(picture)


def test_the_screen_key_captures_the_real_screen_then_talks(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig, another_program(qtbot):
        calls, source = talk_calls(rig), ScriptedSource()
        sink = Sink(calls)
        install_screen(rig.app, sink, source=lambda: source)
        apply_settings(rig.app, replace(rig.app.settings, screen_hotkey="Ctrl+F9"))
        source.play(down("Ctrl"), down("F9"))
        rig.wait(lambda: rig.window.talk.held)
        assert calls == ["attach", "press"] and rig.window.isVisible()
        source.play(up("F9"), up("Ctrl"))
        rig.wait(lambda: calls == ["attach", "press", "release"])
        picture = sink.pictures[0]
        image = QImage.fromData(picture.data)
        scale = picture.width / QGuiApplication.primaryScreen().geometry().width()
        assert image.pixelColor(round(150 * scale), round(200 * scale)) == RED
        assert image.pixelColor(round(350 * scale), round(200 * scale)) == BLUE


SCALED = """
import json, sys
from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from assistant.ui.screen_capture import grab_screen, is_blank, pixel_rect
from tests.xcb.test_screen_on_x11 import BLUE, OTHER, RED, Painted

app = QApplication([])
other = Painted(QRect(50, 50, 150, 100), RED, BLUE)  # logical pixels at a ratio of 2
other.show()
found = {}

def look(tries=[0]):
    screen = QGuiApplication.primaryScreen()
    image = grab_screen(screen).toImage()
    logical = screen.geometry().size()
    left = image.copy(pixel_rect(QRect(60, 60, 20, 20), logical, image.size()))
    right = image.copy(pixel_rect(QRect(170, 60, 20, 20), logical, image.size()))
    tries[0] += 1
    if (left.pixelColor(0, 0) != RED or right.pixelColor(19, 19) != BLUE) and tries[0] < 200:
        QTimer.singleShot(20, look)
        return
    found.update(
        ratio=screen.devicePixelRatio(), logical=[logical.width(), logical.height()],
        pixels=[image.width(), image.height()], left=[left.width(), left.height()],
        colours=[left.pixelColor(0, 0).name(), left.pixelColor(39, 39).name(),
                 right.pixelColor(0, 0).name(), right.pixelColor(39, 39).name()],
    )
    app.quit()

QTimer.singleShot(0, look)
app.exec()
print(json.dumps(found))
"""


def test_at_a_device_pixel_ratio_of_two_a_region_is_cut_in_device_pixels() -> None:
    """A process of its own: Qt's scale factor is read once, when the application starts."""
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "xcb"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(  # noqa: S603  (this Python, this script)
        [sys.executable, "-c", SCALED], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["ratio"] == pytest.approx(2.0)
    assert found["pixels"] == [found["logical"][0] * 2, found["logical"][1] * 2]
    assert found["left"] == [40, 40]  # 20 logical pixels, 40 device pixels
    assert found["colours"] == [RED.name(), RED.name(), BLUE.name(), BLUE.name()]
