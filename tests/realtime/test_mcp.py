"""Remote MCP tools in the core, fed with GA event sequences validated by the oracle."""

from __future__ import annotations

import json
from typing import Any

from assistant.realtime import Dialect, ItemKind, SessionConfig, mcp_tool
from assistant.realtime import events as ev
from assistant.realtime.eventlog import log_line
from tests.realtime import wire
from tests.realtime.test_session import connected, feed, new_session, sent, types

DOCS = mcp_tool("docs", "https://mcp.example/mcp", authorization="tok-SECRET-1")
REQUEST = wire.mcp_approval_request("mcpr_1", "docs", "search_docs", '{"q":"vad"}')


def user_turn(session: Any, text: str = "search the docs for vad") -> str:
    item_id: str = session.send_text(text)
    feed(session, wire.item_added(wire.message(item_id, "user", text), None))
    sent(session)
    return item_id


def ask_approval(session: Any, user_id: str, *, done: bool = True) -> list[ev.Event]:
    """The response that ends at an approval prompt (optionally still running)."""
    seq = [
        wire.response_created("resp_1"),
        wire.output_item_added("resp_1", REQUEST),
        wire.item_added(REQUEST, user_id),
        wire.output_item_done("resp_1", REQUEST),
        wire.item_done(REQUEST, user_id),
    ]
    if done:
        seq.append(wire.response_done("resp_1", [REQUEST]))
    return feed(session, *seq)


def confirm_answer(session: Any, item_id: str, approve: bool) -> None:
    """The server's `added`/`done` for the approval response the session sent."""
    answer = {
        "id": item_id,
        "type": "mcp_approval_response",
        "approval_request_id": "mcpr_1",
        "approve": approve,
    }
    feed(session, wire.item_added(answer, "mcpr_1"), wire.item_done(answer, "mcpr_1"))


def call_reply(previous: str, output: str | None, error: dict[str, Any] | None = None) -> list[str]:
    """A response with the MCP call (approved earlier) and a spoken answer after it."""
    start = wire.mcp_call("mcp_1", "docs", "search_docs", approval_request_id="mcpr_1")
    done = {**start, "arguments": '{"q":"vad"}', "output": output, "error": error}
    answer = wire.message("item_ans", "assistant", "Here is what I found.")
    outcome = "response.mcp_call.failed" if error else "response.mcp_call.completed"
    return [
        wire.response_created("resp_2"),
        wire.output_item_added("resp_2", start),
        wire.item_added(start, previous),
        wire.mcp_event("response.mcp_call_arguments.delta", "mcp_1", "resp_2", delta='{"q":'),
        wire.mcp_event("response.mcp_call_arguments.delta", "mcp_1", "resp_2", delta='"vad"}'),
        wire.mcp_event(
            "response.mcp_call_arguments.done", "mcp_1", "resp_2", arguments='{"q":"vad"}'
        ),
        wire.mcp_event("response.mcp_call.in_progress", "mcp_1", "resp_2"),
        wire.mcp_event(outcome, "mcp_1", "resp_2"),
        wire.output_item_done("resp_2", done),
        wire.item_done(done, previous),
        wire.output_item_done("resp_2", answer),
        wire.response_done("resp_2", [done, answer]),
    ]


def test_listing_reports_the_tools_once_item_and_completion_arrived() -> None:
    session = connected(SessionConfig(tools=(DOCS,)))
    listing = wire.mcp_list_tools("mcpl_1", "docs", [])
    full = wire.mcp_list_tools("mcpl_1", "docs", ["search_docs", "fetch_doc"])
    events = feed(
        session,
        wire.item_added(listing, None),
        wire.mcp_event("mcp_list_tools.in_progress", "mcpl_1"),
        wire.mcp_event("mcp_list_tools.completed", "mcpl_1"),
    )
    assert not any(isinstance(e, ev.McpToolsListed) for e in events)
    events = feed(session, wire.item_done(full, None))
    assert [e for e in events if isinstance(e, ev.McpToolsListed)] == [
        ev.McpToolsListed("mcpl_1", "docs", ("search_docs", "fetch_doc"))
    ]
    (item,) = session.conversation.items()
    assert item.kind is ItemKind.MCP_LIST_TOOLS and item.tools == ("search_docs", "fetch_doc")


def test_failed_listing_is_one_plain_sentence() -> None:
    session = connected(SessionConfig(tools=(DOCS,)))
    events = feed(
        session,
        wire.item_added(wire.mcp_list_tools("mcpl_1", "docs", []), None),
        wire.mcp_event("mcp_list_tools.failed", "mcpl_1"),
    )
    (failed,) = [e for e in events if isinstance(e, ev.McpToolsListFailed)]
    assert failed.server_label == "docs"
    assert (
        failed.message == "The MCP server 'docs' could not list its tools, so they are unavailable."
    )


