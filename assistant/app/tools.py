"""The app's tools: the registry built from the settings, the desktop and the user tools file.

`AppTools` owns the `ToolRegistry` the core answers calls with. It is rebuilt when the settings
change or the user reloads the tools file; listeners of "Always" survive a rebuild. The desktop
parts the built-ins need are Qt's clipboard and browser, and the history store on disk; tests
pass their own `ToolServices`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from assistant.settings.secrets import SecretStore
from assistant.settings.store import AppSettings
from assistant.store import HistoryStore, SearchHit, StoreError
from assistant.tools import (
    Clipboard,
    Desktop,
    HistorySearch,
    ToolRegistry,
    UrlOpener,
    UserTools,
    builtin_tools,
    load_user_tools,
    mcp_tools,
    user_tools_path,
)
from assistant.tools.userfile import LoadError
from assistant.ui.i18n import localize


class QtClipboard:
    def read_text(self) -> str:
        clipboard = QGuiApplication.clipboard()
        return clipboard.text() if clipboard is not None else ""


class QtBrowser:
    def open_url(self, url: str) -> bool:
        return bool(QDesktopServices.openUrl(QUrl(url)))


class StoredHistory:
    """Searches the history database on disk; opened per search, so it is never held open."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        try:
            with HistoryStore.open(self.path) as store:
                return store.search(text, limit)
        except StoreError:
            return []


@dataclass(frozen=True)
class ToolServices:
    """What the tools may use on this desktop (None leaves a part out)."""

    clipboard: Clipboard | None = None
    opener: UrlOpener | None = None
    history: HistorySearch | None = None
    secrets: SecretStore | None = None
    user_file: Path | None = None

    @classmethod
    def desktop(cls, secrets: SecretStore | None) -> ToolServices:
        """The real desktop: Qt's clipboard and browser, the history on disk, the tools file."""
        return cls(QtClipboard(), QtBrowser(), StoredHistory(), secrets, user_tools_path())


@dataclass
class AppTools:
    """The registry and the user tools file as loaded; see the module docstring."""

    services: ToolServices
    offer_mcp: bool = True  # the preview (beta) protocol has no MCP tools
    on_always: list[Callable[[str], None]] = field(default_factory=list)
    registry: ToolRegistry = field(default_factory=ToolRegistry)
    user: UserTools = field(default_factory=lambda: UserTools(Path()))

    @classmethod
    def build(cls, settings: AppSettings, services: ToolServices, **options: Any) -> AppTools:
        tools = cls(services, **options)
        tools.apply(settings)
        return tools

    def apply(self, settings: AppSettings) -> None:
        """Rebuild the registry with `settings` and the tools file as it is now on disk."""
        services = self.services
        desktop = Desktop(
            clipboard=services.clipboard, opener=services.opener, history=services.history
        )
        registry = ToolRegistry.of(
            builtin_tools(desktop),
            permissions=settings.tool_permissions,
            disabled=settings.tools_disabled,
        )
        registry.on_always.append(self._always)
        path = services.user_file
        self.user = load_user_tools(path, registry, services.secrets) if path else UserTools(Path())
        self.registry = registry

    def _always(self, name: str) -> None:
        for listener in self.on_always:
            listener(name)

    def session_tools(self) -> tuple[tuple[dict[str, Any], ...], list[str]]:
        """The tools for the session config, and a sentence for each MCP server left out."""
        if not self.offer_mcp:
            return self.registry.schemas(), []
        servers, problems = mcp_tools(self.user.servers, self.services.secrets)
        return (*self.registry.schemas(), *servers), problems


def load_error_text(error: LoadError) -> str:
    """A tools file problem as `file:line: reason`, the reason in the user's language."""
    return f"{error.file}:{error.line}: {localize(error.reason)}"
