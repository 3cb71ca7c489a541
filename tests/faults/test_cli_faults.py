"""The `chat` command, as a real process, against the scripted fault server.

Every case ends either with the whole conversation (each `--text` answered, nothing the user
typed lost on the server side) or with one plain sentence and a non-zero exit, never a
traceback and never the 180-second wait. `--time-scale` shrinks the reconnect delays and the
session timeout so the cases run fast; the outcomes are decided by the script, not by speed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import cli
from tests.faults.server import Action, Fault, FaultServer, Phase, fault_server

KEY = "sk-test-faults-NOT-A-REAL-KEY"
SCALE = "0.05"


async def chat(
    server: FaultServer, *extra: str, texts: tuple[str, ...] = ("one", "two")
) -> tuple[int, str, str]:
    args = ["chat", "--endpoint", server.url, "--api-key-env", "K", "--no-history"]
    args += ["--time-scale", SCALE, *extra]
    for text in texts:
        args += ["--text", text]
    return await cli(*args, env={"K": KEY})


def assert_one_sentence(err: str, fragment: str) -> None:
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("realtime-assistant: ") and fragment in last, err


def assert_whole_conversation(server: FaultServer, out: str, err: str) -> None:
    assert "Traceback" not in err
    assert out.count("you said: ") == 2, out
    received = server.all_received()
    sent = [e["item"]["content"][0]["text"] for e in received if _user_message(e)]
    assert "one" in sent and "two" in sent  # nothing the user typed was lost
    assert sent.index("one") < sent.index("two")


def _user_message(event: dict[str, object]) -> bool:
    item = event.get("item")
    return (
        event.get("type") == "conversation.item.create"
        and isinstance(item, dict)
        and item.get("role") == "user"
    )


@pytest.mark.parametrize(
    "phase",
    [Phase.SESSION_CREATED, Phase.USER_TEXT, Phase.MID_TEXT, Phase.ITEM_DONE],
    ids=lambda phase: phase.value,
)
async def test_a_drop_at_each_phase_reconnects_and_every_message_is_answered(
    phase: Phase,
) -> None:
    async with fault_server(Fault(phase, Action.DROP)) as server:
        code, out, err = await chat(server)
    assert code == 0, err
    assert_whole_conversation(server, out, err)
    assert "(reconnected; the conversation was restored)" in err
    assert "reconnecting: the connection closed" in err  # progress while it retries


async def test_a_function_call_is_answered_with_an_error_and_later_turns_go_on() -> None:
    async with fault_server(reply="function") as server:
        code, out, err = await chat(server)
    assert code == 0, err
    outputs = [
        e["item"]
        for e in server.all_received()
        if e["type"] == "conversation.item.create" and e["item"]["type"] == "function_call_output"
    ]
    assert len(outputs) == 1 and "unknown_tool" in outputs[0]["output"]
    assert out.count("you said: ") == 2


async def test_a_drop_during_a_function_call_still_gets_its_answer() -> None:
    async with fault_server(Fault(Phase.FUNCTION_CALL, Action.DROP), reply="function") as server:
        code, out, err = await chat(server)
    assert code == 0, err
    assert_whole_conversation(server, out, err)


@pytest.mark.parametrize("close", [1000, 1001, 1011])
async def test_recoverable_close_codes_reconnect(close: int) -> None:
    async with fault_server(Fault(Phase.MID_TEXT, Action.CLOSE, code=close)) as server:
        code, out, err = await chat(server)
    assert code == 0, err
    assert_whole_conversation(server, out, err)


@pytest.mark.parametrize(
    ("close", "reason", "exit_code", "sentence"),
    [
        (1008, "policy violation", 3, "closed the connection by policy: policy violation"),
        (4000, "something else", 5, "closed the connection (code 4000): something else"),
        (4000, "beta_api_shape_disabled", 5, "no longer accepts the preview (beta) protocol"),
    ],
)
async def test_fatal_close_codes_end_in_one_sentence(
    close: int, reason: str, exit_code: int, sentence: str
) -> None:
    fault = Fault(Phase.USER_TEXT, Action.CLOSE, code=close, reason=reason)
    async with fault_server(fault) as server:
        code, _, err = await chat(server)
    assert code == exit_code
    assert_one_sentence(err, sentence)
    if "preview" not in sentence:
        assert "preview" not in err


@pytest.mark.parametrize(
    ("status", "exit_code", "sentence"),
    [
        (401, 3, "rejected the credentials (HTTP 401)"),
        (403, 3, "rejected the credentials (HTTP 403)"),
        (404, 4, "has no Realtime endpoint at that address (HTTP 404)"),
        (429, 5, "refused the connection (HTTP 429)"),
        (500, 5, "refused the connection (HTTP 500)"),
        (503, 5, "refused the connection (HTTP 503)"),
    ],
)
async def test_handshake_refusals_end_in_one_sentence(
    status: int, exit_code: int, sentence: str
) -> None:
    async with fault_server(Fault(Phase.HANDSHAKE, Action.REFUSE, status=status)) as server:
        code, out, err = await chat(server)
    assert code == exit_code
    assert_one_sentence(err, sentence)
    assert out == "" and server.handshakes == 1  # the first connect fails fast
    assert KEY not in err


async def test_json_output_gives_a_json_error_object_on_401() -> None:
    async with fault_server(Fault(Phase.HANDSHAKE, Action.REFUSE, status=401)) as server:
        code, out, err = await chat(server, "--json")
    assert code == 3
    error = json.loads(out)
    assert error["type"] == "error" and error["kind"] == "auth"
    assert "HTTP 401" in error["message"]
    assert_one_sentence(err, "HTTP 401")


async def test_a_server_that_keeps_refusing_reconnects_ends_with_the_real_cause() -> None:
    drop = Fault(Phase.USER_TEXT, Action.DROP)
    refuse = Fault(Phase.HANDSHAKE, Action.REFUSE, status=503, every=True, skip=1)
    async with fault_server(drop, refuse) as server:
        code, _, err = await chat(server)
    assert code == 4
    assert_one_sentence(err, "after 5 attempts: the server answered HTTP 503")
    assert server.handshakes == 6
    assert [f"attempt {n} of 5" in err for n in range(1, 6)] == [True] * 5


async def test_a_crash_looping_server_is_not_hammered_and_ends_in_one_sentence() -> None:
    """It closes right after `session.created`, every time: the backoff must not start over."""
    crash = Fault(Phase.SESSION_CREATED, Action.DROP, every=True)
    async with fault_server(crash) as server:
        code, _, err = await chat(server)
    assert code == 4
    assert_one_sentence(err, "after 5 attempts: the connection closed")
    assert server.handshakes == 6


async def test_a_server_that_starts_no_session_ends_with_that_cause() -> None:
    async with fault_server(Fault(Phase.CONNECTED, Action.SILENCE, every=True)) as server:
        code, _, err = await chat(server)
    assert code == 4
    assert_one_sentence(err, "Could not connect to 127.0.0.1 after 6 attempts")
    assert "started no session within" in err.splitlines()[-1]


async def test_a_silent_server_ends_with_the_reply_timeout_and_says_why() -> None:
    async with fault_server(Fault(Phase.USER_TEXT, Action.SILENCE)) as server:
        code, _, err = await chat(server, "--reply-timeout", "1")
    assert code == 5
    assert_one_sentence(err, "No reply within 1 seconds: 127.0.0.1 is connected but silent")


async def test_a_flood_of_events_does_not_break_the_conversation() -> None:
    async with fault_server(Fault(Phase.SESSION_CREATED, Action.FLOOD, count=20_000)) as server:
        code, out, err = await chat(server)
    assert code == 0, err
    assert_whole_conversation(server, out, err)


async def test_an_oversized_frame_is_refused_with_one_sentence() -> None:
    async with fault_server(Fault(Phase.MID_TEXT, Action.OVERSIZED)) as server:
        code, _, err = await chat(server)
    assert code == 5
    assert_one_sentence(err, "sent a message larger than 16 MiB")


@pytest.mark.parametrize("where", ["missing-dir/log.jsonl", "."])
async def test_an_unwritable_event_log_is_a_usage_error(tmp_path: Path, where: str) -> None:
    async with fault_server() as server:
        code, out, err = await chat(server, "--event-log", str(tmp_path / where))
    assert code == 2
    assert_one_sentence(err, "cannot write the event log")
    assert out == "" and server.handshakes == 0
