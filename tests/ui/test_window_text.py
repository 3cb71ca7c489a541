"""Typing to the real window connected to the simulator: streamed reply, cost, errors, tools."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.ui.chat_rows import RowKind
from tests.ui.rig import Rig, window_rig


def type_message(rig: Rig, text: str) -> None:
    box = rig.window.composer.text_box
    box.setFocus()
    rig.qtbot.keyClicks(box, text)
    rig.qtbot.keyClick(box, Qt.Key.Key_Return)


def test_a_typed_message_gets_a_streamed_reply_and_its_cost(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop, audio=False) as rig:
        inserted: list[int] = []
        changed: list[int] = []
        model = rig.window.chat_model
        model.rowsInserted.connect(lambda _parent, first, _last: inserted.append(first))
        model.dataChanged.connect(lambda top, _bottom: changed.append(top.row()))
        type_message(rig, "hello there")
        assert rig.window.composer.text_box.text() == ""
        rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT) and rig.rows_of(RowKind.ASSISTANT)[0].final)
        user, reply = rig.rows
        assert (user.kind, user.text) == (RowKind.USER, "hello there")
        assert reply.text == "Hello! This is the offline demo; you said: hello there."
        assert inserted == [0, 1]  # one row per item; the deltas changed row 1 in place
        assert changed.count(1) > 3 and set(changed) <= {0, 1}
        rig.wait(lambda: "$" in rig.window.cost.session_dollars.text())
        cost = rig.window.cost
        assert " in " in f" {cost.last_tokens.text()}" and "out" in cost.last_tokens.text()
        assert cost.last_dollars.text().startswith("$")
        usage = rig.app.core.session.usage
        assert f"{usage.output_tokens:,} out" in cost.session_tokens.text()
        assert cost.session_dollars.text() == f"${rig.app.core.session.cost.total:.4f}"
