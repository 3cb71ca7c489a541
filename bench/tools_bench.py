"""Tools: what answering one function call costs on this machine, beside its peers.

- the safe calculator (`ast` walk) beside Python's `eval` with no builtins (the unsafe peer);
- argument validation with `jsonschema` (our check: a validator built per call) beside
  `jsonschema.validate` (which also re-checks the schema each call);
- a whole `ToolRegistry.call` of the calculator (parse, validate, permission, run, JSON);
- a command tool (`true` through `create_subprocess_exec`) and an HTTP tool against a server
  on 127.0.0.1, end to end.

    python bench/tools_bench.py
"""

from __future__ import annotations

import asyncio
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema

from assistant.tools import Desktop, ToolRegistry, builtin_tools, load_user_tools
from assistant.tools.calculator import calculate
from assistant.tools.schema import argument_problem
from tests.tools.http_server import local_server

EXPRESSION = "(2 + 3) * 4 ** 2 - sqrt(16) / 7"
SCHEMA = {
    "type": "object",
    "properties": {"expression": {"type": "string", "maxLength": 200}},
    "required": ["expression"],
}


def per_call_us(work: Callable[[], Any], repeat: int = 2000) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            work()
        times.append((time.perf_counter() - start) / repeat * 1e6)
    return statistics.median(times)


async def per_await_ms(work: Callable[[], Any], repeat: int = 30) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        await work()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


async def registry_call_us(registry: ToolRegistry, arguments: str, repeat: int = 2000) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            await registry.call("calculate", arguments, None)
        times.append((time.perf_counter() - start) / repeat * 1e6)
    return statistics.median(times)


async def user_tools() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder, local_server() as server:
        path = Path(folder) / "tools.toml"
        path.write_text(
            '[[tool]]\nname = "noop"\ncommand = ["true"]\npermission = "allow"\n\n'
            f'[[tool]]\nname = "get"\nurl = "{server.url}/x"\npermission = "allow"\n'
        )
        registry = ToolRegistry()
        load_user_tools(path, registry)
        command = await per_await_ms(lambda: registry.call("noop", "{}", None))
        http = await per_await_ms(lambda: registry.call("get", "{}", None))
    return [
        ("command tool (`true`), end to end", f"{command:.2f} ms"),
        ("HTTP tool, 127.0.0.1, end to end", f"{http:.2f} ms"),
    ]


def main() -> None:
    registry = ToolRegistry.of(builtin_tools(Desktop()))
    arguments = json.dumps({"expression": EXPRESSION})
    loop = asyncio.new_event_loop()
    rows = [
        ("calculator (ast walk)", f"{per_call_us(lambda: calculate(EXPRESSION)):.1f} us"),
        ("  peer: eval() without builtins (unsafe)",
         f"{per_call_us(lambda: eval(EXPRESSION, {'__builtins__': {}, 'sqrt': abs})):.1f} us"),  # noqa: S307
        ("argument check (validator per call)",
         f"{per_call_us(lambda: argument_problem(SCHEMA, {'expression': EXPRESSION})):.1f} us"),
        ("  peer: jsonschema.validate()",
         f"{per_call_us(lambda: jsonschema.validate({'expression': EXPRESSION}, SCHEMA)):.1f} us"),
        ("ToolRegistry.call(calculate), whole",
         f"{loop.run_until_complete(registry_call_us(registry, arguments)):.1f} us"),
    ]  # fmt: skip
    rows += loop.run_until_complete(user_tools())
    loop.close()
    width = max(len(name) for name, _ in rows)
    print(f"{'what':<{width}}  median")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
