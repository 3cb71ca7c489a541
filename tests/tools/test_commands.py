"""Command tools: arguments are argv elements, never shell text; a timeout kills the process."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

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
