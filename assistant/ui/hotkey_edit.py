"""Choosing a global hotkey (the talk key, the screen key): a key-capture field, and why a
global hotkey may not work here.

The field shows the hotkey as Qt writes it ("Ctrl+Shift+Space"); empty means off. On macOS Qt
calls the Command key Ctrl, which the setting calls Meta (as pynput does), so the two swap.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QKeySequenceEdit, QLabel, QVBoxLayout, QWidget

from assistant.hotkey import HotkeyProblem, Unavailable, parse_hotkey, session_problem
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate
from assistant.ui.palette import Tone, set_tone

PROBLEMS = {
    Unavailable.WAYLAND: QT_TRANSLATE_NOOP(
        "Hotkey",
        "The global hotkey is unavailable on Wayland; the in-window key (Space) still works.",
    ),
    Unavailable.NO_DISPLAY: QT_TRANSLATE_NOOP(
        "Hotkey",
        "The global hotkey needs an X11 display and there is none; "
        "the in-window key (Space) still works.",
    ),
    Unavailable.NO_RECORD: QT_TRANSLATE_NOOP(
        "Hotkey",
        "The global hotkey is unavailable: the X server has no RECORD extension; "
        "the in-window key (Space) still works.",
    ),
    Unavailable.NO_LIBRARY: QT_TRANSLATE_NOOP(
        "Hotkey",
        "The global hotkey is unavailable: its library (pynput) could not be loaded "
        "({detail}); the in-window key (Space) still works.",
    ),
    Unavailable.NO_PERMISSION: QT_TRANSLATE_NOOP(
        "Hotkey",
        "The global hotkey needs permission: allow Realtime Assistant under System Settings, "
        "Privacy & Security, Accessibility and Input Monitoring, then start it again; "
        "the in-window key (Space) still works.",
    ),
    Unavailable.STOPPED: QT_TRANSLATE_NOOP(
        "Hotkey",
        "The global hotkey stopped working ({detail}); the in-window key (Space) still works. "
        "Save the settings again to restart it.",
    ),
    Unavailable.INVALID: QT_TRANSLATE_NOOP(
        "Hotkey",
        "The global hotkey setting “{detail}” is not a key this app can listen for; "
        "choose one in Settings.",
    ),
}


SCREEN_PROBLEMS = {
    Unavailable.WAYLAND: QT_TRANSLATE_NOOP(
        "Hotkey",
        "The screen key is unavailable on Wayland; Ask about my screen in the Conversation menu "
        "still works.",
    ),
    Unavailable.NO_DISPLAY: QT_TRANSLATE_NOOP(
        "Hotkey", "The screen key needs an X11 display and there is none."
    ),
    Unavailable.NO_RECORD: QT_TRANSLATE_NOOP(
        "Hotkey",
        "The screen key is unavailable: the X server has no RECORD extension; Ask about my "
        "screen in the Conversation menu still works.",
    ),
    Unavailable.NO_LIBRARY: QT_TRANSLATE_NOOP(
        "Hotkey",
        "The screen key is unavailable: its library (pynput) could not be loaded ({detail}).",
    ),
    Unavailable.NO_PERMISSION: QT_TRANSLATE_NOOP(
        "Hotkey",
        "The screen key needs permission: allow Realtime Assistant under System Settings, "
        "Privacy & Security, Accessibility and Input Monitoring, then start it again.",
    ),
    Unavailable.STOPPED: QT_TRANSLATE_NOOP(
        "Hotkey",
        "The screen key stopped working ({detail}). Save the settings again to restart it.",
    ),
    Unavailable.INVALID: QT_TRANSLATE_NOOP(
        "Hotkey",
        "The screen key setting “{detail}” is not a key this app can listen for; choose one in "
        "Settings.",
    ),
}


def problem_text(problem: HotkeyProblem) -> str:
    """One plain sentence, in the window's language, on why the global hotkey does not work."""
    text = translate("Hotkey", PROBLEMS[problem.reason])
    return text.format(detail=problem.detail or "?")


def screen_problem_text(problem: HotkeyProblem) -> str:
    """The same for the screen key (`screen_hotkey`)."""
    text = translate("Hotkey", SCREEN_PROBLEMS[problem.reason])
    return text.format(detail=problem.detail or "?")


def current_session_problem() -> HotkeyProblem | None:
    """What this session rules out (Wayland, no display), before anything is loaded."""
    return session_problem(os.environ, qt_platform=QGuiApplication.platformName())


class HotkeyEdit(QWidget):
    """A global hotkey (the talk key; `screen`: the screen key): press the keys to set it, the
    clear button to switch it off."""

    def __init__(self, parent: QWidget | None = None, *, screen: bool = False) -> None:
        super().__init__(parent)
        self._screen = screen
        self.field = QKeySequenceEdit()
        self.field.setMaximumSequenceLength(1)
        self.field.setClearButtonEnabled(True)
        talk_hint = self.tr("Works while the window is in the background. Empty: off.")
        screen_hint = self.tr(
            "Captures the screen for the next turn, then talks while held, also while the "
            "window is in the background. Empty: off."
        )
        name = self.tr("Global screen key") if screen else self.tr("Global talk key")
        self.field.setAccessibleName(name)
        self.hint = QLabel(screen_hint if screen else talk_hint)
        self.hint.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        set_tone(self.note, Tone.WARNING)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.field, self.hint, self.note):
            column.addWidget(widget)
        self.field.keySequenceChanged.connect(self._changed)
        self._show_session()

    def hotkey(self) -> str:
        """The chosen hotkey as text ("" when off)."""
        text = self.field.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        return _qt_to_setting(text) if text else ""

    def set_hotkey(self, text: str) -> None:
        self.field.setKeySequence(QKeySequence(_qt_to_setting(text)))

    def _changed(self, sequence: QKeySequence) -> None:
        text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
        try:
            if text:
                parse_hotkey(_qt_to_setting(text))
        except ValueError:
            self.field.clear()
            self.note.setText(
                self.tr(
                    "That key cannot be a global hotkey: use a function key (F8), Pause, "
                    "or a letter or Space with modifiers (Ctrl+Shift+Space)."
                )
            )
            self.note.show()
            return
        self._show_session()

    def _show_session(self) -> None:
        problem = current_session_problem()
        words = screen_problem_text if self._screen else problem_text
        self.note.setText(words(problem) if problem else "")
        self.note.setVisible(problem is not None)


def _qt_to_setting(text: str) -> str:
    """Qt's text of a key sequence as the setting writes it (the same text but on macOS)."""
    if sys.platform != "darwin":
        return text
    swap = {"Ctrl": "Meta", "Meta": "Ctrl"}
    return "+".join(swap.get(part, part) for part in text.split("+"))
