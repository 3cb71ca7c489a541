"""The global push-to-talk hotkey: parsing, hold tracking, and global key events (pynput).

Only `assistant.hotkey.listener` imports pynput, and only when the hotkey is switched on.
"""

from assistant.hotkey.availability import HotkeyProblem, Unavailable, session_problem
from assistant.hotkey.combo import SUGGESTIONS, Hotkey, parse_hotkey
from assistant.hotkey.hold import RELEASE_GRACE, HoldTracker
from assistant.hotkey.service import GlobalHotkey, KeySink, KeySource

__all__ = [
    "RELEASE_GRACE",
    "SUGGESTIONS",
    "GlobalHotkey",
    "HoldTracker",
    "Hotkey",
    "HotkeyProblem",
    "KeySink",
    "KeySource",
    "Unavailable",
    "parse_hotkey",
    "session_problem",
]
