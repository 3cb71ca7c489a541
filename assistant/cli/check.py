"""`realtime-assistant check`: does this endpoint, key, model/deployment and dialect work?"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from assistant.cli.profiles import add_endpoint_options, choose_endpoint
from assistant.cli.runtime import EXIT_FOR_FAILURE, EXIT_OK, EXIT_SERVER, endpoint_of
from assistant.transport.probe import probe


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("check", help="test the connection settings and report plainly")
    add_endpoint_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    async def main() -> int:
        async with endpoint_of(choose_endpoint(args)) as endpoint:
            result = await probe(endpoint)
        if result.ok:
            print(result.message)
            return EXIT_OK
        sys.stderr.write(f"realtime-assistant: {result.message}\n")
        return EXIT_FOR_FAILURE[result.kind] if result.kind else EXIT_SERVER

    return asyncio.run(main())
