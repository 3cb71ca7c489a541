"""The user tools file (`tools.toml` next to the settings): HTTP tools, commands, MCP servers.

The file is a list of `[[tool]]` and `[[mcp]]` tables (see docs/tools.md). Each table is parsed
on its own, so a TOML syntax error or a bad entry costs only that entry: it becomes a
`LoadError` with the file, the line and the reason, and everything else still loads. User
tools ask before every call unless the file (or the user, in the settings) says otherwise.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from assistant.settings.secrets import SecretStore
from assistant.settings.store import default_path
from assistant.text import QT_TRANSLATE_NOOP, Sentence, reason_of
from assistant.tools.commands import CommandTemplate, argv_problem
from assistant.tools.filewrite import HEADER, table_text
from assistant.tools.mcp import APPROVALS, McpServer
from assistant.tools.registry import (
    NAME_RE,
    Permission,
    Tool,
    ToolRegistry,
    name_problem,
    tool_problem,
)
from assistant.tools.templates import SECRET, placeholders
from assistant.tools.web import METHODS, HttpRequestTemplate

FILE_NAME = "tools.toml"
MAX_TIMEOUT = 120.0
_TOML_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)$")
_TOOL_KEYS = {"name", "description", "permission", "timeout", "parameters"}
_HTTP_KEYS = _TOOL_KEYS | {"method", "url", "headers"}
_COMMAND_KEYS = _TOOL_KEYS | {"command"}
_MCP_KEYS = {"server_label", "server_url", "allowed_tools", "require_approval", "authorization",
             "description"}  # fmt: skip
EMPTY_SCHEMA: dict[str, Any] = {"type": "object", "properties": {}}


def user_tools_path() -> Path:
    """`tools.toml` in the user's config directory, next to `settings.json`."""
    return default_path().with_name(FILE_NAME)


@dataclass(frozen=True)
class LoadError:
    file: Path
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(frozen=True)
class UserEntry:
    """A loaded table as written: its kind ("tool" or "mcp"), name, values and lines (for edits).

    `last` leaves out the blank and comment lines after the table (they may describe the next).
    """

    kind: str
    name: str
    data: dict[str, Any]
    first: int
    last: int


@dataclass
class UserTools:
    """What the file added: tool names, MCP servers, the loaded tables, the entries that failed."""

    path: Path
    tools: list[str] = field(default_factory=list)
    servers: list[McpServer] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    entries: list[UserEntry] = field(default_factory=list)

    def entry(self, kind: str, name: str) -> UserEntry | None:
        return next((e for e in self.entries if (e.kind, e.name) == (kind, name)), None)


UNREADABLE = QT_TRANSLATE_NOOP("Tools", "the file cannot be read ({error})")
NOT_LOADED = QT_TRANSLATE_NOOP("Tools", "this entry cannot be loaded ({error})")
OUTSIDE = QT_TRANSLATE_NOOP("Tools", "'{key}' is outside a [[tool]] or [[mcp]] table")
TOML_SYNTAX = QT_TRANSLATE_NOOP("Tools", "TOML syntax: {error}")
URL_OR_COMMAND = QT_TRANSLATE_NOOP(
    "Tools", "tool {name} needs either url = ... (HTTP) or command = [...]"
)
PARAMETERS_TABLE = QT_TRANSLATE_NOOP("Tools", "parameters must be a table (a JSON Schema)")
BAD_URL = QT_TRANSLATE_NOOP("Tools", "url must start with http:// or https:// and name a host")
HOST_PARAMETER = QT_TRANSLATE_NOOP("Tools", "the host in url cannot be a parameter")
BAD_METHOD = QT_TRANSLATE_NOOP("Tools", "method must be one of {methods}")
BAD_HEADERS = QT_TRANSLATE_NOOP("Tools", "headers must be a table of strings")
PROPERTIES_TABLE = QT_TRANSLATE_NOOP("Tools", "the properties of parameters must be a table")
UNKNOWN_PLACEHOLDER = QT_TRANSLATE_NOOP("Tools", "{name} in {key} is not one of the parameters")
BAD_LABEL = QT_TRANSLATE_NOOP(
    "Tools", "server_label {label} must be unique: letters, digits, _ or -"
)
BAD_SERVER_URL = QT_TRANSLATE_NOOP("Tools", "server_url must start with https:// (or http://)")
BAD_APPROVAL = QT_TRANSLATE_NOOP("Tools", 'require_approval must be "always" or "never"')
BAD_ALLOWED = QT_TRANSLATE_NOOP("Tools", "allowed_tools must be a list of tool names")
UNKNOWN_KEY = QT_TRANSLATE_NOOP("Tools", "unknown key '{key}' (allowed: {allowed})")
NOT_A_STRING = QT_TRANSLATE_NOOP("Tools", "{key} must be a string")
REQUIRED = QT_TRANSLATE_NOOP("Tools", "{key} is required")
NO_SECRET_HERE = QT_TRANSLATE_NOOP("Tools", "{key} cannot hold a {{secret:...}}: only headers can")
BAD_PERMISSION = QT_TRANSLATE_NOOP("Tools", 'permission must be "allow", "ask" or "deny"')
BAD_TIMEOUT = QT_TRANSLATE_NOOP("Tools", "timeout must be a number of seconds up to {limit}")


