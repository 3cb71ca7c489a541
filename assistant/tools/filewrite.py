"""Writing entries into the user tools file: one table as TOML text, saved in place, atomically.

An added entry is appended as a new `[[tool]]` (or `[[mcp]]`) table; an edited or deleted one
is replaced by its line span as the loader found it (`UserEntry.first`..`last`), so the other
entries and the comments around them are kept. Comments inside the edited table are not. The
file is written to a temporary file next to it and moved over it (`os.replace`), so a crash
never leaves half a file. If the file changed since it was read, nothing is written.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assistant.text import QT_TRANSLATE_NOOP, Sentence

NO_NULL = QT_TRANSLATE_NOOP(
    "Tools", "null values cannot be written in the tools file (TOML has no null)"
)
CHANGED = QT_TRANSLATE_NOOP(
    "Tools", "The tools file changed since it was read: press Reload and try again."
)
HEADER = re.compile(r"^\s*\[\[\s*(tool|mcp)\s*\]\]\s*(#.*)?$")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
ORDER = ("name", "server_label", "description", "server_url", "method", "url", "headers",
         "command", "allowed_tools", "require_approval", "authorization", "timeout",
         "permission", "parameters")  # fmt: skip


class FileChanged(ValueError):
    """The file no longer has the entry where it was read; the message says what to do."""


def table_text(kind: str, data: Mapping[str, Any]) -> str:
    """`data` as a `[[kind]]` table, keys in a readable order; ValueError for what TOML lacks."""
    keys = sorted(data, key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER))
    lines = [f"[[{kind}]]", *(f"{_key(key)} = {_value(data[key])}" for key in keys)]
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        pairs = ", ".join(f"{_key(str(k))} = {_value(v)}" for k, v in value.items())
        return "{ " + pairs + " }" if pairs else "{}"
    raise ValueError(Sentence("Tools", NO_NULL))


def save_table(path: Path, text: str, span: tuple[int, int] | None = None) -> None:
    """Append the table `text`, or put it in place of the lines `span` (1-based, inclusive)."""
    lines = _read_lines(path)
    if span is None:
        while lines and not lines[-1].strip():
            lines.pop()
        lines += ["", *text.splitlines()] if lines else text.splitlines()
    else:
        _check_span(lines, span)
        lines[span[0] - 1 : span[1]] = text.splitlines()
    _write(path, "\n".join(lines) + "\n")


def delete_table(path: Path, span: tuple[int, int]) -> None:
    """Remove the table on the lines `span` (and one blank line after it)."""
    lines = _read_lines(path)
    _check_span(lines, span)
    end = span[1] + 1 if span[1] < len(lines) and not lines[span[1]].strip() else span[1]
    del lines[span[0] - 1 : end]
    _write(path, "\n".join(lines) + "\n" if lines else "")


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []


def _check_span(lines: list[str], span: tuple[int, int]) -> None:
    first, last = span
    if not (1 <= first <= last <= len(lines) and HEADER.match(lines[first - 1])):
        raise FileChanged(Sentence("Tools", CHANGED))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
