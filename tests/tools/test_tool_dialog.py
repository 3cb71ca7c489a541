"""Adding, editing and deleting user tools from the Tools page: the dialog checks each change
with the tools file's rules, and saving writes only that table into tools.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from assistant.app.tools import AppTools, ToolServices
from assistant.app.tools_page_flow import ToolsPageFlow
from assistant.settings.store import AppSettings
from assistant.tools import Permission
from assistant.ui.tool_dialog import ToolDialog
from assistant.ui.tools_page import ToolsPage

FILE = """\
# My tools: keep this comment
[[tool]]
name = "disk_usage"   # how big a folder is
description = "How much space a folder takes"
command = ["du", "-sh", "{path}"]
parameters = { type = "object", properties = { path = { type = "string" } } }

# a broken one, kept as it is
[[tool]]
name = "broken"
comand = ["ls"]

[[mcp]]
server_label = "deepwiki"
server_url = "https://mcp.deepwiki.com/mcp"
"""
SCHEMA = '{"type": "object", "required": ["city"], "properties": {"city": {"type": "string"}}}'


def page_of(qtbot: QtBot, tmp_path: Path, text: str = FILE) -> tuple[ToolsPageFlow, ToolsPage]:
    path = tmp_path / "tools.toml"
    path.write_text(text)
    settings = AppSettings()
    tools = AppTools.build(settings, ToolServices(user_file=path))
    flow = ToolsPageFlow(tools, lambda: tools.apply(settings))
    page = flow.page(settings)
    qtbot.addWidget(page)
    return flow, page


def names(page: ToolsPage) -> list[str]:
    return [page.table.item(r, 1).text() for r in range(page.table.rowCount())]


def shown_errors(dialog: ToolDialog) -> dict[str | None, str]:
    return {key: label.text() for key, label in dialog.errors.items() if label.isVisibleTo(dialog)}


def select(page: ToolsPage, name: str) -> None:
    page.table.selectRow(page.row_of(name))


def open_dialog(qtbot: QtBot, flow: ToolsPageFlow, button: object) -> ToolDialog:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    dialog = flow.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_an_http_tool_is_added_after_its_mistakes_are_fixed(qtbot: QtBot, tmp_path: Path) -> None:
    flow, page = page_of(qtbot, tmp_path)
    assert page.errors_label.isVisibleTo(page)  # the broken entry is reported...
    dialog = open_dialog(qtbot, flow, page.add_button)  # ...and adding still works
    assert not dialog.save_button.isEnabled()
    assert shown_errors(dialog) == {"name": "name is required"}

    qtbot.keyClicks(dialog.name, "get weather")
    assert "must be 1-64 letters" in shown_errors(dialog)["name"]
    dialog.name.setText("weather")
    assert shown_errors(dialog) == {"url": "url is required"}
    qtbot.keyClicks(dialog.url, "ftp://wttr.in/{city}")
    assert shown_errors(dialog) == {
        "url": "url must start with http:// or https:// and name a host"
    }
    dialog.url.setText("https://wttr.in/{city}?format=3")
    assert shown_errors(dialog) == {"url": "{city} in url is not one of the parameters"}
    dialog.parameters.setPlainText('{"type": "object", "properties": {"city": {"type": 5}}}')
    assert "the parameters schema is invalid" in shown_errors(dialog)["parameters"]
    dialog.parameters.setPlainText('{"type": "object",')
    assert "not valid JSON" in shown_errors(dialog)["parameters"]
    assert not dialog.save_button.isEnabled()

    dialog.parameters.setPlainText(SCHEMA)
    dialog.headers.setPlainText("Authorization Bearer")
    assert "Name: value" in shown_errors(dialog)["headers"]
    dialog.headers.setPlainText("Authorization: Bearer {secret:weather-token}")
    dialog.description.setText('Current "weather"')
    dialog.name.setText("disk_usage")
    assert shown_errors(dialog) == {"name": "there is already a tool named disk_usage"}
    assert not dialog.save_button.isEnabled()
    dialog.name.setText("weather")
    dialog.permission.setCurrentIndex(dialog.permission.findData(Permission.ALLOW))
    assert shown_errors(dialog) == {} and dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    text = (tmp_path / "tools.toml").read_text()
    assert text.startswith(FILE)  # every other entry and comment is kept
    assert text[len(FILE) :] == (
        "\n[[tool]]\n"
        'name = "weather"\n'
        'description = "Current \\"weather\\""\n'
        'method = "GET"\n'
        'url = "https://wttr.in/{city}?format=3"\n'
        'headers = { Authorization = "Bearer {secret:weather-token}" }\n'
        "timeout = 10\n"
        'permission = "allow"\n'
        'parameters = { type = "object", required = ["city"], '
        'properties = { city = { type = "string" } } }\n'
    )
    assert tomllib.loads(text)["tool"][-1]["description"] == 'Current "weather"'
    assert names(page) == ["get_current_time", "calculate", "disk_usage", "weather", "deepwiki"]
    assert flow.tools.registry.permission("weather") is Permission.ALLOW
    assert "unknown key 'comand'" in page.errors_label.text()  # still reported


def test_a_command_tool_is_edited_in_place(qtbot: QtBot, tmp_path: Path) -> None:
    flow, page = page_of(qtbot, tmp_path)
    select(page, "calculate")
    assert not page.edit_button.isEnabled() and not page.delete_button.isEnabled()  # built-in
    select(page, "disk_usage")
    dialog = open_dialog(qtbot, flow, page.edit_button)
    assert dialog.kind.currentData() == "command" and not dialog.url.isVisibleTo(dialog)
    assert dialog.command.toPlainText() == "du\n-sh\n{path}"
    assert dialog.save_button.isEnabled()  # its own name is not a duplicate

    dialog.command.setPlainText("du\n-sh\n--max-depth={depth}\n{path}")
    assert shown_errors(dialog) == {
        "command": "the placeholder in '--max-depth={depth}' must be a whole element of command"
    }
    dialog.command.setPlainText("du\n-sh\n{depth}\n{path}")
    assert shown_errors(dialog) == {"command": "{depth} in command is not one of the parameters"}
    dialog.command.setPlainText("du\n-s\n{path}")
    dialog.name.setText("folder_size")
    dialog.timeout.setValue(30)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    text = (tmp_path / "tools.toml").read_text()
    edited = (
        '[[tool]]\nname = "folder_size"\ndescription = "How much space a folder takes"\n'
        'command = ["du", "-s", "{path}"]\ntimeout = 30\npermission = "ask"\n'
        'parameters = { type = "object", properties = { path = { type = "string" } } }\n'
    )
    assert text == FILE.replace(FILE[FILE.index("[[tool]]") : FILE.index("\n# a broken")], edited)
    assert names(page) == ["get_current_time", "calculate", "folder_size", "deepwiki"]
    assert not page.edit_button.isEnabled()  # the selection went with the old list


def test_a_user_tool_is_deleted_after_confirmation(qtbot: QtBot, tmp_path: Path) -> None:
    _flow, page = page_of(qtbot, tmp_path)
    select(page, "disk_usage")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.confirm is not None and "disk_usage" in page.confirm.text()
    page.confirm.button(QMessageBox.StandardButton.Cancel).click()
    assert (tmp_path / "tools.toml").read_text() == FILE

    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    page.confirm.button(QMessageBox.StandardButton.Yes).click()
    kept = "# My tools: keep this comment\n" + FILE[FILE.index("# a broken") :]
    assert (tmp_path / "tools.toml").read_text() == kept
    assert names(page) == ["get_current_time", "calculate", "deepwiki"]
    assert "unknown key 'comand'" in page.errors_label.text()


def test_a_file_changed_behind_the_page_is_not_overwritten(qtbot: QtBot, tmp_path: Path) -> None:
    flow, page = page_of(qtbot, tmp_path)
    select(page, "disk_usage")
    dialog = open_dialog(qtbot, flow, page.edit_button)
    (tmp_path / "tools.toml").write_text("# rewritten elsewhere\n")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # nothing is lost: the dialog stays open
    assert "changed since it was read" in shown_errors(dialog)[None]
    assert (tmp_path / "tools.toml").read_text() == "# rewritten elsewhere\n"


def test_an_mcp_server_is_edited_and_another_added(qtbot: QtBot, tmp_path: Path) -> None:
    flow, page = page_of(qtbot, tmp_path)
    select(page, "deepwiki")
    dialog = open_dialog(qtbot, flow, page.edit_button)
    assert dialog.kind.currentData() == "mcp" and not dialog.parameters.isVisibleTo(dialog)
    assert dialog.url.text() == "https://mcp.deepwiki.com/mcp" and dialog.save_button.isEnabled()
    dialog.url.setText("mcp.deepwiki.com/mcp")
    assert shown_errors(dialog) == {"url": "server_url must start with https:// (or http://)"}
    dialog.url.setText("https://mcp.deepwiki.com/mcp")
    dialog.allowed_tools.setText("ask_question, read_wiki_structure")
    dialog.authorization.setText("deepwiki-token")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text = (tmp_path / "tools.toml").read_text()
    assert text == FILE[: FILE.index("[[mcp]]")] + (
        '[[mcp]]\nserver_label = "deepwiki"\nserver_url = "https://mcp.deepwiki.com/mcp"\n'
        'allowed_tools = ["ask_question", "read_wiki_structure"]\n'
        'require_approval = "always"\nauthorization = "deepwiki-token"\n'
    )
    [server] = flow.tools.user.servers
    assert server.allowed_tools == ("ask_question", "read_wiki_structure")

    dialog = open_dialog(qtbot, flow, page.add_button)
    dialog.kind.setCurrentIndex(dialog.kind.findData("mcp"))
    qtbot.keyClicks(dialog.name, "deepwiki")
    dialog.url.setText("https://example.com/mcp")
    assert "must be unique" in shown_errors(dialog)["name"]
    dialog.name.setText("other")
    dialog.require_approval.setCurrentIndex(dialog.require_approval.findData("never"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [s.server_label for s in flow.tools.user.servers] == ["deepwiki", "other"]
    assert names(page)[-2:] == ["deepwiki", "other"]
