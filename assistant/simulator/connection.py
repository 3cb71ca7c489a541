"""One session on one socket: reader, pump and writer tasks, pacing and faults.

The socket is anything with the small `Socket` interface (the server adapts a `websockets`
connection to it), so this module stays free of the WebSocket library. The reader hands client
frames to the `ServerSession`; the pump streams the active response, sleeping
``seconds * pace`` after each step on a deadline clock (so pacing does not drift); the writer
alone sends, in queue order, counts sent events for injected faults and fires them. The expiry
timer queues the ``session_expired`` error and a close 1001.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from .events import Event, error_event
from .faults import ArmedFaults, fault_frame
from .live_session import LiveSimSession
from .mcp import Job
from .options import Fault, FaultKind
from .response_spec import Step
from .session import ServerSession

logger = logging.getLogger(__name__)

GOING_AWAY = 1001
NORMAL = 1000


class Socket(Protocol):
    """What a connection needs from a WebSocket."""

    def messages(self) -> AsyncIterator[str]:
        """Incoming text frames until the connection closes."""
        ...

    async def send(self, text: str) -> bool:
        """Send a text frame; False if the connection is closed."""
        ...

    async def close(self, code: int, reason: str) -> None:
        """Close with a close frame."""
        ...

    def abort(self) -> None:
        """Drop the TCP connection without a close frame."""
        ...


@dataclass(frozen=True)
class _Close:
    code: int
    reason: str


@dataclass(frozen=True)
class _FireFault:
    fault: Fault


_Outgoing = Event | _Close | _FireFault


class Connection:
    """Runs a `ServerSession` over a `Socket` until either side closes."""

    def __init__(
        self,
        socket: Socket,
        session: ServerSession | LiveSimSession,
        pace: float,
        record: Callable[[dict[str, Any]], None] = lambda _event: None,
    ) -> None:
        self.socket, self.session, self.pace, self.record = socket, session, pace, record
        self.faults = ArmedFaults()
        self.queue: asyncio.Queue[_Outgoing] = asyncio.Queue()
        self.wake = asyncio.Event()
        self.jobs: set[asyncio.Task[None]] = set()  # MCP listings running in threads

    def attach(self, fault: Fault) -> None:
        """Bind a one-shot fault (a due-now fault is fired by the writer, in order)."""
        for due in self.faults.attach(fault):
            self.queue.put_nowait(_FireFault(due))

    def send(self, events: list[Event]) -> None:
        """Queue server events for the writer."""
        for event in events:
            self.queue.put_nowait(event)

    async def run(self) -> None:
        """Send the opening events (Realtime: ``session.created``; Live: none, it waits for
        ``session.start``) and serve the session until the socket closes."""
        self.send(self.session.opening_events())
        workers = (self._write(), self._pump(), self._expire())
        tasks = [asyncio.create_task(worker) for worker in workers]
        try:
            await self._read()
        finally:
            for task in [*tasks, *self.jobs]:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _read(self) -> None:
        async for text in self.socket.messages():
            try:
                self.send(self._receive(text))
            except Exception:  # a simulator bug must not hang the client: report it in-band
                logger.exception("simulator failed on a client event")
                self.send(self.session.out([internal_error()]))
            for job in self.session.mcp.take_jobs():
                task = asyncio.create_task(self._run_job(job))
                self.jobs.add(task)
                task.add_done_callback(self.jobs.discard)
            if isinstance(self.session, LiveSimSession) and self.session.finished:
                self.queue.put_nowait(_Close(NORMAL, "session closed"))  # after session.closed
            self.wake.set()

    async def _run_job(self, job: Job) -> None:
        """Blocking MCP work in a worker thread, then its events (in the session's dialect)."""
        await asyncio.to_thread(job.run)
        self.send(self.session.out(job.finish()))

    def _receive(self, text: str) -> list[Event]:
        event = _parse(text)
        if event is None:
            return self.session.receive_text(text)
        self.record(event)
        return self.session.receive(event)

    async def _write(self) -> None:
        while True:
            item = await self.queue.get()
            if isinstance(item, _Close):
                await self.socket.close(item.code, item.reason)
                return
            if not await self._write_one(item):
                return

    async def _write_one(self, item: Event | _FireFault) -> bool:
        if isinstance(item, _FireFault):
            return await self._fire(item.fault)
        if not await self.socket.send(json.dumps(item)):
            return False
        for fault in self.faults.on_sent():
            if not await self._fire(fault):
                return False
        return True

    async def _fire(self, fault: Fault) -> bool:
        """Apply a due fault; False when it ended the connection."""
        if fault.kind is FaultKind.DROP:
            self.socket.abort()
            return False
        if fault.kind is FaultKind.STALL:
            await asyncio.sleep(fault.seconds)
            return True
        frame = fault_frame(fault)
        return frame is None or await self.socket.send(frame)

    async def _pump(self) -> None:
        loop = asyncio.get_running_loop()
        clock: float | None = None  # when the audio sent so far has "played"
        while True:
            self.wake.clear()
            step = self._next_step()
            if step is None:
                clock = None
                await self.wake.wait()
                continue
            self.send(step.events)
            if step.job is not None:
                await asyncio.to_thread(step.job.run)
            if self.pace == 0 or step.seconds == 0:
                await asyncio.sleep(0)
                continue
            now = loop.time()
            clock = (now if clock is None else max(clock, now)) + step.seconds * self.pace
            await asyncio.sleep(clock - now)

    def _next_step(self) -> Step | None:
        try:
            return self.session.pump()
        except Exception:  # drop the broken response, tell the client, keep the session
            logger.exception("simulator failed while streaming a response")
            self.session.active = None
            return Step(self.session.out([internal_error()]))

    async def _expire(self) -> None:
        await asyncio.sleep(self.session.max_session_seconds)
        events, reason = self.session.expiry_events()
        self.session.cancel_active("client_cancelled")  # the socket goes away: nothing more
        self.send(events)
        self.queue.put_nowait(_Close(GOING_AWAY, reason))


def internal_error() -> Event:
    """The service's generic ``server_error`` event."""
    message = "The server had an error while processing your request. Sorry about that!"
    return error_event("server_error", "server_error", message)


def _parse(text: str) -> dict[str, Any] | None:
    try:
        event = json.loads(text)
    except json.JSONDecodeError:
        return None
    return event if isinstance(event, dict) else None
