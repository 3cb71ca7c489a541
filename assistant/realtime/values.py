"""Values read from the wire, made safe to compute with.

JSON numbers have no bounds: `1e400` parses as infinity and a 400-digit integer overflows any
float it meets (a price, a duration), so every count, time and price input is read through
`wire_int` or `wire_float`: a finite number within +-2**53 (the integers every JSON reader
keeps exactly), else 0.
"""

from __future__ import annotations

from typing import Any

MAX_NUMBER = 2**53


def wire_int(value: Any) -> int:
    """A count or a time in milliseconds; anything else (absent, text, NaN, huge) is 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0
    if not -MAX_NUMBER <= value <= MAX_NUMBER:  # also false for NaN
        return 0
    return int(value)


def wire_float(value: Any) -> float:
    """`wire_int` for seconds and other fractional values."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    if not -MAX_NUMBER <= value <= MAX_NUMBER:
        return 0.0
    return float(value)
