"""Turn audio as FLAC files next to the history: per item, cut at the server's offsets,
deleted with the conversation, and a failed write reported instead of raised."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.realtime import (
    AudioDelta,
    InputCommitted,
    ItemCompleted,
    ItemStatus,
    Message,
    Role,
    SessionCreated,
    SpeechStarted,
    SpeechStopped,
)
from assistant.store import HistoryStore
from assistant.store.audiofiles import read_flac
from assistant.store.turn_audio import BYTES_PER_MS, TurnAudio


def tone(ms: int, value: int) -> bytes:
    return np.full(ms * BYTES_PER_MS // 2, value, dtype="<i2").tobytes()


def keeper(store: HistoryStore, cid: str, failures: list[str]) -> TurnAudio:
    return TurnAudio(store, lambda: cid, failures.append)


def test_reply_audio_is_written_when_its_item_completes(store: HistoryStore) -> None:
    cid, failures = store.create_conversation(), []
    audio = keeper(store, cid, failures)
    for part in (tone(100, 1000), tone(150, -2000)):
        audio.on_event(AudioDelta("item_a", "resp_1", part))
    assert not store.audio_dir(cid).exists()  # nothing before the item is finished
    reply = Message("item_a", Role.ASSISTANT, ItemStatus.COMPLETED, "hi")
    audio.on_event(ItemCompleted(reply))
    assert read_flac(store.audio_dir(cid) / "item_a.flac") == tone(100, 1000) + tone(150, -2000)
    assert failures == []


def test_a_user_turn_is_cut_where_the_server_heard_speech(store: HistoryStore) -> None:
    cid, failures = store.create_conversation(), []
    audio = keeper(store, cid, failures)
    audio.on_event(SessionCreated("sess_1", "gpt-realtime", None))
    for ms, value in ((400, 0), (800, 3000), (600, 0)):  # silence, speech, silence
        audio.microphone(tone(ms, value))
    audio.on_event(SpeechStarted("item_u1", 300))
    audio.on_event(SpeechStopped("item_u1", 1500))
    audio.on_event(InputCommitted("item_u1"))
    audio.microphone(tone(200, 7))  # the next turn starts where this one ended
    audio.on_event(SpeechStarted("item_u2", 1600))
    audio.on_event(InputCommitted("item_u2"))
    first = read_flac(store.audio_dir(cid) / "item_u1.flac")
    assert first == tone(100, 0) + tone(800, 3000) + tone(300, 0)  # 300 ms to 1,500 ms
    second = read_flac(store.audio_dir(cid) / "item_u2.flac")
    assert second == tone(200, 0) + tone(200, 7)  # from 1,600 ms to what was sent
    assert failures == []


def test_deleting_the_conversation_deletes_its_audio(store: HistoryStore) -> None:
    cid = store.create_conversation()
    audio = keeper(store, cid, [])
    audio.microphone(tone(300, 5))
    audio.on_event(InputCommitted("item_u1"))
    assert (store.audio_dir(cid) / "item_u1.flac").exists()
    assert store.delete(cid)
    assert not store.audio_dir(cid).exists()


def test_a_failed_write_is_reported_and_the_next_turn_is_tried(
    store: HistoryStore, data_dir: Path
) -> None:
    cid, failures = store.create_conversation(), []
    audio = keeper(store, cid, failures)
    blocker = store.audio_dir(cid).parent
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("not a directory")
    audio.microphone(tone(300, 5))
    audio.on_event(InputCommitted("item_u1"))
    assert len(failures) == 1
    assert failures[0].startswith("The audio of a turn could not be saved:")
    blocker.unlink()
    audio.microphone(tone(300, 6))
    audio.on_event(InputCommitted("item_u2"))
    assert read_flac(store.audio_dir(cid) / "item_u2.flac") == tone(300, 6)
