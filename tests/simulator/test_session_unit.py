"""The sans-I/O `Session`: events in, events out, no sockets; every event checked by the oracle."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.simulator import ServerSession as Session
from tests.oracle import validate_server_event
from tests.simulator.audio import silence, turn

Event = dict


class Driver:
    """Feeds a session and drains its response steps, validating every server event."""

    def __init__(self, dialect: str = "ga", **kwargs: object) -> None:
        self.session = Session(dialect=dialect, now=1_000_000.0, **kwargs)  # type: ignore[arg-type]
        self.dialect = dialect
        self.events = self._checked(self.session.opening_events())

    def _checked(self, events: list[Event]) -> list[Event]:
        for event in events:
            validate_server_event(event, self.dialect)  # type: ignore[arg-type]
        return events

    def send(self, event: Event, *, drain: bool = True) -> list[Event]:
        out = self._checked(self.session.receive(event))
        return out + self.drain() if drain else out

    def drain(self, steps: int | None = None) -> list[Event]:
        out: list[Event] = []
        while steps is None or steps > 0:
            step = self.session.pump()
            if step is None:
                break
            out += self._checked(step.events)
            steps = None if steps is None else steps - 1
        return out

    def say(self, text: str) -> list[Event]:
        content = [{"type": "input_text", "text": text}]
        item = {"type": "message", "role": "user", "content": content}
        return self.send({"type": "conversation.item.create", "item": item})


def _audio(pcm: bytes) -> Event:
    return {"type": "input_audio_buffer.append", "audio": base64.b64encode(pcm).decode()}


def _kinds(events: list[Event]) -> list[str]:
    return [e["type"] for e in events]


def test_expires_at_uses_the_given_clock() -> None:
    driver = Driver(max_session_seconds=120)
    assert driver.events[0]["session"]["expires_at"] == 1_000_120
    events, reason = driver.session.expiry_events()
    assert reason == "Your session hit the maximum duration of 2 minutes."
    assert events[0]["error"]["code"] == "session_expired"


def test_nothing_streams_without_a_response() -> None:
    assert Driver().session.pump() is None


def test_steps_carry_the_audio_time_for_pacing() -> None:
    driver = Driver()
    driver.say("hello")
    driver.send({"type": "response.create"}, drain=False)
    seconds = []
    while (step := driver.session.pump()) is not None:
        seconds.append(step.seconds)
    assert sum(seconds) == pytest.approx(
        len("Hello! This is the offline demo; you said: hello.") / 14, rel=0.1
    )
    assert max(seconds) == pytest.approx(0.1)


def test_cancelled_response_counts_only_what_was_sent() -> None:
    driver = Driver()
    driver.say("hello")
    driver.send({"type": "response.create"}, drain=False)
    sent = driver.drain(steps=6)  # created, item, part, 3 audio chunks
    assert _kinds(sent).count("response.output_audio.delta") == 3
    done = driver.send({"type": "response.cancel"})[-1]["response"]
    assert done["usage"]["output_token_details"]["audio_tokens"] == 6  # 300 ms at 20/s
    item = done["output"][0]
    assert item["status"] == "incomplete"
    error = driver.send(
        {
            "type": "conversation.item.truncate",
            "item_id": item["id"],
            "content_index": 0,
            "audio_end_ms": 301,
        }
    )[0]
    assert error["error"]["message"] == "Audio content of 300ms is already shorter than 301ms"


def test_truncating_busts_the_cache() -> None:
    driver = Driver()
    for text in ("hello", "a second question that is a bit longer", "third"):
        driver.say(text)
        done = driver.send({"type": "response.create"})[-1]["response"]
    assert done["usage"]["input_token_details"]["cached_tokens"] > 0
    first_reply = next(
        e for e in driver.session.conversation.entries if e.item.get("role") == "assistant"
    )
    driver.send(
        {
            "type": "conversation.item.truncate",
            "item_id": first_reply.id,
            "content_index": 0,
            "audio_end_ms": 100,
        }
    )
    driver.say("fourth")
    done = driver.send({"type": "response.create"})[-1]["response"]
    cached = done["usage"]["input_token_details"]
    assert cached["cached_tokens"] < done["usage"]["input_tokens"] // 2


def test_max_output_tokens_makes_the_response_incomplete() -> None:
    driver = Driver()
    driver.say("tell me a long story about the offline demo please")
    events = driver.send({"type": "response.create", "response": {"max_output_tokens": 40}})
    done = events[-1]["response"]
    assert done["status"] == "incomplete"
    assert done["status_details"] == {"type": "incomplete", "reason": "max_output_tokens"}
    assert done["usage"]["output_tokens"] <= 40


def test_out_of_band_response_does_not_touch_the_conversation() -> None:
    driver = Driver()
    driver.say("hello")
    params = {
        "conversation": "none",
        "output_modalities": ["text"],
        "metadata": {"topic": "x"},
        "input": [{"type": "item_reference", "id": driver.session.conversation.entries[0].id}],
    }
    events = driver.send({"type": "response.create", "response": params})
    assert not any(kind.startswith("conversation.") for kind in _kinds(events))
    done = events[-1]["response"]
    assert done["conversation_id"] is None
    assert done["metadata"] == {"topic": "x"}
    assert len(driver.session.conversation.entries) == 1


def test_unknown_response_parameter() -> None:
    error = Driver().send({"type": "response.create", "response": {"temperature": 1}})[0]
    assert error["error"]["message"] == "Unknown parameter: 'response.temperature'."


def test_user_audio_item_retrieve_returns_its_audio() -> None:
    driver = Driver()
    driver.send(
        {
            "type": "session.update",
            "session": {
                "type": "realtime",
                "audio": {
                    "input": {"turn_detection": {"type": "server_vad", "create_response": False}}
                },
            },
        }
    )
    events = driver.send(_audio(turn(speech_ms=600, before_ms=400, after_ms=700)))
    assert "response.created" not in _kinds(events)
    item_id = events[0]["item_id"]
    item = driver.send({"type": "conversation.item.retrieve", "item_id": item_id})[0]["item"]
    pcm = base64.b64decode(item["content"][0]["audio"])
    assert len(pcm) // 48 == (400 + 600 + 500) - (400 - 300)  # prefix padding .. silence end


def test_vad_buffer_is_cut_at_each_turn() -> None:
    driver = Driver()
    events = driver.send(_audio(turn(600, 300, 600) + turn(600, 300, 600)))
    starts = [e for e in events if e["type"] == "input_audio_buffer.speech_started"]
    assert len(starts) == 2
    assert starts[1]["audio_start_ms"] >= 1500
    assert _kinds(events).count("input_audio_buffer.committed") == 2


def test_transcription_of_silence_fails() -> None:
    driver = Driver()
    driver.send(
        {
            "type": "session.update",
            "session": {
                "type": "realtime",
                "audio": {
                    "input": {"turn_detection": None, "transcription": {"model": "whisper-1"}}
                },
            },
        }
    )
    driver.send(_audio(silence(300)))
    events = driver.send({"type": "input_audio_buffer.commit"})
    assert events[-1]["type"] == "conversation.item.input_audio_transcription.failed"


def test_beta_session_and_item_shapes() -> None:
    driver = Driver(dialect="beta")
    session = driver.events[0]["session"]
    assert session["voice"] == "marin"
    assert session["max_response_output_tokens"] == "inf"
    events = driver.send(
        {
            "type": "session.update",
            "session": {
                "input_audio_format": "g711_ulaw",
                "turn_detection": {"type": "semantic_vad"},
            },
        }
    )
    assert events[0]["session"]["input_audio_format"] == "g711_ulaw"
    bad = driver.send({"type": "session.update", "session": {"output_audio_format": "mp3"}})
    assert bad[0]["error"]["message"] == (
        "Invalid value: 'mp3'. Supported values are: 'pcm16', 'g711_ulaw', and 'g711_alaw'."
    )


VOICES = st.sampled_from(["alloy", "ash", "marin", "cedar", "verse"])
DETECTION = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {"type": st.just("server_vad")},
        optional={
            "threshold": st.floats(min_value=0, max_value=1),
            "silence_duration_ms": st.integers(min_value=0, max_value=5000),
            "create_response": st.booleans(),
        },
    ),
    st.fixed_dictionaries(
        {"type": st.just("semantic_vad")},
        optional={"eagerness": st.sampled_from(["low", "medium", "high", "auto"])},
    ),
)


@settings(max_examples=30, deadline=None)
@given(
    dialect=st.sampled_from(["ga", "beta"]),
    voice=VOICES,
    detection=DETECTION,
    text_only=st.booleans(),
    fmt=st.sampled_from(["audio/pcm", "audio/pcmu", "audio/pcma"]),
)
def test_any_valid_update_gives_a_valid_session_in_both_dialects(
    dialect: str, voice: str, detection: dict | None, text_only: bool, fmt: str
) -> None:
    driver = Driver(dialect=dialect)
    audio = {
        "input": {"turn_detection": detection, "format": {"type": fmt}},
        "output": {"voice": voice},
    }
    session = {
        "type": "realtime",
        "output_modalities": ["text" if text_only else "audio"],
        "audio": audio,
    }
    if dialect == "beta":
        session = {
            "modalities": ["text"] if text_only else ["audio", "text"],
            "voice": voice,
            "turn_detection": detection,
            "input_audio_format": {
                "audio/pcm": "pcm16",
                "audio/pcmu": "g711_ulaw",
                "audio/pcma": "g711_alaw",
            }[fmt],
        }
    updated = driver.send({"type": "session.update", "session": session})
    assert [e["type"] for e in updated] == ["session.updated"]
    config = driver.session.config
    assert config["audio"]["output"]["voice"] == voice
    assert config["audio"]["input"]["format"]["type"] == fmt
    assert config["output_modalities"] == (["text"] if text_only else ["audio"])


@pytest.mark.parametrize(
    ("event", "code"),
    [
        ({"event_id": "e"}, "missing_required_parameter"),
        ({"type": ["session.update"]}, "invalid_type"),
        ({"type": "transcription_session.update", "session": {}}, "invalid_value"),
        ({"type": "input_audio_buffer.append", "audio": "not base64!"}, "invalid_value"),
        ({"type": "conversation.item.create", "item": {"type": "mcp_call"}}, "invalid_value"),
        ({"type": "conversation.item.retrieve", "item_id": "nope"}, "item_not_found"),
        (
            {"type": "response.create", "response": {"output_modalities": ["audio", "text"]}},
            "invalid_value",
        ),
        ({"type": "output_audio_buffer.clear"}, "invalid_value"),
    ],
)
def test_client_mistakes_become_error_events(event: Event, code: str) -> None:
    events = Driver().send(event)
    assert [e["type"] for e in events] == ["error"]
    assert events[0]["error"]["code"] == code
