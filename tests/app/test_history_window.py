"""The window records its conversations on a real SQLite file (a temporary RA_DATA_DIR),
against the simulator on 127.0.0.1: recording, the marker where the server session changed,
a history that cannot be opened, and Continue seeding a new session with the stored items."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.app.history import BUSY_MS, AppHistory
from assistant.realtime import ItemStatus, Message, Picture, Role
from assistant.settings.store import AppSettings
from assistant.simulator import Fault
from assistant.store import DATA_DIR_ENV, HistoryStore, database_path, is_omitted_note
from assistant.store.audiofiles import read_flac
from assistant.ui.chat_model import THUMBNAILS_ROLE
from assistant.ui.chat_rows import RowKind
from tests.pictures import png
from tests.store.fixtures import data_dir, store
from tests.ui.rig import Rig, silence, voiced, window_rig
from tests.ui.test_window_text import type_message

__all__ = ["data_dir", "store"]  # the fixtures

SETTINGS = AppSettings()


def answered(rig: Rig, count: int) -> bool:
    replies = rig.rows_of(RowKind.ASSISTANT)
    return len(replies) >= count and replies[count - 1].final


def test_a_conversation_in_the_window_is_recorded_with_provider_model_and_cost(
    qtbot: QtBot, qloop: Any, store: HistoryStore
) -> None:
    history = AppHistory.open(SETTINGS, "demo")
    with window_rig(qtbot, qloop, audio=False, history=history) as rig:
        assert rig.window.history_action.isEnabled()
        type_message(rig, "Please remember the word lighthouse.")
        rig.wait(lambda: answered(rig, 1))
        rig.wait(lambda: store.list_conversations() and store.list_conversations()[0].cost_usd)
        live = rig.app.core.session.conversation.items()
        cid = history.recorder.conversation_id if history.recorder else None
    (summary,) = store.list_conversations()
    assert summary.id == cid
    assert summary.title == "Please remember the word lighthouse."
    assert (summary.profile, summary.model) == ("demo", "gpt-realtime")
    assert summary.total_tokens > 0 and summary.cost_complete
    record = store.load(summary.id)
    assert [s.item for s in record.items] == live
    assert [u.kind for u in record.usage] == ["response"]
    log = store.event_log_path(summary.id).read_text(encoding="utf-8")
    assert '"session.created"' in log and "lighthouse" in log  # from the first event on


def test_a_dropped_connection_shows_a_marker_and_stays_one_conversation(
    qtbot: QtBot, qloop: Any, store: HistoryStore
) -> None:
    history = AppHistory.open(SETTINGS, "demo")
    with window_rig(qtbot, qloop, audio=False, history=history) as rig:
        type_message(rig, "first question")
        rig.wait(lambda: answered(rig, 1))
        rig.sim.inject(Fault.drop_after(3))
        type_message(rig, "second question")
        rig.wait(lambda: rig.app.core.session.server_sessions == 2)
        rig.wait(lambda: rig.rows_of(RowKind.MARKER))
        type_message(rig, "third question")
        rig.wait(lambda: [r.text for r in rig.rows_of(RowKind.USER)][-1] == "third question")
        rig.wait(lambda: rig.rows[-1].kind is RowKind.ASSISTANT and rig.rows[-1].final)
        (marker,) = rig.rows_of(RowKind.MARKER)
        assert marker.text == "new server session: the conversation continues"
        assert "new server session" in rig.window.chat_model.index(rig.rows.index(marker), 0).data(
            Qt.ItemDataRole.DisplayRole
        )
    (summary,) = store.list_conversations()
    record = store.load(summary.id)
    users = [s.item.text for s in record.items if s.item.role == "user"]
    assert users == ["first question", "second question", "third question"]
    assert [m.kind for m in record.markers] == ["new_session"]


def test_a_history_that_cannot_be_opened_is_one_notice_and_the_talk_goes_on(
    qtbot: QtBot, qloop: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv(DATA_DIR_ENV, str(blocker))
    history = AppHistory.open(SETTINGS, "demo")
    assert not history.kept
    with window_rig(qtbot, qloop, audio=False, history=history, connect=False) as rig:
        notice = rig.window.status.message.full_text
        assert notice.startswith("This conversation is not being saved: the history could not")
        assert not rig.window.history_action.isEnabled()
        rig.wait(lambda: rig.app.core.session.connected)
        type_message(rig, "hello anyway")
        rig.wait(lambda: answered(rig, 1))


def test_history_off_in_the_settings_records_nothing(
    qtbot: QtBot, qloop: Any, data_dir: Path
) -> None:
    history = AppHistory.open(AppSettings(keep_history=False), "demo")
    with window_rig(qtbot, qloop, audio=False, history=history) as rig:
        type_message(rig, "nothing to keep")
        rig.wait(lambda: answered(rig, 1))
        assert not rig.window.history_action.isEnabled()
    assert not database_path().exists()


def stored_long_conversation(store: HistoryStore, turns: int) -> str:
    cid = store.create_conversation(profile="demo", model="gpt-realtime")
    for n in range(turns):
        for k, role in enumerate(("user", "assistant")):
            text = f"Topic {n} is about thing {n}. " + "filler " * 400
            item = Message(f"item_{n}_{k}", Role(role), ItemStatus.COMPLETED, text)
            store.save_item(cid, item, (2 * n + k + 1) * 1024)
    return cid


def test_continue_seeds_a_new_session_with_a_summary_and_records_into_the_same_conversation(
    qtbot: QtBot, qloop: Any, store: HistoryStore
) -> None:
    cid = stored_long_conversation(store, 30)  # ~700 tokens a turn: past the 8,000 budget
    history = AppHistory.open(SETTINGS, "demo")
    with window_rig(qtbot, qloop, audio=False, history=history) as rig:
        rig.window.history_action.trigger()
        browser = history.browser
        assert browser is not None and browser.isVisible()
        assert browser.model.rows[0].id == cid
        browser.table.selectRow(0)
        browser.buttons["continue"].click()
        rig.wait(lambda: rig.sim.connections == 2 and rig.app.core.session.connected)
        session = rig.app.core.session
        seeded = session.conversation.items()
        note = seeded[0]
        assert is_omitted_note(note)
        assert note.text.startswith("Summary of the earlier part of this conversation")
        assert "- The user said: Topic 0 is about thing 0." in note.text

        def replayed() -> list[str]:
            received = rig.sim.received_by_connection[1]
            return [e["item"]["id"] for e in received if e["type"] == "conversation.item.create"]

        rig.wait(lambda: len(replayed()) == len(seeded))
        assert replayed() == [i.id for i in seeded]  # the server received the summary and items
        shown = rig.window.chat_model.log.rows
        assert len(rig.rows_of(RowKind.USER)) == 30  # the whole conversation is shown
        note_row = next(r for r in shown if r.kind is RowKind.NOTE)
        assert shown.index(note_row) == [r.key for r in shown].index(seeded[1].id) - 1
        assert shown[-1].kind is RowKind.MARKER and shown[-1].text == "continued from the history"
        type_message(rig, "And what was topic 29?")
        rig.wait(lambda: rig.rows[-1].kind is RowKind.ASSISTANT and rig.rows[-1].final)
        rig.wait(lambda: len(store.load(cid).items) == 62)
    record = store.load(cid)
    assert record.items[-2].item.text == "And what was topic 29?"
    assert [m.kind for m in record.markers] == ["resumed"]
    assert len(store.list_conversations()) == 1


def test_a_history_that_stops_working_is_one_notice_and_the_talk_goes_on(
    qtbot: QtBot, qloop: Any, data_dir: Path
) -> None:
    history = AppHistory.open(SETTINGS, "demo")
    with window_rig(qtbot, qloop, audio=False, history=history) as rig:
        notices: list[str] = []
        show = rig.window.status.show_notice

        def spy(text: str) -> None:
            notices.append(text)
            show(text)

        rig.window.status.show_notice = spy
        assert history.store is not None
        history.store.close()  # as if the disk went away under the app
        type_message(rig, "first")
        rig.wait(lambda: answered(rig, 1))
        type_message(rig, "second")
        rig.wait(lambda: answered(rig, 2))
        assert history.recorder is not None and history.recorder.failure is not None
        assert len(notices) == 1
        assert notices[0].startswith("The history could not be saved; the conversation goes on")


def test_turn_audio_is_kept_as_flac_when_asked_and_deleted_with_the_conversation(
    qtbot: QtBot, qloop: Any, store: HistoryStore
) -> None:
    settings = AppSettings(turn_mode="server_vad", keep_audio=True)
    history = AppHistory.open(settings, "demo")
    with window_rig(qtbot, qloop, settings=settings, history=history) as rig:
        rig.say(silence(0.5))
        rig.say(voiced(1.0))
        rig.say(silence(0.6))
        rig.wait(lambda: answered(rig, 1))
        user, reply = rig.app.core.session.conversation.items()[:2]
        cid = history.recorder.conversation_id if history.recorder else ""
        folder = store.audio_dir(cid or "")
        rig.wait((folder / f"{reply.id}.flac").exists)
    heard = read_flac(folder / f"{user.id}.flac")
    seconds = len(heard) / 48_000  # the speech with the server's padding (0.3 s before it,
    assert abs(seconds - 1.8) < 0.05  # the 0.5 s of silence that ended it): not all 2.1 s sent
    spoken = read_flac(folder / f"{reply.id}.flac")
    assert len(spoken) > 48_000 * 0.5 and any(spoken)  # the reply's audio as received
    assert store.delete(cid or "")
    assert not folder.exists()


def test_a_database_locked_by_another_process_never_holds_the_talk_and_nothing_is_lost(
    qtbot: QtBot, qloop: Any, store: HistoryStore
) -> None:
    history = AppHistory.open(SETTINGS, "demo")
    other = sqlite3.connect(store.path, isolation_level=None)  # as another process would
    with window_rig(qtbot, qloop, audio=False, history=history) as rig:
        assert history.store is not None
        assert history.store._conn.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_MS
        other.execute("BEGIN IMMEDIATE")
        type_message(rig, "first")
        rig.wait(lambda: answered(rig, 1))
        type_message(rig, "second")
        rig.wait(lambda: answered(rig, 2))
        assert history.recorder is not None and history.recorder.pending > 0
        assert store.list_conversations() == []  # nothing could be written yet
        other.execute("COMMIT")
        history._retried()  # what the retry timer does
        assert history.recorder.pending == 0
        live = rig.app.core.session.conversation.items()
        log = history.event_log_path()
    other.close()
    (summary,) = store.list_conversations()
    assert [s.item for s in store.load(summary.id).items] == live
    assert log is not None and stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def test_continued_pictures_show_as_thumbnails_and_a_missing_file_as_a_placeholder(
    qtbot: QtBot, qloop: Any, store: HistoryStore, capfd: pytest.CaptureFixture[str]
) -> None:
    cid = store.create_conversation(profile="demo", model="gpt-realtime")
    pictures = tuple(
        Picture(f"{name}.png", "image/png", 200, 100, png(200, 100))
        for name in ("kept", "lost", "hurt")
    )
    item = Message("u1", Role.USER, ItemStatus.COMPLETED, "see", pictures=pictures)
    store.save_item(cid, item, 1024)
    files = sorted(store.pictures_dir(cid).iterdir())
    files[1].unlink()
    files[2].write_bytes(png(200, 100)[:-30])  # cut short on the disk
    history = AppHistory.open(SETTINGS, "demo")
    with window_rig(qtbot, qloop, audio=False, history=history) as rig:
        rig.run(history.continue_conversation(cid))
        model = rig.window.chat_model
        rig.wait(lambda: rig.rows_of(RowKind.USER))
        row = model.log.find("u1")
        assert row is not None
        model.index(row, 0).data(THUMBNAILS_ROLE)  # (decoded off the GUI thread)
        rig.wait(lambda: not model.thumbnail_cache.decoding)
        kept, missing, damaged = model.index(row, 0).data(THUMBNAILS_ROLE)
        assert kept is not None and (kept.width(), kept.height()) == (160, 80)
        assert missing is None and damaged is None  # drawn as "picture not found"
        rig.window.chat_view.viewport().repaint()  # painting the placeholder does not fail
        assert "Picture: lost.png, 200x100" in model.index(row, 0).data()
    assert "libpng" not in capfd.readouterr().err
