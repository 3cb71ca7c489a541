"""The PNG check that keeps libpng's errors off stderr: every PNG Qt writes passes, and each
kind of damage libpng stops on is found (and then Qt is never asked)."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

from assistant.app.png_check import png_damaged
from tests.pictures import png

LIMIT = 100_000_000


def qt_png(image_format: QImage.Format, width: int = 37, height: int = 21) -> bytes:
    image = QImage(width, height, image_format)
    image.fill(0x7F3366AA)
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # (the stubs want bytes)
    return bytes(array.data())


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def made(width: int, height: int, raw: bytes, *, colour: int = 2, interlace: int = 0) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, interlace)
    extra = chunk(b"PLTE", b"\0\0\0") if colour == 3 else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + extra
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    "image_format",
    [
        QImage.Format.Format_RGB32,
        QImage.Format.Format_ARGB32,
        QImage.Format.Format_Grayscale8,
        QImage.Format.Format_Grayscale16,
        QImage.Format.Format_RGBA64,
        QImage.Format.Format_Mono,
        QImage.Format.Format_Indexed8,
    ],
)
def test_what_qt_writes_passes(image_format: QImage.Format) -> None:
    data = qt_png(image_format)
    assert not png_damaged(data, LIMIT)
    assert not QImage.fromData(data).isNull()


def test_an_interlaced_picture_passes_when_whole_and_fails_when_short() -> None:
    width, height = 13, 11  # Adam7: seven passes of odd sizes
    passes = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4))
    passes += ((1, 0, 2, 2), (0, 1, 1, 2))
    raw = b""
    for x0, y0, dx, dy in passes:
        columns = len(range(x0, width, dx))
        raw += (b"\0" + b"\x40" * 3 * columns) * len(range(y0, height, dy)) if columns else b""
    assert not png_damaged(made(width, height, raw, interlace=1), LIMIT)
    assert png_damaged(made(width, height, raw[:-1], interlace=1), LIMIT)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d[: len(d) // 2],  # cut short
        lambda d: d[:-12],  # no IEND
        lambda d: d[:40] + bytes([d[40] ^ 0xFF]) + d[41:],  # a CRC that does not match
        lambda d: d[:8] + chunk(b"IDAT", b"x") + d[8:],  # data before the header
    ],
)
def test_damage_to_the_file_is_found(damage: Callable[[bytes], bytes]) -> None:
    assert png_damaged(damage(png(30, 20)), LIMIT)


def test_damage_to_the_pixels_is_found() -> None:
    row = b"\0" + b"\x80" * 30
    assert not png_damaged(made(10, 4, row * 4), LIMIT)
    assert png_damaged(made(10, 4, row * 3), LIMIT)  # not enough rows
    assert png_damaged(made(10, 4, row * 5), LIMIT)  # too many
    assert png_damaged(made(10, 4, row * 3 + b"\x07" + row[1:]), LIMIT)  # filter type 7
    no_palette = made(10, 1, b"\0" + b"\1" * 10, colour=3).replace(chunk(b"PLTE", b"\0\0\0"), b"")
    assert png_damaged(no_palette, LIMIT)
    corrupt = made(10, 4, row * 4)
    at = corrupt.index(b"IDAT") + 6
    body = corrupt[at - 2 : -24]
    broken = body[:2] + bytes(b ^ 0x55 for b in body[2:])
    assert png_damaged(corrupt[: at - 6] + chunk(b"IDAT", broken) + chunk(b"IEND", b""), LIMIT)


def test_a_header_over_the_limit_is_left_to_the_size_check() -> None:
    huge = made(20_000, 20_000, b"\0" * 10)
    assert not png_damaged(huge, LIMIT)  # not inflated; refused for its size
    assert png_damaged(huge, 10**9)


@pytest.mark.parametrize("bad_row", [None, 0, 1_234_567, 2_999_999])
def test_a_tall_picture_has_every_row_filter_checked(bad_row: int | None) -> None:
    # One grey pixel a row, three million rows: 6 MB inflated in several pieces, the rows
    # crossing the pieces' edges; a bad filter byte anywhere is found.
    rows = bytearray(b"\x00\x80" * 3_000_000)
    if bad_row is not None:
        rows[2 * bad_row] = 5
    data = made(1, 3_000_000, bytes(rows), colour=0)
    assert png_damaged(data, LIMIT) is (bad_row is not None)


def test_an_interlaced_picture_has_the_filters_of_every_pass_checked() -> None:
    width, height = 9, 9  # Adam7 passes of 2, 1, 2, 3, 5, 5, 9 rows... by hand below
    good = made(width, height, _adam7_rows(width, height), interlace=1)
    assert not png_damaged(good, LIMIT)
    raw = bytearray(_adam7_rows(width, height))
    raw[-(1 + 3 * width)] = 7  # the filter byte of the last row of the last pass
    assert png_damaged(made(width, height, bytes(raw), interlace=1), LIMIT)


def _adam7_rows(width: int, height: int) -> bytes:
    out = b""
    for x0, y0, dx, dy in ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4),
                           (1, 0, 2, 2), (0, 1, 1, 2)):  # fmt: skip
        columns = (width - x0 + dx - 1) // dx if width > x0 else 0
        rows = (height - y0 + dy - 1) // dy if height > y0 else 0
        if columns and rows:
            out += (b"\x01" + b"\x10" * 3 * columns) * rows
    return out
