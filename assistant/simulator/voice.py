"""A speech-like synthetic voice: deterministic PCM16 mono 24 kHz for a reply text.

There is no TTS; the audio only has to *sound* and *measure* like speech for playback, VAD,
level meters and barge-in tests. Each word gets a time slot proportional to its length plus one
character of pause (14 characters per second at speed 1.0, so the duration is about
``len(text) / 14`` seconds). The voiced part of a slot is split into syllables of about three
letters; a syllable is a few pitch periods of a harmonic wave (fundamental 140-220 Hz by voice,
falling across the sentence) shaped by two vowel formants and a raised-cosine envelope.
Punctuation lengthens the pause after a word. The same inputs always give the same bytes.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from array import array
from dataclasses import dataclass

SAMPLE_RATE = 24000
CHARS_PER_SECOND = 14.0
PEAK = 0.3 * 32767
_VOICE_PITCH = {
    "alloy": 180,
    "ash": 140,
    "ballad": 160,
    "coral": 210,
    "echo": 145,
    "sage": 200,
    "shimmer": 215,
    "verse": 150,
    "marin": 195,
    "cedar": 140,
}
_FORMANTS = {
    "a": (730, 1090),
    "e": (530, 1840),
    "i": (270, 2290),
    "o": (570, 840),
    "u": (300, 870),
    "y": (300, 2000),
}


@dataclass(frozen=True)
class Speech:
    """Synthesized audio and where each transcript piece starts in it.

    ``pieces`` are ``(text, start_ms)`` pairs whose texts concatenate to the full transcript.
    """

    pcm: bytes
    pieces: tuple[tuple[str, int], ...]

    @property
    def duration_ms(self) -> int:
        """Length of the audio in milliseconds."""
        return len(self.pcm) // 2 * 1000 // SAMPLE_RATE


def transcript_pieces(text: str) -> list[str]:
    """`text` split into words, each with its leading whitespace ("Hi", " there")."""
    return re.findall(r"\s*\S+", text) or ([text] if text else [])


def base_pitch(voice: str) -> float:
    """The fundamental frequency (Hz) of a voice name, 140-220 Hz."""
    return float(_VOICE_PITCH.get(voice, 140 + sum(map(ord, voice)) % 80))


@functools.lru_cache(maxsize=64)
def synthesize(text: str, voice: str = "marin", speed: float = 1.0) -> Speech:
    """Speech-like audio for `text` (cached: identical inputs give identical bytes)."""
    samples = array("h")
    pieces: list[tuple[str, int]] = []
    words = transcript_pieces(text)
    cps = CHARS_PER_SECOND * speed
    for index, piece in enumerate(words):
        pieces.append((piece, len(samples) * 1000 // SAMPLE_RATE))
        progress = index / max(1, len(words) - 1)
        _append_word(samples, piece.strip(), cps, base_pitch(voice) * (1.1 - 0.25 * progress))
    if sys.byteorder == "big":
        samples.byteswap()
    return Speech(samples.tobytes(), tuple(pieces))


def _append_word(samples: array[int], word: str, cps: float, pitch: float) -> None:
    slot = round((len(word) + 1) / cps * SAMPLE_RATE)
    voiced_share = 0.55 if word[-1:] in ".,;:!?" else len(word) / (len(word) + 1)
    voiced = int(slot * voiced_share)
    syllables = _syllables(word)
    length = voiced // len(syllables)
    for number, syllable in enumerate(syllables):
        wobble = 1.0 + 0.06 * math.sin(2.1 * number + len(word))
        samples.extend(_syllable(syllable, pitch * wobble, length))
    samples.extend([0] * (slot - length * len(syllables)))


def _syllables(word: str) -> list[str]:
    letters = [c for c in word.lower() if c.isalnum()] or ["a"]
    count = max(1, round(len(letters) / 3))
    size = math.ceil(len(letters) / count)
    return ["".join(letters[i : i + size]) for i in range(0, len(letters), size)]


def _syllable(letters: str, pitch: float, length: int) -> list[int]:
    table = _period(_vowel(letters), round(SAMPLE_RATE / pitch))
    period = len(table)
    return [round(table[i % period] * _envelope(i, length)) for i in range(length)]


def _vowel(letters: str) -> tuple[int, int]:
    for char in letters:
        if char in _FORMANTS:
            return _FORMANTS[char]
    return (500, 1500)


@functools.lru_cache(maxsize=256)
def _period(formants: tuple[int, int], period: int) -> tuple[float, ...]:
    """One pitch period: harmonics up to 3.5 kHz weighted by the two formants, peak PEAK."""
    f0 = SAMPLE_RATE / period
    harmonics = [(k, _formant_gain(k * f0, formants)) for k in range(1, int(3500 / f0) + 1)]
    wave = [
        sum(gain * math.sin(2 * math.pi * k * n / period) for k, gain in harmonics)
        for n in range(period)
    ]
    scale = PEAK / max(abs(v) for v in wave)
    return tuple(v * scale for v in wave)


def _formant_gain(frequency: float, formants: tuple[int, int]) -> float:
    first, second = formants
    return (
        0.15
        + 1.0 / (1.0 + ((frequency - first) / 160.0) ** 2)
        + 0.5 / (1.0 + ((frequency - second) / 220.0) ** 2)
    ) / math.sqrt(frequency / 100.0)


def _envelope(index: int, length: int) -> float:
    attack, release = max(1, length * 15 // 100), max(1, length * 25 // 100)
    if index < attack:
        return 0.5 - 0.5 * math.cos(math.pi * index / attack)
    if index >= length - release:
        return 0.5 - 0.5 * math.cos(math.pi * (length - index) / release)
    return 1.0
