"""Entry point of `realtime-assistant`: parses the subcommand and runs it."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    del argv
    sys.stderr.write("realtime-assistant: no commands yet\n")
    return 2
