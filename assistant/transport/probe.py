"""Does this endpoint, key, model/deployment and dialect work? One plain answer.

Connect, wait for the server session and for the reply to our session settings, close. On
GPT-Live the settings go in `session.start`, so `session.started` is that reply. No Qt
and nothing printed: the settings dialog's "Test connection" and `realtime-assistant check` both
call `probe`; the command line only adds its exit statuses and its printing.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

from assistant.realtime import (
    Dialect,
    Event,
    ServerError,
    SessionConfig,
    SessionCreated,
    SessionUpdated,
    new_session,
)
from assistant.text import QT_TRANSLATE_NOOP, Sentence, joined
from assistant.transport.connection import RealtimeClient
from assistant.transport.endpoints import Endpoint
from assistant.transport.failures import ConnectionFailed, FailureKind

CHECK_TIMEOUT = 20.0
NO_SESSION = QT_TRANSLATE_NOOP(
    "Transport", "{host} accepted the connection but never started a session."
)
UNKNOWN = QT_TRANSLATE_NOOP("Transport", "unknown")
OK = QT_TRANSLATE_NOOP("Transport", "OK: {endpoint}, model {model}.")
DEPRECATED = QT_TRANSLATE_NOOP(
    "Transport", "This is the legacy preview protocol, deprecated by Azure; prefer the GA URL."
)
SPEAKS_PREVIEW = QT_TRANSLATE_NOOP(
    "Transport",
    "{host} speaks the preview protocol, not GA: use the preview URL "
    "(/openai/realtime?api-version=...&deployment=...).",
)
REFUSED_SETTINGS = QT_TRANSLATE_NOOP(
    "Transport", "Connected, but the server refused the session settings: {message}"
)


@dataclass(frozen=True)
class ProbeResult:
    """`ok` and one plain paragraph; `kind` says what failed (None when ok or unclassified)."""

    ok: bool
    message: str
    kind: FailureKind | None = None


class _Watcher:
    def __init__(self, *, started_answers: bool = False) -> None:
        self.created: SessionCreated | None = None
        self.error: ServerError | None = None
        self.answered = asyncio.Event()
        self._started_answers = started_answers  # GPT-Live: the start carried the settings

    def on_event(self, event: Event) -> None:
        if isinstance(event, SessionCreated):
            self.created = event
            if self._started_answers:
                self.answered.set()
        elif isinstance(event, SessionUpdated):
            self.answered.set()
        elif isinstance(event, ServerError):
            self.error = event
            self.answered.set()


async def probe(endpoint: Endpoint, timeout: float = CHECK_TIMEOUT) -> ProbeResult:
    """Connect once and report; never raises for a failed connection."""
    watcher = _Watcher(started_answers=endpoint.dialect is Dialect.LIVE)
    config = SessionConfig(output="text")
    session = new_session(config, dialect=endpoint.dialect, model=endpoint.model)
    client = RealtimeClient(endpoint, session, watcher.on_event)
    runner = asyncio.create_task(client.run())
    waiter = asyncio.create_task(watcher.answered.wait())
    try:
        await asyncio.wait({runner, waiter}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if runner.done():
            runner.result()
        return _report(endpoint, watcher)
    except ConnectionFailed as failure:
        return ProbeResult(False, failure.message, failure.kind)
    finally:
        waiter.cancel()
        await client.close()
        await _stop(runner)


async def _stop(runner: asyncio.Task[None]) -> None:
    """Let the client finish closing; a connection still opening is cancelled after a while."""
    done, _ = await asyncio.wait({runner}, timeout=5.0)
    if not done:
        runner.cancel()
    with contextlib.suppress(ConnectionFailed, asyncio.CancelledError):
        await runner


def _report(endpoint: Endpoint, watcher: _Watcher) -> ProbeResult:
    if watcher.created is None:
        message = _say(NO_SESSION, host=endpoint.host)
        return ProbeResult(False, message, FailureKind.SERVER)
    if watcher.error is not None:
        return ProbeResult(False, _config_problem(endpoint, watcher.error), FailureKind.SERVER)
    model = watcher.created.model or endpoint.model or _say(UNKNOWN)
    ok = _say(OK, endpoint=endpoint.describe(), model=model)
    return ProbeResult(True, joined(ok, _say(DEPRECATED) if endpoint.is_preview else ""))


def _config_problem(endpoint: Endpoint, error: ServerError) -> str:
    if "session.type" in error.message and not endpoint.is_preview:
        return _say(SPEAKS_PREVIEW, host=endpoint.host)
    return _say(REFUSED_SETTINGS, message=error.message)


def _say(template: str, **args: object) -> Sentence:
    return Sentence("Transport", template, **args)
