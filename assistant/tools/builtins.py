"""The built-in tools: time in a time zone, calculator, clipboard, open a URL, search history.

They work offline. What needs the desktop is injected through small protocols, so this package
imports no Qt: the app passes a `Clipboard` and a `UrlOpener` backed by Qt, and a
`HistorySearch` backed by `assistant.store.HistoryStore`. A tool whose dependency is not given
is simply not offered. Reading the clipboard and opening a URL ask the user first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from assistant.store import SearchHit
from assistant.tools.calculator import CalculationError, calculate
from assistant.tools.registry import ErrorKind, Permission, Tool, ToolError

CLIPBOARD_CHARS = 4000
HISTORY_LIMIT = 10


class Clipboard(Protocol):
    def read_text(self) -> str: ...


class UrlOpener(Protocol):
    def open_url(self, url: str) -> bool:
        """Open `url` in the default browser; False when the system could not."""
        ...


class HistorySearch(Protocol):
    def search(self, text: str, limit: int = 50) -> list[SearchHit]: ...


@dataclass(frozen=True)
class Desktop:
    """What the built-ins may use; None leaves the corresponding tool out."""

    clock: Callable[[], datetime] = lambda: datetime.now().astimezone()
    clipboard: Clipboard | None = None
    opener: UrlOpener | None = None
    history: HistorySearch | None = None


def builtin_tools(desktop: Desktop) -> list[Tool]:
    tools = [_time_tool(desktop.clock), _calculator_tool()]
    if desktop.clipboard is not None:
        tools.append(_clipboard_tool(desktop.clipboard))
    if desktop.opener is not None:
        tools.append(_open_url_tool(desktop.opener))
    if desktop.history is not None:
        tools.append(_history_tool(desktop.history))
    return tools


def _schema(properties: dict[str, Any], required: Sequence[str] = ()) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(required)}


def _time_tool(clock: Callable[[], datetime]) -> Tool:
    async def run(arguments: dict[str, Any]) -> dict[str, Any]:
        zone_name = str(arguments.get("timezone") or "").strip()
        now = clock()
        if zone_name:
            try:
                now = now.astimezone(ZoneInfo(zone_name))
            except (ZoneInfoNotFoundError, ValueError):
                raise ToolError(
                    f"Unknown time zone {zone_name!r}: use an IANA name such as Europe/Paris.",
                    ErrorKind.INVALID_ARGUMENTS,
                ) from None
        offset = now.strftime("%z")
        return {
            "time": now.strftime("%H:%M"),
            "date": now.strftime("%Y-%m-%d"),
            "weekday": now.strftime("%A"),
            "timezone": zone_name or now.tzname() or "local",
            "utc_offset": f"{offset[:3]}:{offset[3:]}" if offset else "",
        }

    zone = {"type": "string", "description": "IANA time zone, e.g. Asia/Tokyo; omit for local"}
    return Tool(
        "get_current_time",
        "The current date and time, on the user's computer or in a given time zone.",
        _schema({"timezone": zone}),
        run,
    )


def _calculator_tool() -> Tool:
    async def run(arguments: dict[str, Any]) -> dict[str, Any]:
        expression = arguments["expression"]
        try:
            return {"expression": expression, "value": calculate(expression)}
        except CalculationError as error:
            raise ToolError(str(error), ErrorKind.INVALID_ARGUMENTS) from None

    expression = {
        "type": "string",
        "description": "Arithmetic such as (2+3)*4 or sqrt(2)/3; + - * / // % ** and "
        "sqrt sin cos tan log log10 exp abs round floor ceil min max, pi e tau",
        "maxLength": 200,
    }
    return Tool(
        "calculate",
        "Calculate an arithmetic expression exactly (use it instead of mental arithmetic).",
        _schema({"expression": expression}, ["expression"]),
        run,
    )


def _clipboard_tool(clipboard: Clipboard) -> Tool:
    async def run(arguments: dict[str, Any]) -> dict[str, Any]:
        del arguments  # takes none
        text = clipboard.read_text()
        shown = text[:CLIPBOARD_CHARS]
        return {"text": shown, "truncated": len(text) > len(shown)}

    return Tool(
        "read_clipboard",
        "Read the text currently on the user's clipboard (the user approves each read).",
        _schema({}),
        run,
        permission=Permission.ASK,
    )


def _open_url_tool(opener: UrlOpener) -> Tool:
    async def run(arguments: dict[str, Any]) -> dict[str, Any]:
        url = str(arguments["url"]).strip()
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise ToolError(
                "Only http:// and https:// addresses can be opened.", ErrorKind.INVALID_ARGUMENTS
            )
        if not opener.open_url(url):
            raise ToolError("The system could not open a browser for this address.")
        return {"opened": url}

    url = {"type": "string", "description": "An http:// or https:// address", "maxLength": 2000}
    return Tool(
        "open_url",
        "Open a web page in the user's browser (the user approves each one).",
        _schema({"url": url}, ["url"]),
        run,
        permission=Permission.ASK,
    )


def _history_tool(history: HistorySearch) -> Tool:
    async def run(arguments: dict[str, Any]) -> dict[str, Any]:
        limit = int(arguments.get("limit") or HISTORY_LIMIT)
        hits = history.search(str(arguments["query"]), limit)
        return {
            "matches": [
                {
                    "conversation": hit.conversation_title,
                    "role": hit.role,
                    "text": hit.snippet,
                    "date": datetime.fromtimestamp(hit.created_at).strftime("%Y-%m-%d %H:%M"),
                }
                for hit in hits
            ]
        }

    query = {"type": "string", "description": "Words to look for", "minLength": 1}
    limit = {"type": "integer", "minimum": 1, "maximum": 50}
    return Tool(
        "search_history",
        "Search the user's earlier conversations with this assistant (stored on this computer).",
        _schema({"query": query, "limit": limit}, ["query"]),
        run,
    )
