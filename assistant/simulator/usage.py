"""Token accounting with the service's published rates, and the ``rate_limits`` payload.

Text is about one token per four characters; user (input) audio is 10 tokens per second,
assistant (output) audio 20 tokens per second; every item adds a few special tokens. A
response's input is the instructions plus the whole context it reads, so usage grows per turn.
Cached tokens are the part of that input a previous response already read unchanged (the
conversation's stable prefix), rounded down to 64-token blocks, split between text and audio.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .conversation import Entry, item_text
from .voice import transcript_pieces

ITEM_OVERHEAD_TOKENS = 4
CACHE_BLOCK = 64


def text_tokens(text: str) -> int:
    """Tokens for a text (about 4 characters each)."""
    return math.ceil(len(text) / 4)


def input_audio_tokens(ms: int) -> int:
    """Tokens for user audio: 1 per 100 ms."""
    return math.ceil(ms / 100)


def output_audio_tokens(ms: int) -> int:
    """Tokens for assistant audio: 1 per 50 ms."""
    return math.ceil(ms / 50)


@dataclass(frozen=True)
class Tally:
    """Text and audio token counts."""

    text: int = 0
    audio: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.text + other.text, self.audio + other.audio)

    @property
    def total(self) -> int:
        """Text plus audio tokens."""
        return self.text + self.audio


def entry_tally(entry: Entry) -> Tally:
    """The tokens one conversation item costs when it is part of a response's input."""
    item = entry.item
    audio = 0
    if any(p.get("type") == "input_audio" for p in item.get("content", [])):
        audio = input_audio_tokens(entry.input_audio_ms)
    elif any(p.get("type") == "output_audio" for p in item.get("content", [])):
        audio = output_audio_tokens(entry.audio_ms)
    text = 0 if audio else text_tokens(item_text(item))
    return Tally(ITEM_OVERHEAD_TOKENS + text, audio)


def context_tally(instructions: str, entries: list[Entry]) -> Tally:
    """Input tokens for instructions plus `entries`."""
    total = Tally(ITEM_OVERHEAD_TOKENS + text_tokens(instructions))
    for entry in entries:
        total = total + entry_tally(entry)
    return total


def cached_tally(full: Tally, cacheable: Tally) -> Tally:
    """The cached share of `full`: `cacheable` rounded down to whole 64-token blocks."""
    blocks = min(cacheable.total, full.total) // CACHE_BLOCK * CACHE_BLOCK
    audio = min(cacheable.audio, full.audio, blocks)
    return Tally(blocks - audio, audio)


def fit_to_budget(text: str, limit: int | str, audio: bool) -> tuple[str, bool]:
    """`text` cut (by words) to fit ``max_output_tokens`` `limit`, and whether it was cut.

    Spoken output also costs its audio tokens (about 14 characters per second).
    """
    if not isinstance(limit, int):
        return text, False
    kept = ""
    for piece in transcript_pieces(text):
        audio_ms = round(len(kept + piece) / 14 * 1000) if audio else 0
        if text_tokens(kept + piece) + output_audio_tokens(audio_ms) > limit:
            return kept, True
        kept += piece
    return kept, False


def usage_object(inputs: Tally, cached: Tally, outputs: Tally) -> dict[str, Any]:
    """The GA ``usage`` object of ``response.done``."""
    cached_details = {"text_tokens": cached.text, "audio_tokens": cached.audio, "image_tokens": 0}
    return {
        "total_tokens": inputs.total + outputs.total,
        "input_tokens": inputs.total,
        "output_tokens": outputs.total,
        "input_token_details": {
            "text_tokens": inputs.text,
            "audio_tokens": inputs.audio,
            "image_tokens": 0,
            "cached_tokens": cached.total,
            "cached_tokens_details": cached_details,
        },
        "output_token_details": {"text_tokens": outputs.text, "audio_tokens": outputs.audio},
    }


def transcription_usage(model: str, audio_ms: int, transcript: str) -> dict[str, Any]:
    """Usage of an input transcription: by duration for the whisper models, else by tokens."""
    if model in ("whisper-1", "gpt-realtime-whisper"):
        return {"type": "duration", "seconds": round(audio_ms / 1000, 3)}
    audio, text = input_audio_tokens(audio_ms), text_tokens(transcript)
    return {
        "type": "tokens",
        "input_tokens": audio,
        "output_tokens": text,
        "total_tokens": audio + text,
        "input_token_details": {"text_tokens": 0, "audio_tokens": audio},
    }


class RateLimits:
    """Request and token budgets reported in ``rate_limits.updated`` (decrease per response)."""

    REQUESTS = 5000
    TOKENS = 400000

    def __init__(self) -> None:
        self.requests = self.REQUESTS
        self.tokens = self.TOKENS

    def reserve(self, tokens: int) -> list[dict[str, Any]]:
        """Account for one response that may use `tokens`; returns the ``rate_limits`` list."""
        self.requests = max(0, self.requests - 1) or self.REQUESTS
        self.tokens = max(0, self.tokens - tokens) or self.TOKENS
        return [
            {
                "name": "requests",
                "limit": self.REQUESTS,
                "remaining": self.requests,
                "reset_seconds": 0.012,
            },
            {
                "name": "tokens",
                "limit": self.TOKENS,
                "remaining": self.tokens,
                "reset_seconds": round((self.TOKENS - self.tokens) * 60 / self.TOKENS, 3),
            },
        ]
