"""What every connecting command shares: the demo server, the client, the exit statuses."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import AsyncIterator

from assistant.app.connection import endpoint_or_demo
from assistant.cli.profiles import Choice
from assistant.transport import ConnectionFailed, Endpoint, FailureKind

EXIT_OK, EXIT_USAGE, EXIT_AUTH, EXIT_UNREACHABLE, EXIT_SERVER = 0, 2, 3, 4, 5
EXIT_FOR_FAILURE = {
    FailureKind.AUTH: EXIT_AUTH,
    FailureKind.UNREACHABLE: EXIT_UNREACHABLE,
    FailureKind.SERVER: EXIT_SERVER,
}


@contextlib.asynccontextmanager
async def endpoint_of(choice: Choice) -> AsyncIterator[Endpoint]:
    """The chosen endpoint, or the built-in simulator on 127.0.0.1 for the offline demo."""
    if choice.note:
        sys.stderr.write(choice.note + "\n")
    async with endpoint_or_demo(choice.endpoint) as endpoint:
        yield endpoint


def report_failure(failure: ConnectionFailed) -> int:
    sys.stderr.write(f"realtime-assistant: {failure.message}\n")
    return EXIT_FOR_FAILURE[failure.kind]
