"""A minimal MCP client over Streamable HTTP (JSON-RPC 2.0), standard library only, blocking.

The simulator plays the Realtime service, which talks to a session's remote MCP servers
itself. Each operation is one short exchange: ``initialize``, ``notifications/initialized``,
then ``tools/list`` or ``tools/call``, every request a POST with ``Accept: application/json,
text/event-stream`` (the ``Mcp-Session-Id`` the server hands out is sent back). A reply is
either a JSON body or an SSE stream whose ``data:`` lines carry JSON-RPC messages; the one
with our request's id is the answer. Callers run these functions in a worker thread
(``asyncio.to_thread``). Failures raise `McpFailure` with the kind the Realtime API reports
(``http_error``, ``protocol_error``, ``tool_execution_error``) and one plain sentence that
never contains the request's headers (they may carry the user's token).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

PROTOCOL_VERSION = "2025-06-18"
TIMEOUT_SECONDS = 10.0
CLIENT_INFO = {"name": "realtime-assistant-simulator", "version": "1"}


class McpFailure(Exception):
    """An MCP exchange failed; `kind` and `code` follow the Realtime `mcp_call.error` shapes."""

    def __init__(self, kind: str, code: int, message: str) -> None:
        super().__init__(message)
        self.kind, self.code, self.message = kind, code, message

    def to_error(self) -> dict[str, Any]:
        """The ``error`` object of an ``mcp_call`` item."""
        if self.kind == "tool_execution_error":
            return {"type": self.kind, "message": self.message}
        return {"type": self.kind, "code": self.code, "message": self.message}


@dataclass(frozen=True)
class McpServer:
    """Where a session's `mcp` tool points: its URL and the headers to send (token included)."""

    label: str
    url: str = field(repr=False)  # a query may hold a key
    headers: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def from_tool(cls, tool: dict[str, Any]) -> McpServer:
        headers = dict(tool.get("headers") or {})
        if tool.get("authorization"):
            headers["Authorization"] = f"Bearer {tool['authorization']}"
        return cls(str(tool["server_label"]), str(tool.get("server_url", "")), headers)

    @property
    def shown_url(self) -> str:
        """The URL without query or credentials, for messages."""
        parts = urllib.parse.urlsplit(self.url)
        return (
            f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}{parts.path}"
        )


def list_tools(server: McpServer) -> list[dict[str, Any]]:
    """The server's tools (``name``, ``description``, ``inputSchema``, ``annotations``)."""
    result = _Exchange(server).request("tools/list", {})
    tools = result.get("tools")
    if not isinstance(tools, list):
        raise McpFailure("protocol_error", -32603, "The MCP server sent no tool list.")
    return [tool for tool in tools if isinstance(tool, dict) and isinstance(tool.get("name"), str)]


def call_tool(server: McpServer, name: str, arguments: dict[str, Any]) -> str:
    """The text output of ``tools/call``; a result flagged ``isError`` raises."""
    result = _Exchange(server).request("tools/call", {"name": name, "arguments": arguments})
    text = _result_text(result)
    if result.get("isError"):
        raise McpFailure("tool_execution_error", 0, text or f"The tool {name} failed.")
    return text


def _result_text(result: dict[str, Any]) -> str:
    content = result.get("content")
    parts = [
        part["text"]
        for part in (content if isinstance(content, list) else [])
        if isinstance(part, dict)
        and part.get("type") == "text"
        and isinstance(part.get("text"), str)
    ]
    if parts:
        return "\n".join(parts)
    structured = result.get("structuredContent")
    return json.dumps(structured) if structured is not None else ""


class _Exchange:
    """One initialized MCP session over HTTP: `request` initializes on first use."""

    def __init__(self, server: McpServer) -> None:
        self.server = server
        self.session_id: str | None = None
        self.next_id = 1
        self.initialized = False

    def request(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if not self.initialized:
            self.initialized = True
            init = {
                "protocolVersion": PROTOCOL_VERSION,
                "capabilities": {},
                "clientInfo": CLIENT_INFO,
            }
            self.request("initialize", init)
            self._post({"jsonrpc": "2.0", "method": "notifications/initialized"})
        request_id = self.next_id
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}
        return _answer(self._post(message), request_id)

    def _post(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        headers = {
            **self.server.headers,
            "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream",
            "MCP-Protocol-Version": PROTOCOL_VERSION,
        }
        if self.session_id:
            headers["Mcp-Session-Id"] = self.session_id
        request = urllib.request.Request(  # noqa: S310 (the URL is the session's MCP server)
            self.server.url, json.dumps(message).encode(), headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                self.session_id = response.headers.get("Mcp-Session-Id") or self.session_id
                body = response.read().decode("utf-8", "replace")
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            message_text = f"The MCP server at {self.server.shown_url} answered HTTP {error.code}."
            raise McpFailure("http_error", error.code, message_text) from None
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            text = f"Could not reach the MCP server at {self.server.shown_url} ({reason})."
            raise McpFailure("http_error", 0, text) from None
        return _messages(body, kind)


def _messages(body: str, content_type: str) -> list[dict[str, Any]]:
    """The JSON-RPC messages of a reply body: one JSON value, or the data of SSE events."""
    if not body.strip():
        return []
    if content_type == "text/event-stream":
        texts, data = [], []
        for line in [*body.splitlines(), ""]:
            if line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
            elif not line and data:
                texts.append("\n".join(data))
                data = []
    else:
        texts = [body]
    messages: list[dict[str, Any]] = []
    for text in texts:
        try:
            value = json.loads(text)
        except ValueError:
            raise McpFailure(
                "protocol_error", -32700, "The MCP server sent invalid JSON."
            ) from None
        values = value if isinstance(value, list) else [value]
        messages += [v for v in values if isinstance(v, dict)]
    return messages


def _answer(messages: list[dict[str, Any]], request_id: int) -> dict[str, Any]:
    for message in messages:
        if message.get("id") != request_id:
            continue
        error = message.get("error")
        if isinstance(error, dict):
            code = error["code"] if isinstance(error.get("code"), int) else -32603
            text = str(error.get("message") or "The MCP server reported an error.")
            raise McpFailure("protocol_error", code, text)
        result = message.get("result")
        return result if isinstance(result, dict) else {}
    raise McpFailure("protocol_error", -32603, "The MCP server did not answer the request.")
