"""The simulator's memory stays flat over hours of voice (sans-I/O parts and the server)."""

from __future__ import annotations

from assistant.simulator import Simulator, SimulatorOptions
from assistant.simulator.conversation import (
    BYTES_PER_MS,
    KEPT_INPUT_AUDIO_MS,
    Entry,
    ServerConversation,
)
from assistant.simulator.turns import InputAudio, TurnEnded
from tests.simulator.audio import silence, speech_like
from tests.simulator.client import open_client

SERVER_VAD = {"type": "server_vad", "prefix_padding_ms": 300, "silence_duration_ms": 500}


def feed(audio: InputAudio, pcm: bytes, chunk_ms: int = 20) -> list[object]:
    size = chunk_ms * BYTES_PER_MS
    return [e for i in range(0, len(pcm), size) for e in audio.append(pcm[i : i + size])]


def turn_after(silence_ms: int) -> tuple[InputAudio, TurnEnded]:
    audio = InputAudio()
    audio.configure(SERVER_VAD)
    for _ in range(silence_ms // 60_000):
        feed(audio, silence(60_000))
    feed(audio, silence(silence_ms % 60_000))
    events = feed(audio, speech_like(800, dbfs=-30) + silence(700))
    ended = [e for e in events if isinstance(e, TurnEnded)]
    assert len(ended) == 1
    return audio, ended[0]


def test_silence_before_speech_is_not_kept_and_a_turn_still_gets_its_padding() -> None:
    audio = InputAudio()
    audio.configure(SERVER_VAD)
    for _ in range(10):  # ten minutes of silence
        feed(audio, silence(60_000))
    assert audio.buffered_ms <= 1000 + 300 + 100
    _, short = turn_after(1000)
    _, long = turn_after(600_000)
    assert long.audio == short.audio  # the same padding, speech and tail
    assert long.audio_end_ms - short.audio_end_ms == 599_000


def test_manual_turns_keep_the_whole_buffer() -> None:
    audio = InputAudio()
    feed(audio, silence(5000))
    assert audio.buffered_ms == 5000


def test_the_conversation_keeps_only_recent_user_audio_but_every_duration() -> None:
    conversation = ServerConversation()
    turn = b"\x01\x00" * (24 * 10_000)  # 10 s
    for n in range(60):
        item = {"id": f"item_{n}", "type": "message", "role": "user", "content": []}
        conversation.insert(Entry(item, audio=turn))
    kept = sum(len(e.audio) for e in conversation.entries)
    assert kept <= KEPT_INPUT_AUDIO_MS * BYTES_PER_MS
    assert conversation.entries[-1].audio == turn
    assert [e.input_audio_ms for e in conversation.entries] == [10_000] * 60


async def test_the_demo_settings_record_no_events() -> None:
    async with Simulator(SimulatorOptions(pace=0, record=False)) as sim:
        client = await open_client(sim.url)
        await client.expect("session.created")
        await client.send({"type": "input_audio_buffer.append", "audio": "AAAA"})
        await client.send({"type": "input_audio_buffer.clear"})
        await client.expect("input_audio_buffer.cleared")
        await client.ws.close()
    assert sim.received == [] and sim.received_by_connection == [[]]
