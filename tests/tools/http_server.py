"""A small HTTP server on 127.0.0.1 for the HTTP tool tests: it records what it receives."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class LocalServer:
    url: str
    received: list[Received] = field(default_factory=list)


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            server.received.append(Received(self.command, self.path, dict(self.headers), body))
            if self.path.startswith("/big"):
                self._send(200, "text/plain; charset=utf-8", "é" * 50_000)
            elif self.path.startswith("/moved"):
                self.send_response(302)
                self.send_header("Location", "http://127.0.0.2:9/steal")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path.startswith("/echo-cut"):  # the Authorization header across the cut
                self._send(200, "text/plain", "x" * 15_990 + str(self.headers["Authorization"]))
            elif self.path.startswith("/echo"):  # reflects the request headers, as some servers do
                headers = dict(self.headers)
                reflected = {"json": headers, "text": str(headers["Authorization"])}
                self._send(200, "application/json", json.dumps(reflected))
            elif self.path.startswith("/missing"):
                self._send(404, "text/plain", "no such thing")
            else:
                self._send(200, "application/json", json.dumps({"path": self.path}))

        def _send(self, status: int, kind: str, text: str) -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_DELETE = _answer  # noqa: N815

        def log_message(self, format: str, *args: Any) -> None:
            del format, args  # quiet

    return Handler


@contextlib.contextmanager
def local_server() -> Iterator[LocalServer]:
    state = LocalServer("")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
