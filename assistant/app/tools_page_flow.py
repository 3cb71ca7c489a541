"""The Tools page's side effects: add, edit and delete user tools, open the file, reload it.

Opening creates the file with commented examples when it does not exist yet. Reloading reads it
again, applies it to the running session at once (the model is offered the new tools), and
shows the new list and the file's load errors on the page. Adding or editing a tool opens
`ToolDialog`, checked with the file's own rules; saving writes just that table into the file
(`assistant.tools.filewrite`) and reloads. Deleting removes the table and reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from assistant.app.tools import AppTools, load_error_text
from assistant.settings.store import AppSettings
from assistant.text import reason_of
from assistant.tools.filewrite import FileChanged, delete_table, save_table, table_text
from assistant.tools.userfile import EXAMPLE, UserEntry, entry_problem
from assistant.ui.i18n import localize, translate
from assistant.ui.tool_dialog import ToolDialog
from assistant.ui.tools_page import ToolEntry, ToolsCatalog, ToolsPage


def catalog_of(tools: AppTools) -> ToolsCatalog:
    registry = tools.registry
    entries = [ToolEntry(t.name, t.description, t.source, t.permission) for t in registry.tools]
    entries += [
        ToolEntry(s.server_label, s.server_url, "mcp", s.require_approval)
        for s in tools.user.servers
    ]
    errors = [load_error_text(error) for error in tools.user.errors]
    return ToolsCatalog(entries, tools.services.user_file, errors)


def not_written(problem: OSError | FileChanged) -> str:
    if isinstance(problem, FileChanged):
        return localize(reason_of(problem))
    return translate("Tools", "The tools file could not be written ({reason}).").format(
        reason=problem.strerror or problem
    )


def open_in_editor(path: Path) -> bool:
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


class ToolsPageFlow:
    """Makes the Tools page for the settings dialog and carries out its buttons."""

    def __init__(
        self,
        tools: AppTools,
        reload: Callable[[], None],
        open_file: Callable[[Path], bool] = open_in_editor,
    ) -> None:
        self.tools, self._reload, self._open = tools, reload, open_file
        self.dialog: ToolDialog | None = None

    def page(self, settings: AppSettings) -> ToolsPage:
        page = ToolsPage(catalog_of(self.tools), settings)
        page.open_file_requested.connect(self.open_file)
        page.reload_requested.connect(lambda: self.reload(page))
        page.add_requested.connect(lambda: self.edit(page, None))
        page.edit_requested.connect(lambda kind, name: self.edit(page, self.entry(kind, name)))
        page.delete_requested.connect(lambda kind, name: self.delete(page, kind, name))
        return page

    def edit(self, page: ToolsPage, entry: UserEntry | None) -> None:
        """Open the dialog for a new tool (`entry` None) or for `entry`; saving writes it."""
        path = self.tools.services.user_file
        if path is None:
            return
        dialog = ToolDialog(
            lambda kind, data: entry_problem(kind, data, self._taken(kind, entry)),
            entry.data if entry else None,
            page,
        )
        span = (entry.first, entry.last) if entry else None
        dialog.save_requested.connect(
            lambda kind, data: self._save(page, dialog, path, table_text(kind, data), span)
        )
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _taken(self, kind: str, editing: UserEntry | None) -> set[str]:
        """The names a new `kind` entry cannot have (an edited entry may keep its own)."""
        if kind == "mcp":
            names = {server.server_label for server in self.tools.user.servers}
        else:
            names = {tool.name for tool in self.tools.registry.tools}
        return names - {editing.name} if editing and editing.kind == kind else names

    def _save(
        self,
        page: ToolsPage,
        dialog: ToolDialog,
        path: Path,
        table: str,
        span: tuple[int, int] | None,
    ) -> None:
        try:
            save_table(path, table, span)
        except (OSError, FileChanged) as problem:
            dialog.show_problem(None, not_written(problem))
            return
        dialog.accept()
        self.reload(page)

    def entry(self, kind: str, name: str) -> UserEntry | None:
        return self.tools.user.entry(kind, name)

    def delete(self, page: ToolsPage, kind: str, name: str) -> None:
        entry = self.entry(kind, name)
        path = self.tools.services.user_file
        if entry is None or path is None:
            return
        try:
            delete_table(path, (entry.first, entry.last))
        except (OSError, FileChanged) as problem:
            page.errors_label.setText(not_written(problem))
            page.errors_label.setVisible(True)
            return
        self.reload(page)

    def open_file(self) -> None:
        path = self.tools.services.user_file
        if path is None:
            return
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(EXAMPLE, encoding="utf-8")
        self._open(path)

    def reload(self, page: ToolsPage) -> None:
        self._reload()
        page.show_catalog(catalog_of(self.tools))
