"""Synthetic test audio: PCM16 LE mono 24 kHz at exact RMS levels."""

from __future__ import annotations

import math
import struct

RATE = 24000


def silence(ms: int) -> bytes:
    """`ms` of digital silence."""
    return b"\x00\x00" * (RATE * ms // 1000)


def speech_like(ms: int, dbfs: float = -20.0, f0: float = 200.0) -> bytes:
    """A harmonic tone (f0 and 4 harmonics) with RMS `dbfs`: speech-like for an energy VAD."""
    n = RATE * ms // 1000
    wave = [
        sum(math.sin(2 * math.pi * f0 * k * i / RATE) / k for k in range(1, 6)) for i in range(n)
    ]
    rms = math.sqrt(sum(v * v for v in wave) / n)
    scale = 10 ** (dbfs / 20) * 32767 / rms
    return struct.pack(f"<{n}h", *(round(v * scale) for v in wave))


def turn(speech_ms: int = 1200, before_ms: int = 500, after_ms: int = 1000) -> bytes:
    """Silence, `speech_ms` of speech-like tone at -20 dBFS, silence."""
    return silence(before_ms) + speech_like(speech_ms) + silence(after_ms)
