"""A tiny MCP server for tests: JSON-RPC 2.0 over Streamable HTTP on 127.0.0.1, in a thread.

It answers ``initialize`` (handing out an ``Mcp-Session-Id``), ``notifications/initialized``
(202, no body), ``tools/list`` and ``tools/call`` for two tools: ``search_docs`` (returns a
sentence naming its ``query``) and ``broken_tool`` (a result flagged ``isError``). Replies are
JSON, or SSE when ``sse=True``. Every request is recorded (method, headers) for assertions.

    with McpTestServer() as server:
        ... server.url ...
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

SESSION_ID = "mcp-session-1"
TOOLS = [
    {
        "name": "search_docs",
        "description": "Search the product documentation.",
        "inputSchema": {
            "type": "object",
            "properties": {"query": {"type": "string"}},
            "required": ["query"],
        },
        "annotations": {"readOnlyHint": True},
    },
    {
        "name": "broken_tool",
        "description": "Always fails.",
        "inputSchema": {"type": "object", "properties": {}},
    },
]


def _call(params: dict[str, Any]) -> dict[str, Any]:
    name, arguments = params.get("name"), params.get("arguments") or {}
    if name == "search_docs":
        text = f"Found 3 pages about {arguments.get('query')}."
        return {"content": [{"type": "text", "text": text}], "isError": False}
    return {"content": [{"type": "text", "text": "The tool crashed."}], "isError": True}


class McpTestServer:
    """Serve on a free port of 127.0.0.1 until closed; `requests` lists (method, headers)."""

    def __init__(self, *, sse: bool = False) -> None:
        self.sse = sse
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/mcp"

    def methods(self) -> list[str]:
        return [method for method, _headers in self.requests]

    def __enter__(self) -> McpTestServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def answer(self, message: dict[str, Any]) -> dict[str, Any] | None:
        method, request_id = message.get("method"), message.get("id")
        if request_id is None:
            return None  # a notification
        if method == "initialize":
            result: dict[str, Any] = {
                "protocolVersion": message["params"]["protocolVersion"],
                "capabilities": {"tools": {}},
                "serverInfo": {"name": "test-mcp", "version": "1"},
            }
        elif method == "tools/list":
            result = {"tools": TOOLS}
        elif method == "tools/call" and message["params"].get("name") in {
            "search_docs",
            "broken_tool",
        }:
            result = _call(message["params"])
        else:
            error = {"code": -32602, "message": f"Unknown tool or method: {method}"}
            return {"jsonrpc": "2.0", "id": request_id, "error": error}
        return {"jsonrpc": "2.0", "id": request_id, "result": result}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                message = json.loads(body)
                server.requests.append((message.get("method", ""), dict(self.headers.items())))
                reply = server.answer(message)
                if reply is None:
                    self.send_response(202)
                    self.end_headers()
                    return
                if server.sse:
                    kind, data = (
                        "text/event-stream",
                        f"event: message\ndata: {json.dumps(reply)}\n\n",
                    )
                else:
                    kind, data = "application/json", json.dumps(reply)
                payload = data.encode()
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(payload)))
                self.send_header("Mcp-Session-Id", SESSION_ID)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                del format, args  # quiet: pytest output stays readable

        return Handler
