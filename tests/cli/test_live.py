"""GPT-Live from the command line: the issue's acceptance command as a real process against
the simulator's /v1/live/sessions, and the endpoint and first message for OpenAI and Azure."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from assistant.cli.main import build_parser
from assistant.cli.profiles import choose_endpoint
from assistant.realtime import DEFAULT_MODEL, Dialect, SessionConfig, new_session
from assistant.settings.secrets import MemorySecretStore
from assistant.simulator import Simulator, SimulatorOptions
from tests.cli.test_cli import KEY, cli
from tests.oracle import validate_client_event
from tests.pictures import png


async def test_chat_over_gpt_live_answers_the_time_through_delegation(tmp_path: Path) -> None:
    async with Simulator(SimulatorOptions(api_key=KEY, pace=0), port=0) as sim:
        code, out, err = await cli(
            "chat",
            "--provider",
            "custom",
            "--endpoint",
            sim.live_url,
            "--api-key-env",
            "LIVE_KEY",
            "--text",
            "What time is it?",
            "--json",
            env={"LIVE_KEY": KEY, "RA_DATA_DIR": str(tmp_path)},
        )
        received = list(sim.received)
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    items = [line for line in lines if line["type"] == "item"]
    assert [(i["role"], i["item_type"]) for i in items] == [
        ("user", "message"),
        ("assistant", "message"),  # the spoken acknowledgement, before the call
        (None, "function_call"),
        (None, "function_call_output"),
        ("assistant", "message"),
    ]
    assert items[1]["text"] == "Let me check."
    assert items[2]["name"] == "get_current_time"
    assert '"time"' in items[3]["output"]
    assert items[4]["text"].startswith("The tool get_current_time returned: {")
    assert json.loads(items[4]["text"].split("returned: ", 1)[1]) == json.loads(items[3]["output"])
    summary = lines[-1]
    assert summary["type"] == "summary" and summary["model"] == "gpt-live-1"
    assert summary["seconds"] > 0 and summary["cost_usd"] > 0
    types = [event["type"] for event in received]
    assert types[0] == "session.start" and types[-1] == "session.close"
    assert received[0]["session"]["model"] == "gpt-live-1"
    tools = received[0]["session"]["delegation"]["responses"]["tools"]
    assert "get_current_time" in [tool["name"] for tool in tools]
    assert types.count("session.start") == 1
    assert {"response.item.create", "response.create"} <= set(types)
    for event in received:
        validate_client_event(event, "live")  # no unknown field anywhere


async def test_a_wrong_key_exits_3_with_one_sentence_and_no_retry() -> None:
    async with Simulator(SimulatorOptions(api_key=KEY, pace=0), port=0) as sim:
        code, out, err = await cli(
            "chat",
            "--provider",
            "custom",
            "--endpoint",
            sim.live_url,
            "--api-key-env",
            "LIVE_KEY",
            "--text",
            "What time is it?",
            "--no-history",
            env={"LIVE_KEY": "sk-wrong-0123456789"},
        )
        assert sim.connections == 0
    assert code == 3
    assert out == ""
    assert err.count("\n") == 1 and "rejected the credentials" in err
    assert "sk-wrong" not in err


async def test_a_picture_for_gpt_live_is_refused_before_anything_is_sent(tmp_path: Path) -> None:
    shot = tmp_path / "screen.png"
    shot.write_bytes(png(64, 48))
    async with Simulator(SimulatorOptions(api_key=KEY, pace=0), port=0) as sim:
        code, out, err = await cli(
            "chat",
            "--provider",
            "custom",
            "--endpoint",
            sim.live_url,
            "--api-key-env",
            "LIVE_KEY",
            "--image",
            str(shot),
            "--text",
            "What is this?",
            "--no-history",
            env={"LIVE_KEY": KEY},
        )
        assert sim.connections == 0
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "GPT-Live takes no pictures" in err and "screen.png" in err


def parse(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["chat", *argv])


def first_message(args: argparse.Namespace) -> tuple[str, Dialect, dict[str, object]]:
    store = MemorySecretStore()
    endpoint = choose_endpoint(args, store).endpoint
    assert endpoint is not None
    session = new_session(SessionConfig(), dialect=endpoint.dialect, model=endpoint.model)
    session.connection_opened()
    (message,) = [json.loads(m) for m in session.messages_to_send()]
    validate_client_event(message, "live")
    return endpoint.url, endpoint.dialect, message


def test_openai_with_a_live_model_uses_live_sessions_and_the_model_in_session_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    url, dialect, message = first_message(parse("--provider", "openai", "--model", "gpt-live-1"))
    assert url == "wss://api.openai.com/v1/live/sessions"  # no query: the model is not in it
    assert dialect is Dialect.LIVE
    assert message["type"] == "session.start"
    assert message["session"]["model"] == "gpt-live-1"  # type: ignore[index]


def test_azure_with_a_live_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", KEY)
    args = parse("--provider", "azure", "--endpoint", "myres", "--model", "gpt-live-1.1")
    url, dialect, message = first_message(args)
    assert url == "wss://myres.openai.azure.com/openai/v1/live/sessions"
    assert dialect is Dialect.LIVE
    assert message["session"]["model"] == "gpt-live-1.1"  # type: ignore[index]


def test_a_realtime_model_keeps_the_realtime_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    endpoint = choose_endpoint(parse("--provider", "openai"), MemorySecretStore()).endpoint
    assert endpoint is not None and endpoint.dialect is Dialect.GA
    assert endpoint.url == f"wss://api.openai.com/v1/realtime?model={DEFAULT_MODEL}"


async def test_check_and_inspect_speak_gpt_live(tmp_path: Path) -> None:
    log = tmp_path / "live.jsonl"
    async with Simulator(SimulatorOptions(api_key=KEY, pace=0), port=0) as sim:
        endpoint = ("--endpoint", sim.live_url, "--api-key-env", "LIVE_KEY")
        env = {"LIVE_KEY": KEY}
        code, out, err = await cli("check", *endpoint, env=env)
        assert code == 0, err
        assert out.startswith("OK: custom") and "(GPT-Live), model gpt-live-1." in out
        chat = ("chat", *endpoint, "--text", "hi there", "--no-history", "--event-log", str(log))
        code, _, err = await cli(*chat, env=env)
        assert code == 0, err
    code, out, err = await cli("inspect", str(log), "--json")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["text"] == "This is the offline demo of GPT-Live; you typed: hi there"
    assert rows[-1]["dialect"] == "live" and rows[-1]["seconds"] > 0


async def test_the_offline_demo_speaks_gpt_live() -> None:
    code, out, err = await cli(
        "chat",
        "--provider",
        "demo",
        "--model",
        "gpt-live-1",
        "--text",
        "hello",
        "--json",
        "--no-history",
    )
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[-2]["text"] == "This is the offline demo of GPT-Live; you typed: hello"
    assert lines[-1]["model"] == "gpt-live-1" and lines[-1]["seconds"] > 0
