"""Talking: the mode switch, the push-to-talk button, mute and stop, and hold-Space.

`TalkBar` turns button presses into `Commands` calls. `HoldToTalkKey` is an application event
filter: while the window is active, holding Space (anywhere but a text box) presses the talk
button and letting go releases it; auto-repeated presses are swallowed, and a hold ends when
the application loses focus (the release would never arrive).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from assistant.controller import TurnMode
from assistant.ui.commands import Commands
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate
from assistant.ui.meter import MicState

HELD_STYLE = "QPushButton { background: #d1fae5; border: 2px solid #047857; font-weight: bold; }"
MODES = [
    (TurnMode.PUSH_TO_TALK, QT_TRANSLATE_NOOP("TalkBar", "Push to talk")),
    (TurnMode.SERVER_VAD, QT_TRANSLATE_NOOP("TalkBar", "Hands-free (server VAD)")),
    (TurnMode.SEMANTIC_VAD, QT_TRANSLATE_NOOP("TalkBar", "Hands-free (semantic VAD)")),
]


class TalkBar(QWidget):
    """Mode switch, hold-to-talk button, microphone mute and the stop button.

    Signals:
        mic_state_changed(MicState): the microphone went live or was muted.
        mode_chosen(TurnMode): the user picked a turn mode (the app remembers it).
    """

    mic_state_changed = Signal(object)
    mode_chosen = Signal(object)

    def __init__(
        self, commands: Commands, *, has_microphone: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._commands, self._has_mic = commands, has_microphone
        self.held = False
        self.mode_box = QComboBox()
        for mode, label in MODES:
            self.mode_box.addItem(translate("TalkBar", label), mode)
        self.talk_button = QPushButton(self.tr("Hold to talk (Space)"))
        self.mute_button = QPushButton(self.tr("Mute microphone"))
        self.mute_button.setCheckable(True)
        self.stop_button = QPushButton(self.tr("Stop reply"))
        self._layout()
        self._connect()
        self.show_mode(commands.mode)

    def _layout(self) -> None:
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 0)
        row.addWidget(self.mode_box)
        row.addWidget(self.talk_button, 1)
        row.addWidget(self.mute_button)
        row.addWidget(self.stop_button)
        self.talk_button.setMinimumHeight(34)
        for widget in (self.mode_box, self.talk_button, self.mute_button, self.stop_button):
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Space stays the talk key
        if not self._has_mic:
            for widget in (self.mode_box, self.talk_button, self.mute_button):
                widget.setEnabled(False)
            self.talk_button.setText(self.tr("No microphone: type below"))

    def _connect(self) -> None:
        self.mode_box.activated.connect(lambda i: self.choose_mode(self.mode_box.itemData(i)))
        self.talk_button.pressed.connect(self.press)
        self.talk_button.released.connect(self.release)
        self.mute_button.toggled.connect(self.set_muted)
        self.stop_button.clicked.connect(self._commands.stop_reply)

    @property
    def talk_enabled(self) -> bool:
        """True when a press starts a turn: push-to-talk mode, a microphone, not muted."""
        return self._has_mic and self.talk_button.isEnabled()

    def choose_mode(self, mode: TurnMode) -> None:
        self.release()
        self._commands.set_mode(mode)
        self.show_mode(mode)
        self.mode_chosen.emit(mode)

    def show_mode(self, mode: TurnMode) -> None:
        self.mode_box.setCurrentIndex(self.mode_box.findData(mode))
        push = mode is TurnMode.PUSH_TO_TALK
        self.talk_button.setEnabled(self._has_mic and push and not self.mute_button.isChecked())
        if self._has_mic:
            hold, free = self.tr("Hold to talk (Space)"), self.tr("Listening hands-free")
            self.talk_button.setText(hold if push else free)

    def press(self) -> None:
        if self.held or not self.talk_enabled:
            return
        self.held = True
        self.talk_button.setDown(True)
        self.talk_button.setText(self.tr("Listening… let go to send"))
        self.talk_button.setStyleSheet(HELD_STYLE)
        self._commands.press_to_talk()

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        self.talk_button.setDown(False)
        self.talk_button.setStyleSheet("")
        self._commands.release_to_talk()
        self.show_mode(self._commands.mode)

    def set_muted(self, muted: bool) -> None:
        self.release()
        self._commands.set_muted(muted)
        self.mute_button.setChecked(muted)
        unmute, mute = self.tr("Unmute microphone"), self.tr("Mute microphone")
        self.mute_button.setText(unmute if muted else mute)
        self.show_mode(self._commands.mode)
        self.mic_state_changed.emit(MicState.MUTED if muted else MicState.LIVE)


class HoldToTalkKey(QObject):
    """Space held in `window` (outside text boxes) works the talk button of `bar`."""

    def __init__(self, window: QWidget, bar: TalkBar, key: Qt.Key = Qt.Key.Key_Space) -> None:
        super().__init__(window)
        self._window, self._bar, self._key = window, bar, key
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.installEventFilter(self)
        app.applicationStateChanged.connect(self._state_changed)
        window.destroyed.connect(lambda: app.removeEventFilter(self))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's API)
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not isinstance(event, QKeyEvent) or not self._mine(watched, event):
            return False
        if not event.isAutoRepeat():
            self._bar.press() if kind is QEvent.Type.KeyPress else self._bar.release()
        return True

    def _mine(self, watched: QObject, event: QKeyEvent) -> bool:
        if event.key() != self._key or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        return (self._bar.talk_enabled or self._bar.held) and not _typing_in(watched)

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state is not Qt.ApplicationState.ApplicationActive:
            self._bar.release()


def _typing_in(widget: QWidget) -> bool:
    """True when Space belongs to the widget: an editable text box."""
    focus = QApplication.focusWidget() or widget
    if isinstance(focus, QLineEdit):
        return not focus.isReadOnly()
    if isinstance(focus, QTextEdit | QPlainTextEdit):
        return not focus.isReadOnly()
    return False
