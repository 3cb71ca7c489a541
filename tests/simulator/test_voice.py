"""The synthetic voice: deterministic, speech-like, about 14 characters per second."""

from __future__ import annotations

from array import array

import pytest

from assistant.simulator.vad import frame_dbfs
from assistant.simulator.voice import base_pitch, synthesize, transcript_pieces

TEXT = "Hello! This is the offline demo; you said: hello."


def test_duration_follows_the_text_length() -> None:
    for text in ("Hi.", TEXT, TEXT * 3):
        expected_ms = len(text) / 14 * 1000
        assert synthesize(text).duration_ms == pytest.approx(expected_ms, abs=100, rel=0.05)


def test_speed_shortens_the_audio() -> None:
    assert synthesize(TEXT, speed=1.5).duration_ms < synthesize(TEXT).duration_ms * 0.75


def test_deterministic_and_voice_dependent() -> None:
    assert synthesize(TEXT).pcm == synthesize(TEXT).pcm
    assert synthesize(TEXT, "cedar").pcm != synthesize(TEXT, "marin").pcm
    assert all(140 <= base_pitch(v) <= 220 for v in ("marin", "cedar", "alloy", "voice_custom"))


def test_level_is_speech_like_with_pauses() -> None:
    speech = synthesize(TEXT)
    assert -26 < frame_dbfs(speech.pcm) < -14
    frames = [frame_dbfs(speech.pcm[i : i + 480]) for i in range(0, len(speech.pcm), 480)]
    assert sum(level < -60 for level in frames) > len(frames) * 0.1  # pauses between words


def _autocorrelation_pitch(samples: list[int]) -> float:
    lags = range(24000 // 400, 24000 // 80)
    best = max(
        lags, key=lambda lag: sum(a * b for a, b in zip(samples, samples[lag:], strict=False))
    )
    return 24000 / best


@pytest.mark.parametrize("voice", ["marin", "cedar"])
def test_pitch_is_in_the_voice_range(voice: str) -> None:
    pcm = array("h", synthesize("aaaaaa", voice).pcm)
    middle = list(pcm[1200:2400])  # inside the first syllable
    pitch = _autocorrelation_pitch(middle)
    assert 140 * 0.8 <= pitch <= 220 * 1.2
    assert pitch == pytest.approx(base_pitch(voice) * 1.1, rel=0.15)


def test_pieces_rebuild_the_transcript_in_time_order() -> None:
    speech = synthesize(TEXT)
    assert "".join(text for text, _ in speech.pieces) == TEXT
    starts = [start for _, start in speech.pieces]
    assert starts == sorted(starts) and starts[0] == 0
    assert transcript_pieces("a  b") == ["a", "  b"]
