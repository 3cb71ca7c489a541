"""A process killed with SIGKILL mid-reply leaves a file that opens with every finished item."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from assistant.store import HistoryStore
from tests.realtime import wire
from tests.store import turns

RECORD_THEN_DIE = """
import json, os, signal, sys
from pathlib import Path
from assistant.realtime import Session, SessionConfig
from assistant.store import ConversationRecorder, HistoryStore

messages, kill_after = json.loads(Path(sys.argv[1]).read_text())
store = HistoryStore.open(Path(sys.argv[2]))
session = Session(SessionConfig())
recorder = ConversationRecorder(store, session)
for n, message in enumerate(messages):
    session.receive_message(message)
    for event in session.events_received():
        recorder.on_event(event)
    if n == kill_after:
        os.kill(os.getpid(), signal.SIGKILL)
"""


def test_sigkill_mid_reply_loses_only_the_reply_in_flight(tmp_path: Path) -> None:
    finished = [
        wire.session_created(),
        turns.user_audio("item_u1", None),
        *turns.spoken_reply("resp_1", "item_a1", "item_u1", ["Good", " morning"]),
        turns.transcript("item_u1", "good morning"),  # late: after the reply
        turns.user_audio("item_u2", "item_a1"),
        *turns.reply_start("resp_2", "item_a2", "item_u2"),
    ]
    streaming = turns.reply_words("resp_2", "item_a2", ["Once", " upon", " a", " time"])
    script = tmp_path / "messages.json"
    script.write_text(json.dumps([finished + streaming, len(finished) + 4]))
    db = tmp_path / "history.sqlite3"
    died = subprocess.run(  # noqa: S603  (this interpreter, our own script)
        [sys.executable, "-c", RECORD_THEN_DIE, str(script), str(db)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert died.returncode == -signal.SIGKILL, died.stderr
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    raw.close()
    with HistoryStore.open(db) as store:
        (summary,) = store.list_conversations()
        record = store.load(summary.id)
    assert [(s.item.id, s.item.text) for s in record.items] == [
        ("item_u1", "good morning"),
        ("item_a1", "Good morning"),
        ("item_u2", ""),
    ]
    assert [(t.kind, t.ref) for t in record.usage] == [
        ("response", "resp_1"),
        ("transcription", "item_u1"),
    ]
    assert summary.title == "good morning"
