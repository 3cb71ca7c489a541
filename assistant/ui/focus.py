"""A focus ring that can be seen: where the keyboard is, in every style and colour scheme.

Styles draw focus faintly or not at all (Fusion tints a button's outline), which leaves keyboard
users guessing. `FocusRing` is a `QFocusFrame` (Qt keeps it around its widget, above its
siblings, transparent to the mouse) painted as a 2 px rounded ring in the palette's Highlight
colour, so it follows a dark palette and the system's accent. One ring per window moves to
whichever of its controls the keyboard moved the focus to (Tab, Shift+Tab, a shortcut); a click
puts no ring around what was clicked, as browsers do with `:focus-visible`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFocusFrame, QWidget

RING_WIDTH = 2
KEYBOARD = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)
KEEPS = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)


class FocusRing(QFocusFrame):
    """The ring around `window`'s focused control; see the module docstring."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.hide()  # a child of a shown window shows, at the corner, until it has a widget
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.installEventFilter(self)  # removed with the ring (Qt drops a deleted filter)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's API)
        if event.type() is not QEvent.Type.FocusIn or not isinstance(event, QFocusEvent):
            return False  # the cheap test first: this sees every event of the app
        if isinstance(watched, QWidget) and watched.window() is self._window:
            self.follow(watched, event.reason())
        return False

    def follow(self, widget: QWidget, reason: Qt.FocusReason) -> None:
        """Ring `widget` when the keyboard brought the focus there (Tab, a shortcut); a click
        or the app moving the focus hides the ring, and the window coming back keeps it."""
        if reason in KEEPS:
            return
        tabbable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        shown = tabbable and reason in KEYBOARD
        self.setWidget(widget if shown else None)  # type: ignore[arg-type]  # None: no widget

    def color(self) -> str:
        """The ring's colour: the palette's Highlight."""
        return self.palette().color(QPalette.ColorRole.Highlight).name()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802  (Qt's API)
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), RING_WIDTH))
        half = RING_WIDTH / 2
        painter.drawRoundedRect(self.rect().toRectF().adjusted(half, half, -half, -half), 4, 4)
        painter.end()
