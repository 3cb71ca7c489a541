"""The window's "Ask about my screen": a submenu of the Conversation menu and a toolbar button.

Both offer "Whole screen" (Ctrl+Shift+S; also a click on the button) and "Region…"
(Ctrl+Shift+R). They only ask (`requested(region)`); the app captures and attaches
(`assistant.app.screen`). When the connection's protocol takes no pictures, `refuse(why)`
disables them and the tooltips say why.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolButton

from assistant.ui.shortcuts import shortcut_text


class ScreenActions(QObject):
    """The actions, in `menu` (the window's Conversation menu) and a toolbar of `window`.

    Signals:
        requested(bool): capture the whole screen (False) or a region (True).
    """

    requested = Signal(bool)

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.menu = QMenu(self.tr("Ask about my &screen"), window)
        self.menu.setToolTipsVisible(True)
        self.whole = QAction(
            self.tr("&Whole screen"), window, shortcut=QKeySequence("Ctrl+Shift+S")
        )
        self.region = QAction(self.tr("&Region…"), window, shortcut=QKeySequence("Ctrl+Shift+R"))
        self.whole.triggered.connect(lambda: self.requested.emit(False))
        self.region.triggered.connect(lambda: self.requested.emit(True))
        self.menu.addActions([self.whole, self.region])
        menu.addSeparator()
        menu.addMenu(self.menu)
        menu.setToolTipsVisible(True)  # only actions with a tooltip of their own show one
        self.button = QToolButton()
        self.button.setText(self.tr("Ask about my screen"))
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.button.setMenu(self.menu)
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves Space to talk
        self.button.clicked.connect(self.whole.trigger)
        self.toolbar = window.addToolBar(self.tr("Screen"))
        self.toolbar.setObjectName("screen-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addWidget(self.button)
        self.refuse("")

    def refuse(self, why: str) -> None:
        """Off with `why` as the tooltip ("": on, the tooltips name the keys)."""
        for item in (self.whole, self.region, self.menu.menuAction()):
            item.setEnabled(not why)
        self.button.setEnabled(not why)
        whole = self.tr("Ask about the whole screen ({key}); the arrow offers a region").format(
            key=shortcut_text(self.whole)
        )
        self.button.setToolTip(why or whole)
        for action in (self.whole, self.region, self.menu.menuAction()):
            action.setToolTip(why)  # "" gives back the default (shown in no menu)
