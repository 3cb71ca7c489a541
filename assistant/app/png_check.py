"""Is a PNG damaged? Checked before Qt sees it, because libpng would say so on stderr.

Qt's PNG reader installs a warning handler but leaves libpng's error handler at its default,
which writes "libpng error: ..." straight to the process's standard error (seen with a cut or
corrupted file: "IDAT: invalid code lengths set", "Read Error"; nothing reaches Qt's message
handler, so it cannot be filtered there). Silencing file descriptor 2 while decoding is unsafe
once threads run (their output would be lost too), so the window's pictures are checked here
first: every chunk whole with a correct CRC, IHDR first with valid fields, a palette before
the data where one is needed, IEND at the end, and the image data one complete zlib stream of
exactly the bytes the header implies, each row starting with a valid filter type. That is what
libpng's read path stops on; a file that passes decodes without an error.

The data is inflated in pieces and counted, never kept, so a large picture costs time, not
memory; a header over `max_pixels` is not inflated at all (the caller refuses it by size).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator

import numpy as np

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # colour type -> samples per pixel
_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
_ADAM7 = (  # (x start, y start, x step, y step) of the seven passes
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
)
_PIECE = 1 << 20


def is_png(data: bytes) -> bool:
    return data.startswith(SIGNATURE)


def png_damaged(data: bytes, max_pixels: int) -> bool:
    """True when libpng would stop on `data` (a PNG, by its signature) with an error."""
    chunks = _chunks(data)
    if chunks is None or not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        return True
    header = _header(chunks[0][1])
    if header is None:
        return True
    width, height, depth, colour, interlace = header
    kinds = [kind for kind, _body in chunks]
    if b"IDAT" not in kinds:
        return True
    if colour == 3 and (b"PLTE" not in kinds or kinds.index(b"PLTE") > kinds.index(b"IDAT")):
        return True
    if width * height > max_pixels:
        return False  # not inflated: refused for its size
    stream = b"".join(body for kind, body in chunks if kind == b"IDAT")
    passes = list(_passes(width, height, depth * _CHANNELS[colour], interlace))
    return not _rows_complete(stream, passes)


def _chunks(data: bytes) -> list[tuple[bytes, bytes]] | None:
    """The chunks up to IEND (None: one is cut short or its CRC is wrong)."""
    chunks, at = [], len(SIGNATURE)
    while at < len(data):
        if at + 12 > len(data):
            return None
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        end = at + 8 + length
        if length > 0x7FFFFFFF or end + 4 > len(data):
            return None
        body = data[at + 8 : end]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[end : end + 4])[0]:
            return None
        chunks.append((kind, body))
        at = end + 4
        if kind == b"IEND":
            break
    return chunks


def _header(body: bytes) -> tuple[int, int, int, int, int] | None:
    if len(body) != 13:
        return None
    width, height, depth, colour, method, filtering, interlace = struct.unpack(">IIBBBBB", body)
    valid = 0 < width < 2**31 and 0 < height < 2**31 and depth in _DEPTHS.get(colour, ())
    if not valid or method != 0 or filtering != 0 or interlace not in (0, 1):
        return None
    return width, height, depth, colour, interlace


def _passes(width: int, height: int, bits: int, interlace: int) -> Iterator[tuple[int, int]]:
    """(rows, bytes per row with its filter byte) of each pass over the image, in order."""
    for x0, y0, dx, dy in _ADAM7 if interlace else ((0, 0, 1, 1),):
        columns = (width - x0 + dx - 1) // dx if width > x0 else 0
        rows = (height - y0 + dy - 1) // dy if height > y0 else 0
        if columns and rows:
            yield rows, 1 + (columns * bits + 7) // 8


def _rows_complete(stream: bytes, passes: list[tuple[int, int]]) -> bool:
    """True when `stream` inflates to exactly the rows of `passes`, each starting with a
    valid filter type. The filter bytes of a piece are found by arithmetic and checked with
    numpy: a hostile one-pixel-wide picture of 100 million rows costs no Python loop per row."""
    inflater = zlib.decompressobj()
    layout = _layout(passes)
    seen, pending = 0, stream
    try:
        while pending or not inflater.eof:
            piece = inflater.decompress(pending, _PIECE)
            pending = inflater.unconsumed_tail
            if not piece and not pending:
                break
            if _bad_filter(piece, seen, layout):
                return False
            seen += len(piece)
    except zlib.error:
        return False
    expected = sum(rows * length for rows, length in passes)
    return inflater.eof and not inflater.unused_data and seen == expected


def _layout(passes: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(offset of its first row in the inflated data, rows, bytes per row) of each pass."""
    layout, at = [], 0
    for rows, length in passes:
        layout.append((at, rows, length))
        at += rows * length
    return layout


def _bad_filter(piece: bytes, seen: int, layout: list[tuple[int, int, int]]) -> bool:
    """Is a row of `layout` starting inside `piece` (inflated bytes `seen` on) not filter 0-4?"""
    data, end = np.frombuffer(piece, dtype=np.uint8), seen + len(piece)
    for first, rows, length in layout:
        low = max(0, -(-(seen - first) // length))  # the first row starting at or after `seen`
        high = min(rows, -(-(end - first) // length))  # rows starting before `end`
        if low < high:
            starts = data[first + low * length - seen :: length][: high - low]
            if int(starts.max()) > 4:
                return True
    return False
