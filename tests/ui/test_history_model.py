"""The history list model and a stored conversation as chat rows, on a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from assistant.realtime import Item, ItemStatus, Message, Role, Usage
from assistant.store import HistoryStore, SessionMarker, TurnUsage, plan_resume
from assistant.ui.chat_model import ChatModel
from assistant.ui.chat_rows import RowKind
from assistant.ui.chat_view import ChatView
from assistant.ui.history_model import COST, TITLE, HistoryModel, conversation_entries


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(tmp_path / "history.sqlite3", durable=False) as opened:
        yield opened


def said(n: int, role: str, text: str) -> Item:
    return Message(f"item_{n}", Role(role), ItemStatus.COMPLETED, text)


def test_rename_and_delete_touch_one_row_never_the_whole_list(
    qapp: QApplication, store: HistoryStore
) -> None:
    for n in range(50):
        cid = store.create_conversation(at=1_750_000_000 + n)
        store.save_item(cid, said(n, "user", f"question {n}"), 1024)
    model = HistoryModel()
    model.show_conversations(store.list_conversations())
    assert model.rowCount() == 50 and model.index(0, TITLE).data() == "question 49"
    resets: list[int] = []
    changed: list[tuple[int, int]] = []
    removed: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda top, bottom: changed.append((top.row(), bottom.row())))
    model.rowsRemoved.connect(lambda _parent, first, _last: removed.append(first))
    edits: list[tuple[str, str]] = []
    model.title_edited.connect(lambda cid, title: edits.append((cid, title)))
    target = model.rows[7]
    model.setData(model.index(7, TITLE), "Renamed")
    assert edits == [(target.id, "Renamed")]
    store.rename(target.id, "Renamed")
    model.replace(store.summary(target.id))
    model.remove(model.rows[3].id)
    assert (resets, changed, removed) == ([], [(7, 7)], [3])
    assert model.index(6, TITLE).data() == "Renamed" and model.rowCount() == 49


def test_cost_shows_a_floor_when_some_usage_had_no_price(
    qapp: QApplication, store: HistoryStore
) -> None:
    cid = store.create_conversation()
    usage = Usage(input_text=100, output_text=10)
    store.add_usage(cid, TurnUsage("response", "r1", usage, 0.0123, 1.0))
    store.add_usage(cid, TurnUsage("response", "r2", usage, None, 2.0))
    model = HistoryModel()
    model.show_conversations(store.list_conversations())
    assert model.index(0, COST).data() == "\u2265 $0.0123"


def test_a_continued_conversation_shows_every_item_markers_and_the_summary_note(
    qapp: QApplication, store: HistoryStore
) -> None:
    cid = store.create_conversation()
    for n in range(40):
        role = ("user", "assistant")[n % 2]
        store.save_item(cid, said(n, role, f"Turn {n}. " + "words " * 200), (n + 1) * 1024)
    store.add_marker(cid, SessionMarker("new_session", "item_9", "sess_2", None, "", 5.0))
    record = store.load(cid)
    plan = plan_resume(record, token_budget=2000)
    entries = conversation_entries(record, plan)
    model = ChatModel()
    model.show_entries(entries)
    rows = model.log.rows
    kinds = [row.kind for row in rows]
    assert kinds.count(RowKind.USER) == 20 and kinds.count(RowKind.ASSISTANT) == 20
    marker = rows[kinds.index(RowKind.MARKER)]
    assert rows[kinds.index(RowKind.MARKER) - 1].key == "item_9"
    assert marker.text == "new server session: the conversation continued"
    note = rows[kinds.index(RowKind.NOTE)]
    assert note.text.startswith("Summary of the earlier part")
    assert rows[kinds.index(RowKind.NOTE) + 1].key == plan.items[1].id


def test_showing_a_stored_conversation_lays_out_rows_afresh(qapp: QApplication) -> None:
    model = ChatModel()
    view = ChatView(model)
    view.resize(500, 600)
    model.add_item(Message("item_a", Role.ASSISTANT, ItemStatus.IN_PROGRESS))
    streaming = view.row_height(0)
    stored = replace(said(0, "assistant", "A long stored answer. " * 40), id="item_a")
    model.show_entries([stored])  # the same id and row version as the streaming row had
    assert model.log.rows[0].version == 1
    assert view.rowHeight(0) == view.row_height(0) > streaming * 3  # not the streaming layout
