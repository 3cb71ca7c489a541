"""`realtime-assistant simulator`: run the local Realtime-compatible server."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
from typing import Any

from assistant.cli.runtime import EXIT_OK, EXIT_USAGE
from assistant.simulator import Simulator, SimulatorOptions, run_simulator


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("simulator", help="run the local Realtime-compatible simulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--max-session-seconds", type=float, default=3600.0)
    parser.add_argument("--api-key-env", metavar="VAR", help="require the key in this variable")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    key = os.environ.get(args.api_key_env) if args.api_key_env else None
    if args.api_key_env and not key:
        sys.stderr.write(f"realtime-assistant: {args.api_key_env} is not set or empty.\n")
        return EXIT_USAGE
    options = SimulatorOptions(
        api_key=key, max_session_seconds=args.max_session_seconds, record=False
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_simulator(args.host, args.port, options, _announce))
    return EXIT_OK


def _announce(simulator: Simulator) -> None:
    """Say where it listens, once it does (`--port 0`: the port picked)."""
    sys.stderr.write(f"Simulator on {simulator.url} (Ctrl-C stops it)\n")
    sys.stderr.flush()
