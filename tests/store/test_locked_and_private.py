"""A history database locked by another process, and files private to the user.

The lock is real: a second SQLite connection (as another process would) holding a write
transaction on the same file. Nothing here measures time: a busy timeout of 0 makes a write
that meets the lock fail at once, which is what the app's short timeout does after 50 ms.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.cli.runtime import event_log_file
from assistant.store import ConversationRecorder, HistoryStore, export_event_log
from assistant.store.audiofiles import read_flac, write_flac
from assistant.store.recorder import NOT_SAVING
from tests.realtime import wire
from tests.store import turns
from tests.store.test_recorder import on_disk


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[tuple[Path, sqlite3.Connection]]:
    """A database file, and another connection that will hold its write lock."""
    path = tmp_path / "history.sqlite3"
    HistoryStore.open(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    yield path, other
    other.close()


def conversation() -> list[str]:
    return [
        *turns.text_reply("resp_1", "item_a1", None, "first answer"),
        *turns.text_reply("resp_2", "item_a2", "item_a1", "second answer"),
    ]


def test_writes_that_meet_a_lock_wait_in_order_and_nothing_is_lost(
    locked: tuple[Path, sqlite3.Connection],
) -> None:
    path, other = locked
    store = HistoryStore.open(path, busy_timeout_ms=0)
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    session = turns.new_session()
    failures: list[str] = []
    recorder = ConversationRecorder(store, session, on_failure=failures.append)
    turns.feed(session, recorder.on_event, wire.session_created())
    other.execute("BEGIN IMMEDIATE")  # another process writes and holds the lock
    turns.feed(session, recorder.on_event, *conversation())  # never raises
    assert recorder.pending > 0
    assert len(failures) == 1 and "could not be saved yet" in failures[0]  # told once
    tries = [s for s in statements if s == "BEGIN IMMEDIATE"]
    assert len(tries) == 1  # queued writes wait for flush(): no lock wait per event
    assert [i.text for i in session.conversation.items()] == ["first answer", "second answer"]
    assert recorder.flush() is False  # still locked: still queued
    other.execute("COMMIT")
    assert recorder.flush() is True and recorder.pending == 0
    assert on_disk(path) == [
        ("item_a1", "assistant", "first answer"),
        ("item_a2", "assistant", "second answer"),
    ]
    [summary] = store.list_conversations()
    assert summary.total_tokens > 0  # the usage of both replies arrived too
    store.close()


def test_the_queue_is_bounded_and_what_overflows_is_reported_once_then_saved_again(
    locked: tuple[Path, sqlite3.Connection],
) -> None:
    path, other = locked
    store = HistoryStore.open(path, busy_timeout_ms=0)
    session = turns.new_session()
    failures: list[str] = []
    recorder = ConversationRecorder(store, session, on_failure=failures.append)
    recorder.max_pending = 4
    turns.feed(session, recorder.on_event, wire.session_created())
    turns.feed(session, recorder.on_event, *turns.text_reply("r1", "item_a1", None, "one"))
    other.execute("BEGIN IMMEDIATE")
    for n in range(2, 7):  # five more turns while another process holds the lock
        reply = turns.text_reply(f"r{n}", f"item_a{n}", f"item_a{n - 1}", f"turn {n}")
        turns.feed(session, recorder.on_event, *reply)
    assert recorder.pending == 4 and recorder.dropped > 0  # the queue stopped growing
    assert [f.split(":")[0] for f in failures] == [
        "The conversation history could not be saved yet",
        NOT_SAVING,
    ]
    assert len(session.conversation.items()) == 6  # the conversation itself goes on
    other.execute("COMMIT")
    assert recorder.flush() is True
    stored = [text for _, _, text in on_disk(path)]
    assert stored == ["one", "turn 2", "turn 3", "turn 4", "turn 5", "turn 6"]  # gap filled
    turns.feed(session, recorder.on_event, *turns.text_reply("r7", "item_a7", "item_a6", "back"))
    stored = [text for _, _, text in on_disk(path)]
    assert stored == ["one", "turn 2", "turn 3", "turn 4", "turn 5", "turn 6", "back"]
    assert len(failures) == 2
    assert recorder.pending == 0
    store.close()


def test_queued_writes_for_a_deleted_conversation_are_dropped(
    locked: tuple[Path, sqlite3.Connection],
) -> None:
    path, other = locked
    store = HistoryStore.open(path, busy_timeout_ms=0)
    session = turns.new_session()
    recorder = ConversationRecorder(store, session)
    turns.feed(session, recorder.on_event, wire.session_created())
    turns.feed(session, recorder.on_event, *turns.text_reply("r1", "item_a1", None, "one"))
    other.execute("BEGIN IMMEDIATE")
    turns.feed(session, recorder.on_event, *turns.text_reply("r2", "item_a2", "item_a1", "two"))
    other.execute("COMMIT")
    assert store.delete(recorder.conversation_id or "")
    assert recorder.flush() is True and on_disk(path) == []
    store.close()


def test_the_busy_timeout_is_the_one_asked_for(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.sqlite3", busy_timeout_ms=50) as store:
        assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] == 50
        store.set_busy_timeout(5000)
        assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("umask_022")
def test_the_database_event_logs_and_audio_are_private(tmp_path: Path) -> None:
    data = tmp_path / "share" / "realtime-assistant"
    with HistoryStore.open(data / "history.sqlite3") as store:
        cid = store.create_conversation()
        flac = write_flac(store.audio_dir(cid) / "item_1", b"\0\1" * 2400)
        wal = data / "history.sqlite3-wal"
        assert mode(data) == 0o700 and mode(data.parent) == 0o700
        assert mode(data / "history.sqlite3") == 0o600
        assert wal.exists() and mode(wal) == 0o600
        assert mode(flac) == 0o600 and read_flac(flac) == b"\0\1" * 2400
        assert mode(flac.parent) == 0o700 and mode(flac.parent.parent) == 0o700


@pytest.mark.usefixtures("umask_022")
def test_what_an_earlier_version_created_is_made_private_on_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    logs, audio = data / "event-logs", data / "audio" / "c1"
    logs.mkdir(parents=True)
    audio.mkdir(parents=True)
    for folder in (data, logs, audio.parent, audio):
        folder.chmod(0o755)
    (logs / "c1.jsonl").write_text("{}\n")
    (audio / "item.flac").write_bytes(b"fLaC")
    database = data / "history.sqlite3"
    HistoryStore.open(database).close()
    database.chmod(0o644)
    HistoryStore.open(database).close()
    assert {mode(p) for p in (data, logs, audio.parent, audio)} == {0o700}
    assert {mode(p) for p in (database, logs / "c1.jsonl", audio / "item.flac")} == {0o600}


@pytest.mark.usefixtures("umask_022")
def test_folders_are_walked_once_not_on_every_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    (data / "audio" / "c1").mkdir(parents=True)  # as an earlier version left it: 0755
    (data / "audio" / "c1" / "item.flac").write_bytes(b"fLaC")
    walked: list[str] = []
    walk = os.walk
    monkeypatch.setattr(
        os, "walk", lambda top, **kw: walked.append(Path(top).name) or walk(top, **kw)
    )
    HistoryStore.open(data / "history.sqlite3").close()
    assert walked == ["audio"] and mode(data / "audio" / "c1" / "item.flac") == 0o600
    with HistoryStore.open(data / "history.sqlite3") as store:  # private now: not walked again
        store.create_conversation(conversation_id="c2")
        write_flac(store.audio_dir("c2") / "item_1", b"\0\1" * 2400)  # created private
    HistoryStore.open(data / "history.sqlite3").close()
    assert walked == ["audio"]
    assert mode(data / "audio" / "c2") == 0o700


@pytest.mark.usefixtures("umask_022")
def test_event_logs_written_outside_the_history_are_created_private(tmp_path: Path) -> None:
    chosen = tmp_path / "session.jsonl"  # chat/voice --event-log FILE
    with event_log_file(str(chosen)) as log:
        assert log is not None
        log.write('{"t": 0, "dir": "server", "event": {"type": "session.created"}}\n')
    exported = tmp_path / "export.jsonl"  # history export ID --format log
    assert export_event_log(chosen, exported) == 1
    assert mode(chosen) == 0o600 and mode(exported) == 0o600