def test_approval_round_trip_sends_the_answer_then_one_create() -> None:
    session = connected(SessionConfig(tools=(DOCS,)))
    user_id = user_turn(session)
    events = ask_approval(session, user_id)
    asked = [e for e in events if isinstance(e, ev.McpApprovalRequested)]
    assert asked == [ev.McpApprovalRequested("mcpr_1", "docs", "search_docs", '{"q":"vad"}')]
    assert not session.is_idle  # no rollover while the user is being asked
    assert sent(session) == []
    assert session.answer_mcp_approval("mcpr_1", True, "fine")
    out = sent(session)
    assert types(out) == ["conversation.item.create", "response.create"]
    assert out[0]["item"] == {
        "id": "item_local2",
        "type": "mcp_approval_response",
        "approval_request_id": "mcpr_1",
        "approve": True,
        "reason": "fine",
    }
    assert not session.answer_mcp_approval("mcpr_1", False)  # answered already: nothing sent
    assert sent(session) == []
    confirm_answer(session, "item_local2", True)
    events = feed(session, *call_reply("item_local2", output="VAD detects speech."))
    finished = [e for e in events if isinstance(e, ev.McpCallFinished)]
    assert finished == [
        ev.McpCallFinished(
            "mcp_1", "docs", "search_docs", '{"q":"vad"}', "VAD detects speech.", None
        )
    ]
    deltas = [e.delta for e in events if isinstance(e, ev.McpCallArgumentsDelta)]
    assert deltas == ['{"q":', '"vad"}']
    assert sent(session) == []  # the answer came in the same response: nothing more to ask
    kinds = [i.kind for i in session.conversation.items()]
    assert kinds == [
        ItemKind.MESSAGE,
        ItemKind.MCP_APPROVAL_REQUEST,
        ItemKind.MCP_APPROVAL_RESPONSE,
        ItemKind.MCP_CALL,
        ItemKind.MESSAGE,
    ]
    response = session.conversation.get("item_local2")
    assert response is not None and response.approved is True and response.name == "search_docs"


def test_answer_while_the_asking_response_runs_waits_for_its_end() -> None:
    session = connected(SessionConfig(tools=(DOCS,)))
    user_id = user_turn(session)
    ask_approval(session, user_id, done=False)
    session.answer_mcp_approval("mcpr_1", False)
    assert types(sent(session)) == ["conversation.item.create"]  # the create is deferred
    feed(session, wire.response_done("resp_1", [REQUEST]))
    assert types(sent(session)) == ["response.create"]


def test_response_ending_with_an_mcp_call_gets_its_answer_requested() -> None:
    session = connected(SessionConfig(tools=(DOCS,)))
    call = wire.mcp_call("mcp_1", "docs", "search_docs", "{}", output="42")
    events = feed(
        session,
        wire.response_created("resp_1"),
        wire.output_item_done("resp_1", call),
        wire.response_done("resp_1", [call]),
    )
    assert any(isinstance(e, ev.McpCallFinished) and e.output == "42" for e in events)
    assert types(sent(session)) == ["response.create"]


def test_failed_call_reports_the_error_not_the_output() -> None:
    session = connected(SessionConfig(tools=(DOCS,)))
    user_id = user_turn(session)
    ask_approval(session, user_id)
    session.answer_mcp_approval("mcpr_1", True)
    sent(session)
    error = {"type": "http_error", "code": 503, "message": "Service Unavailable"}
    events = feed(session, *call_reply("mcpr_1", output=None, error=error))
    (finished,) = [e for e in events if isinstance(e, ev.McpCallFinished)]
    assert finished.output is None and finished.error == "Service Unavailable (code 503)"


def test_drop_withdraws_the_prompt_and_the_new_session_asks_again() -> None:
    session = connected(SessionConfig(tools=(DOCS,)))
    user_id = user_turn(session)
    ask_approval(session, user_id)
    session.connection_lost()
    assert session.events_received() == [ev.McpApprovalWithdrawn("mcpr_1")]
    assert not session.answer_mcp_approval("mcpr_1", True)
    feed(session, wire.session_created())
    out = sent(session)
    assert types(out) == ["session.update", "conversation.item.create", "response.create"]
    assert out[1]["item"]["id"] == user_id  # the prompt is not re-created; the turn is re-asked


def test_replay_turns_finished_calls_and_declines_into_notes() -> None:
    session = connected(SessionConfig(tools=(DOCS,)))
    user_id = user_turn(session)
    feed(session, wire.item_done(wire.mcp_list_tools("mcpl_1", "docs", ["search_docs"]), None))
    ask_approval(session, user_id)
    session.answer_mcp_approval("mcpr_1", False)
    sent(session)
    confirm_answer(session, "item_local2", False)
    feed(session, *call_reply("item_local2", output="VAD detects speech."))
    session.connection_lost()
    feed(session, wire.session_created())
    notes = [m["item"]["content"][0]["text"] for m in sent(session)[1:]]
    assert notes == [
        "search the docs for vad",
        "The user declined the MCP tool call search_docs on docs.",
        'MCP tool docs.search_docs({"q":"vad"}) returned: VAD detects speech.',
        "Here is what I found.",
    ]


def test_beta_dialect_leaves_mcp_tools_out_and_says_so() -> None:
    function = {"type": "function", "name": "get_time", "parameters": {}}
    session = new_session(SessionConfig(tools=(DOCS, function)), dialect=Dialect.BETA)
    session.receive_message(
        json.dumps({"type": "session.created", "event_id": "e", "session": {"id": "s"}})
    )
    (update,) = sent(session, "beta")
    assert update["session"]["tools"] == [function]
    notices = [e for e in session.events_received() if isinstance(e, ev.McpUnavailable)]
    assert len(notices) == 1 and "GA" in notices[0].message


def test_mcp_secrets_never_reach_the_event_log_or_repr() -> None:
    tool = mcp_tool("docs", "https://mcp.example/mcp", headers={"X-Key": "hdr-SECRET-2"})
    config = SessionConfig(tools=(DOCS, tool))
    session = connected(config)
    session.update_session(config)
    (update,) = sent(session)
    assert update["session"]["tools"][0]["authorization"] == "tok-SECRET-1"  # on the wire
    lines = [log_line(0.0, "client", update)]
    lines.append(log_line(0.1, "server", {"type": "session.updated", "session": update["session"]}))
    for line in lines:
        assert "SECRET" not in line
        assert '"authorization":"[elided]"' in line and '"X-Key":"[elided]"' in line
    assert "SECRET" not in repr(config)
