"""Remote MCP items in the chat history, fed through the bridge with hand-made core events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from assistant.realtime import (
    Item,
    ItemAdded,
    ItemCompleted,
    ItemStatus,
    McpApprovalRequest,
    McpApprovalResponse,
    McpApprovalWithdrawn,
    McpCall,
    McpCallArgumentsDelta,
    McpListing,
    McpToolsListFailed,
    McpUnavailable,
)
from assistant.ui import i18n
from assistant.ui.bridge import CoreBridge
from assistant.ui.chat_model import HTML_ROLE, ChatModel
from assistant.ui.chat_rows import RowKind
from assistant.ui.chat_text import row_plain

DONE, RUNNING = ItemStatus.COMPLETED, ItemStatus.IN_PROGRESS
RED = 'class="bad"'  # the markup class the view paints red


def fed() -> tuple[CoreBridge, ChatModel, list[str]]:
    bridge, model, notices = CoreBridge(), ChatModel(), []
    model.attach(bridge)
    bridge.notice.connect(notices.append)
    return bridge, model, notices


def listing(status: ItemStatus, *tools: str) -> Item:
    return McpListing("l1", status, server_label="docs", tools=tools)


def request(item_id: str = "r1") -> Item:
    return McpApprovalRequest(
        item_id, DONE, server_label="docs", name="search_docs", arguments='{"query":"vad"}'
    )


def answer(approved: bool, reason: str = "", request_id: str = "r1") -> Item:
    return McpApprovalResponse(
        "p1",
        ItemStatus.PENDING,
        approval_request_id=request_id,
        approved=approved,
        server_label="docs",
        name="search_docs",
        reason=reason,
    )


def html(model: ChatModel, row: int) -> str:
    return str(model.index(row, 0).data(HTML_ROLE))


@pytest.fixture
def japanese(qapp: QApplication) -> Iterator[None]:
    translators = i18n.install(qapp, "ja")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def test_a_tool_listing_is_one_compact_row() -> None:
    bridge, model, _ = fed()
    bridge.on_event(ItemAdded(listing(RUNNING)))
    assert "docs: listing tools…" in html(model, 0)
    bridge.on_event(ItemCompleted(listing(DONE, "search_docs", "broken_tool")))
    assert "docs: 2 tools" in html(model, 0) and "search_docs, broken_tool" in html(model, 0)
    assert row_plain(model.row(0)) == "MCP: docs: 2 tools"
    bridge.on_event(ItemCompleted(listing(DONE, "search_docs")))
    assert "docs: 1 tool" in html(model, 0)
    assert len(model.log) == 1


def test_a_failed_listing_is_red_in_the_chat_and_one_notice() -> None:
    bridge, model, notices = fed()
    bridge.on_event(ItemAdded(listing(DONE)))
    bridge.on_event(McpToolsListFailed("l1", "docs", "The MCP server 'docs' could not..."))
    assert "docs: could not list its tools" in html(model, 0) and RED in html(model, 0)
    assert notices == ["The MCP server docs could not list its tools, so they are unavailable."]
    bridge.on_event(McpUnavailable("Remote MCP tools need the GA Realtime API; ..."))
    assert notices[-1].startswith("Remote MCP tools need the GA Realtime API; this Azure")


def test_the_answer_to_an_approval_request_is_folded_into_its_row() -> None:
    bridge, model, _ = fed()
    bridge.on_event(ItemAdded(request()))
    assert "docs asks to run search_docs" in html(model, 0)
    assert "waiting for your answer" in html(model, 0)
    bridge.on_event(ItemAdded(answer(False, "The user declined this call.")))
    bridge.on_event(ItemCompleted(answer(False, "The user declined this call.")))
    assert len(model.log) == 1
    row = model.row(0)
    assert row.approved is False and row.kind is RowKind.APPROVAL
    assert "declined: The user declined this call." in html(model, 0) and RED in html(model, 0)
    assert row_plain(row) == (
        'Approval: docs asks to run search_docs({"query":"vad"}) -> '
        "declined: The user declined this call."
    )


def test_an_answer_without_its_request_gets_a_row_of_its_own() -> None:
    bridge, model, _ = fed()
    bridge.on_event(ItemAdded(answer(True, request_id="gone")))
    assert model.row(0).kind is RowKind.APPROVAL and "approved" in html(model, 0)


def test_a_withdrawn_request_says_so() -> None:
    bridge, model, _ = fed()
    bridge.on_event(ItemAdded(request()))
    bridge.on_event(McpApprovalWithdrawn("r1"))
    assert "withdrawn: the connection dropped" in html(model, 0)
    assert model.row(0).approved is None


def test_an_mcp_call_is_an_expandable_tool_row_with_its_error_in_red() -> None:
    bridge, model, _ = fed()
    call = McpCall("c1", RUNNING, server_label="docs", name="broken_tool")
    bridge.on_event(ItemAdded(call))
    bridge.on_event(McpCallArgumentsDelta("c1", '{"x":'))
    bridge.on_event(McpCallArgumentsDelta("c1", "1}"))
    assert model.row(0).arguments == '{"x":1}' and "docs \u203a <b>broken_tool</b>" in html(
        model, 0
    )
    failed = McpCall(
        "c1",
        DONE,
        server_label="docs",
        name="broken_tool",
        arguments='{"x":1}',
        error="The tool crashed.",
    )
    bridge.on_event(ItemCompleted(failed))
    assert f"<span {RED}>" in html(model, 0)
    assert "The tool crashed." in html(model, 0)
    assert row_plain(model.row(0)) == 'Tool: docs.broken_tool({"x":1}) -> The tool crashed.'
    model.toggle(0)
    assert model.row(0).expanded and "The tool crashed." in html(model, 0)
    assert "&quot;x&quot;: 1" in html(model, 0)  # the arguments, pretty


@pytest.mark.usefixtures("japanese")
def test_mcp_rows_read_in_japanese() -> None:
    bridge, model, notices = fed()
    bridge.on_event(ItemAdded(listing(DONE, "search_docs", "broken_tool")))
    bridge.on_event(ItemAdded(request()))
    bridge.on_event(ItemAdded(answer(True)))
    assert "docs: ツール 2 個" in html(model, 0)
    assert "docs が search_docs の実行を求めています" in html(model, 1)
    assert "承認済み" in html(model, 1)
    bridge.on_event(McpToolsListFailed("l1", "docs", "..."))
    assert notices == [
        "MCP サーバー docs がツールの一覧を取得できなかったため、そのツールは使えません。"
    ]
