"""Tools in the real window against the simulator on 127.0.0.1: typed requests call each
built-in, "ask" tools wait for the approval dialog, a denial reaches the model, an HTTP tool
calls a local server, and "Always" is remembered."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.app.tools import StoredHistory, ToolServices
from assistant.realtime import ItemStatus, Message, Role
from assistant.settings.secrets import MemorySecretStore, tool_account
from assistant.settings.store import AppSettings
from assistant.store import HistoryStore
from assistant.ui.chat_rows import ChatRow, RowKind
from assistant.ui.chat_text import body
from tests.tools.http_server import LocalServer, local_server
from tests.ui.rig import Rig, window_rig


class Clipboard:
    def read_text(self) -> str:
        return "the clipboard says hi"


class Browser:
    def __init__(self) -> None:
        self.opened: list[str] = []

    def open_url(self, url: str) -> bool:
        self.opened.append(url)
        return True


@pytest.fixture
def history(tmp_path: Path) -> StoredHistory:
    path = tmp_path / "history.db"
    with HistoryStore.open(path, durable=False) as store:
        cid = store.create_conversation(at=datetime(2026, 11, 20, tzinfo=UTC).timestamp())
        said = Message("old1", Role.USER, ItemStatus.COMPLETED, "my bike is blue")
        store.save_item(cid, said, 0)
    return StoredHistory(path)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with local_server() as running:
        yield running


def services(
    tmp_path: Path, history: StoredHistory, server: LocalServer, **kw: Any
) -> ToolServices:
    tools_file = tmp_path / "tools.toml"
    tools_file.write_text(
        textwrap.dedent(f"""
        [[tool]]
        name = "look_up"
        description = "Look something up on the local test server"
        url = "{server.url}/lookup/{{topic}}"
        headers = {{ Authorization = "Bearer {{secret:svc}}" }}
        parameters = {{ type = "object", properties = {{ topic = {{ type = "string" }} }} }}
        """)
    )
    secrets = MemorySecretStore()
    secrets.set(tool_account("svc"), "tok-local")
    return ToolServices(Clipboard(), kw.get("browser", Browser()), history, secrets, tools_file)


def type_message(rig: Rig, text: str) -> None:
    box = rig.window.composer.text_box
    box.setFocus()
    rig.qtbot.keyClicks(box, text)
    rig.qtbot.keyClick(box, Qt.Key.Key_Return)


def ask(rig: Rig, text: str, button: str | None = None) -> tuple[ChatRow, ChatRow]:
    """Type `text` (answer the approval dialog with `button`); wait for the answer to the tool
    call; returns (tool row, answer row)."""
    answers = len(rig.rows_of(RowKind.ASSISTANT))
    type_message(rig, text)
    if button is not None:
        approve(rig, button)
    rig.wait(lambda: len(rig.rows_of(RowKind.ASSISTANT)) > answers)
    rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT)[-1].final)
    return rig.rows_of(RowKind.TOOL)[-1], rig.rows_of(RowKind.ASSISTANT)[-1]


def approve(rig: Rig, button: str) -> Any:
    rig.wait(lambda: rig.app.approver.dialog is not None)
    dialog = rig.app.approver.dialog
    rig.qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    return dialog


def sent_outputs(rig: Rig) -> dict[str, Any]:
    """The function_call_output items the simulator received, by call id."""
    return {
        event["item"]["call_id"]: json.loads(event["item"]["output"])
        for event in rig.sim.received
        if event.get("type") == "conversation.item.create"
        and event["item"].get("type") == "function_call_output"
    }


def offered_tools(rig: Rig) -> list[str]:
    updates = lambda: [e for e in rig.sim.received if e.get("type") == "session.update"]  # noqa: E731
    rig.wait(updates)
    update = updates()[-1]
    return [tool.get("name") or tool["server_label"] for tool in update["session"]["tools"]]


def output_of(rig: Rig, tool: ChatRow) -> Any:
    items = rig.app.core.session.conversation.items()
    call_id = next(i.call_id for i in items if i.id == tool.key)
    return sent_outputs(rig)[call_id]


def test_a_typed_request_triggers_each_built_in_tool(
    qtbot: QtBot, qloop: Any, tmp_path: Path, history: StoredHistory, server: LocalServer
) -> None:
    browser = Browser()
    tools = services(tmp_path, history, server, browser=browser)
    with window_rig(qtbot, qloop, audio=False, tool_services=tools) as rig:
        offered = offered_tools(rig)
        assert offered == ["get_current_time", "calculate", "read_clipboard", "open_url",
                           "search_history", "look_up"]  # fmt: skip

        tool, answer = ask(rig, "What does get current time say?")
        now = output_of(rig, tool)
        assert set(now) == {"time", "date", "weekday", "timezone", "utc_offset"}
        assert now["time"] in answer.text and tool.output == json.dumps(now, ensure_ascii=False)

        tool, answer = ask(rig, 'Please calculate "(2 + 3) * 4 ^ 2"')
        assert output_of(rig, tool) == {"expression": "(2 + 3) * 4 ^ 2", "value": 80}
        assert '"value": 80' in answer.text

        tool, answer = ask(rig, "search history for 'bike'")
        [match] = output_of(rig, tool)["matches"]
        assert match["text"] == "my [bike] is blue" and "my [bike] is blue" in answer.text

        tool, answer = ask(rig, "read clipboard please", "allow_once")
        assert output_of(rig, tool) == {"text": "the clipboard says hi", "truncated": False}
        assert "the clipboard says hi" in answer.text

        tool, answer = ask(rig, "open url `https://example.com/docs?q=1`", "allow_once")
        assert output_of(rig, tool) == {"opened": "https://example.com/docs?q=1"}
        assert browser.opened == ["https://example.com/docs?q=1"]
        assert "https://example.com/docs?q=1" in answer.text

        tool, answer = ask(rig, "look up 'rust & python'", "allow_once")
        result = output_of(rig, tool)
        assert (result["status"], json.loads(result["body"])) == (
            200, {"path": "/lookup/rust%20%26%20python"})  # fmt: skip
        assert server.received[0].headers["Authorization"] == "Bearer tok-local"
        assert "tok-local" not in json.dumps(rig.sim.received)  # the secret never reaches the model
        assert "/lookup/rust%20%26%20python" in answer.text


def test_a_denial_is_reported_to_the_model_and_always_is_remembered(
    qtbot: QtBot, qloop: Any, tmp_path: Path, history: StoredHistory, server: LocalServer
) -> None:
    browser = Browser()
    tools = services(tmp_path, history, server, browser=browser)
    with window_rig(qtbot, qloop, audio=False, tool_services=tools) as rig:
        remembered: list[str] = []
        rig.app.tools.on_always.append(remembered.append)
        type_message(rig, "open url 'https://example.com/'")
        rig.wait(lambda: rig.app.approver.dialog is not None)
        tool = rig.rows_of(RowKind.TOOL)[-1]
        assert tool.output is None  # waiting for the user, nothing sent yet
        assert not sent_outputs(rig)
        type_message(rig, "hello while the dialog is open")  # the loop is not blocked
        rig.wait(lambda: any(r.text == "hello while the dialog is open" for r in rig.rows))
        approve(rig, "deny")
        rig.wait(lambda: sent_outputs(rig))
        assert output_of(rig, tool) == {
            "error": {"type": "denied", "message": "The user declined this call."}
        }
        rig.wait(lambda: any("user declined" in row.text for row in rig.rows_of(RowKind.ASSISTANT)))
        shown = body(tool)  # the chat pane shows the denial, in red
        assert "The user declined this call." in shown and 'class="bad"' in shown
        assert browser.opened == []

        ask(rig, "open url 'https://example.com/a'", "always")
        assert remembered == ["open_url"]
        answers = len(rig.rows_of(RowKind.ASSISTANT))
        type_message(rig, "open url 'https://example.com/b'")  # no dialog this time
        rig.wait(lambda: len(rig.rows_of(RowKind.ASSISTANT)) > answers)
        assert browser.opened == ["https://example.com/a", "https://example.com/b"]
        assert rig.app.approver.dialog is None


def test_switched_off_tools_are_not_offered(
    qtbot: QtBot, qloop: Any, tmp_path: Path, history: StoredHistory, server: LocalServer
) -> None:
    settings = AppSettings(tools_disabled=["calculate", "look_up"],
                           tool_permissions={"read_clipboard": "deny"})  # fmt: skip
    tools = services(tmp_path, history, server)
    with window_rig(qtbot, qloop, audio=False, settings=settings, tool_services=tools) as rig:
        offered = offered_tools(rig)
        assert offered == ["get_current_time", "read_clipboard", "open_url", "search_history"]
        tool, answer = ask(rig, "read clipboard")
        assert "does not allow" in answer.text
        assert output_of(rig, tool)["error"]["type"] == "denied"
        assert rig.app.approver.dialog is None


def test_always_allow_is_written_to_the_settings_file_and_kept_in_the_running_settings(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    from assistant.app.assembly import apply_settings
    from assistant.app.main import _remember_allowed, _remember_mode
    from assistant.controller import TurnMode
    from assistant.settings.store import SettingsStore
    from assistant.tools import Permission

    store = SettingsStore(tmp_path / "settings.json")
    store.save(AppSettings(voice="cedar", tool_permissions={"calculate": "deny"}))
    with window_rig(qtbot, qloop, audio=False) as rig:
        _remember_allowed(store, "open_url", rig.app)
        saved = store.load()
        assert saved.tool_permissions == {"calculate": "deny", "open_url": "allow"}
        assert saved.voice == "cedar"
        assert rig.app.settings.tool_permissions == {"open_url": "allow"}
        _remember_mode(store, TurnMode.SERVER_VAD, rig.app)
        apply_settings(rig.app, rig.app.settings)  # rebuilds the tools
        assert rig.app.tools.registry.permission("open_url") is Permission.ALLOW
        assert rig.app.settings.turn_mode == "server_vad"
        assert store.load().tool_permissions == {"calculate": "deny", "open_url": "allow"}


def test_a_call_that_arrives_after_tools_were_switched_off_still_gets_an_answer(
    qtbot: QtBot, qloop: Any, tmp_path: Path, history: StoredHistory, server: LocalServer
) -> None:
    with window_rig(
        qtbot, qloop, audio=False, tool_services=services(tmp_path, history, server)
    ) as rig:
        offered_tools(rig)
        rig.app.core.tools = None  # switched off after the server was told about the tools
        tool, answer = ask(rig, "What does get current time say?")
        assert output_of(rig, tool)["error"]["type"] == "unknown_tool"
        assert answer.final  # the reply came: nobody waits for an output forever


def test_a_tool_added_on_the_tools_page_is_offered_to_the_model_at_once(
    qtbot: QtBot, qloop: Any, tmp_path: Path, history: StoredHistory, server: LocalServer
) -> None:
    from assistant.app.assembly import apply_settings
    from assistant.app.tools_page_flow import ToolsPageFlow

    tools = services(tmp_path, history, server)
    with window_rig(qtbot, qloop, audio=False, tool_services=tools) as rig:
        assert offered_tools(rig)[-1] == "look_up"
        updates = len([e for e in rig.sim.received if e.get("type") == "session.update"])
        flow = ToolsPageFlow(rig.app.tools, lambda: apply_settings(rig.app, rig.app.settings))
        page = flow.page(rig.app.settings)
        qtbot.addWidget(page)
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
        dialog = flow.dialog
        assert dialog is not None
        qtbot.keyClicks(dialog.name, "echo_back")
        dialog.url.setText(f"{server.url}/echo/{{word}}")
        dialog.parameters.setPlainText('{"type": "object", "properties": {"word": {}}}')
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

        rig.wait(
            lambda: (
                len([e for e in rig.sim.received if e.get("type") == "session.update"]) > updates
            )
        )
        assert offered_tools(rig)[-2:] == ["look_up", "echo_back"]
        assert 'name = "echo_back"' in tools.user_file.read_text()  # type: ignore[union-attr]
