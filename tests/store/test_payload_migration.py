"""Schema version 3: items as a kind and a JSON payload, migrated from a real version 2 file.

`tests/data/history-v2.sqlite` was written by the version 2 store through its own API (every
item kind, marks, usage, markers, a renamed and an empty conversation), and
`history-v2-export.json` is its JSON export from the same release. Both must read back as the
items below, whole.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from assistant.realtime import (
    FunctionCall,
    FunctionResult,
    ItemStatus,
    McpApprovalRequest,
    McpApprovalResponse,
    McpCall,
    McpListing,
    Message,
    Note,
    Role,
)
from assistant.store import HistoryStore, loads
from assistant.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate, version_of

DATA = Path(__file__).parent.parent / "data"
T0 = 1_750_000_000.0
DONE, INC = ItemStatus.COMPLETED, ItemStatus.INCOMPLETE
KYOTO = [
    Message(
        "item_u1", Role.USER, DONE, "what time is it in Kyoto", has_audio=True, audio_ms=1820.0
    ),
    Message(
        "item_a1",
        Role.ASSISTANT,
        INC,
        "It is noon in Kyoto and the weather is fine",
        has_audio=True,
        audio_ms=2400.0,
        interrupted=True,
        heard_ms=900,
        heard_text="It is noon in",
    ),
    FunctionCall("item_f1", DONE, "get_time", "call_1", '{"city": "Kyoto"}'),
    FunctionResult("item_o1", DONE, "call_1", '{"time": "12:00"}'),
    Message("item_a2", Role.ASSISTANT, INC, "Let me che", cut_off=True),
    Message("item_s1", Role.SYSTEM, DONE, "Speak briefly."),
    Message("item_u2", Role.USER, DONE, "naïve café ünïcödé 日本語 ✓"),
    Message("item_a3", Role.ASSISTANT, DONE, "Sure.", has_audio=True, audio_ms=640.5),
    Note("item_x1", DONE, "future_item", ""),
]
WIKI_FAILED = "The MCP server 'wiki' could not list its tools, so they are unavailable."
DOCS = [
    Message(
        "history_omitted_0123456789ab", Role.SYSTEM, DONE, "Earlier: the user asked about Kyoto."
    ),
    McpListing("l1", DONE, "docs", ("search_docs", "broken_tool")),
    McpListing("l2", DONE, "wiki", error=WIKI_FAILED),
    Message("u1", Role.USER, DONE, "search the docs for vad"),
    McpApprovalRequest("r1", DONE, "docs", "search_docs", '{"query":"vad"}'),
    McpApprovalResponse("p1", DONE, "r1", True, "", "docs", "search_docs"),
    McpCall(
        "c1",
        DONE,
        "docs",
        "search_docs",
        '{"query":"vad"}',
        "Found 3 pages about vad.",
        approval_request_id="r1",
    ),
    McpApprovalRequest("r2", DONE, "docs", "broken_tool", "{}"),
    McpApprovalResponse("p2", DONE, "r2", False, "not now", "docs", "broken_tool"),
    McpCall("c2", INC, "docs", "broken_tool", "{}", error="The tool crashed. (code 500)"),
    FunctionCall("f2", ItemStatus.IN_PROGRESS, "lookup", "call_2", '{"q": "v'),
    FunctionResult("o2", ItemStatus.PENDING, "call_2", ""),
    Message("u3", Role.USER, ItemStatus.PENDING, "late transcript"),
]


@pytest.fixture
def v2_copy(tmp_path: Path) -> Path:
    path = tmp_path / "history.sqlite3"
    shutil.copyfile(DATA / "history-v2.sqlite", path)
    with sqlite3.connect(path) as conn:
        assert version_of(conn) == 2
    return path


def test_every_item_of_a_v2_file_reads_back_equal(v2_copy: Path) -> None:
    with HistoryStore.open(v2_copy) as store:
        kyoto, docs = store.load("conv_a"), store.load("conv_b")
        empty = store.load("conv_empty")
    assert [s.item for s in kyoto.items] == KYOTO
    assert [s.item for s in docs.items] == DOCS
    assert [s.created_at for s in kyoto.items] == [T0 + n for n in range(1, 10)]
    assert empty.items == () and empty.summary.title == "Untitled conversation"
    assert version_of(sqlite3.connect(v2_copy)) == SCHEMA_VERSION == 3


def test_the_rest_of_a_v2_file_is_untouched(v2_copy: Path) -> None:
    with HistoryStore.open(v2_copy) as store:
        kyoto, docs = store.load("conv_a"), store.load("conv_b")
        positions = store.positions("conv_a")
    assert (kyoto.summary.title, kyoto.summary.custom_title) == ("Kyoto time", True)
    assert (kyoto.summary.total_tokens, kyoto.summary.cost_complete) == (702, False)
    assert kyoto.summary.cost_usd == pytest.approx(0.0123)
    assert [(u.kind, u.ref, u.cost_usd) for u in kyoto.usage] == [
        ("response", "resp_1", 0.0123),
        ("transcription", "item_u1", None),
    ]
    assert [(m.kind, m.after_item) for m in kyoto.markers] == [("new_session", "item_a2")]
    assert [(m.kind, m.detail) for m in docs.markers] == [("resumed", "3 turns left out")]
    assert (docs.summary.title, docs.summary.profile) == ("search the docs for vad", "azure")
    assert positions == {item.id: n * 1024 for n, item in enumerate(KYOTO, start=1)}


def test_search_finds_text_arguments_output_and_reasons_after_the_migration(
    v2_copy: Path,
) -> None:
    with HistoryStore.open(v2_copy) as store:
        assert [h.item_id for h in store.search("weather")] == ["item_a1"]
        assert [(h.item_id, h.role) for h in store.search("cafe")] == [("item_u2", "user")]
        assert {h.item_id for h in store.search("city")} == {"item_f1"}
        assert {h.item_id for h in store.search("pages vad")} == {"c1"}
        assert [h.item_id for h in store.search("not now")] == ["p2"]
        store.update_text("conv_b", "u3", "a brand new transcript")
        assert [h.item_id for h in store.search("brand new")] == ["u3"]
        assert store.search("late transcript") == []
        store.delete("conv_b")
        assert store.search("vad") == []


def test_items_written_after_the_migration_read_back_equal(v2_copy: Path) -> None:
    with HistoryStore.open(v2_copy) as store:
        cid = store.create_conversation()
        for n, item in enumerate(KYOTO + DOCS, start=1):
            store.save_item(cid, item, n)
        assert [s.item for s in store.load(cid).items] == KYOTO + DOCS


def test_a_v2_json_export_imports_as_the_migrated_file_reads(v2_copy: Path) -> None:
    exports = json.loads((DATA / "history-v2-export.json").read_text(encoding="utf-8"))
    records = [loads(json.dumps(export)) for export in exports]
    assert [[s.item for s in r.items] for r in records] == [KYOTO, DOCS]
    with HistoryStore.open(v2_copy) as store:
        assert records[0] == store.load("conv_a")


def test_damaged_v2_rows_migrate_without_losing_the_others(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:2])
    conn.execute("INSERT INTO conversations VALUES ('c1', NULL, 1, 1, NULL, NULL, 0, 0, 0)")
    rows = [
        ("u1", "message", "message", "user", "completed", "kept", "[]"),
        ("x1", "hologram", "hologram", None, "lost?", "odd", "[]"),
        ("l1", "mcp_list_tools", "mcp_list_tools", None, "completed", "", "not json"),
    ]
    for n, row in enumerate(rows, start=1):
        conn.execute(
            "INSERT INTO items (conversation_id, position, item_id, kind, type_name, role, status,"
            " text, tools, created_at) VALUES ('c1', ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            (n, *row),
        )
    conn.close()
    with HistoryStore.open(path) as store:
        items = [s.item for s in store.load("c1").items]
    assert items == [
        Message("u1", Role.USER, DONE, "kept"),
        Note("x1", INC, "hologram", "odd"),  # an unknown kind and status: a note, kept
        McpListing("l1", DONE),
    ]
