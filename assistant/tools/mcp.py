"""Remote MCP servers from the user tools file, as GA `mcp` tools for the session config.

The model calls an MCP server's tools itself (the server, not this app, runs them); the app
only declares the server. `authorization` names a keyring secret that is read when the session
config is built; a missing secret leaves that server out and says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from assistant.settings.secrets import SecretStore
from assistant.text import QT_TRANSLATE_NOOP, Sentence, reason_of
from assistant.tools.templates import MissingSecret, read_secret

LEFT_OUT = QT_TRANSLATE_NOOP("Tools", "MCP server {server} is left out: {why}.")

APPROVALS = ("always", "never")


def permission_key(server_label: str, tool: str) -> str:
    """The key of the user's permission for one MCP tool (in `AppSettings.tool_permissions`)."""
    return f"mcp:{server_label}:{tool}"


@dataclass(frozen=True)
class McpServer:
    server_label: str
    server_url: str
    allowed_tools: tuple[str, ...] | None = None
    require_approval: str = "always"
    authorization: str | None = None  # the name of a keyring secret, never the secret
    description: str = ""

    def tool(self, secrets: SecretStore | None) -> dict[str, Any]:
        """The GA tool definition; ValueError with a sentence when its secret is missing."""
        tool: dict[str, Any] = {
            "type": "mcp",
            "server_label": self.server_label,
            "server_url": self.server_url,
            "require_approval": self.require_approval,
        }
        if self.description:
            tool["server_description"] = self.description
        if self.allowed_tools is not None:
            tool["allowed_tools"] = list(self.allowed_tools)
        if self.authorization:
            tool["authorization"] = self._secret(secrets, self.authorization)
        return tool

    def _secret(self, secrets: SecretStore | None, name: str) -> str:
        try:
            return read_secret(secrets, name)
        except MissingSecret as missing:
            why = reason_of(missing)
            raise ValueError(
                Sentence("Tools", LEFT_OUT, server=self.server_label, why=why)
            ) from None


def mcp_tools(
    servers: Iterable[McpServer], secrets: SecretStore | None
) -> tuple[list[dict[str, Any]], list[str]]:
    """The tools of the servers whose secrets are available, and a sentence for each other."""
    tools, problems = [], []
    for server in servers:
        try:
            tools.append(server.tool(secrets))
        except ValueError as problem:
            problems.append(reason_of(problem))
    return tools, problems
