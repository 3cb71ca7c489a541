"""The history browser on a conversation the window just had with the simulator: it is
listed, found as you type, renamed, exported (Markdown, JSON, event log) and deleted for good."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from assistant.app.history import AppHistory
from assistant.settings.store import AppSettings
from assistant.store import HistoryStore, database_path, from_json
from assistant.ui.chat_rows import RowKind
from assistant.ui.history_browser import HistoryBrowser
from assistant.ui.history_model import COST, DATE, MATCH, TITLE
from tests.store.fixtures import data_dir
from tests.ui.rig import Rig, window_rig
from tests.ui.test_window_text import type_message

__all__ = ["data_dir"]  # the fixture

WORD = "quokkaberry"  # a word found nowhere else in the database file


def talk(rig: Rig, text: str) -> None:
    type_message(rig, text)
    rig.wait(lambda: rig.rows and rig.rows[-1].kind is RowKind.ASSISTANT and rig.rows[-1].final)


def search(browser: HistoryBrowser, qtbot: QtBot, text: str) -> None:
    """Type into the search box; the list follows once typing pauses (never per key)."""
    resets: list[int] = []
    browser.model.modelReset.connect(lambda: resets.append(1))
    browser.search_box.clear()
    qtbot.keyClicks(browser.search_box, text)
    qtbot.waitUntil(lambda: bool(resets) and not browser._timer.isActive(), timeout=5000)
    assert len(resets) <= 2  # one for the clear, one for the typed words: debounced


def export_to(browser: HistoryBrowser, qtbot: QtBot, kind: str, path: Path) -> None:
    browser.buttons[{"md": "markdown", "json": "json", "log": "log"}[kind]].click()
    dialog = browser.file_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.selectFile(str(path))
    dialog.accept()
    qtbot.waitUntil(path.exists, timeout=5000)


def database_bytes() -> bytes:
    path = database_path()
    parts = [path, path.with_name(path.name + "-wal")]
    return b"".join(p.read_bytes() for p in parts if p.exists())


def test_the_browser_lists_searches_renames_exports_and_deletes(
    qtbot: QtBot, qloop: Any, data_dir: Path, tmp_path: Path
) -> None:
    history = AppHistory.open(AppSettings(), "demo")
    with window_rig(qtbot, qloop, audio=False, history=history) as rig:
        talk(rig, f"Tell me about the {WORD} harvest.")
        talk(rig, "And the weather?")
        rig.wait(lambda: history.store and history.store.list_conversations()[0].cost_usd)
        rig.window.history_action.trigger()
        browser = history.browser
        assert browser is not None
        model = browser.model
        assert model.rowCount() == 1
        assert model.index(0, TITLE).data() == f"Tell me about the {WORD} harvest."
        assert model.index(0, DATE).data() and model.index(0, COST).data().startswith("$")
        assert browser.status.text() == "1 conversation(s)."

        search(browser, qtbot, WORD[:6])  # a prefix of the last word finds it
        assert model.rowCount() == 1 and f"[{WORD}]" in model.index(0, MATCH).data()
        search(browser, qtbot, "weather nothinglikethis")
        assert model.rowCount() == 0
        search(browser, qtbot, "")
        assert model.rowCount() == 1

        browser.table.selectRow(0)
        resets: list[int] = []
        model.modelReset.connect(lambda: resets.append(1))
        model.setData(model.index(0, TITLE), "Fruit harvest", Qt.ItemDataRole.EditRole)
        assert model.index(0, TITLE).data() == "Fruit harvest" and not resets  # one row
        cid = model.rows[0].id
        assert history.store is not None
        assert history.store.summary(cid).title == "Fruit harvest"

        export_to(browser, qtbot, "md", tmp_path / "talk.md")
        markdown = (tmp_path / "talk.md").read_text(encoding="utf-8")
        assert "Fruit harvest" in markdown and f"the {WORD} harvest" in markdown
        export_to(browser, qtbot, "json", tmp_path / "talk.json")
        exported = from_json(json.loads((tmp_path / "talk.json").read_text(encoding="utf-8")))
        assert exported.id == cid and len(exported.items) == 4
        export_to(browser, qtbot, "log", tmp_path / "events.jsonl")
        lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
        events = [json.loads(line) for line in lines]
        assert events[0]["event"]["type"] == "session.created"
        assert any(e["event"]["type"] == "response.done" for e in events)

        browser.table.selectRow(0)
        browser.buttons["delete"].click()
        question = browser.confirmation
        qtbot.waitUntil(question.isVisible, timeout=5000)
        question.button(QMessageBox.StandardButton.Yes).click()
        qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=5000)
        assert history.store.list_conversations() == []
        assert not history.store.event_log_path(cid).exists()
        assert WORD.encode() not in database_bytes()  # not in the file, the log or the index

        talk(rig, "A new start after the delete.")  # recorded as a new conversation
        rig.wait(lambda: history.store and history.store.list_conversations())
        (fresh,) = history.store.list_conversations()
        assert fresh.id != cid
        assert "A new start" in history.store.event_log_path(fresh.id).read_text("utf-8")


def test_cancelling_the_delete_keeps_the_conversation(qtbot: QtBot, data_dir: Path) -> None:
    with HistoryStore.open() as store:
        cid = store.create_conversation()
        browser = HistoryBrowser(store)
        qtbot.addWidget(browser)
        browser.show_history()
        browser.table.selectRow(0)
        browser.delete()
        question = browser.confirmation
        qtbot.waitUntil(question.isVisible, timeout=5000)
        question.button(QMessageBox.StandardButton.Cancel).click()
        assert [s.id for s in store.list_conversations()] == [cid]
        assert browser.model.rowCount() == 1


def test_a_conversation_without_an_event_log_says_so(qtbot: QtBot, data_dir: Path) -> None:
    with HistoryStore.open() as store:
        store.create_conversation()
        browser = HistoryBrowser(store)
        qtbot.addWidget(browser)
        browser.show_history()
        browser.buttons["log"].click()
        assert browser.status.text() == "No event log was kept for this conversation."


def test_the_delete_key_deletes_from_the_list_but_not_while_typing_a_search(
    qtbot: QtBot, data_dir: Path
) -> None:
    with HistoryStore.open() as store:
        store.create_conversation()
        browser = HistoryBrowser(store)
        qtbot.addWidget(browser)
        with qtbot.waitActive(browser):
            browser.show_history()
        browser.search_box.setFocus()
        qtbot.keyClick(browser.search_box, Qt.Key.Key_Delete)
        assert not hasattr(browser, "confirmation")
        browser.table.setFocus()
        qtbot.keyClick(browser.table, Qt.Key.Key_Delete)
        qtbot.waitUntil(lambda: hasattr(browser, "confirmation"), timeout=5000)
        browser.confirmation.reject()
