"""The history model and view, fed through the bridge with hand-made core events."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from assistant.realtime import (
    FunctionCall,
    FunctionResult,
    Interrupted,
    Item,
    ItemAdded,
    ItemCompleted,
    ItemStatus,
    Message,
    Role,
    ServerError,
    TextDelta,
    ToolCallArgumentsDelta,
    UserTranscriptCompleted,
)
from assistant.realtime.events import ErrorSeverity
from assistant.ui.bridge import CoreBridge
from assistant.ui.chat_model import HTML_ROLE, ChatModel
from assistant.ui.chat_rows import RowKind
from assistant.ui.chat_view import ChatView


def user_audio(item_id: str = "u1") -> Item:
    return Message(item_id, Role.USER, ItemStatus.COMPLETED, has_audio=True)


def reply(item_id: str = "a1", text: str = "", status: ItemStatus = ItemStatus.IN_PROGRESS) -> Item:
    return Message(item_id, Role.ASSISTANT, status, text=text, has_audio=True)


class Recorder:
    def __init__(self, model: ChatModel) -> None:
        self.inserted: list[int] = []
        self.changed: list[int] = []
        model.rowsInserted.connect(lambda _p, first, _last: self.inserted.append(first))
        model.dataChanged.connect(lambda top, _bottom: self.changed.append(top.row()))


def fed() -> tuple[CoreBridge, ChatModel]:
    bridge, model = CoreBridge(), ChatModel()
    model.attach(bridge)
    return bridge, model


def test_a_late_user_transcript_is_shown_in_place_after_the_reply_started() -> None:
    bridge, model = fed()
    seen = Recorder(model)
    bridge.on_event(ItemAdded(user_audio()))
    bridge.on_event(ItemAdded(reply()))
    for word in ("It ", "is ", "noon."):
        bridge.on_event(TextDelta("a1", word))
    assert "transcribing" in model.index(0, 0).data(HTML_ROLE)
    bridge.on_event(UserTranscriptCompleted("u1", "what time is it"))
    assert [row.text for row in model.log.rows] == ["what time is it", "It is noon."]
    assert seen.inserted == [0, 1]
    assert seen.changed == [1, 1, 1, 0]  # one row per event, never the whole history


def test_a_reply_streams_with_a_cursor_then_takes_the_final_snapshot() -> None:
    bridge, model = fed()
    bridge.on_event(ItemAdded(reply()))
    bridge.on_event(TextDelta("a1", "Hel"))
    assert "\u258d" in model.index(0, 0).data(HTML_ROLE)
    bridge.on_event(ItemCompleted(reply(text="Hello.", status=ItemStatus.COMPLETED)))
    html = model.index(0, 0).data(HTML_ROLE)
    assert "Hello." in html and "\u258d" not in html


def test_a_reply_cancelled_before_its_first_word_leaves_no_empty_card(qtbot: QtBot) -> None:
    bridge, model = fed()
    view = ChatView(model)
    qtbot.addWidget(view)
    bridge.on_event(ItemAdded(user_audio()))
    bridge.on_event(ItemAdded(reply()))  # the reply's card appears as it starts
    assert [row.kind for row in model.log.rows] == [RowKind.USER, RowKind.ASSISTANT]
    removed: list[int] = []
    model.rowsRemoved.connect(lambda _p, first, _last: removed.append(first))
    bridge.on_event(ItemCompleted(reply(status=ItemStatus.INCOMPLETE)))  # Stop reply, no text
    assert [row.kind for row in model.log.rows] == [RowKind.USER] and removed == [1]
    assert model.rowCount() == 1 and view.model().rowCount() == 1
    bridge.on_event(ItemAdded(reply("a2")))  # the next reply gets a row of its own again
    bridge.on_event(TextDelta("a2", "Hi"))
    bridge.on_event(ItemCompleted(reply("a2", "Hi", ItemStatus.INCOMPLETE)))
    assert [row.text for row in model.log.rows] == ["", "Hi"]


def test_a_cancelled_reply_that_was_heard_keeps_its_card() -> None:
    bridge, model = fed()
    bridge.on_event(ItemAdded(reply()))
    bridge.on_event(Interrupted("a1", heard_ms=600, received_ms=900))  # audio, no text yet
    heard = Message(
        "a1", Role.ASSISTANT, ItemStatus.INCOMPLETE, has_audio=True,
        interrupted=True, heard_ms=600, heard_text="",
    )  # fmt: skip
    bridge.on_event(ItemCompleted(heard))
    assert len(model.log.rows) == 1 and "you cut in at 0.6 s" in model.index(0, 0).data(HTML_ROLE)


def test_a_stored_reply_that_said_nothing_is_not_shown() -> None:
    _, model = fed()
    model.show_entries(
        [reply("a1", "Hello.", ItemStatus.COMPLETED), reply("a2", "", ItemStatus.INCOMPLETE)]
    )
    assert [row.key for row in model.log.rows] == ["a1"]


def test_an_interrupted_reply_is_marked_where_the_user_cut_in() -> None:
    bridge, model = fed()
    bridge.on_event(ItemAdded(reply()))
    bridge.on_event(TextDelta("a1", "One two three four five six seven eight."))
    bridge.on_event(Interrupted("a1", heard_ms=1000, received_ms=4000))
    row = model.log.rows[0]
    assert row.interrupted and row.heard_text == "One two"
    html = model.index(0, 0).data(HTML_ROLE)
    assert "One two <b" in html and "you cut in at 1.0 s" in html
    assert "line-through" in html and "three four five" in html
    assert model.index(0, 0).data() == "Assistant: One two [you cut in at 1.0 s]"


def test_a_tool_call_and_its_output_share_one_row() -> None:
    bridge, model = fed()
    call = FunctionCall("c1", ItemStatus.IN_PROGRESS, name="lookup", call_id="call_1")
    bridge.on_event(ItemAdded(call))
    bridge.on_event(ToolCallArgumentsDelta("c1", "call_1", '{"q": '))
    bridge.on_event(ToolCallArgumentsDelta("c1", "call_1", '"x"}'))
    output = FunctionResult("o1", ItemStatus.PENDING)
    bridge.on_event(ItemAdded(output))  # the core adds it before it knows the call id
    done = FunctionResult("o1", ItemStatus.COMPLETED, call_id="call_1", output='{"answer": 42}')
    bridge.on_event(ItemCompleted(done))
    assert model.rowCount() == 1
    row = model.log.rows[0]
    assert (row.kind, row.arguments, row.output) == (RowKind.TOOL, '{"q": "x"}', '{"answer": 42}')
    compact = model.index(0, 0).data(HTML_ROLE)
    assert "lookup" in compact and "<pre>" not in compact
    model.toggle(0)
    assert "&quot;answer&quot;: 42" in model.index(0, 0).data(HTML_ROLE)


def test_errors_are_rows_in_plain_words_and_benign_ones_are_not_shown() -> None:
    bridge, model = fed()
    bridge.on_event(ServerError(ErrorSeverity.BENIGN, "response_cancel_not_active", "nothing"))
    bridge.on_event(ServerError(ErrorSeverity.RECOVERABLE, None, "The model is busy."))
    bridge.on_connection_failed("Could not reach example.com (refused).")
    assert [(r.kind, r.text) for r in model.log.rows] == [
        (RowKind.ERROR, "The model is busy."),
        (RowKind.ERROR, "Could not reach example.com (refused)."),
    ]


def test_text_is_escaped() -> None:
    bridge, model = fed()
    bridge.on_event(ItemAdded(reply(text="<b>not bold</b> & more")))
    html = model.index(0, 0).data(HTML_ROLE)
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; more" in html


def test_selected_rows_are_copied_as_plain_text(qtbot: QtBot) -> None:
    bridge, model = fed()
    view = ChatView(model)
    qtbot.addWidget(view)
    bridge.on_event(ItemAdded(Message("u1", Role.USER, ItemStatus.COMPLETED, "hi")))
    bridge.on_event(ItemAdded(reply(text="hello", status=ItemStatus.COMPLETED)))
    view.selectAll()
    view.copy_selection()
    assert QGuiApplication.clipboard().text() == "You: hi\n\nAssistant: hello"


def test_a_delta_measures_only_its_own_row_however_long_the_history(qtbot: QtBot) -> None:
    bridge, model = fed()
    view = ChatView(model)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    for i in range(3000):
        bridge.on_event(ItemAdded(reply(f"a{i}", text=f"message {i}", status=ItemStatus.COMPLETED)))
    bridge.on_event(ItemAdded(reply("live")))
    qtbot.waitUntil(lambda: not view.busy, timeout=30_000)  # rows are measured while idle
    measured: list[Any] = []
    original = view.delegate.height_for
    view.delegate.height_for = lambda row, html, width: (
        measured.append(row.key)
        or original(  # type: ignore[method-assign]
            row, html, width
        )
    )
    for _ in range(40):
        bridge.on_event(TextDelta("live", "word "))
    assert set(measured) == {"live"} and len(measured) == 40
    assert view.rowHeight(3000) > view.rowHeight(0)  # 200 characters wrap onto more lines
    assert view.following  # the newest row stays in sight


def test_double_clicking_a_row_opens_its_text_for_selecting_a_part(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTextEdit

    bridge, model = fed()
    view = ChatView(model)
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    bridge.on_event(ItemAdded(reply(text="Copy only this part.", status=ItemStatus.COMPLETED)))
    center = view.visualRect(model.index(0, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)  # a real double
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)  # click has both
    editor = view.findChild(QTextEdit, "chatRowText")
    assert editor is not None and editor.isReadOnly()
    assert "Copy only this part." in editor.toPlainText()
    editor.setFocus()
    assert editor.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
