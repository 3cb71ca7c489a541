"""Tools the model may call: a registry with permissions, built-ins, and the user's own tools.

- `registry`: `Tool`, `ToolRegistry.call` (validate, ask, run with a timeout, report errors).
- `schema`: JSON Schema checks (the only `jsonschema` import).
- `calculator`: safe arithmetic without `eval`.
- `builtins`: time, calculator, clipboard, open URL, history search (desktop parts injected).
- `userfile`: the user tools file: HTTP tools (`web`), commands (`commands`), MCP servers (`mcp`).

This package sits above `assistant.settings` and `assistant.store` (keyring secrets for HTTP
headers, the history search) and below `assistant.ui` and `assistant.app`; it imports no Qt.
"""

from assistant.tools import mcp_approval
from assistant.tools.builtins import Clipboard, Desktop, HistorySearch, UrlOpener, builtin_tools
from assistant.tools.mcp import McpServer, mcp_tools, permission_key
from assistant.tools.registry import (
    ApprovalRequest,
    Approver,
    CallResult,
    Decision,
    ErrorKind,
    Permission,
    Tool,
    ToolError,
    ToolRegistry,
)
from assistant.tools.userfile import LoadError, UserTools, load_user_tools, user_tools_path

__all__ = [
    "ApprovalRequest",
    "Approver",
    "CallResult",
    "Clipboard",
    "Decision",
    "Desktop",
    "ErrorKind",
    "HistorySearch",
    "LoadError",
    "McpServer",
    "Permission",
    "Tool",
    "ToolError",
    "ToolRegistry",
    "UrlOpener",
    "UserTools",
    "builtin_tools",
    "load_user_tools",
    "mcp_approval",
    "mcp_tools",
    "permission_key",
    "user_tools_path",
]
