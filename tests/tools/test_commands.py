"""Command tools: arguments are argv elements, never shell text; a timeout kills the process."""

from __future__ import annotations

import asyncio
import json
import os
import select
import sys
from pathlib import Path
from typing import Any

from assistant.tools import commands
from tests.tools.files import load

ECHO = """
[[tool]]
name = "echo"
command = ["echo", "{text}"]
permission = "allow"
parameters = { type = "object", properties = { text = { type = "string" } } }
"""


async def run(tmp_path: Path, text: str, arguments: dict[str, Any]) -> Any:
    registry, loaded = load(tmp_path, text)
    assert loaded.errors == []
    return json.loads((await registry.call(loaded.tools[0], json.dumps(arguments), None)).output)


async def test_shell_injection_is_impossible(tmp_path: Path) -> None:
    marks = [tmp_path / f"pwned{n}" for n in range(4)]
    hostile = (
        f"hi; touch {marks[0]} && $(touch {marks[1]}) `touch {marks[2]}` | tee {marks[3]} "
        f"> {marks[3]} $HOME * \"'"
    )
    result = await run(tmp_path, ECHO, {"text": hostile})
    assert result == {"exit_status": 0, "stdout": hostile + "\n", "stderr": ""}
    assert not any(mark.exists() for mark in marks)


async def test_one_argument_stays_one_argv_element(tmp_path: Path) -> None:
    count = f"""
[[tool]]
name = "argc"
command = ["{sys.executable}", "-c", "import sys; print(len(sys.argv) - 1)", "{{a}}", "{{b}}"]
permission = "allow"
parameters = {{ type = "object", properties = {{ a = {{ type = "string" }}, b = {{}} }} }}
"""
    result = await run(tmp_path, count, {"a": "one two  three\nfour", "b": ["x", 1]})
    assert result["stdout"] == "2\n"
    absent = await run(tmp_path, count, {"a": "x"})  # an absent optional argument is dropped
    assert absent["stdout"] == "1\n"


async def test_a_value_that_looks_like_an_option_is_refused(tmp_path: Path) -> None:
    result = await run(tmp_path, ECHO, {"text": "--help"})
    assert result["error"] == {
        "type": "invalid_arguments",
        "message": "The value of text cannot start with '-'.",
    }


async def test_a_timeout_kills_the_process(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    slow = f"""
[[tool]]
name = "slow"
command = ["sh", "-c", "echo $$ > {pid_file}; exec sleep 60"]
permission = "allow"
timeout = 2
"""
    result = await run(tmp_path, slow, {})
    assert result["error"] == {"type": "timeout", "message": "The tool did not finish in 2 s."}
    pid = int(pid_file.read_text())
    try:
        os.kill(pid, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    assert not alive  # killed and reaped, not left running


async def test_a_missing_program_and_a_failing_one(tmp_path: Path) -> None:
    missing = await run(tmp_path, '[[tool]]\nname="x"\ncommand=["no-such-program-here"]\n'
                        'permission="allow"\n', {})  # fmt: skip
    assert missing["error"]["message"].startswith("The program no-such-program-here could not")
    exits = f'"{sys.executable}", "-c", "import sys; sys.exit(\'no\')"'
    failing = await run(
        tmp_path, f'[[tool]]\nname="x"\npermission="allow"\ncommand=[{exits}]\n', {}
    )
    assert (failing["exit_status"], failing["stderr"]) == (1, "no\n")


def ends(pid: int) -> bool:
    """Whether `pid` exits (is gone or a zombie) within a generous bound: a killed process is
    still tearing down when the pipes it held close."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([handle], [], [], 30)[0])
    finally:
        os.close(handle)


async def test_a_timeout_kills_a_grandchild_that_holds_the_output_open(tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild"
    # The shell starts a grandchild that keeps stdout and stderr open, writes its pid, exits.
    holder = f"""
[[tool]]
name = "holder"
command = ["sh", "-c", "sleep 600 & echo $! > {pid_file}; exit 0"]
permission = "allow"
timeout = 1
"""
    result = await run(tmp_path, holder, {})
    assert result["error"] == {"type": "timeout", "message": "The tool did not finish in 1 s."}
    grandchild = int(pid_file.read_text())
    assert ends(grandchild)  # sleep 600 was killed with its process group


async def test_huge_output_is_capped_and_marked_cut(tmp_path: Path) -> None:
    flood = f"""
[[tool]]
name = "flood"
command = ["{sys.executable}", "-c", "import sys; sys.stdout.write('x' * (64 << 20))"]
permission = "allow"
timeout = 60
"""
    result = await run(tmp_path, flood, {})
    assert result["exit_status"] == 0  # read to the end (the program is never blocked)
    assert result["stdout"] == "x" * commands.MAX_OUTPUT + "… (cut)"
    assert result["stderr"] == ""


async def test_output_over_the_capture_cap_is_dropped_while_reading() -> None:
    reader = asyncio.StreamReader()
    reader.feed_data(b"a" * (commands.MAX_CAPTURE - 1) + b"bcd")
    reader.feed_eof()
    kept, cut = await commands._read_capped(reader)
    assert (len(kept), kept[-2:], cut) == (commands.MAX_CAPTURE, b"ab", True)
    exact = asyncio.StreamReader()
    exact.feed_data(b"a" * commands.MAX_CAPTURE)
    exact.feed_eof()
    assert (await commands._read_capped(exact))[1] is False
