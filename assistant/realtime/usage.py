"""Token usage and what it costs.

`Usage` holds token counts split the way the API bills them: text, audio and image input, the
cached part of each (a subset of the input, billed at the cached rate), and text and audio
output. `PRICES` maps model names to dollars per million tokens, with the date and source of
each price; it is built from the one list of models (`models.MODELS`). A model not in the
table has no price: callers show tokens only, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from assistant.realtime.models import MODELS, Model, find
from assistant.realtime.values import wire_float, wire_int


@dataclass(frozen=True, slots=True)
class Usage:
    input_text: int = 0
    input_audio: int = 0
    input_image: int = 0
    cached_text: int = 0
    cached_audio: int = 0
    cached_image: int = 0
    output_text: int = 0
    output_audio: int = 0
    audio_seconds: float = 0.0  # transcription billed by duration

    def __add__(self, other: Usage) -> Usage:
        return Usage(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def input_tokens(self) -> int:
        return self.input_text + self.input_audio + self.input_image

    @property
    def output_tokens(self) -> int:
        return self.output_text + self.output_audio

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens

    @property
    def cached_tokens(self) -> int:
        return self.cached_text + self.cached_audio + self.cached_image

    def to_dict(self) -> dict[str, int | float]:
        data: dict[str, int | float] = {f.name: getattr(self, f.name) for f in fields(self)}
        data.update(input_tokens=self.input_tokens, output_tokens=self.output_tokens)
        data.update(total_tokens=self.total_tokens, cached_tokens=self.cached_tokens)
        return data


@dataclass(frozen=True, slots=True)
class Cost:
    """Dollars, split so a display can show what drives the bill."""

    input_text: float = 0.0
    input_audio: float = 0.0
    input_image: float = 0.0
    cached: float = 0.0
    output_text: float = 0.0
    output_audio: float = 0.0
    transcription: float = 0.0
    session_time: float = 0.0  # GPT-Live: billed per second of session, not per token

    def __add__(self, other: Cost) -> Cost:
        return Cost(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def total(self) -> float:
        return float(sum(getattr(self, f.name) for f in fields(self)))


@dataclass(frozen=True, slots=True)
class Price:
    """US dollars per 1M tokens (or per minute for duration-billed transcription)."""

    text_in: float
    text_cached: float
    text_out: float
    audio_in: float = 0.0
    audio_cached: float = 0.0
    audio_out: float = 0.0
    image_in: float = 0.0
    image_cached: float = 0.0
    per_minute: float = 0.0
    as_of: str = ""
    source: str = ""

    def cost(self, usage: Usage, *, transcription: bool = False) -> Cost:
        m = 1_000_000
        cached = (
            usage.cached_text * self.text_cached
            + usage.cached_audio * self.audio_cached
            + usage.cached_image * self.image_cached
        ) / m
        parts = Cost(
            input_text=(usage.input_text - usage.cached_text) * self.text_in / m,
            input_audio=(usage.input_audio - usage.cached_audio) * self.audio_in / m,
            input_image=(usage.input_image - usage.cached_image) * self.image_in / m,
            cached=cached,
            output_text=usage.output_text * self.text_out / m,
            output_audio=usage.output_audio * self.audio_out / m,
        )
        if not transcription:
            return parts
        return Cost(transcription=parts.total + usage.audio_seconds / 60 * self.per_minute)


def _price(model: Model) -> Price:
    r = (*model.rates, *(0.0,) * 8)  # rates not given are 0 (not billed that way)
    return Price(
        *(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]),
        per_minute=model.per_minute,
        as_of=model.price_as_of,
        source=model.source,
    )


PRICES: dict[str, Price] = {model.name: _price(model) for model in MODELS}


def price_for(model: str | None) -> Price | None:
    """The price of `model`, looking through dated snapshots (`gpt-realtime-2025-08-28`)."""
    known = find(model)
    return PRICES[known.name] if known is not None else None


def _int(data: Any, key: str) -> int:
    value = data.get(key) if isinstance(data, dict) else None
    return wire_int(value) if isinstance(value, int) else 0  # token counts are integers


def usage_from_response(raw: Any) -> Usage:
    """Read a `response.done` usage block; missing or odd fields count as zero."""
    if not isinstance(raw, dict):
        return Usage()
    inp, out = raw.get("input_token_details"), raw.get("output_token_details")
    cached = inp.get("cached_tokens_details") if isinstance(inp, dict) else None
    text_in, audio_in = _int(inp, "text_tokens"), _int(inp, "audio_tokens")
    if not isinstance(inp, dict):
        text_in = _int(raw, "input_tokens")
    cached_text, cached_audio = _int(cached, "text_tokens"), _int(cached, "audio_tokens")
    if not isinstance(cached, dict):
        cached_text = _int(inp, "cached_tokens")  # older shape: no split, count it as text
    text_out, audio_out = _int(out, "text_tokens"), _int(out, "audio_tokens")
    if not isinstance(out, dict):
        text_out = _int(raw, "output_tokens")
    return Usage(
        input_text=text_in,
        input_audio=audio_in,
        input_image=_int(inp, "image_tokens"),
        cached_text=min(cached_text, text_in),
        cached_audio=min(cached_audio, audio_in),
        cached_image=min(_int(cached, "image_tokens"), _int(inp, "image_tokens")),
        output_text=text_out,
        output_audio=audio_out,
    )


def usage_from_transcription(raw: Any) -> Usage:
    """Read the usage of `input_audio_transcription.completed` (tokens or duration)."""
    if not isinstance(raw, dict):
        return Usage()
    if raw.get("type") == "duration":
        return Usage(audio_seconds=wire_float(raw.get("seconds")))
    details = raw.get("input_token_details")
    if isinstance(details, dict):
        text_in, audio_in = _int(details, "text_tokens"), _int(details, "audio_tokens")
    else:
        text_in, audio_in = 0, _int(raw, "input_tokens")
    return Usage(input_text=text_in, input_audio=audio_in, output_text=_int(raw, "output_tokens"))


def leaves_unpriced(usage: Usage, cost: Cost | float | None) -> bool:
    """True when usage had no price (None) although it used something: a session's cost is
    then a floor. The one billing rule of the core, the recorder and the views."""
    return cost is None and bool(usage.total_tokens or usage.audio_seconds)
