"""Hotkey text: parsing, writing, and pynput's key names."""

from __future__ import annotations

import pytest

from assistant.hotkey import Hotkey, parse_hotkey
from assistant.hotkey.combo import KEYS, key_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("F8", Hotkey("F8")),
        ("pause", Hotkey("Pause")),
        ("Ctrl+Shift+Space", Hotkey("Space", frozenset({"Ctrl", "Shift"}))),
        (" control + alt + space ", Hotkey("Space", frozenset({"Ctrl", "Alt"}))),
        ("Super+a", Hotkey("A", frozenset({"Meta"}))),
        ("Cmd+Option+PageDown", Hotkey("PgDown", frozenset({"Meta", "Alt"}))),
    ],
)
def test_parsing_accepts_qt_names_and_common_aliases(text: str, expected: Hotkey) -> None:
    assert parse_hotkey(text) == expected


@pytest.mark.parametrize("text", ["", "Ctrl", "Ctrl+", "Ctrl+Shift", "F25", "Space+F8", "Hyper+A"])
def test_what_is_not_a_hotkey_gets_one_plain_sentence(text: str) -> None:
    with pytest.raises(ValueError, match="is not a hotkey: use modifiers") as raised:
        parse_hotkey(text)
    assert "F8 or Ctrl+Shift+Space" in str(raised.value)


def test_writing_uses_qt_order_and_reads_back() -> None:
    hotkey = parse_hotkey("shift+alt+ctrl+super+f8")
    assert str(hotkey) == "Meta+Ctrl+Alt+Shift+F8"
    assert parse_hotkey(str(hotkey)) == hotkey
    for key in KEYS:
        assert parse_hotkey(str(Hotkey(key, frozenset({"Ctrl"})))).key == key


def test_qt_reads_every_written_hotkey_back_the_same() -> None:
    from PySide6.QtGui import QKeySequence

    portable = QKeySequence.SequenceFormat.PortableText
    for key in KEYS:
        text = str(Hotkey(key, frozenset({"Meta", "Ctrl", "Alt", "Shift"})))
        assert QKeySequence(text).toString(portable) == text


def test_pynput_names_map_to_ours() -> None:
    assert key_name("ctrl_r", None) == "Ctrl"
    assert key_name("cmd_l", None) == "Meta"
    assert key_name("f8", None) == "F8"
    assert key_name("space", " ") == "Space"
    assert key_name("page_down", None) == "PgDown"
    assert key_name(None, "a") == key_name(None, "A") == "A"
    assert key_name("alt_gr", None) is None
    assert key_name(None, "é") is None
    assert key_name(None, None) is None
