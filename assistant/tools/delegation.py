"""Answering a GPT-Live *client* delegation with the tool registry.

Under client delegation the Live model hands a task to the app with no function name and no
arguments, only the user's words (`DelegationStarted.task`). The registry answers the tasks it
can recognise: a tool that needs no approval, takes no required argument, and whose name
shares a word of four letters or more with the task ("What time is it?" -> `get_current_time`)
is run with no arguments and its result spoken (`session.commentary.append`). Any other task
gets silent context (`session.thinking.append`) saying that no tool handled it, so the model
answers from what it knows instead of waiting. Tools that ask first are never run this way:
nobody named them, so nobody could be asked about them meaningfully.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.tools.registry import Permission, Tool, ToolRegistry

NO_TOOL = "No tool of this app handles this task; answer from what you know."
_IGNORED = {"current", "list", "make", "tool"}


@dataclass(frozen=True)
class DelegationAnswer:
    text: str
    spoken: bool  # commentary (the model says it) or thinking (silent context)


def matching_tool(registry: ToolRegistry, task: str) -> Tool | None:
    words = set(re.findall(r"[a-z]+", task.lower()))
    for tool in registry.tools:
        if (
            not registry.enabled(tool.name)
            or registry.permission(tool.name) is not Permission.ALLOW
        ):
            continue
        if tool.parameters.get("required"):
            continue
        names = set(tool.name.lower().split("_")) - _IGNORED
        if any(len(name) >= 4 and name in words for name in names):
            return tool
    return None


async def answer_task(registry: ToolRegistry | None, task: str) -> DelegationAnswer:
    """What the app says back to a client delegation (see the module docstring)."""
    tool = matching_tool(registry, task) if registry is not None else None
    if tool is None or registry is None:
        return DelegationAnswer(NO_TOOL, spoken=False)
    result = await registry.call(tool.name, "{}", None)
    if result.error is not None:
        return DelegationAnswer(f"The tool {tool.name} failed: {result.output}", spoken=False)
    return DelegationAnswer(f"The tool {tool.name} returned: {result.output}", spoken=True)
