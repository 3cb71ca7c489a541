"""A focus ring that can be seen: where the keyboard is, in every style and colour scheme.

Styles draw focus faintly or not at all (Fusion tints a button's outline), which leaves keyboard
users guessing. `FocusRing` is a `QFocusFrame` (Qt keeps it around its widget, above its
siblings, transparent to the mouse) painted as a 2 px rounded ring in the palette's Highlight
colour, so it follows a dark palette and the system's accent. One ring per window moves to
whichever of its controls has the keyboard focus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFocusFrame, QWidget

RING_WIDTH = 2


class FocusRing(QFocusFrame):
    """The ring around `window`'s focused control; see the module docstring."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self.follow)  # a slot of the ring: gone when the ring is

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Go to `new` when it is a control of the window that Tab reaches, else hide."""
        tabbable = new is not None and bool(new.focusPolicy() & Qt.FocusPolicy.TabFocus)
        mine = tabbable and new is not None and new.window() is self._window
        self.setWidget(new if mine else None)  # type: ignore[arg-type]  # None: no widget

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