def _say(template: str, **args: object) -> Sentence:
    return Sentence("Tools", template, **args)


class _EntryError(ValueError):
    def __init__(self, reason: str, key: str | None = None, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.key, self.line = reason, key, line


@dataclass(frozen=True)
class _Chunk:
    kind: str | None  # "tool", "mcp", or None for the text before the first table
    start: int  # 1-based line of the first line
    lines: list[str]

    def line_of(self, key: str | None) -> int:
        pattern = re.compile(rf"^\s*(\[\s*tool\.)?{re.escape(key)}\b") if key else None
        for offset, line in enumerate(self.lines):
            if pattern is not None and pattern.match(line):
                return self.start + offset
        return self.start

    def last(self) -> int:
        """The last line of the table itself (without trailing blank and comment lines)."""
        end = len(self.lines)
        while end > 1 and self.lines[end - 1].strip()[:1] in ("", "#"):
            end -= 1
        return self.start + end - 1


def load_user_tools(
    path: Path, registry: ToolRegistry, secrets: SecretStore | None = None
) -> UserTools:
    """Add the file's tools to `registry`; a missing file is simply empty."""
    loaded = UserTools(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return loaded
    except (OSError, UnicodeDecodeError) as error:
        loaded.errors.append(LoadError(path, 1, _say(UNREADABLE, error=str(error))))
        return loaded
    for chunk in _chunks(text):
        try:
            _load_chunk(chunk, loaded, registry, secrets)
        except _EntryError as error:
            line = error.line or chunk.line_of(error.key)
            loaded.errors.append(LoadError(path, line, error.reason))
        except Exception as error:  # a case no rule foresaw still costs only this entry
            reason = _say(NOT_LOADED, error=type(error).__name__)
            loaded.errors.append(LoadError(path, chunk.start, reason))
    return loaded


def _chunks(text: str) -> list[_Chunk]:
    chunks = [_Chunk(None, 1, [])]
    for number, line in enumerate(text.splitlines(), start=1):
        header = HEADER.match(line)
        if header:
            chunks.append(_Chunk(header.group(1), number, []))
        chunks[-1].lines.append(line)
    return chunks


def _load_chunk(
    chunk: _Chunk, loaded: UserTools, registry: ToolRegistry, secrets: SecretStore | None
) -> None:
    try:
        data = tomllib.loads("\n".join(chunk.lines))
    except tomllib.TOMLDecodeError as error:
        raise _toml_error(chunk, str(error)) from None
    if chunk.kind is None:
        if data:
            key = next(iter(data))
            raise _EntryError(_say(OUTSIDE, key=key), key)
        return
    entry = data[chunk.kind][0]
    if chunk.kind == "mcp":
        server = _server(entry, [s.server_label for s in loaded.servers])
        loaded.servers.append(server)
        name = server.server_label
    else:
        tool = _tool(entry, secrets, [t.name for t in registry.tools])
        registry.add(tool)
        loaded.tools.append(name := tool.name)
    loaded.entries.append(UserEntry(chunk.kind, name, entry, chunk.start, chunk.last()))


def entry_problem(
    kind: str, data: dict[str, Any], taken: Collection[str]
) -> tuple[str | None, str] | None:
    """Why the table `data` would not load, as (its key or None, the reason), or None.

    The same rules as loading the file, applied to the text that would be written; `taken`
    holds the names already used (for a tool: every other tool's; for a server: the others').
    """
    try:
        try:
            entry = tomllib.loads(table_text(kind, data))[kind][0]
        except ValueError as problem:  # what TOML cannot hold (null)
            raise _EntryError(reason_of(problem), "parameters") from None
        if kind == "mcp":
            _server(entry, taken)
        else:
            _tool(entry, None, taken)
    except _EntryError as error:
        return error.key, error.reason
    except Exception as error:  # as in `load_user_tools`: a reason, never a crash
        return None, _say(NOT_LOADED, error=type(error).__name__)
    return None


def _toml_error(chunk: _Chunk, message: str) -> _EntryError:
    found = _TOML_LINE.search(message)
    line = chunk.start + int(found.group(1)) - 1 if found else None
    return _EntryError(_say(TOML_SYNTAX, error=_TOML_LINE.sub("", message)), line=line)


def _tool(entry: dict[str, Any], secrets: SecretStore | None, taken: Collection[str]) -> Tool:
    """The tool of the table `entry`, checked as the registry would (`taken`: its tool names)."""
    name = _string(entry, "name", required=True)
    bad_name = name_problem(name)
    if bad_name:
        raise _EntryError(bad_name, "name")
    _no_unknown_keys(entry, _HTTP_KEYS | _COMMAND_KEYS)
    kind = "http" if "url" in entry else "command" if "command" in entry else None
    if kind is None or ("url" in entry and "command" in entry):
        raise _EntryError(_say(URL_OR_COMMAND, name=name))
    _no_unknown_keys(entry, _HTTP_KEYS if kind == "http" else _COMMAND_KEYS)
    parameters = entry.get("parameters", EMPTY_SCHEMA)
    if not isinstance(parameters, dict):
        raise _EntryError(_say(PARAMETERS_TABLE), "parameters")
    timeout = _timeout(entry)
    run = (
        _http(entry, parameters, secrets, timeout)
        if kind == "http"
        else _command(entry, parameters)
    )
    tool = Tool(
        name,
        _string(entry, "description"),
        parameters,
        run,
        permission=_permission(entry),
        timeout=timeout,
        source=kind,
    )
    problem = tool_problem(tool, taken)
    if problem:
        raise _EntryError(problem[1], problem[0])
    return tool


def _http(
    entry: dict[str, Any], parameters: dict[str, Any], secrets: SecretStore | None, timeout: float
) -> Callable[[dict[str, Any]], Any]:
    url = _string(entry, "url", required=True)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise _EntryError(_say(BAD_URL), "url")
    if "{" in parts.netloc:
        raise _EntryError(_say(HOST_PARAMETER), "url")
    _known_placeholders(placeholders(url), parameters, "url")
    method = _string(entry, "method") or "GET"
    if method.upper() not in METHODS:
        raise _EntryError(_say(BAD_METHOD, methods=", ".join(METHODS)), "method")
    headers = entry.get("headers", {})
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        raise _EntryError(_say(BAD_HEADERS), "headers")
    template = HttpRequestTemplate(method.upper(), url, headers, secrets)

    async def run(arguments: dict[str, Any]) -> Any:
        return await template(arguments, timeout)

    return run


def _command(entry: dict[str, Any], parameters: dict[str, Any]) -> Callable[[dict[str, Any]], Any]:
    command = entry["command"]
    problem = argv_problem(command if isinstance(command, list) else [])
    if problem:
        raise _EntryError(problem, "command")
    _known_placeholders([p for part in command for p in placeholders(part)], parameters, "command")
    return CommandTemplate(tuple(command))


def _known_placeholders(names: list[str], parameters: dict[str, Any], key: str) -> None:
    properties = parameters.get("properties", {})
    if names and not isinstance(properties, dict):
        raise _EntryError(_say(PROPERTIES_TABLE), "parameters")
    for name in names:
        if name not in properties:
            raise _EntryError(_say(UNKNOWN_PLACEHOLDER, name=f"{{{name}}}", key=key), key)


def _server(entry: dict[str, Any], known: Collection[str]) -> McpServer:
    _no_unknown_keys(entry, _MCP_KEYS)
    label = _string(entry, "server_label", required=True)
    if not NAME_RE.match(label) or label in known:
        raise _EntryError(_say(BAD_LABEL, label=repr(label)), "server_label")
    url = _string(entry, "server_url", required=True)
    if urlsplit(url).scheme not in ("http", "https"):
        raise _EntryError(_say(BAD_SERVER_URL), "server_url")
    approval = _string(entry, "require_approval") or "always"
    if approval not in APPROVALS:
        raise _EntryError(_say(BAD_APPROVAL), "require_approval")
    allowed = entry.get("allowed_tools")
    if allowed is not None and not (
        isinstance(allowed, list) and all(isinstance(t, str) for t in allowed)
    ):
        raise _EntryError(_say(BAD_ALLOWED), "allowed_tools")
    return McpServer(
        label,
        url,
        tuple(allowed) if allowed is not None else None,
        approval,
        _string(entry, "authorization") or None,
        _string(entry, "description"),
    )


def _no_unknown_keys(entry: dict[str, Any], allowed: set[str]) -> None:
    for key in entry:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise _EntryError(_say(UNKNOWN_KEY, key=key, allowed=known), key)


def _string(entry: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str):
        raise _EntryError(_say(NOT_A_STRING, key=key), key)
    if required and not value.strip():
        raise _EntryError(_say(REQUIRED, key=key), key if key in entry else None)
    if SECRET.search(value) and key != "headers":
        raise _EntryError(_say(NO_SECRET_HERE, key=key), key)
    return value.strip()


def _permission(entry: dict[str, Any]) -> Permission:
    value = entry.get("permission", Permission.ASK.value)
    try:
        return Permission(value)
    except ValueError:
        raise _EntryError(_say(BAD_PERMISSION), "permission") from None


def _timeout(entry: dict[str, Any]) -> float:
    value = entry.get("timeout", 10)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if not number or not 0 < value <= MAX_TIMEOUT:
        raise _EntryError(_say(BAD_TIMEOUT, limit=f"{MAX_TIMEOUT:g}"), "timeout")
    return float(value)


EXAMPLE = """\
# Your own tools for Realtime Assistant (see docs/tools.md). Each [[tool]] is offered to the
# model; it asks you before each call unless permission = "allow". Remove the leading "# " of an
# example to use it, then press Reload on the Tools page of the settings.

# [[tool]]
# name = "weather"
# description = "Current weather for a city"
# url = "https://wttr.in/{city}?format=3"           # parameters are URL-encoded
# headers = { Accept = "text/plain" }               # "Bearer {secret:NAME}" reads the keyring
# parameters = { type = "object", required = ["city"], properties = { city = { type = "string" } } }

# [[tool]]
# name = "disk_usage"
# description = "How much space a folder takes"
# command = ["du", "-sh", "{path}"]                 # never a shell; {path} is one argument
# parameters = { type = "object", required = ["path"], properties = { path = { type = "string" } } }

# [[mcp]]
# server_label = "deepwiki"
# server_url = "https://mcp.deepwiki.com/mcp"
# allowed_tools = ["ask_question"]
# require_approval = "always"                       # or "never"
# authorization = "deepwiki-token"                  # a keyring secret's name (optional)
"""
