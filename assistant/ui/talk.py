"""Talking: the mode switch, the push-to-talk button, mute and stop, and hold-Space.

`TalkBar` turns button presses into `Commands` calls. `HoldToTalkKey` is an application event
filter: while the window is active, holding Space presses the talk button and letting go
releases it, unless a control that Space belongs to has the focus (a button to press, a box to
type in, a list to open; the talk button itself excepted), so keyboard users can Tab to Mute
or Stop reply and press it. A hold is one turn: X11 auto-repeat may arrive as a release and a
press each time (Qt does not always mark them as repeats), so a release is believed only when
no press follows within `RELEASE_GRACE`, as for the global hotkey (`assistant.hotkey.hold`). A
hold ends at once when the application loses focus (the release would never arrive).

Return on the focused talk button starts a turn and Return again sends it (`toggle`), for
those who cannot hold a key. The microphone's state for the meter (`mic_state`) says whether
anything is being sent: in push to talk it is only while the talk button is held.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
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
from assistant.hotkey.hold import RELEASE_GRACE
from assistant.ui.commands import Commands
from assistant.ui.i18n import translate
from assistant.ui.meter import MicState
from assistant.ui.palette import GREEN, line_color, on_palette, text_on, tint
from assistant.ui.settings_form import TURN_MODES


def held_style(palette: QPalette) -> str:
    """The held talk button: the button's colour with a trace of green, a green border, and
    text readable on it, all from `palette` (light and dark)."""
    background = tint(palette, GREEN, QPalette.ColorRole.Button)
    border = line_color(palette, GREEN, background).name()
    text = text_on(palette, background).name()
    fill = f"background: {background.name()}; color: {text}; border: 2px solid {border}"
    return f"QPushButton {{ {fill}; font-weight: bold; }}"


MODES = [(TurnMode(value), label) for value, label in TURN_MODES]  # named as in Settings
RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def mode_name(mode: TurnMode) -> str:
    """The turn mode's name, the same in the talk bar, the menu and Settings."""
    return translate("Settings", dict(MODES)[mode])


