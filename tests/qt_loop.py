"""Qt offscreen, and an asyncio loop (qasync) that runs inside qtbot's waits (tests/ui, tests/app).

`QT_QPA_PLATFORM` is set before any QApplication exists (pytest imports conftests before it
runs a test). The `qloop` fixture is pattern C of the test-infrastructure notes: a qasync loop
marked as already running, so tasks make progress whenever Qt processes events, which
`qtbot.waitUntil` does. It is torn down without `loop.stop()`, which would leave Qt's "quit"
flag set and make every later wait return at once.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from typing import Any

import pytest
import qasync  # type: ignore[import-untyped]  # ships no type information
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # read when the QApplication is made


@pytest.fixture
def qloop(qapp: QApplication, qtbot: QtBot) -> Iterator[Any]:
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    if pending:
        qtbot.waitUntil(lambda: all(task.done() for task in pending), timeout=5000)
    qapp.aboutToQuit.disconnect(loop._after_run_forever)
    loop._QEventLoop__is_running = False  # not loop.stop(): see the module docstring
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)
