"""``input_image`` content parts: the data URL checked, the picture's format and size read.

The simulator decodes no pixels: it reads a PNG's IHDR chunk or a JPEG's start-of-frame
marker, which is enough to answer "what did you get" and to count image tokens. Only
``data:image/png;base64,...`` and ``data:image/jpeg;base64,...`` URLs are taken (the types the
service documents; docs/realtime-protocol.md); anything else is refused like a bad value. The
echoed item keeps the part's ``detail`` and leaves the data out (as audio is left out).

Image tokens follow OpenAI's published rule for its vision models (an assumption for the
realtime models, which publish no rule of their own): ``low`` costs 85 tokens; otherwise the
picture is fitted in 2048x2048, its short side brought to at most 768 pixels, and it costs 85
plus 170 per 512-pixel tile.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import struct
from dataclasses import dataclass
from typing import Any

from .events import ProtocolError, invalid_type, invalid_value

DETAILS = ["auto", "low", "high"]
_DATA_URL = re.compile(r"data:(image/(?:png|jpeg));base64,(.*)", re.DOTALL)
_BAD_URL = (
    "Invalid 'image_url'. Expected a base64-encoded data URL with an image MIME type "
    "(image/png or image/jpeg)."
)
_BAD_IMAGE = "The image data could not be read as {kind}."
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


@dataclass(frozen=True)
class SeenPicture:
    """What the simulator knows of a picture it received."""

    kind: str  # "PNG" or "JPEG"
    width: int
    height: int
    detail: str

    @property
    def tokens(self) -> int:
        return image_tokens(self.width, self.height, self.detail)

    def describe(self) -> str:
        return f"a {self.kind} picture of {self.width} by {self.height} pixels"


def image_part(part: dict[str, Any], path: str) -> tuple[dict[str, Any], SeenPicture]:
    """The part as echoed, and the picture it holds; raises like the service on bad input."""
    detail = part.get("detail", "auto")
    if detail not in DETAILS:
        raise invalid_value(f"{path}.detail", detail, DETAILS)
    url = part.get("image_url")
    if not isinstance(url, str):
        raise invalid_type(f"{path}.image_url", "a string", url)
    match = _DATA_URL.fullmatch(url)
    if match is None:
        raise ProtocolError("invalid_value", _BAD_URL, f"{path}.image_url")
    try:
        data = base64.b64decode(match.group(2), validate=True)
    except (binascii.Error, ValueError):
        raise ProtocolError("invalid_value", _BAD_URL, f"{path}.image_url") from None
    kind = "PNG" if match.group(1) == "image/png" else "JPEG"
    size = _png_size(data) if kind == "PNG" else _jpeg_size(data)
    if size is None:
        message = _BAD_IMAGE.format(kind=kind)
        raise ProtocolError("invalid_image", message, f"{path}.image_url")
    return {"type": "input_image", "detail": detail}, SeenPicture(kind, *size, detail)


def image_tokens(width: int, height: int, detail: str) -> int:
    if detail == "low":
        return 85
    scale = min(1.0, 2048 / max(width, height))
    scale *= min(1.0, 768 / (min(width, height) * scale))
    tiles = math.ceil(width * scale / 512) * math.ceil(height * scale / 512)
    return 85 + 170 * tiles


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or not data.startswith(_PNG) or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return (width, height) if width and height else None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The frame size from the first start-of-frame marker (segments walked from the start)."""
    if not data.startswith(b"\xff\xd8"):
        return None
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _JPEG_FRAMES and at + 9 <= len(data):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return (width, height) if width and height else None
        if length < 2:
            return None
        at += 2 + length
    return None
