"""Local command tools from the user tools file: a program and its arguments, never a shell.

The command is a list. An element that is exactly `{name}` is replaced by that argument as one
argv element (dropped when an optional argument is absent); placeholders inside a longer
element are refused when the file is loaded, so no argument is ever split, joined or
interpreted by a shell. A value starting with "-" is refused (it would be read as an option).
The process gets no standard input; on timeout or cancellation it is killed and reaped.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.tools.registry import ErrorKind, ToolError
from assistant.tools.templates import PLACEHOLDER, as_text, placeholders

MAX_OUTPUT = 8_000


def argv_problem(command: Sequence[str]) -> str | None:
    """Why `command` cannot be a command template, or None."""
    if not command or not all(isinstance(part, str) for part in command):
        return "command must be a non-empty list of strings"
    if PLACEHOLDER.fullmatch(command[0]):
        return "the program (the first element of command) cannot be a parameter"
    for part in command:
        if placeholders(part) and not PLACEHOLDER.fullmatch(part):
            return f"the placeholder in {part!r} must be a whole element of command"
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
            )
        except OSError as error:
            raise ToolError(f"The program {argv[0]} could not start ({error.strerror}).") from None
        try:
            stdout, stderr = await process.communicate()
        finally:
            if process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await asyncio.shield(process.wait())
        return {
            "exit_status": process.returncode,
            "stdout": _text(stdout),
            "stderr": _text(stderr),
        }


def _text(raw: bytes) -> str:
    text = raw.decode(errors="replace")
    return text if len(text) <= MAX_OUTPUT else text[:MAX_OUTPUT] + "… (cut)"
