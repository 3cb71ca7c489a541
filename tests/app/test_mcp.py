"""Remote MCP tools in the real window: the simulator on 127.0.0.1 calls the test MCP server
(tests/mcp_server.py) declared in a tools file; approval requests open the approval dialog and
the answer goes back to the model; "Always" is remembered per server and tool."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.app.tools import ToolServices
from assistant.settings.store import AppSettings
from assistant.simulator import Fault
from assistant.tools import ApprovalRequest, Decision
from assistant.ui.approval import ApprovalDialog
from assistant.ui.chat_rows import ChatRow, RowKind
from assistant.ui.chat_text import body, row_plain
from tests.app.test_tools import type_message
from tests.mcp_server import McpTestServer
from tests.ui.rig import Rig, window_rig

QUESTION = "search the docs for vad"
ANSWER = "The tool search_docs on docs returned: Found 3 pages about vad."
DECLINED = "Understood: you declined, so I did not use search_docs on docs."
KEY = "mcp:docs:search_docs"


@pytest.fixture
def mcp_server() -> Iterator[McpTestServer]:
    with McpTestServer() as server:
        yield server


def services(tmp_path: Path, url: str) -> ToolServices:
    tools_file = tmp_path / "tools.toml"
    tools_file.write_text(
        textwrap.dedent(f"""
        [[mcp]]
        server_label = "docs"
        server_url = "{url}"
        """)
    )
    return ToolServices(user_file=tools_file)


@contextmanager
def mcp_rig(
    qtbot: QtBot, qloop: Any, tmp_path: Path, url: str, settings: AppSettings | None = None
) -> Iterator[Rig]:
    """The window, connected, with the MCP server at `url` in its tools file."""
    tools = services(tmp_path, url)
    with window_rig(qtbot, qloop, audio=False, settings=settings, tool_services=tools) as rig:
        yield rig


def listed(rig: Rig) -> ChatRow:
    rig.wait(lambda: any(row.final for row in rig.rows_of(RowKind.MCP_TOOLS)))
    return rig.rows_of(RowKind.MCP_TOOLS)[-1]


def ask(rig: Rig) -> None:
    """Once the tools are listed, type the question that makes the model call search_docs."""
    listed(rig)
    type_message(rig, QUESTION)


def dialog(rig: Rig) -> ApprovalDialog:
    rig.wait(lambda: rig.app.approver.dialog is not None)
    shown = rig.app.approver.dialog
    assert shown is not None
    return shown


def click(rig: Rig, button: str) -> ApprovalDialog:
    shown = dialog(rig)
    rig.qtbot.mouseClick(getattr(shown, button), Qt.MouseButton.LeftButton)
    return shown


def reply(rig: Rig, answers: int) -> str:
    """The text of the next assistant reply after the first `answers`, once final."""
    rig.wait(lambda: len(rig.rows_of(RowKind.ASSISTANT)) > answers)
    rig.wait(lambda: rig.rows_of(RowKind.ASSISTANT)[-1].final)
    return rig.rows_of(RowKind.ASSISTANT)[-1].text


def counting_asks(rig: Rig) -> list[ApprovalRequest]:
    """Record every approval the core asks the user for (the dialog still answers)."""
    asked: list[ApprovalRequest] = []
    approver = rig.app.approver

    async def ask(request: ApprovalRequest) -> Decision:
        asked.append(request)
        return await approver.ask(request)

    rig.app.core.approve = ask
    return asked


def test_an_approved_call_runs_and_the_chat_shows_it(
    qtbot: QtBot, qloop: Any, tmp_path: Path, mcp_server: McpTestServer
) -> None:
    with mcp_rig(qtbot, qloop, tmp_path, mcp_server.url) as rig:
        listing = listed(rig)
        assert listing.tools == ("search_docs", "broken_tool")
        assert "docs: 2 tools" in body(listing) and "search_docs, broken_tool" in body(listing)

        type_message(rig, QUESTION)
        shown = dialog(rig)
        assert "search_docs" in shown.question.text() and "docs" in shown.question.text()
        assert shown.arguments.toPlainText() == '{\n  "query": "vad"\n}'
        [asked] = rig.rows_of(RowKind.APPROVAL)
        assert "waiting for your answer" in body(asked)
        assert "tools/call" not in mcp_server.methods()  # nothing runs before the answer

        click(rig, "allow_once")
        assert reply(rig, 0) == ANSWER
        assert mcp_server.methods().count("tools/call") == 1
        assert asked.approved is True and "approved" in body(asked)
        [call] = rig.rows_of(RowKind.TOOL)
        assert (call.server_label, call.tool_name) == ("docs", "search_docs")
        assert (call.arguments, call.output, call.error) == (
            '{"query":"vad"}', "Found 3 pages about vad.", None)  # fmt: skip
        plain = 'Tool: docs.search_docs({"query":"vad"}) -> Found 3 pages about vad.'
        assert row_plain(call) == plain
        rig.window.chat_model.toggle(rig.rows.index(call))
        assert call.expanded and "Found 3 pages about vad." in body(call)
        kinds = [row.kind.value for row in rig.rows]  # the approval's answer is in its row
        assert kinds == ["mcp_tools", "user", "approval", "tool", "assistant"]


def test_a_declined_call_is_reported_and_never_made(
    qtbot: QtBot, qloop: Any, tmp_path: Path, mcp_server: McpTestServer
) -> None:
    with mcp_rig(qtbot, qloop, tmp_path, mcp_server.url) as rig:
        ask(rig)
        click(rig, "deny")
        assert reply(rig, 0) == DECLINED
        [asked] = rig.rows_of(RowKind.APPROVAL)
        assert asked.approved is False
        assert "declined: The user declined this call." in body(asked)
        assert 'class="bad"' in body(asked)
        assert not rig.rows_of(RowKind.TOOL)
        responses = [
            event["item"]
            for event in rig.sim.received
            if event.get("type") == "conversation.item.create"
            and event["item"]["type"] == "mcp_approval_response"
        ]
        assert [(r["approve"], r.get("reason")) for r in responses] == [
            (False, "The user declined this call.")
        ]
    assert "tools/call" not in mcp_server.methods()


def test_always_answers_later_requests_of_that_tool_without_asking(
    qtbot: QtBot, qloop: Any, tmp_path: Path, mcp_server: McpTestServer
) -> None:
    with mcp_rig(qtbot, qloop, tmp_path, mcp_server.url) as rig:
        remembered: list[str] = []
        rig.app.tools.on_always.append(remembered.append)  # the app saves these to the settings
        asked = counting_asks(rig)
        ask(rig)
        click(rig, "always")
        assert reply(rig, 0) == ANSWER
        assert remembered == [KEY]

        type_message(rig, QUESTION)  # asks again: approved at once
        assert reply(rig, 1) == ANSWER
        assert len(asked) == 1 and rig.app.approver.dialog is None
        assert mcp_server.methods().count("tools/call") == 2
        assert [row.approved for row in rig.rows_of(RowKind.APPROVAL)] == [True, True]


@pytest.mark.parametrize("permission", ["allow", "deny"])
def test_a_saved_permission_answers_without_asking(
    qtbot: QtBot, qloop: Any, tmp_path: Path, mcp_server: McpTestServer, permission: str
) -> None:
    answer = {"allow": ANSWER, "deny": DECLINED}[permission]
    settings = AppSettings(tool_permissions={KEY: permission})
    with mcp_rig(qtbot, qloop, tmp_path, mcp_server.url, settings) as rig:
        asked = counting_asks(rig)
        ask(rig)
        assert reply(rig, 0) == answer
        assert asked == []


def test_a_dropped_connection_withdraws_the_prompt(
    qtbot: QtBot, qloop: Any, tmp_path: Path, mcp_server: McpTestServer
) -> None:
    with mcp_rig(qtbot, qloop, tmp_path, mcp_server.url) as rig:
        ask(rig)
        gone: list[bool] = []
        dialog(rig).destroyed.connect(lambda: gone.append(True))
        rig.sim.inject(Fault.drop_after(0))
        rig.wait(lambda: rig.rows_of(RowKind.APPROVAL)[0].withdrawn)
        rig.wait(lambda: gone)  # the prompt closed itself
        withdrawn = rig.rows_of(RowKind.APPROVAL)[0]
        assert withdrawn.approved is None and "withdrawn" in body(withdrawn)

        # The new server session replies to the owed turn (here before its listing is done,
        # so without the tool); the user can ask again and approve.
        reply(rig, 0)
        assert rig.app.approver.dialog is None and "tools/call" not in mcp_server.methods()
        rig.wait(lambda: len(rig.rows_of(RowKind.MCP_TOOLS)) == 2 and listed(rig).final)
        type_message(rig, QUESTION)
        click(rig, "allow_once")
        assert reply(rig, 1) == ANSWER
        assert mcp_server.methods().count("tools/call") == 1
        assert [row.approved for row in rig.rows_of(RowKind.APPROVAL)] == [None, True]


def test_a_server_that_cannot_list_its_tools_is_one_notice(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    with mcp_rig(qtbot, qloop, tmp_path, "http://127.0.0.1:9/mcp") as rig:  # nothing listens
        rig.wait(lambda: any(row.error for row in rig.rows_of(RowKind.MCP_TOOLS)))
        message = "The MCP server docs could not list its tools, so they are unavailable."
        assert rig.window.status.message.full_text == message
        [listing] = rig.rows_of(RowKind.MCP_TOOLS)
        assert "docs: could not list its tools" in body(listing) and 'class="bad"' in body(listing)
        type_message(rig, QUESTION)  # the conversation goes on without the tool
        reply(rig, 0)
        assert rig.app.approver.dialog is None and not rig.rows_of(RowKind.APPROVAL)
