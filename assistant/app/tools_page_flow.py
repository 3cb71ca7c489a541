"""The Tools page's side effects: open the tools file in an editor, reload it into the session.

Opening creates the file with commented examples when it does not exist yet. Reloading reads it
again, applies it to the running session at once (the model is offered the new tools), and
shows the new list and the file's load errors on the page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from assistant.app.tools import AppTools
from assistant.settings.store import AppSettings
from assistant.tools.userfile import EXAMPLE
from assistant.ui.tools_page import ToolEntry, ToolsCatalog, ToolsPage


def catalog_of(tools: AppTools) -> ToolsCatalog:
    registry = tools.registry
    entries = [ToolEntry(t.name, t.description, t.source, t.permission) for t in registry.tools]
    entries += [
        ToolEntry(s.server_label, s.server_url, "mcp", s.require_approval)
        for s in tools.user.servers
    ]
    errors = [str(error) for error in tools.user.errors]
    return ToolsCatalog(entries, tools.services.user_file, errors)


def open_in_editor(path: Path) -> bool:
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


class ToolsPageFlow:
    """Makes the Tools page for the settings dialog and carries out Open and Reload."""

    def __init__(
        self,
        tools: AppTools,
        reload: Callable[[], None],
        open_file: Callable[[Path], bool] = open_in_editor,
    ) -> None:
        self.tools, self._reload, self._open = tools, reload, open_file

    def page(self, settings: AppSettings) -> ToolsPage:
        page = ToolsPage(catalog_of(self.tools), settings)
        page.open_file_requested.connect(self.open_file)
        page.reload_requested.connect(lambda: self.reload(page))
        return page

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
