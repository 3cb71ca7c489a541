"""Energy VAD on the audio timeline (sans-I/O)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.simulator.vad import EnergyVad, SpeechStarted, SpeechStopped, VadSettings
from tests.simulator.audio import silence, speech_like


def _feed(vad: EnergyVad, pcm: bytes, chunk_ms: int = 20) -> list:
    size = chunk_ms * 48
    return [event for i in range(0, len(pcm), size) for event in vad.feed(pcm[i : i + size])]


def test_normal_speech_triggers_with_padding_and_silence() -> None:
    vad = EnergyVad(VadSettings())
    events = _feed(vad, silence(1000) + speech_like(800, dbfs=-30) + silence(700))
    assert events == [SpeechStarted(1000, 700), SpeechStopped(1800, 2300)]


def test_near_silence_does_not_trigger() -> None:
    vad = EnergyVad(VadSettings())
    assert _feed(vad, speech_like(2000, dbfs=-52)) == []


def test_threshold_maps_to_level() -> None:
    assert VadSettings(threshold=0.5).level_dbfs == -40
    loud_only = EnergyVad(VadSettings(threshold=0.9))
    assert _feed(loud_only, speech_like(500, dbfs=-30)) == []


def test_settings_from_turn_detection() -> None:
    server = {
        "type": "server_vad",
        "threshold": 0.3,
        "prefix_padding_ms": 100,
        "silence_duration_ms": 200,
    }
    assert VadSettings.from_turn_detection(server) == VadSettings(0.3, 100, 200)
    semantic = VadSettings.from_turn_detection({"type": "semantic_vad", "eagerness": "high"})
    assert semantic.silence_duration_ms < VadSettings().silence_duration_ms


def test_padding_never_reaches_before_the_buffer_start() -> None:
    vad = EnergyVad(VadSettings(), position_ms=5000)
    vad.mark_buffer_start(5000)
    events = _feed(vad, silence(100) + speech_like(300) + silence(600))
    assert events[0] == SpeechStarted(5100, 5000)


def test_short_pauses_inside_speech_do_not_end_the_turn() -> None:
    vad = EnergyVad(VadSettings(silence_duration_ms=500))
    pcm = speech_like(300) + silence(200) + speech_like(300) + silence(600)
    assert [type(e) for e in _feed(vad, pcm)] == [SpeechStarted, SpeechStopped]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), st.integers(min_value=1, max_value=40)), max_size=8),
    st.integers(min_value=1, max_value=13),
)
def test_events_alternate_and_move_forward(segments: list[tuple[bool, int]], chunk: int) -> None:
    pcm = b"".join(speech_like(n * 20) if loud else silence(n * 20) for loud, n in segments)
    events = _feed(EnergyVad(VadSettings()), pcm, chunk_ms=chunk)
    kinds = [type(e) for e in events]
    assert kinds == [SpeechStarted, SpeechStopped] * (len(kinds) // 2) + [SpeechStarted] * (
        len(kinds) % 2
    )
    positions = [e.onset_ms if isinstance(e, SpeechStarted) else e.audio_end_ms for e in events]
    assert positions == sorted(positions)
    assert all(p <= len(pcm) // 48 for p in positions)
