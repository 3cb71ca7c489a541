"""The chat cards' thumbnails, decoded off the GUI thread.

A PNG screenshot decodes in 11-14 ms even at thumbnail size (PNG has no scaled decoding), so a
conversation continued from the history with a few screenshots in sight froze the window for
a tenth of a second at its first paint, and scrolling past each picture hitched.
`ThumbnailCache.get` answers at once: the row's thumbnails when it has them, otherwise null
`QImage`s ("not decoded yet"; None stays "cannot be read") while one worker thread decodes
them (`QImageReader` is reentrant and Qt lets go of the GIL while it reads; the job holds no
Qt object: `assistant.ui.background`). `ready(key)` then comes on the GUI thread, and the
model repaints that row.

The bytes are read on the GUI thread (`read`): a picture's own, or a stored file's, found
through the history's SQLite connection, which belongs to this thread. Thumbnails are kept for
the last `rows` rows asked for; `clear()` forgets them and drops any decoding under way.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QImage

from assistant.realtime import Picture
from assistant.ui.attachments import thumbnail
from assistant.ui.background import run_in_background

Thumbnails = tuple[QImage | None, ...]  # per picture: decoded, null (decoding) or None (unreadable)
Decoded = tuple[int, str, Thumbnails]  # generation, row key, thumbnails


class ThumbnailCache(QObject):
    """Thumbnails at most `box` large, by row key. Signals: ready(str), a row's are decoded."""

    ready = Signal(str)

    def __init__(self, box: QSize, rows: int) -> None:
        super().__init__()
        self.box, self.rows = box, rows
        self._kept: OrderedDict[str, Thumbnails] = OrderedDict()
        self._pending: set[str] = set()
        self._generation = 0  # bumped by clear(): late results of before are dropped
        self._pool: ThreadPoolExecutor | None = None

    @property
    def decoding(self) -> bool:
        """True while some row's thumbnails are being decoded."""
        return bool(self._pending)

    def get(
        self, key: str, pictures: Sequence[Picture], read: Callable[[Picture], bytes | None]
    ) -> Thumbnails:
        """The row's thumbnails, or null images while they are decoded (then `ready(key)`)."""
        kept = self._kept.get(key)
        if kept is not None and len(kept) == len(pictures):
            self._kept.move_to_end(key)
            return kept
        if key not in self._pending:
            self._pending.add(key)
            data = [read(picture) for picture in pictures]
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thumbnails")
            unread: Decoded = (self._generation, key, tuple(None for _ in data))
            work = partial(_decode, self._generation, key, self.box, data)
            run_in_background(self._pool, work, self._arrived, unread)
        return tuple(QImage() for _ in pictures)

    def clear(self) -> None:
        self._kept.clear()
        self._pending.clear()
        self._generation += 1

    def _arrived(self, decoded: Decoded) -> None:
        generation, key, images = decoded
        if generation != self._generation or key not in self._pending:
            return
        self._pending.discard(key)
        self._kept[key] = images
        while len(self._kept) > self.rows:
            self._kept.popitem(last=False)
        self.ready.emit(key)


def _decode(generation: int, key: str, box: QSize, data: list[bytes | None]) -> Decoded:
    """On the worker thread: the thumbnails of one row."""
    return generation, key, tuple(thumbnail(one, box) if one else None for one in data)
