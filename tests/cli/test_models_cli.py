"""`chat` as a real process against the simulator on 127.0.0.1: the model check, the 2.x
options, phases in the JSON lines, and the built-in tools with `--allow-tool`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assistant.cli.profiles import UsageError, model_warning
from assistant.simulator import Simulator, SimulatorOptions
from tests.cli.test_cli import cli
from tests.oracle import validate_client_event

CALCULATE = "please calculate '6*7'"


def _settings(tmp_path: Path, **values: Any) -> dict[str, str]:
    """An isolated config directory holding a settings file with `values`."""
    folder = tmp_path / "config" / "realtime-assistant"
    folder.mkdir(parents=True)
    (folder / "settings.json").write_text(json.dumps(values), encoding="utf-8")
    return {"XDG_CONFIG_HOME": str(tmp_path / "config")}


def _lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


async def test_a_retired_openai_model_is_a_usage_error_naming_the_replacement() -> None:
    code, out, err = await cli(
        "chat",
        "--provider",
        "openai",
        "--model",
        "gpt-4o-realtime-preview",
        "--text",
        "hi",
        env={"OPENAI_API_KEY": "sk-test-not-used-0123456789"},
    )
    assert code == 2 and out == ""
    assert err.strip() == (
        "realtime-assistant: gpt-4o-realtime-preview was retired on 2026-05-07; use "
        "gpt-realtime-2.1 instead."
    )


async def test_a_retiring_model_on_a_custom_endpoint_is_a_warning_and_the_chat_goes_on(
    tmp_path: Path,
) -> None:
    async with Simulator(SimulatorOptions(pace=0), port=0) as sim:
        code, out, err = await cli(
            "chat",
            "--endpoint",
            sim.url,
            "--model",
            "gpt-realtime",
            "--no-history",
            "--text",
            "hello",
            env=_settings(tmp_path),
        )
    assert code == 0, err
    assert "you said: hello" in out
    warning = [line for line in err.splitlines() if "gpt-realtime " in line]
    assert len(warning) == 1 and "2027-01-20" in warning[0] and "gpt-realtime-2.1" in warning[0]


async def test_options_reach_a_reasoning_model_and_phases_are_in_the_json(tmp_path: Path) -> None:
    async with Simulator(SimulatorOptions(pace=0), port=0) as sim:
        code, out, err = await cli(
            "chat",
            "--endpoint",
            sim.url,
            "--model",
            "gpt-realtime-2.1",
            "--reasoning-effort",
            "xhigh",
            "--truncation",
            "0.6",
            "--truncation-tokens",
            "16000",
            "--no-history",
            "--json",
            "--text",
            CALCULATE,
            env=_settings(tmp_path),
        )
        received = list(sim.received)
    assert code == 0, err
    for event in received:
        validate_client_event(event, "ga")
    session = next(e["session"] for e in received if e["type"] == "session.update")
    assert session["reasoning"] == {"effort": "xhigh"}
    assert session["truncation"] == {
        "type": "retention_ratio",
        "retention_ratio": 0.6,
        "token_limits": {"post_instructions": 16000},
    }
    assert "prompt" not in session
    assert [t["name"] for t in session["tools"]] == ["get_current_time", "calculate"]
    items = [line for line in _lines(out) if line["type"] == "item"]
    shown = [(i["item_type"], i.get("phase")) for i in items]
    assert shown == [
        ("message", None),
        ("message", "commentary"),
        ("function_call", None),
        ("function_call_output", None),
        ("message", "final_answer"),
    ]
    assert json.loads(items[3]["output"]) == {"expression": "6*7", "value": 42}
    assert "42" in items[4]["text"]


async def test_text_output_marks_the_preamble(tmp_path: Path) -> None:
    async with Simulator(SimulatorOptions(pace=0), port=0) as sim:
        code, out, err = await cli(
            "chat",
            "--endpoint",
            sim.url,
            "--no-history",
            "--text",
            CALCULATE,
            env=_settings(tmp_path),
        )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "(preamble) One moment, I will use calculate."
    assert any("42" in line for line in lines[1:])


async def test_a_tool_that_asks_is_refused_unless_allowed(tmp_path: Path) -> None:
    env = _settings(tmp_path, tool_permissions={"calculate": "ask"})
    async with Simulator(SimulatorOptions(pace=0), port=0) as sim:
        refused = await cli(
            "chat", "--endpoint", sim.url, "--no-history", "--json", "--text", CALCULATE, env=env
        )
        allowed = await cli(
            "chat",
            "--endpoint",
            sim.url,
            "--no-history",
            "--json",
            "--allow-tool",
            "calculate",
            "--text",
            CALCULATE,
            env=env,
        )
    code, out, err = refused
    assert code == 0, err
    assert "run with --allow-tool calculate to allow it" in err
    output = next(i for i in _lines(out) if i.get("item_type") == "function_call_output")
    assert json.loads(output["output"])["error"]["type"] == "denied"
    code, out, err = allowed
    assert code == 0, err
    assert "--allow-tool" not in err
    output = next(i for i in _lines(out) if i.get("item_type") == "function_call_output")
    assert json.loads(output["output"])["value"] == 42


async def test_no_tools_offers_none(tmp_path: Path) -> None:
    async with Simulator(SimulatorOptions(pace=0), port=0) as sim:
        code, _out, err = await cli(
            "chat",
            "--endpoint",
            sim.url,
            "--no-history",
            "--no-tools",
            "--text",
            CALCULATE,
            env=_settings(tmp_path),
        )
        received = list(sim.received)
    assert code == 0, err
    session = next(e["session"] for e in received if e["type"] == "session.update")
    assert session["tools"] == []


async def test_bad_options_are_usage_errors(tmp_path: Path) -> None:
    env = _settings(tmp_path)
    cases = [
        (["--truncation", "1.5"], "0 < RATIO <= 1"),
        (["--truncation", "nan"], "0 < RATIO <= 1"),
        (["--truncation-tokens", "100"], "needs --truncation"),
        (["--truncation", "0.5", "--truncation-tokens", "0"], "positive number"),
        (["--allow-tool", "format_disk"], "no tool named format_disk is offered"),
        (["--allow-tool", "calculate", "--no-tools"], "cannot be used together"),
    ]
    for options, message in cases:
        code, out, err = await cli("chat", "--provider", "demo", *options, "--text", "x", env=env)
        assert code == 2, (options, err)
        assert message in err and out == "", (options, err)
    code, _out, err = await cli(
        "chat", "--provider", "demo", "--reasoning-effort", "extreme", "--text", "x", env=env
    )
    assert code == 2 and "invalid choice" in err


def test_which_model_gets_which_word() -> None:
    before, after = date(2026, 12, 6), date(2027, 2, 1)
    assert model_warning("openai", "gpt-realtime-2.1", after) == ""
    assert model_warning("openai", "gpt-realtime", before) == (
        "realtime-assistant: gpt-realtime retires on 2027-01-20; gpt-realtime-2.1 replaces it."
    )
    with pytest.raises(UsageError, match=r"was retired on 2027-01-20; use gpt-realtime-2\.1 "):
        model_warning("openai", "gpt-realtime", after)
    assert "not a Realtime model this version knows" in model_warning("openai", "gpt-new", before)
    assert model_warning("custom", "my-proxy-model", before) == ""
    assert "was retired" in model_warning("custom", "gpt-realtime", after)  # a warning only
    assert model_warning("azure", "gpt-4o-realtime-preview", after) == ""
    assert model_warning("openai", None, after) == ""
