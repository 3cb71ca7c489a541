"""A GPT-Live client delegation answered by the tool registry."""

from __future__ import annotations

from datetime import UTC, datetime

from assistant.tools import Desktop, ToolRegistry, builtin_tools
from assistant.tools.delegation import NO_TOOL, answer_task


def registry() -> ToolRegistry:
    clock = lambda: datetime(2026, 12, 7, 12, 30, tzinfo=UTC)  # noqa: E731
    return ToolRegistry.of(builtin_tools(Desktop(clock=clock)))


async def test_a_recognised_task_runs_its_tool_and_is_spoken() -> None:
    answer = await answer_task(registry(), "What time is it in here?")
    assert answer.spoken
    assert answer.text.startswith("The tool get_current_time returned: ")
    assert '"12:30"' in answer.text


async def test_anything_else_is_silent_context() -> None:
    for tools, task in ((registry(), "Tell me a joke"), (None, "What time is it?")):
        answer = await answer_task(tools, task)
        assert not answer.spoken and answer.text == NO_TOOL


async def test_a_switched_off_tool_is_not_run() -> None:
    tools = ToolRegistry.of(builtin_tools(Desktop()), disabled=["get_current_time"])
    answer = await answer_task(tools, "What time is it?")
    assert answer.text == NO_TOOL
