"""Entry point of `realtime-assistant`: one command, a subcommand per task.

Exit statuses: 0 success, 2 usage error, 3 authentication or authorization failure,
4 endpoint or network unreachable, 5 server-side error, 141 the reader of the output went
away (`| head`; nothing more is said). Messages go to stderr and say what to do next.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from assistant import __version__
from assistant.app import display_available
from assistant.audio.cli import add_devices_parser
from assistant.cli import chat, check, history, inspect_log, keys, selftest, serve, voice
from assistant.cli.profiles import UsageError
from assistant.cli.runtime import EXIT_USAGE

EXIT_PIPE = 141  # what a shell reports for a writer stopped by SIGPIPE


class _Parser(argparse.ArgumentParser):
    """Never echoes an argument's value in a usage error: a key pasted on the command line (as
    a positional argument, an option's value or an unknown argument) stays unseen.

    argparse quotes the value in "invalid choice: 'sk-...'", "invalid int value: ..." and
    "ignored explicit argument ..."; every argument given is blanked out of the message, which
    still names the option and the valid choices. Abbreviations are off, so `--api-key KEY` is
    not taken for `--api-key-env`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["allow_abbrev"] = False
        super().__init__(*args, **kwargs)
        self._given: list[str] = []

    def parse_known_args(  # type: ignore[override]  # the same call, remembering the arguments
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._given = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(self._given, namespace)

    def error(self, message: str) -> NoReturn:
        if message.startswith("unrecognized arguments"):
            message = (
                "unrecognized arguments (not shown, in case one is a key). Keys are never taken "
                "from the command line: use --api-key-env VAR or 'realtime-assistant keys set'."
            )
        super().error(hide_values(message, self._given))


HIDDEN = "(a value, not shown in case it is a key)"


def hide_values(message: str, given: Sequence[str]) -> str:
    """`message` with each value of `given` taken out (option names and choices stay)."""
    head, choices, tail = message.partition(" (choose from ")
    values = {part for arg in given for part in _values(arg)}
    for value in sorted(values, key=len, reverse=True):
        head = head.replace(repr(value), HIDDEN).replace(value, HIDDEN)
    return head + choices + tail


def _values(arg: str) -> list[str]:
    """What in one argument may be a secret: all of it, or what follows `=` in an option."""
    if arg.startswith("-"):
        _, equals, value = arg.partition("=")
        return [arg, value] if equals and value else []
    return [arg] if arg else []


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="realtime-assistant",
        description="A voice assistant for the OpenAI Realtime API and Azure OpenAI Realtime.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (chat, voice, check, inspect_log, serve, keys, history, selftest):
        module.add_parser(commands)
    add_devices_parser(commands)
    return parser


WINDOW_ARGS: tuple[list[str], ...] = ([], ["--demo"])
NO_DISPLAY = (
    "realtime-assistant: no display here (DISPLAY and WAYLAND_DISPLAY are unset), "
    "so the terminal chat starts instead of the window.\n"
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list in WINDOW_ARGS:
        if display_available():
            from assistant.app.main import run_app  # noqa: PLC0415  (Qt loads for the window only)

            return run_app(demo=bool(args_list))
        sys.stderr.write(NO_DISPLAY)
        args_list = ["--provider", "demo"] if args_list else []
    if args_list[:1] == ["--self-test"]:
        args_list[0] = "self-test"
    if not args_list or (
        args_list[0].startswith("--") and args_list[0] not in ("--help", "--version")
    ):
        args_list = ["chat", *args_list]  # options without a command are the chat's
    args = build_parser().parse_args(args_list)
    try:
        return int(args.run(args))
    except UsageError as exc:
        sys.stderr.write(f"realtime-assistant: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as `cat` does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no flush error at exit
        return EXIT_PIPE
