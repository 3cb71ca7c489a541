"""The pictures of a stored conversation, as files next to the database.

`HistoryStore.pictures_dir(conversation)` holds one file per picture (0600 in 0700 folders,
like the rest of the history), named after its message and its place in it
(`<item id>-<n>.png` or `.jpg`); the message's payload names the file (`Picture.file`) and
keeps the rest (name, type, size, detail). A file name read back is used only if it has that
shape, so a damaged or hostile payload cannot name a file elsewhere. Deleting the conversation
deletes the folder.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from assistant.realtime import Message, Picture
from assistant.store.private import private_file

_SUFFIXES = {"image/png": ".png", "image/jpeg": ".jpg"}
_FILE = re.compile(r"[A-Za-z0-9_-]{1,100}-[0-9]{1,3}\.(png|jpg)")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def stored(folder: Path, item: Message) -> Message:
    """`item` with each picture that has bytes written to `folder` (if not there yet) and
    named by `file`."""
    if not any(p.data for p in item.pictures):
        return item
    pictures = tuple(_stored(folder, item.id, n, p) for n, p in enumerate(item.pictures))
    return replace(item, pictures=pictures)


def read(folder: Path, picture: Picture) -> bytes | None:
    """The bytes of a stored picture; None when it has no file, or the file is gone."""
    if not _FILE.fullmatch(picture.file):
        return None
    try:
        return (folder / picture.file).read_bytes()
    except OSError:
        return None


def _stored(folder: Path, item_id: str, index: int, picture: Picture) -> Picture:
    if not picture.data:
        return picture
    suffix = _SUFFIXES.get(picture.mime, ".png")
    name = f"{_UNSAFE.sub('_', item_id)[:100]}-{index}{suffix}"
    path = folder / name
    if not path.is_file() or path.stat().st_size != len(picture.data):
        private_file(path)
        with path.open("r+b") as out:
            out.truncate()
            out.write(picture.data)
    return replace(picture, file=name)
