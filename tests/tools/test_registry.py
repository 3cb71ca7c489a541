"""The registry: validation before anything runs, permissions, approval, timeouts, errors."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from assistant.tools import (
    ApprovalRequest,
    Decision,
    ErrorKind,
    Permission,
    Tool,
    ToolError,
    ToolRegistry,
)

WEATHER = {
    "type": "object",
    "properties": {
        "city": {"type": "string", "minLength": 1},
        "days": {"type": "integer", "minimum": 1, "maximum": 7},
    },
    "required": ["city"],
    "additionalProperties": False,
}


class Recorder:
    """An implementation that records its calls."""

    def __init__(self, result: Any = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.result = result if result is not None else {"sky": "clear"}

    async def __call__(self, arguments: dict[str, Any]) -> Any:
        self.calls.append(arguments)
        return self.result


def weather(run: Any, **options: Any) -> Tool:
    return Tool("get_weather", "Weather for a city", WEATHER, run, **options)


def error_of(output: str) -> tuple[str, str]:
    body = json.loads(output)["error"]
    return body["type"], body["message"]


async def test_valid_arguments_run_and_the_result_is_json() -> None:
    run = Recorder()
    result = await ToolRegistry.of([weather(run)]).call("get_weather", '{"city":"Oslo"}', None)
    assert (json.loads(result.output), result.error) == ({"sky": "clear"}, None)
    assert run.calls == [{"city": "Oslo"}]
    scalar = await ToolRegistry.of([weather(Recorder(42))]).call(
        "get_weather", '{"city":"x"}', None
    )
    assert json.loads(scalar.output) == {"result": 42}


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("{", "The arguments are not valid JSON."),
        ("[1]", "The arguments must be a JSON object."),
        ("{}", "Invalid arguments: 'city' is a required property"),
        ('{"city": 3}', "Invalid arguments: city: 3 is not of type 'string'"),
        ('{"city": "x", "days": 9}', "Invalid arguments: days: 9 is greater than the maximum of 7"),
        ('{"city": "x", "when": 1}', "Invalid arguments: Additional properties are not allowed"),
    ],
)
async def test_invalid_arguments_never_reach_the_tool(arguments: str, expected: str) -> None:
    run = Recorder()
    result = await ToolRegistry.of([weather(run)]).call("get_weather", arguments, None)
    kind, message = error_of(result.output)
    assert (kind, result.error) == ("invalid_arguments", ErrorKind.INVALID_ARGUMENTS)
    assert message.startswith(expected)
    assert run.calls == []


async def test_unknown_and_switched_off_tools_are_reported() -> None:
    registry = ToolRegistry.of([weather(Recorder())], disabled=["get_weather"])
    assert registry.schemas() == ()
    for name in ("get_weather", "rm_rf"):
        result = await registry.call(name, "{}", None)
        assert error_of(result.output) == ("unknown_tool", f"There is no tool named {name}.")


def test_bad_tools_are_refused_when_registered() -> None:
    registry = ToolRegistry()
    with pytest.raises(ValueError, match="must be 1-64 letters"):
        registry.add(Tool("no spaces", "", {"type": "object"}, Recorder()))
    with pytest.raises(ValueError, match="schema is invalid"):
        registry.add(Tool("t", "", {"type": "object", "properties": 3}, Recorder()))
    with pytest.raises(ValueError, match='"type": "object"'):
        registry.add(Tool("t", "", {"type": "string"}, Recorder()))
    registry.add(Tool("t", "", {"type": "object"}, Recorder()))
    with pytest.raises(ValueError, match="already a tool named t"):
        registry.add(Tool("t", "", {"type": "object"}, Recorder()))
    assert [schema["name"] for schema in registry.schemas()] == ["t"]


async def test_deny_refuses_every_call_and_the_user_setting_overrides_the_default() -> None:
    run = Recorder()
    registry = ToolRegistry.of([weather(run)], permissions={"get_weather": "deny", "x": "bogus"})
    result = await registry.call("get_weather", '{"city":"Oslo"}', None)
    assert error_of(result.output) == ("denied", "The user does not allow this tool to run.")
    assert run.calls == [] and registry.permissions == {"get_weather": Permission.DENY}


class Approver:
    def __init__(self, *decisions: Decision) -> None:
        self.decisions = list(decisions)
        self.asked: list[ApprovalRequest] = []

    async def __call__(self, request: ApprovalRequest) -> Decision:
        self.asked.append(request)
        return self.decisions.pop(0)


async def test_ask_waits_for_the_approver_once_always_and_deny() -> None:
    run = Recorder()
    remembered: list[str] = []
    registry = ToolRegistry.of([weather(run, permission=Permission.ASK)])
    registry.on_always.append(remembered.append)
    approver = Approver(Decision.DENY, Decision.ONCE, Decision.ALWAYS)
    denied = await registry.call("get_weather", '{"city":"Oslo"}', approver)
    assert error_of(denied.output) == ("denied", "The user declined this call.")
    assert run.calls == []
    request = approver.asked[0]
    assert (request.tool, dict(request.arguments), request.server_label) == (
        "get_weather", {"city": "Oslo"}, None)  # fmt: skip
    assert request.arguments_text() == '{\n  "city": "Oslo"\n}'
    await registry.call("get_weather", '{"city":"Rome"}', approver)
    assert registry.permission("get_weather") is Permission.ASK and remembered == []
    await registry.call("get_weather", '{"city":"Kyiv"}', approver)
    assert registry.permission("get_weather") is Permission.ALLOW
    assert remembered == ["get_weather"]
    await registry.call("get_weather", '{"city":"Lima"}', approver)  # not asked again
    assert len(approver.asked) == 3
    assert [call["city"] for call in run.calls] == ["Rome", "Kyiv", "Lima"]


async def test_ask_without_an_approver_is_a_denial_and_bad_arguments_are_not_asked() -> None:
    registry = ToolRegistry.of([weather(Recorder(), permission=Permission.ASK)])
    nobody = await registry.call("get_weather", '{"city":"Oslo"}', None)
    assert error_of(nobody.output)[0] == "denied"
    approver = Approver()
    invalid = await registry.call("get_weather", "{}", approver)
    assert error_of(invalid.output)[0] == "invalid_arguments" and approver.asked == []


async def test_a_slow_tool_times_out_and_is_cancelled() -> None:
    cancelled = asyncio.Event()

    async def forever(arguments: dict[str, Any]) -> Any:
        try:
            await asyncio.Event().wait()
        finally:
            cancelled.set()

    registry = ToolRegistry.of([weather(forever, timeout=0.05)])
    result = await registry.call("get_weather", '{"city":"Oslo"}', None)
    assert error_of(result.output) == ("timeout", "The tool did not finish in 0.05 s.")
    assert cancelled.is_set()


async def test_exceptions_become_errors_for_the_model() -> None:
    async def broken(arguments: dict[str, Any]) -> Any:
        raise KeyError("city")

    async def refusing(arguments: dict[str, Any]) -> Any:
        raise ToolError("The weather service is down.")

    for run, expected in (
        (broken, ("failed", "The tool failed: KeyError: 'city'")),
        (refusing, ("failed", "The weather service is down.")),
    ):
        result = await ToolRegistry.of([weather(run)]).call("get_weather", '{"city":"x"}', None)
        assert error_of(result.output) == expected and result.error is ErrorKind.FAILED


async def test_parallel_calls_run_concurrently() -> None:
    started: list[str] = []
    release = asyncio.Event()

    async def waits(arguments: dict[str, Any]) -> Any:
        started.append(arguments["city"])
        await release.wait()
        return {"city": arguments["city"]}

    registry = ToolRegistry.of([weather(waits)])
    calls = [
        asyncio.ensure_future(registry.call("get_weather", json.dumps({"city": c}), None))
        for c in ("A", "B")
    ]
    while len(started) < 2:
        await asyncio.sleep(0)
    release.set()
    outputs = [json.loads(result.output) for result in await asyncio.gather(*calls)]
    assert outputs == [{"city": "A"}, {"city": "B"}]


@pytest.mark.parametrize("depth", [200_000, 2_000])
async def test_deeply_nested_arguments_get_an_error_output_and_nothing_runs(depth: int) -> None:
    run = Recorder()
    schema = {"type": "object", "properties": {"x": {"$ref": "#"}}}
    registry = ToolRegistry.of([Tool("deep", "", schema, run)])
    nested = '{"x":' * depth + "{}" + "}" * depth
    result = await registry.call("deep", nested, None)
    assert result.error in (ErrorKind.INVALID_ARGUMENTS, ErrorKind.FAILED)
    assert "error" in json.loads(result.output)
    assert run.calls == []


async def test_an_approver_that_fails_still_gives_an_output() -> None:
    async def broken(request: ApprovalRequest) -> Decision:
        raise RuntimeError("the dialog could not open")

    registry = ToolRegistry.of([weather(Recorder(), permission=Permission.ASK)])
    result = await registry.call("get_weather", '{"city":"Oslo"}', broken)
    assert error_of(result.output) == ("failed", "The call failed (RuntimeError).")
