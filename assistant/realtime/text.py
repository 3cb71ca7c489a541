"""Text made valid where it crosses an edge: no lone UTF-16 surrogates.

A Python string can hold a surrogate code point (U+D800..U+DFFF) on its own: a command-line
argument with a byte that is not UTF-8 (decoded with `surrogateescape`), or a JSON `\\ud83d`
escape without its pair. No UTF-8 encoder takes one (the socket, a file, SQLite, the terminal),
so where text comes in or goes out each is replaced by U+FFFD: the rest of the text survives,
and nothing downstream raises.
"""

from __future__ import annotations

import re
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def valid_text(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (the same object when it has none)."""
    if text.isascii() or _LONE_SURROGATE.search(text) is None:  # isascii: O(1), no scan
        return text
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def valid_json(value: Any) -> Any:
    """A parsed JSON value with `valid_text` applied to every string and key (callers bound the
    nesting depth first)."""
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, list):
        return [valid_json(v) for v in value]
    if isinstance(value, dict):
        return {valid_text(k): valid_json(v) for k, v in value.items()}
    return value
