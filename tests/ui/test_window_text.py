"""Typing to the real window connected to the simulator: streamed reply, cost, errors, tools."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.simulator import SimulatorOptions
from assistant.transport import Backoff, ClientOptions, custom
from assistant.ui.chat_rows import RowKind
from assistant.ui.problems import Action, Problem, ProblemKind
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


def test_a_tool_call_is_shown_compactly_and_expands(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop, audio=False) as rig:
        type_message(rig, "What does get current time say?")
        rig.wait(lambda: len(rig.rows_of(RowKind.ASSISTANT)) == 1)
        rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT)[0].final)
        kinds = [row.kind for row in rig.rows]
        assert kinds == [RowKind.USER, RowKind.TOOL, RowKind.ASSISTANT]  # the output is folded in
        tool, reply = rig.rows[1], rig.rows[2]
        assert tool.tool_name == "get_current_time" and '"time"' in (tool.output or "")
        assert reply.text.startswith("The tool get_current_time returned:")
        view = rig.window.chat_view
        compact = view.rowHeight(1)
        assert "get_current_time" in rig.window.chat_model.index(1, 0).data()
        qtbot.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=view.visualRect(rig.window.chat_model.index(1, 0)).center(),
        )
        rig.wait(lambda: tool.expanded)
        assert view.rowHeight(1) > compact  # arguments and result, each on lines of their own


def test_a_wrong_key_is_one_plain_sentence_inline_and_in_the_banner(
    qtbot: QtBot, qloop: Any
) -> None:
    with window_rig(
        qtbot,
        qloop,
        audio=False,
        simulator=SimulatorOptions(pace=0, api_key="sk-right"),
        endpoint=lambda sim: custom(sim.url, lambda: "sk-wrong", model="gpt-realtime"),
        connect=False,
    ) as rig:
        rig.wait(lambda: rig.rows_of(RowKind.ERROR))
        (error,) = rig.rows_of(RowKind.ERROR)
        assert error.text.startswith("127.0.0.1 rejected the credentials (HTTP 401).")
        assert "sk-wrong" not in error.text
        (problem,) = rig.window.problems.problems()
        assert problem == Problem(ProblemKind.CONNECTION, error.text)
        row = rig.window.problems.rows[ProblemKind.CONNECTION]
        assert row.isVisible() and row.label.text() == error.text
        assert set(row.buttons) == {Action.RETRY, Action.OPEN_SETTINGS}
        assert "Not connected" in rig.window.status.link.text()
        type_message(rig, "are you there?")  # kept, and replayed once a connection works
        rig.wait(lambda: rig.rows_of(RowKind.USER))
        assert [row.kind for row in rig.rows] == [RowKind.ERROR, RowKind.USER]


def test_losing_the_server_for_good_keeps_the_conversation(qtbot: QtBot, qloop: Any) -> None:
    options = ClientOptions(backoff=Backoff(first=0.01, limit=0.02), max_reconnects=2)
    with window_rig(qtbot, qloop, audio=False, options=options) as rig:
        type_message(rig, "hello")
        rig.wait(lambda: len(rig.rows) == 2 and rig.rows[1].final)
        rig.run(rig.sim.close())  # the server goes away; two reconnects fail
        rig.wait(lambda: rig.rows_of(RowKind.ERROR))
        (error,) = rig.rows_of(RowKind.ERROR)
        assert error.text.startswith("Could not reconnect to 127.0.0.1 after 2 attempts: ")
        assert "Connect call failed" in error.text  # the last attempt's own cause
        assert [row.kind for row in rig.rows] == [RowKind.USER, RowKind.ASSISTANT, RowKind.ERROR]
        assert rig.rows[1].text.endswith("you said: hello.")
        assert rig.window.problems.rows[ProblemKind.CONNECTION].isVisible()


def test_without_audio_devices_the_window_is_text_only_and_says_so(
    qtbot: QtBot, qloop: Any
) -> None:
    with window_rig(qtbot, qloop, audio=False) as rig:
        window = rig.window
        assert window.status.message.full_text == "No microphone or speaker was found: text only."
        assert not window.meter.isVisible() and not window.talk.talk_button.isEnabled()
        config = rig.app.core.session.config
        assert (config.output, config.turn_detection, config.transcription) == ("text", None, None)
        type_message(rig, "hello")
        rig.wait(lambda: len(rig.rows) == 2 and rig.rows[1].final)
