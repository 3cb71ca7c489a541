"""An item as one transcript line: who or what, the words or the call, and its marks.

`describe` is the one place that says what each kind of item reads as; `history show` and
`inspect` (plain text) and the Markdown export only format its `Line`. The chat window draws
its rows its own way (`assistant.ui.chat_text`): a row there folds a call with its result and
an approval request with its answer, which a transcript lists one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from assistant.realtime import (
    FunctionCall,
    FunctionResult,
    Item,
    McpApprovalRequest,
    McpApprovalResponse,
    McpCall,
    McpListing,
    Message,
    Note,
)

_ANSWERS = {True: "approved", False: "declined", None: "answered"}


@dataclass(frozen=True, slots=True)
class Line:
    """`label`: a role ("user"), a kind ("tool call", "MCP call") or a note's type. `code`: the
    text is a call (shown as code); `words`: the text is what someone said (may be empty).
    `heard_s`: an interrupted reply was heard for that long; `cut_off`: lost to a drop."""

    label: str
    text: str
    code: bool = False
    words: bool = False
    heard_s: float | None = None
    cut_off: bool = False


def describe(item: Item) -> Line:
    match item:
        case Message():
            heard = (item.heard_ms or 0) / 1000 if item.interrupted else None
            text, cut_off = item.shown_text, item.cut_off
            return Line(item.role.value, text, words=True, heard_s=heard, cut_off=cut_off)
        case Note():
            return Line(item.type_name, item.text, words=True, cut_off=item.cut_off)
        case FunctionResult():
            return Line("tool result", item.output)
    return Line(*_call_line(item), code=True)


def _call_line(
    item: FunctionCall | McpListing | McpApprovalRequest | McpApprovalResponse | McpCall,
) -> tuple[str, str]:
    """(label, text) of a call, an MCP listing or an approval."""
    match item:
        case FunctionCall():
            return "tool call", call("", item.name, item.arguments)
        case McpListing():
            listed = f"failed ({item.error})" if item.error else ", ".join(item.tools)
            return "MCP tools", f"{item.server_label or 'server'}: {listed or 'listed'}"
        case McpApprovalRequest():
            return "MCP approval asked", call(item.server_label, item.name, item.arguments)
        case McpApprovalResponse():
            answer = f"{_ANSWERS[item.approved]} {where(item.server_label)}{item.name}".rstrip()
            return "MCP approval", answer + (f": {item.reason}" if item.reason else "")
        case McpCall():
            result = f"error: {item.error}" if item.error else item.output
            shown = result if result is not None else "(no result)"
            return "MCP call", f"{call(item.server_label, item.name, item.arguments)} -> {shown}"
    assert_never(item)


def where(server_label: str) -> str:
    return f"{server_label}." if server_label else ""


def call(server_label: str, name: str, arguments: str) -> str:
    return f"{where(server_label)}{name}({arguments})"
