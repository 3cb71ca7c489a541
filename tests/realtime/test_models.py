"""The one list of models: defaults, prices, retirement sentences, what each model takes, and
how the core reads phases and diarized segments (including hostile ones)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from assistant.realtime import (
    DEFAULT_MODEL,
    MODELS,
    PRICES,
    Dialect,
    Lifecycle,
    Session,
    SessionConfig,
    Truncation,
    UserTranscriptSegment,
    model_notice,
    model_status,
    price_for,
)
from assistant.realtime.models import available, find, takes_reasoning, takes_truncation
from assistant.simulator.models import reasons as simulator_reasons
from assistant.simulator.options import DEFAULT_MODEL as SIMULATOR_DEFAULT
from tests.oracle import validate_client_event, validate_server_event

BEFORE, AFTER = "2026-12-06", "2027-02-01"


def test_the_default_is_the_current_ga_model_everywhere() -> None:
    assert DEFAULT_MODEL == "gpt-realtime-2.1" == SIMULATOR_DEFAULT
    assert model_status(DEFAULT_MODEL, AFTER).lifecycle is Lifecycle.CURRENT


def test_every_model_has_a_source_and_its_price_comes_from_the_list() -> None:
    for model in MODELS:
        assert model.source.startswith("https://"), model.name
        assert not model.retires or model.retirement_source.startswith("https://"), model.name
        assert PRICES[model.name].source == model.source
    assert set(PRICES) == {model.name for model in MODELS}
    price = price_for("gpt-realtime-2.1")
    assert price is not None
    assert (price.text_in, price.text_cached, price.text_out) == (4.0, 0.4, 24.0)
    assert (price.audio_in, price.audio_cached, price.audio_out) == (32.0, 0.4, 64.0)
    assert (price.image_in, price.image_cached) == (5.0, 0.5)
    mini = price_for("gpt-realtime-2.1-mini")
    assert mini is not None and (mini.audio_in, mini.audio_out, mini.image_in) == (10, 20, 0.8)


def test_a_dated_snapshot_is_its_model() -> None:
    assert find("gpt-realtime-2025-08-28") is find("gpt-realtime")
    assert find("GPT-Realtime-Mini-2025-12-15") is find("gpt-realtime-mini")
    assert find("no-such-model") is None and find(None) is None


@pytest.mark.parametrize(
    ("name", "today", "sentence"),
    [
        (
            "gpt-realtime",
            BEFORE,
            "gpt-realtime retires on 2027-01-20; gpt-realtime-2.1 replaces it.",
        ),
        (
            "gpt-realtime-mini",
            AFTER,
            "gpt-realtime-mini was retired on 2027-01-20; use gpt-realtime-2.1-mini instead.",
        ),
        (
            "gpt-4o-realtime-preview-2024-12-17",
            BEFORE,
            "gpt-4o-realtime-preview-2024-12-17 was retired on 2026-05-07; use "
            "gpt-realtime-2.1 instead.",
        ),
        (
            "my-model",
            BEFORE,
            "my-model is not a Realtime model this version knows; it is sent as it is "
            "(the current model is gpt-realtime-2.1).",
        ),
        ("gpt-realtime-2.1", AFTER, ""),
        ("gpt-realtime-3", AFTER, ""),  # newer than this list, of the reasoning family
    ],
)
def test_one_sentence_with_the_replacement(name: str, today: str, sentence: str) -> None:
    assert model_notice(name, today) == sentence


def test_the_settings_list_leaves_out_retired_models() -> None:
    before, after = available(BEFORE), available(AFTER)
    assert before[0] == DEFAULT_MODEL and "gpt-realtime" in before
    assert "gpt-realtime" not in after and "gpt-realtime-mini" not in after
    assert not any("preview" in name for name in before)
    assert not any("transcribe" in name or "whisper" in name for name in before)


@pytest.mark.parametrize(
    ("model", "reasoning"),
    [
        ("gpt-realtime-2", True),
        ("gpt-realtime-2.1", True),
        ("gpt-realtime-2.1-mini", True),
        ("gpt-realtime-2.2", True),
        ("gpt-realtime-1.5", False),
        ("gpt-realtime", False),
        ("gpt-realtime-mini", False),
        ("my-deployment", False),
        (None, False),
    ],
)
def test_which_models_reason_client_and_simulator_agree(model: str | None, reasoning: bool) -> None:
    assert takes_reasoning(model) is reasoning
    assert simulator_reasons(model or "") is reasoning


OPTIONS = SessionConfig(reasoning_effort="medium", truncation=Truncation(0.7))


def test_the_options_go_only_to_models_that_take_them() -> None:
    ga = OPTIONS.to_wire(Dialect.GA, "gpt-realtime-2.1")
    assert ga["reasoning"] == {"effort": "medium"}
    assert ga["truncation"] == {"type": "retention_ratio", "retention_ratio": 0.7}
    older = OPTIONS.to_wire(Dialect.GA, "gpt-realtime")
    assert "reasoning" not in older and older["truncation"]["retention_ratio"] == 0.7
    preview = OPTIONS.to_wire(Dialect.GA, "gpt-4o-realtime-preview")
    assert "reasoning" not in preview and "truncation" not in preview
    beta = OPTIONS.to_wire(Dialect.BETA, "gpt-realtime-2.1")
    assert "reasoning" not in beta and "truncation" not in beta
    for wire in (ga, older, preview, beta, SessionConfig().to_wire(Dialect.GA, DEFAULT_MODEL)):
        assert "prompt" not in wire
    event = {"type": "session.update", "session": ga}
    validate_client_event(event, "ga")


def test_truncation_values_are_checked() -> None:
    with pytest.raises(ValueError, match="retention_ratio"):
        Truncation(1.5)
    with pytest.raises(ValueError, match="retention_ratio"):
        Truncation(float("nan"))
    with pytest.raises(ValueError, match="positive"):
        Truncation(0.5, 0)


def _session(model: str = "gpt-realtime-2.1") -> Session:
    session = Session(SessionConfig(output="text"), model=model)
    created = {
        "type": "session.created",
        "event_id": "event_1",
        "session": {"type": "realtime", "id": "sess_1", "model": model, "expires_at": 0},
    }
    session.receive_message(json.dumps(created))
    session.messages_to_send()
    return session


def _feed(session: Session, event: dict[str, Any], *, check: bool = True) -> None:
    if check:
        validate_server_event(event, "ga")
    session.receive_message(json.dumps(event))


def _added(item_id: str, role: str, **extra: Any) -> dict[str, Any]:
    content = [{"type": "input_audio", "transcript": None}] if role == "user" else []
    item = {"id": item_id, "type": "message", "role": role, "content": content, **extra}
    return {
        "type": "conversation.item.added",
        "event_id": "e",
        "previous_item_id": None,
        "item": item,
    }


def test_an_assistant_items_phase_is_kept_and_odd_ones_are_not() -> None:
    session = _session()
    _feed(session, _added("item_a", "assistant", phase="commentary", status="in_progress"))
    _feed(session, _added("item_b", "assistant", phase="thinking aloud", status="in_progress"))
    _feed(session, _added("item_c", "user", phase="commentary", status="completed"))
    phases = {item.id: item.phase for item in session.conversation.items()}
    assert phases == {"item_a": "commentary", "item_b": None, "item_c": None}


def _segment(**fields: Any) -> dict[str, Any]:
    event = {
        "type": "conversation.item.input_audio_transcription.segment",
        "event_id": "e",
        "item_id": "item_u",
        "content_index": 0,
        "id": "seg_1",
        "speaker": "A",
        "text": "hello there",
        "start": 0.0,
        "end": 1.2,
    }
    event.update(fields)
    return event


def test_segments_are_kept_per_speaker_in_time_order() -> None:
    session = _session()
    _feed(session, _added("item_u", "user", status="completed"))
    _feed(session, _segment(id="seg_2", speaker="B", text="hi", start=1.5, end=2.0))
    _feed(session, _segment())
    _feed(session, _segment())  # the same segment again changes nothing
    events = [e for e in session.events_received() if isinstance(e, UserTranscriptSegment)]
    assert [e.speaker for e in events] == ["B", "A", "A"]
    user = session.conversation.get("item_u")
    assert user is not None
    assert [(s.speaker, s.text) for s in user.segments] == [("A", "hello there"), ("B", "hi")]


@pytest.mark.parametrize(
    "odd",
    [
        {"speaker": ""},
        {"speaker": "x" * 65},
        {"speaker": 7},
        {"text": ""},
        {"text": None},
        {"start": -1.0},
        {"start": 2.0, "end": 1.0},
        {"end": 1e400},
        {"item_id": ""},
    ],
)
def test_an_odd_segment_is_dropped(odd: dict[str, Any]) -> None:
    session = _session()
    _feed(session, _added("item_u", "user", status="completed"))
    session.receive_message(json.dumps(_segment(**odd)).replace("Infinity", "1e400"))
    assert not [e for e in session.events_received() if isinstance(e, UserTranscriptSegment)]
    user = session.conversation.get("item_u")
    assert user is not None and user.segments == ()


def test_takes_truncation_except_the_previews() -> None:
    assert takes_truncation("gpt-realtime") and takes_truncation("unknown-model")
    assert not takes_truncation("gpt-4o-mini-realtime-preview")
