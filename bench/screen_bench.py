"""Ask about my screen: what a capture costs the GUI thread.

blank    `is_blank` on a screenshot with content (the 64x64 sample answers) and on a black
         one (the full look: the refusal path).
picture  `picture_from_image` of a screenshot of text on a gradient: smooth scaling to the
         model's limits and PNG encoding, at three screen sizes.
grab     `QScreen.grabWindow(0)` of the display Qt runs on (`QT_QPA_PLATFORM=xcb` under
         `scripts/with-services.sh` for Xvfb; skipped on the offscreen platform, which has no
         screen).

Medians (and the slowest) of 7 runs, in milliseconds:

    python bench/screen_bench.py
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QApplication

from assistant.app.pictures import picture_from_image
from assistant.ui.screen_capture import grab_screen, is_blank

SIZES = ((1920, 1080), (2560, 1440), (3840, 2160))


def timed(work: Callable[[], object], runs: int = 7) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def screenshot(width: int, height: int) -> QImage:
    """Lines of text on a gradient: what a screen of documents looks like to PNG."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, width, height)
    gradient.setColorAt(0, QColor(250, 250, 250))
    gradient.setColorAt(1, QColor(30, 60, 200))
    painter.fillRect(image.rect(), gradient)
    for y in range(0, height, 24):
        painter.drawText(10, y, "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 8)
    painter.end()
    return image


def main() -> None:
    app = QApplication([])
    rows = []
    content, black = screenshot(3840, 2160), QImage(3840, 2160, QImage.Format.Format_RGB32)
    black.fill(0)
    rows.append(("blank: 3840x2160 with content", *timed(lambda: is_blank(content))))
    rows.append(("blank: 3840x2160 black", *timed(lambda: is_blank(black))))
    for width, height in SIZES:
        image = screenshot(width, height)
        picture = picture_from_image("screen.png", image)
        label = f"picture: {width}x{height} -> {picture.width}x{picture.height}"
        label += f", {len(picture.data) // 1024} KiB PNG"
        rows.append((label, *timed(lambda image=image: picture_from_image("screen.png", image))))
    if QGuiApplication.platformName() != "offscreen":
        screen = QGuiApplication.primaryScreen()
        size = screen.geometry().size()
        label = f"grab: {QGuiApplication.platformName()} {size.width()}x{size.height()}"
        rows.append((label, *timed(lambda: grab_screen(screen).toImage())))
    width = max(len(row[0]) for row in rows)
    print(f"{'':{width}}  median ms  max ms")
    for label, median, slowest in rows:
        print(f"{label:{width}}  {median:9.2f}  {slowest:6.2f}")
    app.quit()


if __name__ == "__main__":
    main()
