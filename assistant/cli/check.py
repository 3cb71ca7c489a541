"""`realtime-assistant check`: does this endpoint, key, model/deployment and dialect work?"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from assistant.cli.profiles import add_endpoint_options, choose_endpoint
from assistant.cli.runtime import EXIT_OK, EXIT_SERVER, endpoint_of, report_failure
from assistant.realtime import (
    Event,
    ServerError,
    Session,
    SessionConfig,
    SessionCreated,
    SessionUpdated,
)
from assistant.transport import ConnectionFailed, Endpoint, RealtimeClient

CHECK_TIMEOUT = 20.0


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("check", help="test the connection settings and report plainly")
    add_endpoint_options(parser)
    parser.set_defaults(run=run)


class _Probe:
    def __init__(self) -> None:
        self.created: SessionCreated | None = None
        self.error: ServerError | None = None
        self.updated = asyncio.Event()

    def on_event(self, event: Event) -> None:
        if isinstance(event, SessionCreated):
            self.created = event
        elif isinstance(event, SessionUpdated):
            self.updated.set()
        elif isinstance(event, ServerError):
            self.error = event
            self.updated.set()


async def _check(endpoint: Endpoint) -> int:
    probe = _Probe()
    session = Session(SessionConfig(output="text"), dialect=endpoint.dialect, model=endpoint.model)
    client = RealtimeClient(endpoint, session, probe.on_event)
    runner = asyncio.create_task(client.run())
    waiter = asyncio.create_task(probe.updated.wait())
    try:
        await asyncio.wait(
            {runner, waiter}, timeout=CHECK_TIMEOUT, return_when=asyncio.FIRST_COMPLETED
        )
        if runner.done():
            runner.result()
        return _report(endpoint, probe)
    except ConnectionFailed as failure:
        return report_failure(failure)
    finally:
        waiter.cancel()
        await client.close()
        if not runner.done():
            await runner


def _report(endpoint: Endpoint, probe: _Probe) -> int:
    if probe.created is None:
        sys.stderr.write(f"{endpoint.host} accepted the connection but never started a session.\n")
        return EXIT_SERVER
    if probe.error is not None:
        sys.stderr.write(_config_problem(endpoint, probe.error) + "\n")
        return EXIT_SERVER
    created = probe.created
    print(f"OK: {endpoint.describe()}")
    print(f"    model {created.model or endpoint.model or 'unknown'}, session {created.session_id}")
    if created.expires_at:
        print("    the server ends each session at its time cap; the app rolls over before it")
    if endpoint.is_preview:
        print(
            "    note: this is the legacy preview protocol, deprecated by Azure; prefer the GA URL"
        )
    return EXIT_OK


def _config_problem(endpoint: Endpoint, error: ServerError) -> str:
    if "session.type" in error.message and not endpoint.is_preview:
        return (
            f"{endpoint.host} speaks the preview protocol, not GA: use the preview URL "
            "(/openai/realtime?api-version=...&deployment=...)."
        )
    return f"Connected, but the server refused the session settings: {error.message}"


def run(args: argparse.Namespace) -> int:
    async def main() -> int:
        async with endpoint_of(choose_endpoint(args)) as endpoint:
            return await _check(endpoint)

    return asyncio.run(main())