class TalkButton(QPushButton):
    """The push-to-talk button; Return (when it has the focus) asks for `toggle_requested`."""

    toggle_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802  (Qt's API)
        if event.key() in RETURN_KEYS and event.modifiers() in _PLAIN_OR_KEYPAD:
            if not event.isAutoRepeat():
                self.toggle_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


_PLAIN_OR_KEYPAD = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class TalkBar(QWidget):
    """Mode switch, hold-to-talk button, microphone mute and the stop button.

    Signals:
        mic_state_changed(MicState): sending, ready (push to talk, not sending) or muted.
        mode_chosen(TurnMode): the user picked a turn mode (the app remembers it).
        talk_started(): a push-to-talk turn started (after `press_to_talk`).
    """

    mic_state_changed = Signal(object)
    mode_chosen = Signal(object)
    talk_started = Signal()

    def __init__(
        self, commands: Commands, *, has_microphone: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._commands, self._has_mic = commands, has_microphone
        self.held = self._toggled = False
        self._mode = commands.mode
        self._shown_state: MicState | None = None
        self.mode_box = QComboBox()
        for mode, _label in MODES:
            self.mode_box.addItem(mode_name(mode), mode)
        self.mode_box.setAccessibleName(self.tr("Turn mode"))
        self.talk_button = TalkButton(self.tr("Hold to talk (Space)"))
        self.mute_button = QPushButton(self.tr("Mute microphone"))
        self.mute_button.setCheckable(True)
        self.stop_button = QPushButton(self.tr("Stop reply"))
        self._layout()
        self._connect()
        self.show_mode(commands.mode)
        on_palette(self, self._style_held)  # the bar's palette: the button's own has the sheet

    def _layout(self) -> None:
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 0)
        row.addWidget(self.mode_box)
        row.addWidget(self.talk_button, 1)
        row.addWidget(self.mute_button)
        row.addWidget(self.stop_button)
        self.talk_button.setMinimumHeight(34)
        for widget in (self.mode_box, self.talk_button, self.mute_button, self.stop_button):
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves Space the talk key
        for button in (self.mute_button, self.stop_button):
            button.setAutoDefault(True)  # Return presses the focused button, as Space does
        if not self._has_mic:
            for widget in (self.mode_box, self.talk_button, self.mute_button):
                widget.setEnabled(False)
            self.talk_button.setText(self.tr("No microphone: type below"))

    def _connect(self) -> None:
        self.mode_box.activated.connect(lambda i: self.choose_mode(self.mode_box.itemData(i)))
        self.talk_button.pressed.connect(self.press)
        self.talk_button.released.connect(self.release)
        self.talk_button.toggle_requested.connect(self.toggle)
        self.mute_button.toggled.connect(self.set_muted)
        self.stop_button.clicked.connect(self._commands.stop_reply)

    @property
    def toggled(self) -> bool:
        """True while a turn started by `toggle` runs (it ends with `toggle`, not a release)."""
        return self.held and self._toggled

    @property
    def talk_enabled(self) -> bool:
        """True when a press starts a turn: push-to-talk mode, a microphone, not muted."""
        return self._has_mic and self.talk_button.isEnabled()

    def mic_state(self) -> MicState:
        """Whether what the microphone hears is being sent now."""
        if not self._has_mic:
            return MicState.ABSENT
        if self.mute_button.isChecked():
            return MicState.MUTED
        push = self._mode is TurnMode.PUSH_TO_TALK
        return MicState.READY if push and not self.held else MicState.LIVE

    def _tell_mic_state(self) -> None:
        state = self.mic_state()
        if state is not self._shown_state:
            self._shown_state = state
            self.mic_state_changed.emit(state)

    def choose_mode(self, mode: TurnMode) -> None:
        self.release()
        self._commands.set_mode(mode)
        self.show_mode(mode)
        self.mode_chosen.emit(mode)

    def show_mode(self, mode: TurnMode) -> None:
        self._mode = mode
        self.mode_box.setCurrentIndex(self.mode_box.findData(mode))
        push = mode is TurnMode.PUSH_TO_TALK
        self.talk_button.setEnabled(self._has_mic and push and not self.mute_button.isChecked())
        if self._has_mic:
            hold, free = self.tr("Hold to talk (Space)"), self.tr("Listening hands-free")
            self.talk_button.setText(hold if push else free)
        self._tell_mic_state()

    def press(self, *, toggled: bool = False) -> None:
        """Start a turn; `toggled`: it ends with `toggle` (Return, the tray), not a release."""
        if self.held or not self.talk_enabled:
            return
        self.held, self._toggled = True, toggled
        self.talk_button.setDown(True)
        again, let_go = (
            self.tr("Listening… press again to send"),
            self.tr("Listening… let go to send"),
        )
        self.talk_button.setText(again if toggled else let_go)
        self._style_held(self.palette())
        self._commands.press_to_talk()
        self.talk_started.emit()
        self._tell_mic_state()

    def _style_held(self, palette: QPalette) -> None:
        sheet = held_style(palette) if self.held else ""
        if self.talk_button.styleSheet() != sheet:
            self.talk_button.setStyleSheet(sheet)

    def release(self) -> None:
        if not self.held:
            return
        self.held = self._toggled = False
        self.talk_button.setDown(False)
        self._style_held(self.palette())
        self._commands.release_to_talk()
        self.show_mode(self._commands.mode)

    def toggle(self) -> None:
        """Start a turn, or send the one in progress: talking without holding a key."""
        if self.held:
            self.release()
        else:
            self.press(toggled=True)

    def set_muted(self, muted: bool) -> None:
        self.release()
        self._commands.set_muted(muted)
        self.mute_button.setChecked(muted)
        unmute, mute = self.tr("Unmute microphone"), self.tr("Mute microphone")
        self.mute_button.setText(unmute if muted else mute)
        self.show_mode(self._commands.mode)


class HoldToTalkKey(QObject):
    """Space held in `window` works the talk button of `bar`; see the module docstring."""

    def __init__(
        self,
        window: QWidget,
        bar: TalkBar,
        key: Qt.Key = Qt.Key.Key_Space,
        grace: float = RELEASE_GRACE,
    ) -> None:
        super().__init__(window)
        self._window, self._bar, self._key = window, bar, key
        self.letting_go = QTimer(self, singleShot=True, interval=round(grace * 1000))
        self.letting_go.timeout.connect(bar.release)
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
        if event.isAutoRepeat():
            return True
        if kind is QEvent.Type.KeyRelease:
            if self._bar.held:
                self.letting_go.start()  # believed unless a press follows: see the module doc
        elif self.letting_go.isActive():
            self.letting_go.stop()  # a repeat's release and press: the hold goes on
        else:
            self._bar.press()
        return True

    def _mine(self, watched: QObject, event: QKeyEvent) -> bool:
        if event.key() != self._key or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        return (self._bar.talk_enabled or self._bar.held) and not takes_space(watched)

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        """Another program took the keyboard: a held key's release will not come here (a turn
        started with Return or the tray is not held, and goes on)."""
        if state is not Qt.ApplicationState.ApplicationActive:
            self.letting_go.stop()
            if not self._bar.toggled:
                self._bar.release()


def takes_space(widget: QWidget) -> bool:
    """True when Space belongs to the focused control: a button to press, a box to type in, a
    list to open (the talk button excepted: Space held there talks)."""
    focus = QApplication.focusWidget() or widget
    if isinstance(focus, QLineEdit | QTextEdit | QPlainTextEdit):
        return not focus.isReadOnly()
    if isinstance(focus, TalkButton):
        return False
    return isinstance(focus, QAbstractButton | QComboBox | QAbstractSpinBox | QAbstractSlider)
