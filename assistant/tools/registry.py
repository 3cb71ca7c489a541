"""The tool registry: what the model is offered, and how one call is answered.

A `Tool` has a name, a description, a JSON Schema for its parameters, a default permission,
a timeout and an async implementation. `ToolRegistry.call` answers one function call from
the model with a JSON text, always: the arguments are parsed and validated against the schema
before anything runs; an "ask" tool waits for the approver (the app's dialog); a denial,
invalid arguments, a timeout or an exception become a structured error the model can read,
`{"error": {"type": ..., "message": ...}}`, so the conversation continues. The user's choices
(permission per tool, tools switched off) override the tools' defaults.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from assistant.text import QT_TRANSLATE_NOOP, Sentence
from assistant.tools.schema import argument_problem, schema_problem

NAME_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
DEFAULT_TIMEOUT = 10.0


class Permission(Enum):
    ALLOW = "allow"  # runs without asking
    ASK = "ask"  # the user approves each call (or answers "always")
    DENY = "deny"  # offered, but every call is refused: the model can tell the user why


class Decision(Enum):
    ONCE = "once"
    ALWAYS = "always"
    DENY = "deny"


class ErrorKind(Enum):
    UNKNOWN_TOOL = "unknown_tool"
    INVALID_ARGUMENTS = "invalid_arguments"
    DENIED = "denied"
    TIMEOUT = "timeout"
    FAILED = "failed"


class ToolError(Exception):
    """Raised by an implementation for an expected failure: one sentence for the model."""

    def __init__(self, message: str, kind: ErrorKind = ErrorKind.FAILED) -> None:
        super().__init__(message)
        self.message, self.kind = message, kind


Implementation = Callable[[dict[str, Any]], Awaitable[Any]]


@dataclass(frozen=True)
class Tool:
    """One function the model may call. `source`: "built-in" or the user tools file."""

    name: str
    description: str
    parameters: Mapping[str, Any]
    run: Implementation
    permission: Permission = Permission.ALLOW
    timeout: float = DEFAULT_TIMEOUT
    source: str = "built-in"

    def schema(self) -> dict[str, Any]:
        """The GA function tool definition for the session config."""
        return {
            "type": "function",
            "name": self.name,
            "description": self.description,
            "parameters": dict(self.parameters),
        }


@dataclass(frozen=True)
class ApprovalRequest:
    """What the approval dialog shows. `server_label` is set for a remote MCP tool."""

    tool: str
    arguments: Mapping[str, Any]
    description: str = ""
    server_label: str | None = None

    def arguments_text(self) -> str:
        return json.dumps(self.arguments, indent=2, ensure_ascii=False, sort_keys=True)


Approver = Callable[[ApprovalRequest], Awaitable[Decision]]


@dataclass(frozen=True)
class CallResult:
    """The JSON text for the model, and the error kind (None: the tool ran)."""

    output: str
    error: ErrorKind | None = None


BAD_NAME = QT_TRANSLATE_NOOP("Tools", "the name {name} must be 1-64 letters, digits, _ or -")
NAME_TAKEN = QT_TRANSLATE_NOOP("Tools", "there is already a tool named {name}")
BAD_TIMEOUT = QT_TRANSLATE_NOOP("Tools", "the timeout must be a positive number of seconds")


def name_problem(name: str) -> str | None:
    """Why `name` cannot name a tool, or None."""
    if NAME_RE.match(name):
        return None
    return Sentence("Tools", BAD_NAME, name=repr(name))


def tool_problem(tool: Tool, taken: Collection[str]) -> tuple[str, str] | None:
    """Why `tool` cannot join the tools named `taken`: (the `Tool` field, a sentence), or None."""
    problem = name_problem(tool.name)
    if problem:
        return "name", problem
    if tool.name in taken:
        return "name", Sentence("Tools", NAME_TAKEN, name=tool.name)
    problem = schema_problem(tool.parameters)
    if problem:
        return "parameters", problem
    if tool.timeout <= 0:
        return "timeout", Sentence("Tools", BAD_TIMEOUT)
    return None


def error_output(kind: ErrorKind, message: str) -> CallResult:
    body = {"error": {"type": kind.value, "message": message}}
    return CallResult(json.dumps(body, ensure_ascii=False), kind)


def success_output(value: Any) -> CallResult:
    body = value if isinstance(value, dict) else {"result": value}
    return CallResult(json.dumps(body, ensure_ascii=False, default=str))


@dataclass
class ToolRegistry:
    """The tools by name, with the user's permissions and switched-off tools applied."""

    permissions: dict[str, Permission] = field(default_factory=dict)
    disabled: set[str] = field(default_factory=set)
    on_always: list[Callable[[str], None]] = field(default_factory=list)
    _tools: dict[str, Tool] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        tools: Iterable[Tool],
        *,
        permissions: Mapping[str, str] | None = None,
        disabled: Collection[str] = (),
    ) -> ToolRegistry:
        """A registry of `tools` with the user's choices (unknown permission words ignored)."""
        chosen = {
            name: Permission(value)
            for name, value in (permissions or {}).items()
            if isinstance(value, str) and value in [p.value for p in Permission]
        }
        registry = cls(permissions=chosen, disabled={n for n in disabled if isinstance(n, str)})
        for tool in tools:
            registry.add(tool)
        return registry

    def add(self, tool: Tool) -> None:
        """Register `tool`; ValueError with a sentence when its name or schema is unusable."""
        problem = tool_problem(tool, self._tools)
        if problem:
            raise ValueError(problem[1])
        self._tools[tool.name] = tool

    @property
    def tools(self) -> list[Tool]:
        return list(self._tools.values())

    def get(self, name: str) -> Tool | None:
        return self._tools.get(name)

    def permission(self, name: str) -> Permission:
        tool = self._tools.get(name)
        default = tool.permission if tool is not None else Permission.DENY
        return self.permissions.get(name, default)

    def enabled(self, name: str) -> bool:
        return name in self._tools and name not in self.disabled

    def schemas(self) -> tuple[dict[str, Any], ...]:
        """The function tools offered to the model: every enabled one."""
        return tuple(tool.schema() for tool in self.tools if self.enabled(tool.name))

    async def call(self, name: str, arguments: str, approve: Approver | None) -> CallResult:
        """Answer one call (see the module docstring); never raises except on cancellation.

        Whatever goes wrong on the way (arguments nested too deeply to parse or check, an
        approver that fails, a result that cannot be written as JSON) is an error output:
        the reply waits for this call's output, so there must always be one.
        """
        try:
            return await self._call(name, arguments, approve)
        except Exception as error:  # any failure is an answer for the model
            return error_output(ErrorKind.FAILED, f"The call failed ({type(error).__name__}).")

    async def _call(self, name: str, arguments: str, approve: Approver | None) -> CallResult:
        tool = self._tools.get(name)
        if tool is None or not self.enabled(name):
            return error_output(ErrorKind.UNKNOWN_TOOL, f"There is no tool named {name}.")
        parsed = _parse(arguments)
        if isinstance(parsed, CallResult):
            return parsed
        problem = argument_problem(tool.parameters, parsed)
        if problem:
            return error_output(ErrorKind.INVALID_ARGUMENTS, f"Invalid arguments: {problem}")
        refusal = await self._consent(tool, parsed, approve)
        return refusal or await _run(tool, parsed)

    async def _consent(
        self, tool: Tool, arguments: dict[str, Any], approve: Approver | None
    ) -> CallResult | None:
        permission = self.permission(tool.name)
        if permission is Permission.ALLOW:
            return None
        if permission is Permission.DENY:
            return error_output(ErrorKind.DENIED, "The user does not allow this tool to run.")
        if approve is None:
            return error_output(ErrorKind.DENIED, "Nobody is there to approve this call.")
        decision = await approve(ApprovalRequest(tool.name, arguments, tool.description))
        if decision is Decision.DENY:
            return error_output(ErrorKind.DENIED, "The user declined this call.")
        if decision is Decision.ALWAYS:
            self.allow_always(tool.name)
        return None

    def allow_always(self, name: str) -> None:
        """The user answered "Always": `name` runs without asking; the listeners remember it."""
        self.permissions[name] = Permission.ALLOW
        for listener in self.on_always:
            listener(name)


def _parse(arguments: str) -> dict[str, Any] | CallResult:
    try:
        parsed = json.loads(arguments or "{}")
    except ValueError:
        return error_output(ErrorKind.INVALID_ARGUMENTS, "The arguments are not valid JSON.")
    if not isinstance(parsed, dict):
        return error_output(ErrorKind.INVALID_ARGUMENTS, "The arguments must be a JSON object.")
    return parsed


async def _run(tool: Tool, arguments: dict[str, Any]) -> CallResult:
    try:
        async with asyncio.timeout(tool.timeout):
            value = await tool.run(arguments)
    except TimeoutError:
        return error_output(ErrorKind.TIMEOUT, f"The tool did not finish in {tool.timeout:g} s.")
    except ToolError as error:
        return error_output(error.kind, error.message)
    except Exception as error:  # any failure is reported to the model
        return error_output(ErrorKind.FAILED, f"The tool failed: {type(error).__name__}: {error}")
    return success_output(value)
