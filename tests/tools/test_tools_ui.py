"""The approval dialog, the approver behind the registry, and the Tools settings page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QTabWidget
from pytestqt.qtbot import QtBot

from assistant.app.approvals import DialogApprover
from assistant.app.tools import AppTools, ToolServices
from assistant.app.tools_page_flow import ToolsPageFlow, catalog_of
from assistant.settings.store import AppSettings
from assistant.tools import ApprovalRequest, Decision, Permission
from assistant.tools.userfile import EXAMPLE
from assistant.ui.approval import ApprovalDialog
from assistant.ui.settings_dialog import SettingsDialog
from assistant.ui.tools_page import ToolsPage

REQUEST = ApprovalRequest("open_url", {"url": "https://example.com", "new_tab": True}, "Opens")


def decisions_of(dialog: ApprovalDialog) -> list[Decision]:
    seen: list[Decision] = []
    dialog.decided.connect(seen.append)
    return seen


def test_the_dialog_shows_the_tool_and_its_arguments(qtbot: QtBot) -> None:
    dialog = ApprovalDialog(REQUEST)
    qtbot.addWidget(dialog)
    assert "open_url" in dialog.question.text() and "this computer" in dialog.question.text()
    assert dialog.description.text() == "Opens"
    assert dialog.arguments.toPlainText() == (
        '{\n  "new_tab": true,\n  "url": "https://example.com"\n}'
    )
    assert dialog.deny.isDefault()  # Enter alone never allows
    mcp = ApprovalDialog(ApprovalRequest("ask_question", {"q": "x"}, server_label="deepwiki"))
    qtbot.addWidget(mcp)
    assert "ask_question" in mcp.question.text() and "MCP server deepwiki" in mcp.question.text()
    assert not mcp.description.isVisibleTo(mcp)


def test_each_button_and_escape_give_one_decision(qtbot: QtBot) -> None:
    for button, expected in (("allow_once", Decision.ONCE), ("always", Decision.ALWAYS),
                             ("deny", Decision.DENY)):  # fmt: skip
        dialog = ApprovalDialog(REQUEST)
        qtbot.addWidget(dialog)
        seen = decisions_of(dialog)
        dialog.open()
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
        dialog.reject()  # a later close changes nothing
        assert seen == [expected] and not dialog.isVisible()
    escaped = ApprovalDialog(REQUEST)
    qtbot.addWidget(escaped)
    seen = decisions_of(escaped)
    escaped.open()
    qtbot.waitExposed(escaped)
    qtbot.keyClick(escaped, Qt.Key.Key_Escape)
    assert seen == [Decision.DENY]


def test_the_approver_asks_one_request_at_a_time(qtbot: QtBot, qloop: Any) -> None:
    approver = DialogApprover()
    first = qloop.create_task(approver(REQUEST))
    second = qloop.create_task(approver(ApprovalRequest("read_clipboard", {})))
    qtbot.waitUntil(lambda: approver.dialog is not None)
    assert approver.dialog is not None and approver.dialog.request is REQUEST
    qtbot.wait(20)
    assert approver.dialog.request is REQUEST  # the second waits behind the first
    qtbot.mouseClick(approver.dialog.always, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(first.done)
    qtbot.waitUntil(lambda: approver.dialog is not None and approver.dialog.request.tool ==
                    "read_clipboard")  # fmt: skip
    approver.dialog.reject()
    qtbot.waitUntil(second.done)
    assert (first.result(), second.result()) == (Decision.ALWAYS, Decision.DENY)
    assert approver.dialog is None


def test_a_cancelled_request_closes_its_dialog(qtbot: QtBot, qloop: Any) -> None:
    approver = DialogApprover()
    task = qloop.create_task(approver(REQUEST))
    qtbot.waitUntil(lambda: approver.dialog is not None)
    dialog = approver.dialog
    assert dialog is not None
    gone: list[object] = []
    dialog.destroyed.connect(lambda *_: gone.append(True))
    task.cancel()
    qtbot.waitUntil(lambda: task.done() and bool(gone))  # closed and deleted
    assert task.cancelled() and approver.dialog is None


TOOLS_FILE = """
[[tool]]
name = "look_up"
description = "Look it up"
url = "https://example.com/{q}"
parameters = { type = "object", properties = { q = { type = "string" } } }

[[tool]]
name = "broken"
comand = ["ls"]

