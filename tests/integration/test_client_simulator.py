"""The client against the simulator over real sockets, in both wire dialects."""

from __future__ import annotations

import array
import asyncio
import math

import pytest

from assistant.realtime import (
    AudioDelta,
    ErrorSeverity,
    InputCommitted,
    Interrupted,
    ItemKind,
    ItemStatus,
    ItemTruncated,
    MalformedMessage,
    ResponseFinished,
    ServerError,
    ServerVad,
    SessionConfig,
    SessionCreated,
    SpeechStarted,
    SpeechStopped,
    TextDelta,
    ToolCallReady,
    UnknownEvent,
)
from assistant.simulator import Fault
from assistant.transport import ClientOptions, ConnectionFailed, FailureKind, custom
from tests.integration.harness import FAST, check_client_events, connected, endpoint_for, simulator

DIALECTS = ["ga", "beta"]
TOOL = {
    "type": "function",
    "name": "get_time",
    "description": "The current time in a time zone",
    "parameters": {
        "type": "object",
        "properties": {"timezone": {"type": "string"}},
        "required": ["timezone"],
    },
}


def speech(seconds: float, level: float = 0.3) -> bytes:
    """A voiced, speech-like test signal: 180 Hz with harmonics, PCM16 24 kHz."""
    n = int(24000 * seconds)
    samples = array.array(
        "h",
        (
            int(
                32767
                * level
                * sum(math.sin(2 * math.pi * 180 * k * i / 24000) / k for k in (1, 2, 3))
                / 1.8
            )
            for i in range(n)
        ),
    )
    return samples.tobytes()


def silence(seconds: float) -> bytes:
    return bytes(int(48000 * seconds))


@pytest.mark.parametrize("dialect", DIALECTS)
async def test_text_turn(dialect: str) -> None:
    async with simulator() as sim, connected(endpoint_for(sim, dialect)) as chat:
        user_id = chat.send_text("hello there")
        await chat.wait_count(ResponseFinished, 1)
        reply = "".join(e.delta for e in chat.of_type(TextDelta))
        assert "hello there" in reply
        items = chat.session.conversation.items()
        assert (items[0].id, items[0].role) == (user_id, "user")
        assert items[-1].role == "assistant" and items[-1].status is ItemStatus.COMPLETED
        finished = chat.of_type(ResponseFinished)[0]
        assert finished.usage.total_tokens > 0 and finished.cost is not None
        sent = check_client_events(sim.received, dialect)
        assert sent[:3] == ["session.update", "conversation.item.create", "response.create"]


@pytest.mark.parametrize("dialect", DIALECTS)
async def test_vad_audio_turn_gets_a_spoken_reply(dialect: str) -> None:
    config = SessionConfig(turn_detection=ServerVad(silence_duration_ms=300))
    async with simulator() as sim, connected(endpoint_for(sim, dialect), config) as chat:
        await chat.wait_count(SessionCreated, 1)
        audio = silence(0.3) + speech(1.0) + silence(0.6)
        for start in range(0, len(audio), 960):  # 20 ms blocks, as the microphone delivers them
            chat.session.append_audio(audio[start : start + 960])
        chat.client.flush()
        await chat.wait_count(ResponseFinished, 1)
        assert chat.of_type(SpeechStarted) and chat.of_type(SpeechStopped)
        assert chat.of_type(InputCommitted)
        assert sum(len(e.pcm) for e in chat.of_type(AudioDelta)) > 24000  # over 0.5 s of voice
        roles = [i.role for i in chat.session.conversation.items()]
        assert roles == ["user", "assistant"]
        check_client_events(sim.received, dialect)


@pytest.mark.parametrize("dialect", DIALECTS)
async def test_function_call_round_trip(dialect: str) -> None:
    config = SessionConfig(output="text", turn_detection=None, tools=(TOOL,))
    async with simulator() as sim, connected(endpoint_for(sim, dialect), config) as chat:
        chat.send_text("please use get_time for Tokyo")
        await chat.wait_count(ToolCallReady, 1)
        call = chat.of_type(ToolCallReady)[0]
        assert call.name == "get_time" and "timezone" in call.arguments
        chat.session.submit_tool_output(call.call_id, '{"time": "09:30"}')
        chat.client.flush()
        await chat.wait_count(ResponseFinished, 2)
        kinds = [i.kind for i in chat.session.conversation.items()]
        assert kinds == [
            ItemKind.MESSAGE,
            ItemKind.FUNCTION_CALL,
            ItemKind.FUNCTION_CALL_OUTPUT,
            ItemKind.MESSAGE,
        ]
        assert "09:30" in chat.session.conversation.items()[-1].text
        check_client_events(sim.received, dialect)


@pytest.mark.parametrize("dialect", DIALECTS)
async def test_barge_in_truncates_at_the_played_position(dialect: str) -> None:
    config = SessionConfig(turn_detection=None)
    async with simulator(pace=1.0) as sim, connected(endpoint_for(sim, dialect), config) as chat:
        chat.send_text("tell me a long story about the sea and the mountains and the sky")
        await chat.wait_for(lambda: sum(len(e.pcm) for e in chat.of_type(AudioDelta)) >= 9600)
        interrupted = chat.session.interrupt(played_ms=150)
        chat.client.flush()
        assert interrupted is not None and interrupted.heard_ms == 150
        await chat.wait_count(ItemTruncated, 1)
        await chat.wait_count(ResponseFinished, 1)
        assert chat.of_type(Interrupted) == [interrupted]
        errors = [e for e in chat.of_type(ServerError) if e.severity is not ErrorSeverity.BENIGN]
        assert errors == []
        item = chat.session.conversation.get(interrupted.item_id)
        assert item is not None and item.interrupted and item.heard_ms == 150
        truncates = [e for e in sim.received if e["type"] == "conversation.item.truncate"]
        assert truncates[0]["audio_end_ms"] == 150
        check_client_events(sim.received, dialect)


