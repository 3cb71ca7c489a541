"""The `realtime-assistant` command run as a real process against the simulator on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
import tempfile
from pathlib import Path

import pytest

from assistant.simulator import Simulator, SimulatorOptions

KEY = "sk-test-cli-0123456789abcdefghijkl"
DATA_DIR = tempfile.mkdtemp(prefix="ra-cli-history-")


async def cli(
    *args: str, env: dict[str, str] | None = None, stdin: bytes = b""
) -> tuple[int, str, str]:
    environment = {k: v for k, v in os.environ.items() if "API_KEY" not in k}
    environment.update(env or {})
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "assistant",
        *args,
        env=environment,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(stdin), timeout=60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_demo_chat_prints_json_items_and_a_priced_summary() -> None:
    code, out, err = await cli("chat", "--provider", "demo", "--text", "hello", "--json")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    items = [line for line in lines if line["type"] == "item"]
    assert [(i["role"], i["status"]) for i in items] == [
        ("user", "completed"),
        ("assistant", "completed"),
    ]
    assert "hello" in items[1]["text"]
    summary = lines[-1]
    assert summary["type"] == "summary" and summary["usage"]["total_tokens"] > 0
    assert summary["cost_usd"] > 0
    assert "Offline demo" in err


async def test_no_key_anywhere_starts_the_offline_demo() -> None:
    code, out, err = await cli("--text", "are you there?")
    assert code == 0, err
    assert "Offline demo" in err and "you said: are you there" in out
    assert "tokens" in out and "$" in out


async def test_chat_against_a_custom_endpoint_with_a_key_and_an_event_log(tmp_path: Path) -> None:
    log = tmp_path / "session.jsonl"
    async with Simulator(SimulatorOptions(api_key=KEY, pace=0), port=0) as sim:
        code, out, err = await cli(
            "chat",
            "--endpoint",
            sim.url,
            "--api-key-env",
            "MY_KEY",
            "--text",
            "one",
            "--text",
            "two",
            "--event-log",
            str(log),
            env={"MY_KEY": KEY},
        )
    assert code == 0, err
    assert "one" in out and "two" in out
    text = log.read_text()
    assert KEY not in text and KEY not in out and KEY not in err
    assert '"elided_bytes"' not in text or '"audio"' not in text  # text session: no audio at all
    code, shown, err = await cli("inspect", str(log), "--json")
    assert code == 0, err
    rows = [json.loads(line) for line in shown.splitlines()]
    texts = [r["text"] for r in rows if r["type"] == "item" and r["role"] == "user"]
    assert texts == ["one", "two"]
    assert rows[-1]["dialect"] == "ga" and rows[-1]["cost_usd"] > 0


async def test_inspect_reads_a_recorded_preview_log() -> None:
    log = Path(__file__).parent.parent / "data" / "azure_preview_function_call.jsonl"
    code, out, err = await cli("inspect", str(log))
    assert code == 0, err
    assert "beta protocol" in out
    assert "tool call: get_weather" in out and "東京の天気は雨" in out


async def test_check_reports_a_working_endpoint() -> None:
    async with Simulator(SimulatorOptions(api_key=KEY, pace=0), port=0) as sim:
        code, out, err = await cli(
            "check", "--endpoint", sim.url, "--api-key-env", "K", env={"K": KEY}
        )
    assert code == 0, err
    assert out.startswith("OK: custom ws://127.0.0.1")


async def test_check_wrong_key_exits_3_with_a_plain_sentence() -> None:
    async with Simulator(SimulatorOptions(api_key=KEY, pace=0), port=0) as sim:
        code, out, err = await cli(
            "check",
            "--endpoint",
            sim.url,
            "--api-key-env",
            "K",
            env={"K": "sk-test-wrong-key-000000000000"},
        )
    assert code == 3
    assert "rejected the credentials (HTTP 401)" in err
    assert "sk-test" not in err + out


async def test_unreachable_endpoint_exits_4() -> None:
    url = f"ws://127.0.0.1:{free_port()}/v1/realtime"
    code, _, err = await cli("check", "--endpoint", url)
    assert code == 4
    assert "Could not reach 127.0.0.1" in err


async def test_server_refusal_exits_5() -> None:
    async with Simulator(SimulatorOptions(pace=0), port=0) as sim:
        code, _, err = await cli("check", "--endpoint", f"{sim.base_url}/openai/realtime")
    assert code == 5
    assert "HTTP 400" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["chat", "--provider", "azure", "--text", "x"], "--endpoint: Azure needs the resource"),
        (
            ["chat", "--provider", "azure", "--endpoint", "htp:/not a url!!", "--text", "x"],
            "--endpoint: The endpoint is neither an Azure resource name",
        ),
        (
            ["chat", "--provider", "custom", "--endpoint", "wss://example.com:99999/v1"],
            "--endpoint: The endpoint is not a ws:// or wss:// address",
        ),
        (
            ["chat", "--api-key-env", "NOT_SET_ANYWHERE", "--text", "x"],
            "NOT_SET_ANYWHERE is not set",
        ),
        (["chat", "--provider", "custom"], "--endpoint: A custom endpoint needs"),
    ],
)
async def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    code, _, err = await cli(*args)
    assert code == 2
    assert message in err


async def test_a_key_on_the_command_line_is_refused_without_echoing_it() -> None:
    code, _, err = await cli("chat", "--api-key", KEY)
    assert code == 2
    assert KEY not in err
    assert "never taken from the command line" in err
    code, _, err = await cli("chat", "--api-key-env", KEY)
    assert code == 2
    assert KEY not in err
    assert "NAME of an environment variable" in err


async def test_interactive_chat_reads_lines_until_quit() -> None:
    code, out, err = await cli(
        "chat", "--provider", "demo", stdin=b"first line\n\n/quit\nnever sent\n"
    )
    assert code == 0, err
    assert "first line" in out and "never sent" not in out


async def test_chat_keeps_the_conversation_in_the_history(tmp_path: Path) -> None:
    env = {"RA_DATA_DIR": str(tmp_path)}
    code, _, err = await cli("chat", "--provider", "demo", "--text", "remember me", env=env)
    assert code == 0, err
    code, out, err = await cli("history", "search", "remember", env=env)
    assert code == 0, err
    assert "remember me" in out
    code, _, err = await cli(
        "chat",
        "--provider",
        "demo",
        "--text",
        "x",
        "--no-history",
        env={"RA_DATA_DIR": str(tmp_path / "none")},
    )
    assert code == 0, err
    assert not (tmp_path / "none").exists()


async def test_check_with_entra_id_and_no_sign_in_says_so_in_one_sentence(tmp_path: Path) -> None:
    pytest.importorskip("azure.identity", reason="needs azure-identity (the azure extra)")
    nobody = {
        "HOME": str(tmp_path),
        "AZURE_CONFIG_DIR": str(tmp_path / "az"),
        "PATH": "/nonexistent",
    }
    code, out, err = await cli(
        "check", "--entra-id", "--endpoint", "myres", "--deployment", "rt", env=nobody
    )
    assert code == 3
    assert out == ""
    assert err == (
        "realtime-assistant: Microsoft Entra ID gave no token for Azure OpenAI: sign in with "
        "`az login` (or set AZURE_CLIENT_ID and its secret), then try again.\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        [KEY],  # pasted as the command
        ["--provider", KEY],
        ["chat", f"--provider={KEY}"],
        ["keys", KEY, "openai"],
        ["keys", "set", "openai", KEY],
        ["chat", "--text", "hi", KEY],
        ["inspect", KEY, KEY],
        ["check", "--provider", f"{KEY}\n'"],
    ],
)
def test_usage_errors_never_echo_an_argument_value(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli.main import main

    with pytest.raises(SystemExit) as stopped:
        main(args)
    assert stopped.value.code == 2
    captured = capsys.readouterr()
    for shown in (captured.out, captured.err):
        assert KEY not in shown and KEY[:12] not in shown
    assert "error:" in captured.err


async def test_an_argument_that_is_not_utf8_is_answered_and_kept(tmp_path: Path) -> None:
    """Issue 12: a Latin-1 byte in --text (a lone surrogate to Python) once broke every send."""
    log, env = tmp_path / "session.jsonl", {"RA_DATA_DIR": str(tmp_path)}
    latin1 = b"caf\xe9".decode("utf-8", "surrogateescape")
    args = ["--text", latin1, "--text", "second", "--event-log", str(log)]
    code, out, err = await cli("chat", "--provider", "demo", *args, env=env)
    assert code == 0, err
    assert "caf\ufffd" in out and "second" in out
    assert "caf\ufffd" in log.read_bytes().decode("utf-8")
    code, out, err = await cli("history", "search", "second", env=env)
    assert code == 0 and "second" in out, err


async def test_a_reader_that_goes_away_stops_the_output_quietly(tmp_path: Path) -> None:
    """`realtime-assistant history show ID | head -n 1`: no "Broken pipe" sentence, no traceback."""
    env = {"RA_DATA_DIR": str(tmp_path)}
    code, _, err = await cli("chat", "--provider", "demo", "--text", "pelican " * 10_000, env=env)
    assert code == 0, err
    code, listed, err = await cli("history", "list", env=env)
    assert code == 0, err
    read, write = os.pipe()
    os.close(read)  # more than a pipe's buffer is printed into a pipe nobody reads
    environment = {**os.environ, **env}
    args = [sys.executable, "-m", "assistant", "history", "show", listed.split()[0]]
    process = await asyncio.create_subprocess_exec(
        *args, env=environment, stdout=write, stderr=asyncio.subprocess.PIPE
    )
    os.close(write)
    _, err_bytes = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 141  # what a shell reports for a writer stopped by SIGPIPE
    assert err_bytes == b""
