"""The history fixtures, shared with the app's history tests: a fresh data directory set
through RA_DATA_DIR (as the app and the CLI read it) and a store opened in it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.store import DATA_DIR_ENV, HistoryStore


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data directory, set through RA_DATA_DIR as the app and the CLI read it."""
    path = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(path))
    return path


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open() as opened:
        yield opened
