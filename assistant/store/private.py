"""The history is private: folders 0700, files 0600, whatever the umask says.

Conversations, their event logs and their audio are nobody else's business on a shared
machine. Everything the store creates goes through these helpers, and opening the store makes
what an earlier version created private too: once, since a folder that is private already
was made so by this rule, with everything in it (it is not walked again; a folder's mode is
set after its contents, so an interrupted walk is done again). (On Windows `chmod` only sets
the read-only flag; the per-user data folder already keeps other users out.)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create `path` and its missing parents as 0700; an existing `path` is made 0700."""
    missing = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=DIR_MODE)  # one at a time: `parents=True` ignores the mode
        _chmod(folder, DIR_MODE)
    _chmod(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty as 0600 if it does not exist; an existing file is made 0600."""
    private_dir(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    _chmod(path, FILE_MODE)
    return path


def private_opener(path: str, flags: int) -> int:
    """An `opener` for `open()`: a new file is created 0600 (use with `private_file` for an
    existing one)."""
    return os.open(path, flags, FILE_MODE)


def make_private(paths: Iterable[Path]) -> None:
    """Make each existing path private; a folder that is not yet, with everything inside it."""
    for path in paths:
        if path.is_symlink():
            continue
        if path.is_dir() and not _is_private(path):
            for folder, dirs, files in os.walk(path, topdown=False):  # contents first
                for name in files:
                    _chmod(Path(folder, name), FILE_MODE)
                for name in dirs:
                    _chmod(Path(folder, name), DIR_MODE)
            _chmod(path, DIR_MODE)
        elif path.is_file():
            _chmod(path, FILE_MODE)


def _is_private(folder: Path) -> bool:
    """True when nobody but the owner may enter `folder` (where modes mean something)."""
    return os.name != "posix" or folder.stat().st_mode & 0o077 == 0


def _chmod(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):  # not ours to change (another user's, read-only)
        path.chmod(mode)