[[mcp]]
server_label = "deepwiki"
server_url = "https://mcp.deepwiki.com/mcp"
"""


def app_tools(tmp_path: Path, settings: AppSettings, text: str = TOOLS_FILE) -> AppTools:
    path = tmp_path / "tools.toml"
    path.write_text(text)
    return AppTools.build(settings, ToolServices(user_file=path))


def widgets(page: ToolsPage, name: str) -> tuple[QCheckBox, QComboBox | None]:
    row = page.row_of(name)
    on, choice = page.table.cellWidget(row, 0), page.table.cellWidget(row, 3)
    assert isinstance(on, QCheckBox)
    return on, choice if isinstance(choice, QComboBox) else None


def test_the_tools_page_lists_tools_and_edits_the_settings(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(tool_permissions={"get_current_time": "ask"}, tools_disabled=["x"])
    page = ToolsPageFlow(app_tools(tmp_path, settings), lambda: None).page(settings)
    qtbot.addWidget(page)
    names = [page.table.item(r, 1).text() for r in range(page.table.rowCount())]
    assert names == ["get_current_time", "calculate", "look_up", "deepwiki"]
    assert page.table.item(page.row_of("look_up"), 1).toolTip() == "Look it up"
    time_on, time_choice = widgets(page, "get_current_time")
    assert time_on.isChecked()
    assert time_choice is not None and time_choice.currentData() is Permission.ASK
    look_on, look_choice = widgets(page, "look_up")
    assert look_choice is not None and look_choice.currentData() is Permission.ASK  # default
    mcp_on, mcp_choice = widgets(page, "deepwiki")
    assert mcp_choice is None and not mcp_on.isEnabled()
    assert page.table.item(page.row_of("deepwiki"), 3).text() == "Ask each time (set in the file)"
    assert page.errors_label.isVisibleTo(page)
    assert f"{tmp_path / 'tools.toml'}:10: unknown key 'comand'" in page.errors_label.text()

    time_choice.setCurrentIndex(time_choice.findData(Permission.ALLOW))  # back to its default
    look_choice.setCurrentIndex(look_choice.findData(Permission.DENY))
    qtbot.mouseClick(look_on, Qt.MouseButton.LeftButton)
    chosen = page.apply(AppSettings(voice="cedar"))
    assert chosen.voice == "cedar"
    assert chosen.tool_permissions == {"look_up": "deny"}
    assert chosen.tools_disabled == ["look_up", "x"]


def test_reload_shows_the_file_as_it_is_now(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings()
    tools = app_tools(tmp_path, settings)
    reloads: list[int] = []

    def reload() -> None:
        reloads.append(1)
        tools.apply(settings)

    page = ToolsPageFlow(tools, reload).page(settings)
    qtbot.addWidget(page)
    (tmp_path / "tools.toml").write_text('[[tool]]\nname = "fixed"\ncommand = ["true"]\n')
    qtbot.mouseClick(page.reload_button, Qt.MouseButton.LeftButton)
    assert reloads == [1]
    names = [page.table.item(r, 1).text() for r in range(page.table.rowCount())]
    assert names == ["get_current_time", "calculate", "fixed"]
    assert not page.errors_label.isVisibleTo(page)


def test_open_creates_the_file_with_examples_and_opens_it(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "config" / "tools.toml"
    tools = AppTools.build(AppSettings(), ToolServices(user_file=path))
    opened: list[Path] = []
    flow = ToolsPageFlow(tools, lambda: None, open_file=lambda p: bool(opened.append(p)) or True)
    page = flow.page(AppSettings())
    qtbot.addWidget(page)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert opened == [path] and path.read_text() == EXAMPLE
    tools.apply(AppSettings())
    assert tools.user.errors == [] and tools.user.tools == []  # the examples are comments
    assert catalog_of(tools).path == path


def test_the_settings_dialog_has_a_tools_tab_that_saves(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(provider="demo")
    page = ToolsPageFlow(app_tools(tmp_path, settings), lambda: None).page(settings)
    dialog = SettingsDialog(settings, pages=[page])
    qtbot.addWidget(dialog)
    tabs = dialog.findChild(QTabWidget)
    assert tabs is not None and tabs.tabText(tabs.count() - 1) == "Tools"
    on, _ = widgets(page, "calculate")
    on.setChecked(False)
    assert dialog.values().settings.tools_disabled == ["calculate"]
