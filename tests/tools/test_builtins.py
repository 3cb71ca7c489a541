"""The built-in tools, with their desktop parts injected (the real history store on disk)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.realtime import ItemStatus, Message, Role
from assistant.store import HistoryStore
from assistant.tools import Decision, Desktop, Permission, ToolRegistry, builtin_tools

NOON = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


class Clipboard:
    def __init__(self, text: str) -> None:
        self.text = text

    def read_text(self) -> str:
        return self.text


class Browser:
    def __init__(self, works: bool = True) -> None:
        self.opened: list[str] = []
        self.works = works

    def open_url(self, url: str) -> bool:
        self.opened.append(url)
        return self.works


async def approve(request: Any) -> Decision:
    return Decision.ONCE


def registry(**parts: Any) -> ToolRegistry:
    return ToolRegistry.of(builtin_tools(Desktop(clock=lambda: NOON, **parts)))


async def call(tools: ToolRegistry, name: str, arguments: dict[str, Any]) -> Any:
    return json.loads((await tools.call(name, json.dumps(arguments), approve)).output)


def test_only_tools_with_their_parts_are_offered() -> None:
    assert [s["name"] for s in registry().schemas()] == ["get_current_time", "calculate"]
    full = registry(clipboard=Clipboard(""), opener=Browser(), history=object())
    names = [tool.name for tool in full.tools]
    assert names == ["get_current_time", "calculate", "read_clipboard", "open_url",
                     "search_history"]  # fmt: skip
    assert [full.permission(n) for n in names] == [Permission.ALLOW] * 2 + [
        Permission.ASK, Permission.ASK, Permission.ALLOW]  # fmt: skip


async def test_the_time_in_a_time_zone() -> None:
    tools = registry()
    assert await call(tools, "get_current_time", {"timezone": "Asia/Tokyo"}) == {
        "time": "21:00", "date": "2026-11-21", "weekday": "Saturday",
        "timezone": "Asia/Tokyo", "utc_offset": "+09:00"}  # fmt: skip
    local = await call(tools, "get_current_time", {})
    assert (local["time"], local["utc_offset"]) == ("12:00", "+00:00")
    wrong = await call(tools, "get_current_time", {"timezone": "Mars/Olympus"})
    assert wrong["error"] == {
        "type": "invalid_arguments",
        "message": "Unknown time zone 'Mars/Olympus': use an IANA name such as Europe/Paris.",
    }


async def test_the_calculator_tool() -> None:
    tools = registry()
    assert await call(tools, "calculate", {"expression": "2^8 + 1"}) == {
        "expression": "2^8 + 1", "value": 257}  # fmt: skip
    refused = await call(tools, "calculate", {"expression": "open('x')"})
    assert refused["error"]["type"] == "invalid_arguments"
    assert "Only these functions are allowed" in refused["error"]["message"]


async def test_the_clipboard_is_read_and_cut() -> None:
    tools = registry(clipboard=Clipboard("x" * 5000))
    read = await call(tools, "read_clipboard", {})
    assert (len(read["text"]), read["truncated"]) == (4000, True)


async def test_only_web_addresses_are_opened() -> None:
    browser = Browser()
    tools = registry(opener=browser)
    assert await call(tools, "open_url", {"url": "https://example.com/a?b=1"}) == {
        "opened": "https://example.com/a?b=1"}  # fmt: skip
    for url in ("file:///etc/passwd", "javascript:alert(1)", "https://", "ftp://x.org"):
        refused = await call(tools, "open_url", {"url": url})
        assert refused["error"]["message"] == "Only http:// and https:// addresses can be opened."
    assert browser.opened == ["https://example.com/a?b=1"]
    failed = await call(registry(opener=Browser(works=False)), "open_url", {"url": "http://x.org"})
    assert failed["error"]["type"] == "failed"


async def test_the_history_search_reads_the_store(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "history.db", durable=False) as store:
        cid = store.create_conversation(at=NOON.timestamp())
        said = Message("i1", Role.USER, ItemStatus.COMPLETED, "my bike is blue")
        store.save_item(cid, said, 0, at=NOON.timestamp())
        tools = registry(history=store)
        found = await call(tools, "search_history", {"query": "bike"})
        nothing = await call(tools, "search_history", {"query": "submarine"})
    [match] = found["matches"]
    assert (match["role"], match["text"], match["conversation"]) == (
        "user", "my [bike] is blue", "my bike is blue")  # fmt: skip
    assert nothing == {"matches": []}
