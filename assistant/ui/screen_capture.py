"""A picture of the screen through Qt: the whole screen, or a region the user drags out.

`ScreenCapture` hides the app's own visible windows (the model should see the user's screen,
not the assistant), waits `HIDE_DELAY` for the window system to take them off the screen (a
compositor fades them), grabs the screen with `QScreen.grabWindow(0)`, and shows the windows
again; a window hidden in the tray was not visible, so it stays hidden. The screen is the one
the main window is on, or, while it is hidden, the one under the mouse pointer.

For a region, the frozen capture fills a frameless full-screen `RegionPicker` on that screen:
drag a rectangle (its size is shown in the capture's pixels), Enter or a double click takes the
whole screen, Esc cancels. The overlay's coordinates are logical (device-independent) pixels
and the capture has device pixels: on a screen with a device pixel ratio above 1 the capture
is larger than the overlay, so a rectangle is mapped with the ratio of the two sizes
(`pixel_rect`), measured rather than taken from `devicePixelRatio()` (X11 and fractional
scaling round differently).

A capture that comes back null (Wayland gives apps no screen without the desktop's
permission; `grabWindow` then returns nothing), or black only in a Wayland session (what
XWayland gives), raises `CaptureFailed` with one sentence for the user. Elsewhere a black
screen is what the screen shows (a black desktop with nothing open) and is taken as it is.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Callable, Mapping

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QCursor,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QScreen,
)
from PySide6.QtWidgets import QApplication, QWidget

from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate

HIDE_DELAY = 0.25  # seconds for a hidden window to leave the screen (compositors fade them)
MIN_DRAG = 4  # logical pixels: a shorter drag is a click, not a region
DIM_ALPHA = 110  # how dark the frozen screen is outside the rectangle (of 255)
EMPTY = QT_TRANSLATE_NOOP(
    "Screen",
    "The screen could not be captured: the picture came back empty. On Wayland the desktop "
    "does not let apps take screenshots this way; take one with the desktop's screenshot tool "
    "and attach it instead.",
)


def on_wayland(env: Mapping[str, str] = os.environ) -> bool:
    """True in a Wayland session, where a black-only capture means "not allowed"."""
    wayland = env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or bool(
        env.get("WAYLAND_DISPLAY")
    )
    return wayland or QGuiApplication.platformName() == "wayland"


class CaptureFailed(Exception):
    """No usable picture of the screen; `args[0]` is the sentence for the user."""


def is_blank(image: QImage) -> bool:
    """True for a null image or one whose every pixel is black. A small sample answers for
    a screen with anything on it (1 ms); only a black sample costs the full look (4K: 0.15 s)."""
    if image.isNull() or image.width() == 0 or image.height() == 0:
        return True
    sample = image.scaled(
        64, 64, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.FastTransformation
    )
    return _black(sample) and _black(image)


def _black(image: QImage) -> bool:
    rgbx = image.convertToFormat(QImage.Format.Format_RGBX8888)  # bytes R, G, B, X in order
    data = bytes(rgbx.constBits())  # no row padding: four bytes a pixel
    pixels = len(data) // 4
    return all(data[channel::4].count(0) == pixels for channel in range(3))


def pixel_rect(rect: QRect, logical: QSize, pixels: QSize) -> QRect:
    """`rect` in logical pixels of an area `logical` in size, as device pixels of a capture
    of that area `pixels` in size (see the module docstring), within the capture."""
    sx = pixels.width() / max(1, logical.width())
    sy = pixels.height() / max(1, logical.height())
    left, top = round(rect.left() * sx), round(rect.top() * sy)
    right, bottom = (
        round((rect.left() + rect.width()) * sx),
        round((rect.top() + rect.height()) * sy),
    )
    return QRect(left, top, right - left, bottom - top).intersected(QRect(QPoint(), pixels))


def grab_screen(screen: QScreen) -> QPixmap:
    """What `screen` shows now, in device pixels (null where the platform gives nothing)."""
    return screen.grabWindow(0)


def screen_of(window: QWidget | None) -> QScreen:
    """The screen `window` is on, or (hidden, or none) the one under the mouse pointer."""
    if window is not None and window.isVisible() and not window.isMinimized():
        return window.screen()
    return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


class RegionPicker(QWidget):
    """The frozen screen, full-screen and frameless; see the module docstring.

    Signals:
        picked(QImage): the chosen region (or the whole screen), in the capture's pixels.
        cancelled(): Esc, or the window was closed.
    """

    picked = Signal(QImage)
    cancelled = Signal()

    def __init__(self, frozen: QPixmap, screen: QScreen) -> None:
        super().__init__(
            None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        self.frozen, self.selection = frozen, QRect()
        self._start: QPoint | None = None
        self._done = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Drag over the part of the screen to ask about"))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setGeometry(screen.geometry())

    def open(self) -> None:
        """Cover the screen and take the keyboard."""
        self.showFullScreen()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def region(self) -> QRect:
        """The selection in the capture's pixels (empty: none yet)."""
        return pixel_rect(self.selection, self.size(), self.frozen.size())

    def size_text(self) -> str:
        size = self.region().size()
        text = self.tr("{width} × {height}")  # noqa: RUF001  (the sign, not an x)
        return text.format(width=size.width(), height=size.height())

    def take(self, whole: bool = False) -> None:
        """Hand over the selection (or the whole screen) and close."""
        area = QRect(QPoint(), self.frozen.size()) if whole else self.region()
        self._finish()
        self.picked.emit(self.frozen.copy(area).toImage())

    def cancel(self) -> None:
        self._finish()
        self.cancelled.emit()

    def _finish(self) -> None:
        self._done = True
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802  (Qt's API)
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.take(whole=True)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802  (Qt's API)
        if event.button() == Qt.MouseButton.LeftButton:
            self._start = event.position().toPoint()
            self.selection = QRect()
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802  (Qt's API)
        if self._start is not None:
            self.selection = _span(self._start, event.position().toPoint())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802  (Qt's API)
        if event.button() != Qt.MouseButton.LeftButton or self._start is None:
            return
        self._start = None
        large = min(self.selection.width(), self.selection.height()) >= MIN_DRAG
        if large and not self.region().isEmpty():
            self.take()
        else:
            self.selection = QRect()  # a click: keep waiting for a drag
            self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802  (Qt's API)
        if event.button() == Qt.MouseButton.LeftButton:
            self.take(whole=True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802  (Qt's API)
        event.accept()
        if not self._done:  # closed from outside (the window system): nothing was picked
            self._done = True
            self.cancelled.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802  (Qt's API)
        del event  # the whole overlay is painted: it changes only as the rectangle moves
        painter = QPainter(self)
        painter.drawPixmap(self.rect(), self.frozen)
        shade = QColor(Qt.GlobalColor.black)
        shade.setAlpha(DIM_ALPHA)
        outside = self.selection if not self.selection.isEmpty() else QRect()
        for part in _around(self.rect(), outside):
            painter.fillRect(part, shade)
        if not outside.isEmpty():
            painter.setPen(self.palette().color(QPalette.ColorRole.Highlight))
            painter.drawRect(outside.adjusted(0, 0, -1, -1))
            self._paint_size(painter, outside)
        painter.end()

    def _paint_size(self, painter: QPainter, outside: QRect) -> None:
        """The rectangle's size in pixels, in a tooltip-coloured box beside its corner."""
        text = self.size_text()
        box = painter.fontMetrics().boundingRect(text).adjusted(-6, -3, 6, 3)
        box.moveTopLeft(outside.bottomLeft() + QPoint(0, 4))
        if box.bottom() > self.height():
            box.moveBottomLeft(outside.topLeft() - QPoint(0, 4))
        palette = self.palette()
        painter.fillRect(box, palette.color(QPalette.ColorRole.ToolTipBase))
        painter.setPen(palette.color(QPalette.ColorRole.ToolTipText))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def _span(start: QPoint, end: QPoint) -> QRect:
    """The rectangle dragged from `start` to `end`: as wide as the pointer moved."""
    left, top = min(start.x(), end.x()), min(start.y(), end.y())
    return QRect(left, top, abs(end.x() - start.x()), abs(end.y() - start.y()))


def _around(whole: QRect, hole: QRect) -> list[QRect]:
    """`whole` minus `hole`, as up to four rectangles (all of `whole` when `hole` is empty)."""
    if hole.isEmpty():
        return [whole]
    return [
        QRect(whole.left(), whole.top(), whole.width(), hole.top() - whole.top()),
        QRect(whole.left(), hole.bottom() + 1, whole.width(), whole.bottom() - hole.bottom()),
        QRect(whole.left(), hole.top(), hole.left() - whole.left(), hole.height()),
        QRect(hole.right() + 1, hole.top(), whole.right() - hole.right(), hole.height()),
    ]


class ScreenCapture:
    """Takes pictures of the screen for the window `main`; see the module docstring."""

    def __init__(
        self,
        main: QWidget | None,
        delay: float = HIDE_DELAY,
        grab: Callable[[QScreen], QPixmap] = grab_screen,
        wayland: bool | None = None,
    ) -> None:
        self.main, self.delay, self.grab = main, delay, grab
        self.wayland = on_wayland() if wayland is None else wayland  # black is a refusal there
        self.picker: RegionPicker | None = None  # the open region overlay, if any

    async def whole(self) -> QImage:
        """The whole screen; `CaptureFailed` when it cannot be had."""
        screen = screen_of(self.main)  # before the window hides
        async with self._windows_hidden():
            return self._grab(screen).toImage()

    async def region(self) -> QImage | None:
        """A region the user picks (None: cancelled); `CaptureFailed` as for `whole`."""
        screen = screen_of(self.main)  # before the window hides
        async with self._windows_hidden():
            frozen = self._grab(screen)
            return await self._pick(frozen, screen)

    async def _pick(self, frozen: QPixmap, screen: QScreen) -> QImage | None:
        choice: asyncio.Future[QImage | None] = asyncio.get_running_loop().create_future()
        self.picker = picker = RegionPicker(frozen, screen)
        picker.picked.connect(lambda image: _settle(choice, image))
        picker.cancelled.connect(lambda: _settle(choice, None))
        picker.open()
        try:
            return await choice
        finally:
            self.picker = None
            if choice.cancelled():  # the task was cancelled (the app is closing)
                picker.cancel()

    def _grab(self, screen: QScreen) -> QPixmap:
        pixmap = self.grab(screen)
        if pixmap.isNull() or (self.wayland and is_blank(pixmap.toImage())):
            raise CaptureFailed(translate("Screen", EMPTY))
        return pixmap

    @contextlib.asynccontextmanager
    async def _windows_hidden(self) -> AsyncIterator[None]:
        """The app's visible windows hidden (and given time to go), shown again after."""
        kinds = (Qt.WindowType.Window, Qt.WindowType.Dialog)  # not menus or tooltips
        hidden = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and not w.isMinimized() and w.windowType() in kinds
        ]
        for window in hidden:
            window.hide()
        if hidden:
            await asyncio.sleep(self.delay)
        try:
            yield
        finally:
            for window in hidden:
                window.show()
            if self.main is not None and self.main in hidden:
                self.main.activateWindow()


def _settle(choice: asyncio.Future[QImage | None], image: QImage | None) -> None:
    if not choice.done():
        choice.set_result(image)
