"""Options of the Realtime 2.x models for `chat` and `voice`.

`--reasoning-effort`, `--truncation` (keep this share of a long conversation when the server
trims it) and `--truncation-tokens` (trim once it is this long) go into the session config;
the core sends each only to a model that takes it, so they are harmless with older models.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from assistant.cli.profiles import UsageError
from assistant.realtime import (
    REASONING_EFFORTS,
    ReasoningEffort,
    SessionConfig,
    Truncation,
)


def add_session_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("model options (sent only to models that take them)")
    group.add_argument(
        "--reasoning-effort",
        choices=REASONING_EFFORTS,
        help="how long a reasoning model (gpt-realtime-2 and later) thinks before it answers",
    )
    group.add_argument(
        "--truncation",
        type=float,
        metavar="RATIO",
        help="when a long conversation is trimmed, keep this share of it (0 < RATIO <= 1): "
        "a cost control",
    )
    group.add_argument(
        "--truncation-tokens",
        type=int,
        metavar="N",
        help="trim once the conversation after the instructions passes N tokens "
        "(with --truncation)",
    )


def with_session_options(config: SessionConfig, args: argparse.Namespace) -> SessionConfig:
    """`config` with the options given; a value out of range is a usage error."""
    effort: ReasoningEffort | None = args.reasoning_effort
    return replace(config, reasoning_effort=effort, truncation=_truncation(args))


def _truncation(args: argparse.Namespace) -> Truncation | None:
    ratio, tokens = args.truncation, args.truncation_tokens
    if ratio is None:
        if tokens is not None:
            raise UsageError("--truncation-tokens needs --truncation RATIO.")
        return None
    if not 0 < ratio <= 1:  # also false for NaN
        raise UsageError("--truncation takes a share of the conversation: 0 < RATIO <= 1.")
    if tokens is not None and tokens < 1:
        raise UsageError("--truncation-tokens takes a positive number of tokens.")
    return Truncation(ratio, tokens)
