"""Work on a worker thread handed back on the GUI thread: the result arrives there, a failure
arrives as the fallback, and an owner let go of meanwhile is neither kept alive by the worker
nor called (a Qt object deleted on the worker thread once crashed the test run)."""

from __future__ import annotations

import gc
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from PySide6.QtCore import QObject, QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import assistant.ui.thumbnails as thumbnails_module
from assistant.realtime import Picture
from assistant.ui.background import run_in_background
from assistant.ui.thumbnails import ThumbnailCache
from tests.pictures import png


class Owner(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []
        self.threads: list[threading.Thread] = []

    def take(self, result: object) -> None:
        self.results.append(result)
        self.threads.append(threading.current_thread())


def test_the_result_comes_back_on_the_gui_thread(qtbot: QtBot) -> None:
    owner = Owner()
    with ThreadPoolExecutor(1) as pool:
        run_in_background(pool, lambda: threading.current_thread().name, owner.take, "failed")
        qtbot.waitUntil(lambda: owner.results != [])
    assert owner.results != [threading.main_thread().name]  # made elsewhere
    assert owner.threads == [threading.main_thread()]  # handed back here


def test_work_that_raises_hands_back_the_fallback(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> str:
        raise OSError("the disk went away")

    owner = Owner()
    with ThreadPoolExecutor(1) as pool:
        run_in_background(pool, broken, owner.take, "failed")
        qtbot.waitUntil(lambda: owner.results != [])
    assert owner.results == ["failed"]
    assert "background work failed" in caplog.text


def test_an_owner_let_go_of_meanwhile_is_not_called_nor_kept(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The thumbnails of a row still decoding when its model goes (a window closed)."""
    go_on = threading.Event()
    real = thumbnails_module.thumbnail

    def slow(data: bytes, box: QSize) -> object:
        go_on.wait(10)
        return real(data, box)

    monkeypatch.setattr(thumbnails_module, "thumbnail", slow)
    cache = ThumbnailCache(QSize(160, 120), rows=10)
    told: list[str] = []
    cache.ready.connect(told.append)
    picture = Picture("a.png", "image/png", 40, 30, png(40, 30))
    cache.get("u1", [picture], lambda p: p.data)
    pool = cache._pool
    assert pool is not None
    del cache
    gc.collect()  # the only owner let go while the worker decodes
    ended = threading.Event()
    threading.Thread(target=lambda: (pool.shutdown(wait=True), ended.set())).start()
    go_on.set()
    while not ended.is_set():  # the GUI thread busy with its events while the job ends
        QApplication.processEvents()
    for _ in range(5):
        QApplication.processEvents()  # the result arrives for an owner that is gone
    assert told == []
