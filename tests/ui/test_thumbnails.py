"""The chat cards' thumbnails: decoded on a worker thread, told when ready, kept for a bounded
number of rows, and nothing of a cleared conversation lands in the next."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

import assistant.ui.thumbnails as thumbnails_module
from assistant.realtime import Picture
from assistant.ui.attachments import thumbnail
from assistant.ui.thumbnails import ThumbnailCache, Thumbnails
from tests.pictures import png

BOX = QSize(160, 120)


def picture(name: str, width: int = 400, height: int = 300) -> Picture:
    return Picture(name, "image/png", width, height, png(width, height))


def own(picture: Picture) -> bytes | None:
    return picture.data or None


def waiting(images: Thumbnails) -> bool:
    """Every picture still being decoded (a null image each)."""
    return all(image is not None and image.isNull() for image in images)


def decoded(qtbot: QtBot, cache: ThumbnailCache, key: str, pictures: list[Picture]) -> Thumbnails:
    with qtbot.waitSignal(cache.ready) as ready:
        first = cache.get(key, pictures, own)
    assert waiting(first)
    assert ready.args == [key] and not cache.decoding
    return cache.get(key, pictures, own)


def test_thumbnails_are_decoded_on_a_worker_thread_then_kept(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = thumbnail

    def recorded(data: bytes, box: QSize) -> QImage | None:
        threads.append(threading.current_thread())
        return real(data, box)

    monkeypatch.setattr(thumbnails_module, "thumbnail", recorded)
    cache = ThumbnailCache(BOX, rows=10)
    wide, unreadable = picture("wide.png", 800, 200), Picture("gone.png", "image/png", 9, 9)
    images = decoded(qtbot, cache, "u1", [wide, unreadable])
    first, second = images
    assert first is not None and (first.width(), first.height()) == (160, 40)
    assert second is None  # nothing to read: drawn as "picture not found"
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert cache.get("u1", [wide, unreadable], own) is images  # kept: not decoded again
    assert len(threads) == 1


def test_asking_again_while_decoding_decodes_once(qtbot: QtBot) -> None:
    cache = ThumbnailCache(BOX, rows=10)
    reads: list[str] = []

    def read(p: Picture) -> bytes | None:
        reads.append(p.name)
        return p.data

    pictures = [picture("a.png")]
    with qtbot.waitSignal(cache.ready):
        cache.get("u1", pictures, read)
        cache.get("u1", pictures, read)
        assert cache.decoding
    assert reads == ["a.png"]


def test_only_the_last_rows_are_kept(qtbot: QtBot) -> None:
    cache = ThumbnailCache(BOX, rows=2)
    pictures = [picture("a.png", 50, 50)]
    kept = {key: decoded(qtbot, cache, key, pictures) for key in ("r1", "r2", "r3")}
    assert cache.get("r3", pictures, own) is kept["r3"]
    assert cache.get("r2", pictures, own) is kept["r2"]
    assert waiting(cache.get("r1", pictures, own))  # forgotten: decoded again


def test_a_cleared_cache_drops_what_was_being_decoded(qtbot: QtBot) -> None:
    cache = ThumbnailCache(BOX, rows=10)
    told: list[str] = []
    cache.ready.connect(told.append)
    pictures = [picture("old.png")]
    cache.get("u1", pictures, own)
    cache.clear()  # another conversation is shown
    assert not cache.decoding
    decoded(qtbot, cache, "u2", [picture("new.png")])
    assert told == ["u2"]  # the old row's late result was dropped
    assert waiting(cache.get("u1", pictures, own))
