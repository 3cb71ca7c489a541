"""Whether a remote MCP tool call may run: the user's remembered choice, else their answer.

The server asks before it calls an MCP tool (`McpApprovalRequested`); the answer comes from
the tool permission `mcp:<server label>:<tool>` when the user chose "Always" or "Deny" before,
else from the approver (the app's dialog), whose "Always" is remembered in the registry. The
reason is for the model (English, which it reads best).
"""

from __future__ import annotations

import json
from typing import Any

from assistant.tools.mcp import permission_key
from assistant.tools.registry import ApprovalRequest, Approver, Decision, Permission, ToolRegistry

DECLINED = "The user declined this call."
NOT_ALLOWED = "The user does not allow this tool to run."
NOBODY = "Nobody is there to approve this call."


async def decide(
    tools: ToolRegistry | None,
    approve: Approver | None,
    server_label: str,
    name: str,
    arguments: str,
) -> tuple[bool, str | None]:
    """(approve, reason for the model) for one MCP tool call."""
    key = permission_key(server_label, name)
    remembered = tools.permissions.get(key) if tools is not None else None
    if remembered is Permission.ALLOW:
        return True, None
    if remembered is Permission.DENY:
        return False, NOT_ALLOWED
    if approve is None:
        return False, NOBODY
    decision = await approve(
        ApprovalRequest(name, _arguments(arguments), server_label=server_label)
    )
    if decision is Decision.ALWAYS and tools is not None:
        tools.allow_always(key)  # the registry now in use, even if rebuilt meanwhile
    if decision is Decision.DENY:
        return False, DECLINED
    return True, None


def _arguments(text: str) -> dict[str, Any]:
    """An MCP call's arguments for the dialog: the JSON object, or the text as it came."""
    try:
        parsed = json.loads(text or "{}")
    except ValueError:
        parsed = None
    return parsed if isinstance(parsed, dict) else {"arguments": text}
