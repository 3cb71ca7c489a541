"""A picture file or image as the model takes it: checked, decoded, scaled down, encoded.

The protocol core only carries `Picture`s (encoded bytes, type, size); this module, shared by
the command line and the window, makes them with Qt's `QImage` and `QImageReader` (no display
needed). The limits, and where they come from:

- The file: at most `MAX_FILE_BYTES` (20 MB) is read; a larger file is refused before it is
  decoded. The Realtime API sends a picture inside one WebSocket message as a base64 data URL
  (docs/realtime-protocol.md, section "user content parts"), which states no size limit;
  20 MB is the per-image limit OpenAI gave for image inputs in its other APIs (from memory:
  the stored docs do not carry it), and no camera photo or screenshot needs more.
- The pixels: OpenAI's image input rule (as third-party tools describe it, e.g. the
  vision-squeezer crate's docs: "fits the image within 2048x2048, rescales the short side to
  768px") means a larger picture costs bytes and time but shows the model nothing more. So a
  picture is scaled (aspect kept) to fit `MAX_SIDE` by `MAX_SIDE` with its short side at most
  `MAX_SHORT_SIDE`. Decoding is refused above `MAX_PIXELS` (a decompression bomb).
- The format: PNG, JPEG, GIF, WebP and BMP are read; what is sent is PNG or JPEG, the two
  types the Realtime API takes (docs/realtime-protocol.md). A PNG or JPEG within the limits is
  sent as it is; anything else is re-encoded (PNG when it has transparency or came as PNG,
  else JPEG at quality `JPEG_QUALITY`).

Bad input raises `PictureError` with one sentence for the user; nothing is sent.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from assistant.app.png_check import is_png, png_damaged
from assistant.realtime import Detail, Picture
from assistant.text import QT_TRANSLATE_NOOP, Sentence

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_SIDE = 2048
MAX_SHORT_SIDE = 768
MAX_PIXELS = 100_000_000  # 10,000 by 10,000
JPEG_QUALITY = 85
READ = {"png": "image/png", "jpeg": "image/jpeg", "gif": "", "webp": "", "bmp": ""}
SENT = ("image/png", "image/jpeg")

CONTEXT = "Pictures"
UNREADABLE = QT_TRANSLATE_NOOP("Pictures", "The file {name} could not be opened.")
TOO_LARGE = QT_TRANSLATE_NOOP(
    "Pictures", "The picture {name} is too large to send (the limit is {limit} MB)."
)
NOT_A_PICTURE = QT_TRANSLATE_NOOP(
    "Pictures", "{name} is not a picture the assistant can send (PNG, JPEG, GIF, WebP or BMP)."
)
DAMAGED = QT_TRANSLATE_NOOP(
    "Pictures", "The picture {name} could not be read: the file is damaged."
)
TOO_MANY_PIXELS = QT_TRANSLATE_NOOP(
    "Pictures", "The picture {name} has too many pixels to send (the limit is {limit} million)."
)


class PictureError(ValueError):
    """A file or image that cannot be sent; `args[0]` is the sentence for the user."""


def picture_from_file(path: Path, detail: Detail = Detail.AUTO) -> Picture:
    """The picture in the file at `path`, ready to send (see the module docstring)."""
    name = path.name
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError:
        raise PictureError(Sentence(CONTEXT, UNREADABLE, name=name)) from None
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise PictureError(Sentence(CONTEXT, TOO_LARGE, name=name, limit=limit))
    return picture_from_bytes(name, data, detail)


def picture_from_bytes(name: str, data: bytes, detail: Detail = Detail.AUTO) -> Picture:
    """The picture encoded in `data` (a file's contents), ready to send."""
    if is_png(data) and png_damaged(data, MAX_PIXELS):  # before libpng can write to stderr
        raise PictureError(Sentence(CONTEXT, DAMAGED, name=name))
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # a camera's "this way up" (EXIF) survives re-encoding
    QImageReader.setAllocationLimit(MAX_PIXELS * 4 // 2**20 + 1)  # Qt's own 256 MB refuses
    kind = bytes(reader.format().data()).decode("ascii", "replace").lower()
    if kind not in READ:
        raise PictureError(Sentence(CONTEXT, NOT_A_PICTURE, name=name))
    size = reader.size()
    if size.width() * size.height() > MAX_PIXELS:
        limit = MAX_PIXELS // 1_000_000
        raise PictureError(Sentence(CONTEXT, TOO_MANY_PIXELS, name=name, limit=limit))
    image = reader.read()
    if image.isNull():
        raise PictureError(Sentence(CONTEXT, DAMAGED, name=name))
    mime = READ[kind]
    if mime in SENT and fitted(image.size()) == image.size():
        return Picture(name, mime, image.width(), image.height(), data, detail)
    return picture_from_image(name, image, detail, keep_png=mime == "image/png")


def picture_from_image(
    name: str, image: QImage, detail: Detail = Detail.AUTO, *, keep_png: bool = True
) -> Picture:
    """`image` (a screenshot, a pasted picture) scaled to the limits and encoded."""
    target = fitted(image.size())
    if target != image.size():
        image = image.scaled(  # `fitted` kept the aspect: exactly its size
            target, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    as_png = keep_png or image.hasAlphaChannel()
    encoded = _encoded(image, "PNG" if as_png else "JPEG")
    mime = "image/png" if as_png else "image/jpeg"
    return Picture(name, mime, image.width(), image.height(), encoded, detail)


def fitted(size: QSize) -> QSize:
    """`size` scaled down (never up, aspect kept) to the limits of the module docstring."""
    width, height = size.width(), size.height()
    if width <= 0 or height <= 0:
        return size
    scale = min(1.0, MAX_SIDE / max(width, height), MAX_SHORT_SIDE / min(width, height))
    return QSize(max(1, round(width * scale)), max(1, round(height * scale)))


def _encoded(image: QImage, kind: str) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    quality = JPEG_QUALITY if kind == "JPEG" else -1
    # The stubs ask for bytes, but PySide6 takes only a str here (bytes raise ValueError).
    image.save(buffer, kind, quality)  # type: ignore[call-overload]
    buffer.close()
    return bytes(array.data())
