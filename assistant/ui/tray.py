"""The tray icon (Linux, Windows, macOS): show or hide the window, talk, mute, quit.

`Tray` puts the app icon in the system tray when the desktop has one, with a menu that works
the window's own controls (the talk bar, Quit), so the tray and the window never disagree.
With the setting "keep running in the tray" the window's close button only hides it
(`MainWindow.keeps_running`); the conversation, the audio and the global talk key go on, and
Quit (the window's menu or the tray's) really quits. With "notify", a reply that arrives while
the window is hidden is shown as a tray message. Where there is no system tray
(`QSystemTrayIcon.isSystemTrayAvailable()` is false: some Linux desktops, Xvfb) nothing is
shown, closing the window quits as before, and Settings says why the option is off
(`TrayOptions`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QCheckBox, QLabel, QMenu, QSystemTrayIcon, QVBoxLayout, QWidget

from assistant.realtime import Item, Message, Role
from assistant.settings.store import AppSettings
from assistant.ui.bridge import CoreBridge
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate
from assistant.ui.window import MainWindow

NOTE_CHARS = 160  # a notification shows the start of the reply
NO_TRAY = QT_TRANSLATE_NOOP(
    "Tray",
    "This desktop has no system tray, so closing the window quits Realtime Assistant.",
)


def tray_available() -> bool:
    """True when the desktop session has a system tray to put an icon in."""
    return QSystemTrayIcon.isSystemTrayAvailable()


class Tray(QObject):
    """The tray icon of `window`; see the module docstring."""

    def __init__(
        self,
        window: MainWindow,
        bridge: CoreBridge,
        icon: QIcon,
        available: Callable[[], bool] = tray_available,
    ) -> None:
        super().__init__(window)
        self.window, self.available = window, available()
        self.keep_running = self.notify = False
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip(self.tr("Realtime Assistant"))
        self.menu = QMenu(window)
        self._actions()
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.menu.aboutToShow.connect(self.follow_window)
        window.talk.mic_state_changed.connect(lambda _state: self.follow_window())
        window.hidden_to_tray.connect(self._hidden)
        window.installEventFilter(self)  # shown or hidden: the menu follows
        window.keeps_running = lambda: self.keep_running and self.icon.isVisible()
        bridge.item_completed.connect(self._reply)
        self._told_hidden = False
        self.notes: list[str] = []  # every message shown, for tests
        if self.available:
            self.icon.show()
        self.follow_window()

    def _actions(self) -> None:
        talk = self.window.talk
        self.show_action = QAction(self.tr("Hide window"), self)
        self.show_action.triggered.connect(self.toggle_window)
        self.talk_action = QAction(self.tr("Talk"), self)
        self.talk_action.triggered.connect(talk.toggle)
        self.mute_action = QAction(self.tr("Mute microphone"), self, checkable=True)
        self.mute_action.triggered.connect(talk.set_muted)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.triggered.connect(self.window.quit_action.trigger)
        self.menu.addActions([self.show_action, self.talk_action, self.mute_action])
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's API)
        if watched is self.window and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.follow_window()
        return False

    def apply(self, settings: AppSettings) -> None:
        """The settings' tray options (off where there is no tray)."""
        self.keep_running = self.available and settings.tray_keep_running
        self.notify = self.keep_running and settings.tray_notify

    def hide(self) -> None:
        """Take the icon out of the tray (the window is closing for good)."""
        self.icon.hide()

    def follow_window(self) -> None:
        """The menu says what a click does now: show or hide, talk or send, mute or not."""
        talk, hidden = self.window.talk, not self.window.isVisible()
        self.show_action.setText(self.tr("Show window") if hidden else self.tr("Hide window"))
        send, start = self.tr("Send what I said"), self.tr("Talk")
        self.talk_action.setText(send if talk.held else start)
        self.talk_action.setEnabled(talk.talk_enabled or talk.held)
        self.mute_action.setEnabled(talk.mute_button.isEnabled())
        self.mute_action.setChecked(talk.mute_button.isChecked())

    def toggle_window(self) -> None:
        if self.window.isVisible():
            self.window.hide()
        else:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()
        self.follow_window()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        click = reason is QSystemTrayIcon.ActivationReason.Trigger
        if click and sys.platform != "darwin":  # macOS opens the menu on a click instead
            self.toggle_window()

    def _hidden(self) -> None:
        self.follow_window()
        if not self._told_hidden:
            self._told_hidden = True
            self._show_note(
                self.tr(
                    "Realtime Assistant is still running. Quit from this icon's menu to end it."
                )
            )

    def _reply(self, item: Item) -> None:
        reply = isinstance(item, Message) and item.role is Role.ASSISTANT and item.text
        if reply and self.notify and not self.window.isVisible():
            assert isinstance(item, Message)  # for the type checker: `reply` says so
            text = " ".join(item.text.split())
            self._show_note(text if len(text) <= NOTE_CHARS else text[: NOTE_CHARS - 1] + "…")

    def _show_note(self, text: str) -> None:
        if self.icon.isVisible() and self.icon.supportsMessages():
            self.notes.append(text)
            self.icon.showMessage(self.tr("Realtime Assistant"), text, self.icon.icon(), 8000)


class TrayOptions(QWidget):
    """The tray's two settings; off, with the reason, where the desktop has no tray."""

    def __init__(self, available: bool | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.available = tray_available() if available is None else available
        self.keep_running = QCheckBox(self.tr("Keep running in the tray when the window is closed"))
        self.notify = QCheckBox(self.tr("Notify when a reply arrives while the window is hidden"))
        self.reason = QLabel(translate("Tray", NO_TRAY))
        self.reason.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.keep_running, self.notify, self.reason):
            column.addWidget(widget)
        self.reason.setVisible(not self.available)
        self.keep_running.setEnabled(self.available)
        self.keep_running.toggled.connect(self._follow)
        self._follow()

    def _follow(self) -> None:
        self.notify.setEnabled(self.available and self.keep_running.isChecked())

    def load(self, settings: AppSettings) -> None:
        self.keep_running.setChecked(settings.tray_keep_running)
        self.notify.setChecked(settings.tray_notify)
        self._follow()

    def apply(self, settings: AppSettings) -> AppSettings:
        """`settings` with the boxes' values (unchanged where there is no tray to use them)."""
        if not self.available:
            return settings
        keep, notify = self.keep_running.isChecked(), self.notify.isChecked()
        return replace(settings, tray_keep_running=keep, tray_notify=notify)