@pytest.mark.parametrize("dialect", DIALECTS)
async def test_dropped_connection_reconnects_with_the_conversation_intact(dialect: str) -> None:
    async with simulator() as sim, connected(endpoint_for(sim, dialect)) as chat:
        first = chat.send_text("first question")
        await chat.wait_count(ResponseFinished, 1)
        sim.inject(Fault.drop_after(4))  # mid-way through the next reply
        second = chat.send_text("second question")
        await chat.wait_count(SessionCreated, 2)
        await chat.wait_for(lambda: _answered(chat, second))
        assert sim.connections == 2
        replayed = [
            e["item"]["id"]
            for e in sim.received_by_connection[1]
            if e["type"] == "conversation.item.create"
        ]
        assert replayed[:2] == [first, chat.session.conversation.items()[1].id]
        assert second in replayed
        check_client_events(sim.received, dialect)


def _answered(chat: object, user_id: str) -> bool:
    items = chat.session.conversation.items()  # type: ignore[attr-defined]
    ids = [i.id for i in items]
    if user_id not in ids:
        return False
    after = items[ids.index(user_id) + 1 :]
    return any(i.role == "assistant" and i.status is ItemStatus.COMPLETED for i in after)


@pytest.mark.parametrize("dialect", DIALECTS)
async def test_session_expiry_rolls_over_and_the_conversation_goes_on(dialect: str) -> None:
    no_early_rollover = ClientOptions(backoff=FAST.backoff, rollover_margin=None)
    async with (
        simulator(max_session_seconds=1.5) as sim,
        connected(endpoint_for(sim, dialect), options=no_early_rollover) as chat,
    ):
        chat.send_text("before the cap")
        await chat.wait_count(ResponseFinished, 1)
        await chat.wait_count(SessionCreated, 2, timeout=10)
        expired = [e for e in chat.of_type(ServerError) if e.severity is ErrorSeverity.EXPIRED]
        assert expired
        later = chat.send_text("after the cap")
        await chat.wait_for(lambda: _answered(chat, later))
        first_texts = [
            e["item"]["content"][0]["text"]
            for e in sim.received_by_connection[1]
            if e["type"] == "conversation.item.create"
        ]
        assert first_texts[0] == "before the cap"


async def test_proactive_rollover_between_turns_before_the_cap() -> None:
    options = ClientOptions(backoff=FAST.backoff, rollover_margin=9.0, rollover_check=0.1)
    async with (
        simulator(max_session_seconds=10) as sim,
        connected(endpoint_for(sim, "ga"), options=options) as chat,
    ):
        chat.send_text("hi")
        await chat.wait_count(SessionCreated, 2, timeout=10)
        assert not [e for e in chat.of_type(ServerError) if e.severity is ErrorSeverity.EXPIRED]
        assert sim.connections >= 2


@pytest.mark.parametrize("dialect", DIALECTS)
async def test_wrong_key_is_a_handshake_401_and_no_retry(dialect: str) -> None:
    async with simulator(api_key="sk-test-right") as sim:
        endpoint = endpoint_for(sim, dialect, key="sk-test-wrong")
        async with connected(endpoint) as chat:
            with pytest.raises(ConnectionFailed) as failed:
                await chat.task  # type: ignore[misc]
        assert failed.value.kind is FailureKind.AUTH
        assert "sk-test" not in failed.value.message
        assert sim.connections == 0


async def test_right_key_connects() -> None:
    async with (
        simulator(api_key="sk-test-right") as sim,
        connected(endpoint_for(sim, "ga", key="sk-test-right")) as chat,
    ):
        await chat.wait_count(SessionCreated, 1)


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (Fault.malformed_after(1), MalformedMessage),
        (Fault.unknown_event_after(1), UnknownEvent),
        (Fault.error_event(after=1), ServerError),
    ],
)
async def test_faults_become_events_and_the_turn_still_completes(
    dialect: str, fault: Fault, expected: type
) -> None:
    async with simulator() as sim, connected(endpoint_for(sim, dialect)) as chat:
        await chat.wait_count(SessionCreated, 1)
        sim.inject(fault)
        chat.send_text("hello")
        await chat.wait_count(expected, 1)
        await chat.wait_count(ResponseFinished, 1)


async def test_stalled_server_then_the_turn_completes() -> None:
    async with simulator() as sim, connected(endpoint_for(sim, "ga")) as chat:
        await chat.wait_count(SessionCreated, 1)
        sim.inject(Fault.stall_after(1, seconds=0.5))
        chat.send_text("hello")
        await chat.wait_count(ResponseFinished, 1)


async def test_the_credential_is_asked_for_again_on_every_connect() -> None:
    calls: list[int] = []

    def token() -> str:
        calls.append(1)
        return "sk-test-token"

    async with simulator(api_key="sk-test-token") as sim:
        endpoint = custom(sim.url, token, model="gpt-realtime")
        async with connected(endpoint) as chat:
            await chat.wait_count(SessionCreated, 1)
            sim.inject(Fault.drop_after(0))
            await chat.wait_count(SessionCreated, 2)
    assert len(calls) == 2


async def test_close_before_the_connection_opens_ends_run() -> None:
    async with simulator() as sim:
        chat = connected(endpoint_for(sim, "ga"))
        async with chat as conversation:
            await conversation.client.close()  # at once, while still connecting
            await asyncio.wait_for(conversation.task, 10)  # type: ignore[arg-type]
