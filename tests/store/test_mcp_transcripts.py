"""Remote MCP items in `history show` and the Markdown export."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant.cli.history import transcript_lines
from assistant.realtime import (
    ItemStatus,
    McpApprovalRequest,
    McpApprovalResponse,
    McpCall,
    McpListing,
    Message,
    Role,
)
from assistant.store import ConversationRecord, HistoryStore, to_markdown
from tests.store.test_cli_history import run

DONE = ItemStatus.COMPLETED
ITEMS = [
    McpListing("l1", DONE, server_label="docs", tools=("search_docs", "broken_tool")),
    McpListing(
        "l2",
        DONE,
        server_label="wiki",
        error="The MCP server 'wiki' could not list its tools, so they are unavailable.",
    ),
    Message("u1", Role.USER, DONE, "search the docs for vad"),
    McpApprovalRequest(
        "r1", DONE, server_label="docs", name="search_docs", arguments='{"query":"vad"}'
    ),
    McpApprovalResponse(
        "p1", DONE, approval_request_id="r1", approved=True, server_label="docs", name="search_docs"
    ),
    McpCall(
        "c1",
        DONE,
        server_label="docs",
        name="search_docs",
        arguments='{"query":"vad"}',
        output="Found 3 pages about vad.",
    ),
    McpApprovalResponse(
        "p2",
        DONE,
        approval_request_id="r2",
        approved=False,
        server_label="docs",
        name="broken_tool",
        reason="not now",
    ),
    McpCall(
        "c2",
        DONE,
        server_label="docs",
        name="broken_tool",
        arguments="{}",
        error="The tool crashed.",
    ),
]


@pytest.fixture
def stored(data_dir: Path) -> str:
    with HistoryStore.open() as store:
        cid = store.create_conversation(model="gpt-realtime", at=1_750_000_000.0)
        for n, item in enumerate(ITEMS, start=1):
            store.save_item(cid, item, n * 1024, at=1_750_000_000.0 + n)
    return cid


@pytest.fixture
def record(stored: str) -> ConversationRecord:
    """The stored conversation as read back from the file."""
    with HistoryStore.open() as store:
        return store.load(stored)


def test_every_mcp_field_survives_the_file(record: ConversationRecord) -> None:
    assert [stored.item for stored in record.items] == ITEMS


def test_updating_an_item_keeps_its_mcp_fields_current(stored: str) -> None:
    with HistoryStore.open() as store:
        store.save_item(stored, replace(ITEMS[5], output=None, error="gone"), 6 * 1024)
        item = store.load(stored).items[5].item
    assert (item.output, item.error, item.server_label) == (None, "gone", "docs")


def test_the_transcript_says_what_each_mcp_item_was(record: ConversationRecord) -> None:
    assert transcript_lines(record) == [
        "MCP tools: docs: search_docs, broken_tool",
        "MCP tools: wiki: failed (The MCP server 'wiki' could not list its tools, so they are "
        "unavailable.)",
        "user: search the docs for vad",
        'MCP approval asked: docs.search_docs({"query":"vad"})',
        "MCP approval: approved docs.search_docs",
        'MCP call: docs.search_docs({"query":"vad"}) -> Found 3 pages about vad.',
        "MCP approval: declined docs.broken_tool: not now",
        "MCP call: docs.broken_tool({}) -> error: The tool crashed.",
    ]


def test_the_markdown_export_shows_mcp_items(record: ConversationRecord) -> None:
    text = to_markdown(record)
    assert "**MCP tools:** `docs: search_docs, broken_tool`" in text
    assert '**MCP call:** `docs.search_docs({"query":"vad"}) -> Found 3 pages about vad.`' in text
    assert "**MCP approval:** `declined docs.broken_tool: not now`" in text
    assert "mcp_call" not in text  # no bare type names


def test_history_show_reads_mcp_items_from_the_file(
    capsys: pytest.CaptureFixture[str], stored: str
) -> None:
    code, out, _ = run(capsys, "show", stored)
    assert code == 0
    shown = out.splitlines()[2:]
    assert shown[:2] == [
        "MCP tools: docs: search_docs, broken_tool",
        "MCP tools: wiki: failed (The MCP server 'wiki' could not list its tools, so they are "
        "unavailable.)",
    ]
    assert shown[3] == 'MCP approval asked: docs.search_docs({"query":"vad"})'
    assert shown[4] == "MCP approval: approved docs.search_docs"
    assert shown[5] == 'MCP call: docs.search_docs({"query":"vad"}) -> Found 3 pages about vad.'
    assert shown[7] == "MCP call: docs.broken_tool({}) -> error: The tool crashed."
    assert not any(line.startswith("mcp_") for line in shown)
