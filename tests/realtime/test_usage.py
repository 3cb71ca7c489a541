"""Usage accounting and the price table."""

from __future__ import annotations

import pytest

from assistant.realtime.usage import (
    PRICES,
    Usage,
    price_for,
    usage_from_response,
    usage_from_transcription,
)
from tests.realtime.wire import USAGE


def test_response_usage_splits_cached_by_modality() -> None:
    usage = usage_from_response(USAGE)
    assert usage == Usage(
        input_text=313,
        input_audio=476,
        cached_text=256,
        cached_audio=384,
        output_text=9,
        output_audio=23,
    )
    assert (usage.input_tokens, usage.output_tokens, usage.total_tokens) == (789, 32, 821)


def test_cached_tokens_are_billed_at_the_cached_rate() -> None:
    price = PRICES["gpt-realtime-2.1"]
    cost = price.cost(Usage(input_audio=1_000_000, cached_audio=500_000))
    assert cost.input_audio == pytest.approx(16.0)  # 500k uncached at $32/M
    assert cost.cached == pytest.approx(0.2)  # 500k cached at $0.40/M
    assert cost.total == pytest.approx(16.2)


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("gpt-realtime-2025-08-28", "gpt-realtime"),
        ("GPT-Realtime-2.1", "gpt-realtime-2.1"),
        ("gpt-4o-realtime-preview-2024-12-17", "gpt-4o-realtime-preview"),
        ("gpt-4o-realtime-preview-2024-10-01", "gpt-4o-realtime-preview-2024-10-01"),
    ],
)
def test_dated_snapshots_find_their_price(model: str, expected: str) -> None:
    assert price_for(model) is PRICES[expected]


@pytest.mark.parametrize("model", [None, "", "my-deployment", "gpt-realtime-9"])
def test_unknown_models_have_no_price(model: str | None) -> None:
    assert price_for(model) is None


def test_transcription_usage_by_tokens_and_by_duration() -> None:
    tokens = usage_from_transcription(
        {
            "type": "tokens",
            "input_tokens": 30,
            "output_tokens": 8,
            "total_tokens": 38,
            "input_token_details": {"text_tokens": 0, "audio_tokens": 30},
        }
    )
    assert (tokens.input_audio, tokens.output_text) == (30, 8)
    duration = usage_from_transcription({"type": "duration", "seconds": 90})
    whisper = PRICES["whisper-1"].cost(duration, transcription=True)
    assert whisper.transcription == pytest.approx(0.009)


def test_odd_usage_blocks_count_as_zero() -> None:
    assert usage_from_response(None) == Usage()
    assert usage_from_response({"input_token_details": "x", "input_tokens": 5}).input_text == 5
    assert usage_from_transcription(["x"]) == Usage()
