"""The shared SDK oracle itself: it knows both dialects and both directions, and it bites."""

from __future__ import annotations

import pydantic
import pytest

from tests.oracle import (
    UnknownEventTypeError,
    event_models,
    validate_client_event,
    validate_server_event,
)


def test_maps_cover_both_dialects_and_directions() -> None:
    assert "response.output_audio.delta" in event_models("ga", "server")
    assert "response.audio.delta" in event_models("beta", "server")
    assert "response.audio.delta" not in event_models("ga", "server")
    assert "session.update" in event_models("ga", "client")
    assert "transcription_session.update" in event_models("beta", "client")


def test_unknown_type_is_rejected() -> None:
    with pytest.raises(UnknownEventTypeError):
        validate_server_event({"type": "future.event_kind", "event_id": "e"}, "ga")
    with pytest.raises(UnknownEventTypeError):
        validate_server_event({"type": "conversation.item.added", "event_id": "e"}, "beta")


def test_wrong_shape_is_rejected() -> None:
    bad = {
        "type": "input_audio_buffer.speech_started",
        "event_id": "e",
        "item_id": "i",
        "audio_start_ms": "soon",
    }
    with pytest.raises(pydantic.ValidationError):
        validate_server_event(bad, "ga")
    with pytest.raises(pydantic.ValidationError):
        validate_client_event({"type": "conversation.item.truncate", "item_id": "i"}, "ga")


def test_valid_events_pass() -> None:
    validate_client_event({"type": "response.create"}, "ga")
    validate_server_event({"type": "input_audio_buffer.cleared", "event_id": "e"}, "beta")
