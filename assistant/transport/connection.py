"""The WebSocket side of a conversation: connect, pump messages, reconnect, roll over.

`RealtimeClient.run()` keeps one `Session` connected to one `Endpoint` until `close()` or a
failure no retry can fix (`ConnectionFailed`). Each connection runs two tasks: the receiver
feeds server messages to the session and hands its typed events to `on_event`; the sender
drains the session's outbox whenever `flush()` is called (commands are synchronous, so the app
calls `flush()` after them). Recoverable closes (1001, 1006, 1011, ...) reconnect with
capped exponential backoff and jitter; the session's `session.created` handler replays the
conversation. The backoff starts over only after a connection proved itself (a reply finished
on it, or it stayed up `stable_after` seconds), so a server that closes right after
`session.created` is not hammered. With `max_reconnects` set, the last failure's cause ends
the run in one sentence. Frames are limited to `max_frame` bytes. Between
turns, shortly before the server's `expires_at`, the client rolls over to a fresh session on
its own, so the 60-minute cap (30 on some Azure regions) never cuts a reply.
A GPT-Live session differs in three ways, all asked of the session, not known here: the client
speaks first (`connection_opened` queues `session.start` before anything is received), time
must reach the core (a ticker calls `tick(now)` every `tick_interval`: silence for the
timeline, the end of a reply), and `close()` first sends `session.close` and waits up to
`close_timeout` for `session.closed` (a socket closed without it does not confirm the end).
This module is the only importer of `websockets` on the client side.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, TextIO

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus, InvalidURI

from assistant import __version__
from assistant.realtime import (
    ConversationSession,
    Dialect,
    ErrorSeverity,
    Event,
    ResponseFinished,
    ServerError,
    SessionClosed,
    SessionCreated,
    valid_text,
)
from assistant.realtime.eventlog import log_line
from assistant.text import QT_TRANSLATE_NOOP, Sentence
from assistant.transport import failures
from assistant.transport.endpoints import Endpoint
from assistant.transport.failures import ConnectionFailed

ATTEMPT = QT_TRANSLATE_NOOP("Transport", "{reason}; attempt {attempt} in {delay}")
ATTEMPT_OF = QT_TRANSLATE_NOOP("Transport", "{reason}; attempt {attempt} of {limit} in {delay}")
HTTP_ANSWER = QT_TRANSLATE_NOOP("Transport", "the server answered HTTP {status}")
NOT_WEBSOCKET = QT_TRANSLATE_NOOP("Transport", "the address is not a WebSocket URL")
CLOSED = QT_TRANSLATE_NOOP("Transport", "the connection closed ({reason})")
NO_SESSION = QT_TRANSLATE_NOOP("Transport", "the server started no session within {seconds}")
ROLLOVER = QT_TRANSLATE_NOOP("Transport", "starting a fresh server session")
LOST = QT_TRANSLATE_NOOP("Transport", "connection lost")


def _say(template: str, **args: object) -> Sentence:
    return Sentence("Transport", template, **args)


class LinkState(Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    CLOSED = "closed"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class LinkStatus:
    state: LinkState
    detail: str = ""  # a plain sentence (`assistant.text.Sentence`) for the status bar
    attempt: int = 0


@dataclass(frozen=True, slots=True)
class Backoff:
    """Delays before reconnect attempts: exponential from `first`, capped at `limit`.

    `jitter` is the fraction of each delay that is randomised away (0.5: between half and
    the whole delay), so many clients dropped together do not come back in step.
    """

    first: float = 0.5
    factor: float = 2.0
    limit: float = 15.0
    jitter: float = 0.5

    def delay(self, attempt: int, rand: float = 0.0) -> float:
        """The pause before `attempt` (1, 2, ...); `rand` in [0, 1) picks the jitter."""
        exponent = min(max(0, attempt - 1), 64)  # no float overflow however long it retries
        base = min(self.limit, self.first * self.factor**exponent)
        return float(base * (1.0 - self.jitter * min(max(rand, 0.0), 1.0)))


MAX_FRAME = 16 * 1024 * 1024  # a retrieved item with a long audio clip stays well below


@dataclass(frozen=True, slots=True)
class ClientOptions:
    ping_interval: float = 20.0
    open_timeout: float = 15.0
    backoff: Backoff = Backoff()
    retry_first_connect: bool = False  # the CLI fails fast; the app keeps trying
    max_reconnects: int | None = None  # None: keep trying while the user waits
    session_timeout: float = 15.0  # seconds from the handshake to `session.created`
    stable_after: float = 60.0  # a connection up this long resets the backoff
    max_frame: int = MAX_FRAME
    rollover_margin: float | None = 120.0  # seconds before `expires_at`; None: never early
    rollover_check: float = 1.0
    tick_interval: float = 0.05  # GPT-Live: how often time reaches the core
    close_timeout: float = 2.0  # GPT-Live: the wait for `session.closed` after `session.close`


class _Rollover(Exception):
    """Internal: close this connection on purpose and start the next one at once."""


class RealtimeClient:
    """Keeps `session` connected to `endpoint`; see the module docstring."""

    def __init__(
        self,
        endpoint: Endpoint,
        session: ConversationSession,
        on_event: Callable[[Event], None],
        *,
        on_status: Callable[[LinkStatus], None] | None = None,
        options: ClientOptions | None = None,
        event_log: TextIO | None = None,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.endpoint, self.session = endpoint, session
        self._on_event, self._on_status = on_event, on_status or (lambda _status: None)
        self._options = options or ClientOptions()
        self._log, self._clock = event_log, clock
        self._monotonic, self._jitter = monotonic, jitter
        self._wake = asyncio.Event()
        self._started = asyncio.Event()
        self._closing = False
        self._ending = False  # close() asked the server to end the session
        self._session_closed = asyncio.Event()
        self._attempt = 0
        self._proved = False  # this connection finished a reply or stayed up long enough
        self._since: float | None = None  # when this connection's session was created
        self._ws: ClientConnection | None = None
        self.status = LinkStatus(LinkState.CLOSED)

    def flush(self) -> None:
        """Send whatever the session has queued (call after any command). Never blocks."""
        self._wake.set()

    async def close(self) -> None:
        if not (self._closing or self._ending) and self.session.close_session():
            self._ending = True
            self._wake.set()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._options.close_timeout):
                    await self._session_closed.wait()
        self._closing = True
        self._wake.set()
        if self._ws is not None:
            await self._ws.close(1000, "client closing")

    async def run(self) -> None:
        """Connect and keep connected until `close()`; raises `ConnectionFailed` when stuck."""
        self._attempt = 0
        while not (self._closing or self._ending):
            state = LinkState.RECONNECTING if self._attempt else LinkState.CONNECTING
            self._set_status(state, attempt=self._attempt)
            first = self._attempt == 0 and self.session.server_sessions == 0
            self._proved, self._since = False, None
            try:
                await self._connect_once(first=first)
            except _Rollover:
                self._attempt = 0
            except ConnectionFailed as failure:
                self._set_status(LinkState.FAILED, failure.message)
                raise
            except _Retry as retry:
                self._attempt = 1 if self._proven() else self._attempt + 1
                await self._pause_before_retry(self._attempt, retry.reason)
            finally:
                self.session.connection_lost()
                self._dispatch()
        self._set_status(LinkState.CLOSED)

    def _proven(self) -> bool:
        """Did the connection that just ended work well enough to start the backoff over?"""
        lived = self._since is not None and (
            self._monotonic() - self._since >= self._options.stable_after
        )
        return self._proved or lived

    async def _pause_before_retry(self, attempt: int, reason: str) -> None:
        limit = self._options.max_reconnects
        if limit is not None and attempt > limit:
            reconnect = self.session.server_sessions > 0  # else the first connect counts too
            tries = limit if reconnect else attempt
            failure = failures.gave_up(self.endpoint, tries, reason, reconnect=reconnect)
            self._set_status(LinkState.FAILED, failure.message)
            raise failure
        delay = self._options.backoff.delay(attempt, self._jitter())
        if limit is None:
            detail = _say(ATTEMPT, reason=reason, attempt=attempt, delay=_seconds(delay))
        else:
            detail = _say(
                ATTEMPT_OF, reason=reason, attempt=attempt, limit=limit, delay=_seconds(delay)
            )
        self._set_status(LinkState.RECONNECTING, detail, attempt)
        await asyncio.sleep(delay)

    async def _connect_once(self, *, first: bool) -> None:
        ws = await self._open(first=first)
        self._ws = ws
        self.session.connection_opened()  # GPT-Live: `session.start` goes first
        self._wake.set()
        outcome: Exception | None = None
        try:
            async with asyncio.TaskGroup() as group:
                group.create_task(self._receive(ws))
                group.create_task(self._send(ws))
                group.create_task(self._watch_expiry(ws))
                group.create_task(self._watch_start())
                if self.session.dialect is Dialect.LIVE:
                    group.create_task(self._tick())
        except* ConnectionFailed as failed:
            outcome = _first(failed)
        except* _Rollover:
            outcome = outcome or _Rollover()
        except* _Retry as retry:
            outcome = outcome or _first(retry)
        except* ConnectionClosed as closed:
            first_close = _first(closed)
            assert isinstance(first_close, ConnectionClosed)
            outcome = outcome or self._after_close(first_close)
        finally:
            self._ws = None
            await ws.close()
        if outcome is not None:
            raise outcome

    async def _open(self, *, first: bool) -> ClientConnection:
        headers = await self._headers()
        try:
            return await connect(
                self.endpoint.url,
                additional_headers=headers,
                user_agent_header=f"realtime-assistant/{__version__}",
                max_size=self._options.max_frame,  # retrieved items with audio exceed 1 MiB
                ping_interval=self._options.ping_interval,
                open_timeout=self._options.open_timeout,
            )
        except InvalidStatus as exc:
            status = exc.response.status_code
            if status in failures.RETRYABLE_HTTP and not first:
                raise _Retry(_say(HTTP_ANSWER, status=status)) from None
            raise failures.http_failure(self.endpoint, status) from None
        except InvalidURI:
            raise failures.network_failure(self.endpoint, _say(NOT_WEBSOCKET)) from None
        except (OSError, TimeoutError, InvalidHandshake) as exc:
            reason = _reason(exc)
            if first and not self._options.retry_first_connect:
                raise failures.network_failure(self.endpoint, reason) from None
            raise _Retry(reason) from None

    async def _headers(self) -> dict[str, str]:
        """The handshake headers; a credential that `blocks` (Entra ID) is asked off the loop."""
        if getattr(self.endpoint.credential, "blocks", False):
            return await asyncio.to_thread(self.endpoint.headers)
        return self.endpoint.headers()

    def _after_close(self, closed: ConnectionClosed) -> Exception | None:
        """What a close means: nothing (we closed), a retry, or a failure to report."""
        if self._closing or self._ending:
            return None
        if closed.sent is not None and closed.sent.code == 1009:  # we refused a frame
            return failures.oversized_failure(self.endpoint, self._options.max_frame)
        code = closed.rcvd.code if closed.rcvd is not None else 1006
        reason = closed.rcvd.reason if closed.rcvd is not None else _say(LOST)
        if code not in failures.RECOVERABLE_CLOSE_CODES:
            return failures.close_failure(self.endpoint, code, reason)
        return _Retry(_say(CLOSED, reason=reason or code))

    async def _receive(self, ws: ClientConnection) -> None:
        async for message in ws:
            parsed = self.session.receive_message(message)
            self._record("server", message, parsed)
            self._dispatch()
            self._wake.set()
        raise ws.close_exc

    async def _send(self, ws: ClientConnection) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            if self._closing:
                await ws.close(1000, "client closing")  # ends the receiver too
                return
            for message in self.session.messages_to_send():
                self._record("client", message)
                await ws.send(message)

    async def _tick(self) -> None:
        """Time for the core (GPT-Live): it decides when replies end, and feeds silence."""
        while True:
            await asyncio.sleep(self._options.tick_interval)
            self.session.tick(self._monotonic())
            self._dispatch()
            self._wake.set()

    async def _watch_start(self) -> None:
        """A server that accepts the socket but starts no session is a failed attempt."""
        try:
            async with asyncio.timeout(self._options.session_timeout):
                while self._since is None:
                    await self._started.wait()
                    self._started.clear()
        except TimeoutError:
            seconds = _seconds(self._options.session_timeout)
            raise _Retry(_say(NO_SESSION, seconds=seconds)) from None

    async def _watch_expiry(self, ws: ClientConnection) -> None:
        margin = self._options.rollover_margin
        while margin is not None:
            await asyncio.sleep(self._options.rollover_check)
            expires = self.session.expires_at
            due = expires is not None and self._clock() >= expires - margin
            if due and self.session.is_idle and self.session.connected:
                self._set_status(LinkState.RECONNECTING, _say(ROLLOVER))
                await ws.close(1000, "rolling over to a new session")
                raise _Rollover

    def _dispatch(self) -> None:
        for event in self.session.events_received():
            if isinstance(event, SessionCreated):
                self._since = self._monotonic()
                self._started.set()
                self._set_status(LinkState.CONNECTED, self.endpoint.describe())
            elif isinstance(event, ResponseFinished):
                self._proved = True
            elif isinstance(event, SessionClosed):
                self._session_closed.set()
                if self._ending:  # the end we asked for: the server's close is no drop
                    self._closing = True
            self._on_event(event)
            if isinstance(event, ServerError) and event.severity is ErrorSeverity.FATAL:
                raise failures.server_error_failure(self.endpoint, event.code, event.message)

    def _record(
        self, direction: str, message: str | bytes, parsed: dict[str, Any] | None = None
    ) -> None:
        """Log one message; `parsed` is the session's own parse of it (saves parsing twice)."""
        if self._log is None:
            return
        event: Any = parsed
        if event is None and direction == "client":
            event = _own_message(message)
        elif event is None:  # the session found it malformed: parsing it again could raise
            event = {"type": "(malformed)", "excerpt": valid_text(str(message)[:120])}
        if isinstance(event, dict):
            self._log.write(log_line(self._clock(), direction, event) + "\n")
            self._log.flush()

    def _set_status(self, state: LinkState, detail: str = "", attempt: int = 0) -> None:
        self.status = LinkStatus(state, detail, attempt)
        self._on_status(self.status)


class _Retry(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _own_message(message: str | bytes) -> Any:
    """A client message as the event log records it (ours: JSON the session encoded)."""
    try:
        return json.loads(message)
    except (ValueError, RecursionError):  # never its text: it may carry an MCP secret
        return {"type": "(unreadable)"}


def _first(group: BaseExceptionGroup[Exception]) -> Exception:
    first = group.exceptions[0]
    return _first(first) if isinstance(first, BaseExceptionGroup) else first


def _reason(exc: BaseException) -> str:
    text = str(exc) or exc.__class__.__name__
    return text.splitlines()[0][:160]


def _seconds(value: float) -> str:
    return f"{value:.0f} s" if value >= 1 else f"{value:.1f} s"
