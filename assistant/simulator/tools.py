"""Validation of function tools and ``tool_choice`` (session- or response-level).

``function`` tools are called by the deterministic model (`replies`); ``mcp`` tools need a
``server_label`` and a ``server_url`` (or a connector or tunnel id, which are not simulated:
their listing fails), and the session talks to that server (`mcp`).
"""

from __future__ import annotations

from typing import Any

from .events import ProtocolError, invalid_type, invalid_value, missing_parameter

_CHOICES = ["auto", "none", "required"]


def check_tools(value: Any, path: str) -> list[dict[str, Any]]:
    """A valid ``tools`` list (``[]`` clears the tools)."""
    if not isinstance(value, list):
        raise invalid_type(path, "an array", value)
    return [_check_tool(tool, f"{path}[{index}]") for index, tool in enumerate(value)]


def _check_tool(tool: Any, path: str) -> dict[str, Any]:
    if not isinstance(tool, dict):
        raise invalid_type(path, "an object", tool)
    kind = tool.get("type", "function")
    if kind not in ("function", "mcp"):
        raise invalid_value(f"{path}.type", kind, ["function", "mcp"])
    if kind == "function" and not isinstance(tool.get("name"), str):
        raise missing_parameter(f"{path}.name")
    if kind == "mcp" and not isinstance(tool.get("server_label"), str):
        raise missing_parameter(f"{path}.server_label")
    if kind == "mcp" and not any(tool.get(k) for k in ("server_url", "connector_id", "tunnel_id")):
        raise missing_parameter(f"{path}.server_url")
    if kind == "function" and not isinstance(tool.get("parameters", {}), dict):
        raise invalid_type(f"{path}.parameters", "an object", tool.get("parameters"))
    return {"type": kind, **tool}


def check_tool_choice(value: Any, path: str) -> str | dict[str, Any]:
    """``auto``/``none``/``required`` or ``{"type": "function", "name": ...}`` (or an MCP one)."""
    if isinstance(value, str):
        if value not in _CHOICES:
            raise invalid_value(path, value, _CHOICES)
        return value
    if isinstance(value, dict) and value.get("type") in ("function", "mcp"):
        if not isinstance(value.get("name"), str):
            raise missing_parameter(f"{path}.name")
        return dict(value)
    raise ProtocolError("invalid_value", f"Invalid value for '{path}'.", path)


def function_tools(tools: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The function tools among `tools`, in order."""
    return [tool for tool in tools if tool.get("type") == "function"]
