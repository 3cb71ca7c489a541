"""Hotkeys as text: "Ctrl+Shift+Space", "F8", "Pause" (Qt's portable key-sequence names).

A hotkey is a set of modifiers (Ctrl, Alt, Shift, Meta: Super/Windows/Command) and one key: a
letter, a digit, F1-F24 or a named key. The text form is the one Qt's `QKeySequence` writes
(modifiers in Qt's order), so the settings widget and the listener agree without a table of
their own. `KEY_NAMES` maps pynput's key names to ours.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

MODIFIERS = ("Meta", "Ctrl", "Alt", "Shift")  # Qt's order in a key sequence
NAMED_KEYS = (
    "Space", "Pause", "ScrollLock", "Print", "Ins", "Del", "Home", "End", "PgUp", "PgDown",
    "Up", "Down", "Left", "Right", "Esc", "Tab", "Menu",
)  # fmt: skip
FUNCTION_KEYS = tuple(f"F{n}" for n in range(1, 25))
KEYS = frozenset(NAMED_KEYS + FUNCTION_KEYS + tuple(string.ascii_uppercase + string.digits))
SUGGESTIONS = ("F8", "Ctrl+Shift+Space")
_ALIASES = {
    "control": "Ctrl", "super": "Meta", "win": "Meta", "cmd": "Meta", "command": "Meta",
    "option": "Alt", "insert": "Ins", "delete": "Del", "escape": "Esc", "pageup": "PgUp",
    "pagedown": "PgDown", "scrolllock": "ScrollLock", "printscreen": "Print", "break": "Pause",
}  # fmt: skip
_CANONICAL = {name.lower(): name for name in (*MODIFIERS, *KEYS)} | _ALIASES
KEY_NAMES = {  # pynput's `Key` member names -> our names (left/right modifiers are one)
    "ctrl": "Ctrl", "ctrl_l": "Ctrl", "ctrl_r": "Ctrl", "alt": "Alt", "alt_l": "Alt",
    "alt_r": "Alt", "shift": "Shift", "shift_l": "Shift", "shift_r": "Shift", "cmd": "Meta",
    "cmd_l": "Meta", "cmd_r": "Meta", "space": "Space", "pause": "Pause",
    "scroll_lock": "ScrollLock", "print_screen": "Print", "insert": "Ins", "delete": "Del",
    "home": "Home", "end": "End", "page_up": "PgUp", "page_down": "PgDown", "up": "Up",
    "down": "Down", "left": "Left", "right": "Right", "esc": "Esc", "tab": "Tab", "menu": "Menu",
} | {name.lower(): name for name in FUNCTION_KEYS}  # fmt: skip


@dataclass(frozen=True)
class Hotkey:
    """Modifiers held, then `key` pressed; `str()` gives the text form."""

    key: str
    modifiers: frozenset[str] = frozenset()

    @property
    def names(self) -> frozenset[str]:
        """Every key of the combination."""
        return self.modifiers | {self.key}

    def __str__(self) -> str:
        held = [name for name in MODIFIERS if name in self.modifiers]
        return "+".join([*held, self.key])


def parse_hotkey(text: str) -> Hotkey:
    """The hotkey written in `text`; ValueError with a plain sentence when it is not one."""
    parts = [_CANONICAL.get(part.strip().lower(), "") for part in text.split("+")]
    if text.strip().endswith("+"):
        parts[-1] = ""  # "Ctrl+" names no key
    *held, key = parts
    if "" in parts or key not in KEYS or any(name not in MODIFIERS for name in held):
        raise ValueError(
            f"{text.strip()!r} is not a hotkey: use modifiers (Ctrl, Alt, Shift, Meta) and one "
            f"key, for example {' or '.join(SUGGESTIONS)}."
        )
    return Hotkey(key, frozenset(held))


def key_name(pynput_name: str | None, char: str | None) -> str | None:
    """Our name of a key pynput reports (by `Key` member name, else by character)."""
    if pynput_name is not None:
        return KEY_NAMES.get(pynput_name)
    if char is not None and len(char) == 1 and char.upper() in KEYS:
        return char.upper()
    return None
