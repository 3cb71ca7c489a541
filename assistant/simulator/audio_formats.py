"""Audio formats on the wire: PCM16 24 kHz, or G.711 (``audio/pcmu``/``audio/pcma``) at 8 kHz.

Inside the simulator all audio is PCM16 LE mono 24 kHz. `to_pcm24` converts what a client
appends (in the session's input format) and `from_pcm24` what the server sends (in the output
format). G.711 is the ITU-T companding (standard library only, table driven); 8 kHz is
resampled to 24 kHz by linear interpolation and back by averaging each three samples.
"""

from __future__ import annotations

import sys
from array import array
from typing import Any

PCM = "audio/pcm"
PCMU = "audio/pcmu"
PCMA = "audio/pcma"


def _ulaw_decode(code: int) -> int:
    code = ~code & 0xFF
    magnitude = (((code & 0x0F) << 3) + 0x84) << ((code & 0x70) >> 4)
    return 0x84 - magnitude if code & 0x80 else magnitude - 0x84


def _alaw_decode(code: int) -> int:
    code ^= 0x55
    exponent, mantissa = (code & 0x70) >> 4, code & 0x0F
    magnitude = (
        (mantissa << 4) + 8 if exponent == 0 else ((mantissa << 4) + 0x108) << (exponent - 1)
    )
    return magnitude if code & 0x80 else -magnitude


def _segment(value: int, ends: tuple[int, ...]) -> int:
    return next((index for index, end in enumerate(ends) if value <= end), len(ends))


_ULAW_ENDS = (0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF)
_ALAW_ENDS = (0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF)


def _ulaw_encode(sample: int) -> int:
    """ITU-T G.711 mu-law of a 16-bit sample (as the reference ``linear2ulaw``)."""
    value = sample >> 2
    mask = 0x7F if value < 0 else 0xFF
    value = min(abs(value), 8159) + 0x21
    segment = _segment(value, _ULAW_ENDS)
    if segment >= 8:
        return 0x7F ^ mask
    return ((segment << 4) | ((value >> (segment + 1)) & 0x0F)) ^ mask


def _alaw_encode(sample: int) -> int:
    """ITU-T G.711 A-law of a 16-bit sample (as the reference ``linear2alaw``)."""
    value = sample >> 3
    mask = 0xD5 if value >= 0 else 0x55
    value = value if value >= 0 else -value - 1
    segment = _segment(value, _ALAW_ENDS)
    if segment >= 8:
        return 0x7F ^ mask
    shift = 1 if segment < 2 else segment
    return ((segment << 4) | ((value >> shift) & 0x0F)) ^ mask


_DECODE = {
    PCMU: [_ulaw_decode(code) for code in range(256)],
    PCMA: [_alaw_decode(code) for code in range(256)],
}


def _samples(pcm: bytes) -> array[int]:
    samples = array("h", pcm[: len(pcm) - len(pcm) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def _bytes(samples: array[int]) -> bytes:
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()


def format_type(audio_format: dict[str, Any] | None) -> str:
    """The format's type, PCM when absent."""
    return str((audio_format or {}).get("type") or PCM)


def to_pcm24(data: bytes, audio_format: dict[str, Any] | None) -> bytes:
    """Client audio in `audio_format` as PCM16 24 kHz (a trailing odd PCM byte is dropped)."""
    kind = format_type(audio_format)
    if kind == PCM:
        return data[: len(data) - len(data) % 2]
    table = _DECODE[kind]
    narrow = [table[code] for code in data]
    wide = array("h")
    for current, following in zip(narrow, narrow[1:] + narrow[-1:], strict=True):
        wide.extend((current, (2 * current + following) // 3, (current + 2 * following) // 3))
    return _bytes(wide)


def from_pcm24(pcm: bytes, audio_format: dict[str, Any] | None) -> bytes:
    """PCM16 24 kHz as the bytes of `audio_format` (G.711: one byte per 1/8000 s)."""
    kind = format_type(audio_format)
    if kind == PCM:
        return pcm
    encode = _ulaw_encode if kind == PCMU else _alaw_encode
    samples = _samples(pcm)
    return bytes(encode(sum(samples[i : i + 3]) // 3) for i in range(0, len(samples) - 2, 3))
