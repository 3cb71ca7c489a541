"""The tools `chat` and `voice` offer the model, and how the terminal answers a call.

As in the window: the built-in tools that need no desktop (the time, the calculator) and the
user's tools file (`tools.toml`), with the permissions, switched-off tools and the tools
switch from the settings file. A terminal cannot show an approval dialog, so a tool whose
permission is "ask" is refused (the model is told the user declined, stderr says how to allow
it) unless `--allow-tool NAME` names it: that tool then runs without asking for this run,
whatever the settings say. `--no-tools` offers none. An `--allow-tool` naming no tool that is
offered (or with tools switched off) is a usage error (exit status 2).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assistant.cli.profiles import UsageError
from assistant.settings.secrets import KeyringSecretStore
from assistant.settings.store import SettingsStore
from assistant.tools import (
    ApprovalRequest,
    Decision,
    Desktop,
    Permission,
    ToolRegistry,
    builtin_tools,
    load_user_tools,
    user_tools_path,
)

NEEDS_APPROVAL = (
    "realtime-assistant: the model asked to run {tool}, which needs your approval; the "
    "command line cannot ask, so it was refused (run with --allow-tool {tool} to allow it)."
)


def add_tool_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("tools")
    group.add_argument(
        "--allow-tool",
        action="append",
        default=[],
        metavar="NAME",
        help="let this tool run without asking, though its permission is 'ask' (repeatable)",
    )
    group.add_argument("--no-tools", action="store_true", help="offer the model no tools")


def terminal_tools(args: argparse.Namespace) -> ToolRegistry | None:
    """The registry the model is offered (None: no tools), see the module docstring."""
    if args.no_tools:
        if args.allow_tool:
            raise UsageError("--allow-tool and --no-tools cannot be used together.")
        return None
    settings = SettingsStore().load()
    if not settings.tools_enabled:
        if args.allow_tool:
            raise UsageError("--allow-tool: tools are switched off in Settings.")
        return None
    registry = ToolRegistry.of(
        builtin_tools(Desktop()),
        permissions=settings.tool_permissions,
        disabled=settings.tools_disabled,
    )
    loaded = load_user_tools(user_tools_path(), registry, KeyringSecretStore())
    for error in loaded.errors:
        sys.stderr.write(f"realtime-assistant: tools file: {error}\n")
    _allow(registry, args.allow_tool)
    return registry


def _allow(registry: ToolRegistry, names: list[str]) -> None:
    offered = sorted(tool.name for tool in registry.tools if registry.enabled(tool.name))
    for name in names:
        if name not in offered:
            raise UsageError(
                f"--allow-tool: no tool named {name} is offered (offered: "
                f"{', '.join(offered) or 'none'})."
            )
        registry.permissions[name] = Permission.ALLOW


async def refuse_approval(request: ApprovalRequest) -> Decision:
    """The terminal's approver: it cannot ask, so it refuses and says how to allow the tool."""
    sys.stderr.write(NEEDS_APPROVAL.format(tool=request.tool) + "\n")
    sys.stderr.flush()
    return Decision.DENY


def tool_schemas(registry: ToolRegistry | None) -> tuple[dict[str, Any], ...]:
    return registry.schemas() if registry is not None else ()
