"""Local command tools from the user tools file: a program and its arguments, never a shell.

The command is a list. An element that is exactly `{name}` is replaced by that argument as one
argv element (dropped when an optional argument is absent); placeholders inside a longer
element are refused when the file is loaded, so no argument is ever split, joined or
interpreted by a shell. A value starting with "-" is refused (it would be read as an option).
The process gets no standard input and runs in a session (process group) of its own; on
timeout or cancellation the whole group is killed and the process reaped, so a grandchild that
still holds standard output cannot keep the call running. At most `MAX_CAPTURE` bytes of each
stream are kept (the rest is read and dropped); the model sees the first `MAX_OUTPUT`
characters, marked "(cut)" when there was more.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.text import QT_TRANSLATE_NOOP, Sentence
from assistant.tools.registry import ErrorKind, ToolError
from assistant.tools.templates import PLACEHOLDER, as_text, placeholders

MAX_OUTPUT = 8_000  # characters of each stream shown to the model
MAX_CAPTURE = 1 << 20  # bytes of each stream kept in memory
_CHUNK = 1 << 16
_POSIX = os.name == "posix"


NOT_A_LIST = QT_TRANSLATE_NOOP("Tools", "command must be a non-empty list of strings")
PROGRAM_PARAMETER = QT_TRANSLATE_NOOP(
    "Tools", "the program (the first element of command) cannot be a parameter"
)
PART_PLACEHOLDER = QT_TRANSLATE_NOOP(
    "Tools", "the placeholder in {part} must be a whole element of command"
)


def argv_problem(command: Sequence[str]) -> str | None:
    """Why `command` cannot be a command template, or None."""
    if not command or not all(isinstance(part, str) for part in command):
        return Sentence("Tools", NOT_A_LIST)
    if PLACEHOLDER.fullmatch(command[0]):
        return Sentence("Tools", PROGRAM_PARAMETER)
    for part in command:
        if placeholders(part) and not PLACEHOLDER.fullmatch(part):
            return Sentence("Tools", PART_PLACEHOLDER, part=repr(part))
    return None


@dataclass(frozen=True)
class CommandTemplate:
    command: tuple[str, ...]

    def argv(self, arguments: dict[str, Any]) -> list[str]:
        argv: list[str] = []
        for part in self.command:
            match = PLACEHOLDER.fullmatch(part)
            if match is None:
                argv.append(part)
                continue
            if match.group(1) not in arguments:
                continue
            value = as_text(arguments[match.group(1)])
            if value.startswith("-"):
                raise ToolError(
                    f"The value of {match.group(1)} cannot start with '-'.",
                    ErrorKind.INVALID_ARGUMENTS,
                )
            argv.append(value)
        return argv

    async def __call__(self, arguments: dict[str, Any]) -> dict[str, Any]:
        argv = self.argv(arguments)
        try:
            process = await asyncio.create_subprocess_exec(
                *argv,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                start_new_session=_POSIX,
            )
        except OSError as error:
            raise ToolError(f"The program {argv[0]} could not start ({error.strerror}).") from None
        finished = False
        try:
            assert process.stdout is not None
            assert process.stderr is not None
            (stdout, out_cut), (stderr, err_cut) = await asyncio.gather(
                _read_capped(process.stdout), _read_capped(process.stderr)
            )
            await process.wait()
            finished = True
        finally:
            if not finished:  # timed out or cancelled: the group, as a grandchild may hold a pipe
                _kill_group(process)
                await asyncio.shield(process.wait())
        return {
            "exit_status": process.returncode,
            "stdout": _text(stdout, out_cut),
            "stderr": _text(stderr, err_cut),
        }


async def _read_capped(stream: asyncio.StreamReader) -> tuple[bytes, bool]:
    """The first `MAX_CAPTURE` bytes of `stream` read to its end, and whether there was more."""
    kept = bytearray()
    cut = False
    while chunk := await stream.read(_CHUNK):
        room = MAX_CAPTURE - len(kept)
        kept += chunk[: max(room, 0)]
        cut = cut or len(chunk) > room
    return bytes(kept), cut


def _kill_group(process: asyncio.subprocess.Process) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if _POSIX:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()


def _text(raw: bytes, cut: bool) -> str:
    text = raw.decode(errors="replace")
    if len(text) > MAX_OUTPUT:
        text, cut = text[:MAX_OUTPUT], True
    return text + "… (cut)" if cut else text
