"""Where the history lives: the platform's per-user data directory, or `RA_DATA_DIR`.

`platformdirs` decides the directory (`~/.local/share/realtime-assistant` on Linux,
`~/Library/Application Support/realtime-assistant` on macOS, `%LOCALAPPDATA%` on Windows).
Setting the `RA_DATA_DIR` environment variable moves everything (tests, portable installs).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "realtime-assistant"
DATA_DIR_ENV = "RA_DATA_DIR"
DATABASE_NAME = "history.sqlite3"
EVENT_LOGS = "event-logs"
AUDIO = "audio"
PICTURES = "pictures"


def data_dir() -> Path:
    """The directory for the history database and event logs (not created here)."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def database_path() -> Path:
    """The default history database file."""
    return data_dir() / DATABASE_NAME
