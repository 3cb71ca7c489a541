"""The global hotkey working the window's talk button, set from the settings and applied live.

A press from the hotkey presses the talk button unless it is already held (by the mouse or
Space in the window); its release lets go only of a hold it started, so the hotkey and the
in-window key never end each other's turn. A hotkey of plain Space is left to the in-window key
while the app is active (it knows a text box from the conversation). Anything that keeps the
hotkey from working becomes one notice in the window; the in-window key is unaffected.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from assistant.hotkey import (
    GlobalHotkey,
    Hotkey,
    HotkeyProblem,
    KeySource,
    Unavailable,
    parse_hotkey,
)
from assistant.hotkey.listener import PynputSource
from assistant.ui.hotkey_edit import current_session_problem, problem_text
from assistant.ui.talk import TalkBar

IN_WINDOW_KEY = Hotkey("Space")


class HotkeySetting:
    """A hotkey setting, live: `apply` listens for it; what keeps it from working becomes one
    notice (`problem_text` words it). Subclasses say what a press and a release do."""

    def __init__(
        self,
        notice: Callable[[str], None],
        source: Callable[[], KeySource] = PynputSource,
        problem_text: Callable[[HotkeyProblem], str] = problem_text,
    ) -> None:
        self._notice, self.source, self._problem_text = notice, source, problem_text
        self.setting = ""
        self.listening: GlobalHotkey | None = None

    def apply(self, setting: str) -> None:
        """Listen for `setting` from now on ("" switches the hotkey off)."""
        setting = setting.strip()
        if setting == self.setting and (self.listening is not None or not setting):
            return
        self.stop()
        self.setting = setting
        if setting:
            self._start(setting)

    def stop(self) -> None:
        if self.listening is not None:
            self.listening.stop()
            self.listening = None
        self._release()

    def _start(self, setting: str) -> None:
        try:
            hotkey = parse_hotkey(setting)
        except ValueError:
            self._problem(HotkeyProblem(Unavailable.INVALID, setting))
            return
        problem = current_session_problem()
        if problem is not None:
            self._problem(problem)
            return
        listening = GlobalHotkey(
            hotkey,
            self.source(),
            asyncio.get_running_loop(),
            on_press=self._press,
            on_release=self._release,
            on_problem=self._problem,
        )
        problem = listening.start()
        if problem is not None:
            self._problem(problem)
            return
        self.listening = listening

    def _press(self) -> None:
        raise NotImplementedError

    def _release(self) -> None:
        raise NotImplementedError

    def _problem(self, problem: HotkeyProblem) -> None:
        self.listening = None  # saving the settings again tries again
        self._notice(self._problem_text(problem))


class GlobalTalkKey(HotkeySetting):
    """The `global_hotkey` setting, live; see the module docstring."""

    def __init__(
        self,
        talk: TalkBar,
        notice: Callable[[str], None],
        source: Callable[[], KeySource] = PynputSource,
    ) -> None:
        super().__init__(notice, source)
        self._talk = talk
        self._owns_hold = False

    def _press(self) -> None:
        if self._talk.held or self._left_to_the_window():
            return
        self._talk.press()
        self._owns_hold = self._talk.held

    def _release(self) -> None:
        if self._owns_hold:
            self._owns_hold = False
            self._talk.release()

    def _left_to_the_window(self) -> bool:
        active = QGuiApplication.applicationState() is Qt.ApplicationState.ApplicationActive
        return active and self.listening is not None and self.listening.hotkey == IN_WINDOW_KEY
