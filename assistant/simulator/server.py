"""The WebSocket server: the only module of the simulator that imports `websockets`.

`Simulator` accepts upgrades (`handshake.decide` picks the dialect or refuses with 401/404/400
and a short JSON body), creates one sans-I/O `ServerSession` per connection (a `LiveSimSession`
on a GPT-Live path) and runs it with a `Connection` over a thin adapter of the `websockets`
connection. A GA request carrying
``OpenAI-Beta: realtime=v1`` gets OpenAI's refusal: an ``error`` event with code
``beta_api_shape_disabled``, then close 4000.

Closing (Ctrl+C on the ``simulator`` command, the end of a test) sends every open session a
1001 close and waits `CLOSE_GRACE` seconds for the clients to answer; a client that does not
(it stopped reading, so the close frame sits behind a full socket buffer) is cut off then,
instead of after websockets' 10-second close timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Callable
from types import TracebackType
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from .connection import Connection
from .dialects import LIVE
from .events import error_event
from .handshake import Rejection, Route, decide
from .live_session import LiveSimSession
from .options import Fault, SimulatorOptions
from .session import ServerSession

logger = logging.getLogger(__name__)
MAX_MESSAGE_BYTES = 16 * 2**20  # the service accepts appends up to 15 MiB
CLOSE_GRACE = 1.0  # seconds a client has to answer the closing handshake
BETA_CLOSE_CODE = 4000
BETA_DISABLED = (
    "The Realtime Beta API is no longer supported. Please use /v1/realtime for the GA API."
)


class Simulator:
    """A local Realtime-compatible server; use as ``async with Simulator(options) as sim``.

    After start: `url` (GA, ``ws://HOST:PORT/v1/realtime``), `base_url`, `port`; `connections`
    counts accepted sessions; `received` lists every client event (JSON object) received, and
    `received_by_connection[i]` those of the i-th session (both stay empty unless
    `options.record`). `inject` arms a one-shot `Fault`.
    """

    def __init__(
        self, options: SimulatorOptions | None = None, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.options = options or SimulatorOptions()
        self.host, self.port = host, port
        self.connections = 0
        self.received: list[dict[str, Any]] = []
        self.received_by_connection: list[list[dict[str, Any]]] = []
        self._server: Server | None = None
        self._live: list[Connection] = []
        self._pending: list[Fault] = []

    @property
    def base_url(self) -> str:
        """``ws://HOST:PORT`` of the running server."""
        return f"ws://{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """The OpenAI GA endpoint ``ws://HOST:PORT/v1/realtime``."""
        return f"{self.base_url}/v1/realtime"

    @property
    def live_url(self) -> str:
        """The GPT-Live endpoint ``ws://HOST:PORT/v1/live/sessions``."""
        return f"{self.base_url}/v1/live/sessions"

    async def start(self) -> None:
        """Listen; with port 0 a free port is picked and `port` then holds it."""
        self._server = await serve(
            self._handle,
            self.host,
            self.port,
            process_request=self._process_request,
            max_size=MAX_MESSAGE_BYTES,
        )
        if self.port == 0:
            self.port = self._server.sockets[0].getsockname()[1]
        logger.info("Realtime simulator listening on %s", self.url)

    async def close(self) -> None:
        """Stop listening and close open sessions with 1001 (going away); a client that does not
        answer within `CLOSE_GRACE` seconds is cut off."""
        server, self._server = self._server, None
        if server is None:
            return
        server.close()
        try:
            await asyncio.wait_for(server.wait_closed(), CLOSE_GRACE)  # shielded inside
        except TimeoutError:
            for connection in server.all_connections:  # closing ones too
                connection.transport.abort()
            await server.wait_closed()

    async def __aenter__(self) -> Simulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def serve_forever(self) -> None:
        """Serve until cancelled (after `start`)."""
        assert self._server is not None, "start() first"
        try:
            await self._server.wait_closed()
        except asyncio.CancelledError:  # websockets' serve_forever would wait 10 s for clients
            await self.close()
            raise

    def inject(self, fault: Fault) -> None:
        """Arm `fault` on the newest open connection, or on the next one if none is open."""
        if self._live:
            self._live[-1].attach(fault)
        else:
            self._pending.append(fault)

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        decision = decide(request.path, request.headers, self.options)
        if not isinstance(decision, Rejection):
            return None
        response = connection.respond(decision.status, decision.body)
        response.headers = Headers(
            {"Content-Type": "application/json", "Content-Length": str(len(response.body))}
        )
        return response

    async def _handle(self, websocket: ServerConnection) -> None:
        assert websocket.request is not None
        route = decide(websocket.request.path, websocket.request.headers, self.options)
        assert isinstance(route, Route)
        if route.beta_header:
            await _refuse_beta(websocket)
        else:
            await self._run_session(websocket, route)

    async def _run_session(self, websocket: ServerConnection, route: Route) -> None:
        index = self.connections
        self.connections += 1
        self.received_by_connection.append([])
        session: ServerSession | LiveSimSession
        if route.dialect == LIVE:
            session = LiveSimSession(max_session_seconds=self.options.max_session_seconds)
        else:
            session = ServerSession(
                dialect=route.dialect,
                model=route.model,
                max_session_seconds=self.options.max_session_seconds,
            )
        connection = Connection(
            _Socket(websocket), session, self.options.pace, lambda e: self._record(index, e)
        )
        for fault in self._pending:
            connection.attach(fault)
        self._pending.clear()
        self._live.append(connection)
        try:
            await connection.run()
        finally:
            self._live.remove(connection)

    def _record(self, index: int, event: dict[str, Any]) -> None:
        if not self.options.record:
            return
        self.received.append(event)
        self.received_by_connection[index].append(event)


class _Socket:
    """The `connection.Socket` interface over a `websockets` server connection."""

    def __init__(self, websocket: ServerConnection) -> None:
        self.websocket = websocket

    async def messages(self) -> AsyncIterator[str]:
        with contextlib.suppress(ConnectionClosed):
            async for message in self.websocket:
                yield message if isinstance(message, str) else message.decode("utf-8", "replace")

    async def send(self, text: str) -> bool:
        try:
            await self.websocket.send(text)
        except ConnectionClosed:
            return False
        return True

    async def close(self, code: int, reason: str) -> None:
        with contextlib.suppress(ConnectionClosed):
            await self.websocket.close(code, reason)

    def abort(self) -> None:
        self.websocket.transport.abort()


async def _refuse_beta(websocket: ServerConnection) -> None:
    error = error_event("invalid_request_error", "beta_api_shape_disabled", BETA_DISABLED)
    with contextlib.suppress(ConnectionClosed):
        await websocket.send(json.dumps(error))
        await websocket.close(BETA_CLOSE_CODE, "beta_api_shape_disabled")


async def run_simulator(
    host: str = "127.0.0.1",
    port: int = 8765,
    options: SimulatorOptions | None = None,
    on_listening: Callable[[Simulator], None] | None = None,
) -> None:
    """Serve the simulator on `host`:`port` until cancelled (the ``simulator`` CLI command);
    `on_listening` is told once it listens (with port 0, `port` then holds the one picked)."""
    async with Simulator(options, host, port) as simulator:
        if on_listening is not None:
            on_listening(simulator)
        await simulator.serve_forever()
