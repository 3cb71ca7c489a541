"""Deterministic "model": what a response says, or which function it calls.

Rules, in order, over the items a response reads:
1. function_call_output items after the latest user message: speak their results
   ("The tool get_weather returned: sunny.").
2. a function tool applies (tool_choice naming it; or the latest user text mentions its name,
   or its name with underscores as spaces; or tool_choice "required"): call it. Arguments come
   from its JSON Schema: required properties (all, if none are marked) get, for strings, the
   first quoted text in the user text ("...", '...' or `...`), else a word that follows
   "in"/"for" (else "example"), the first enum value, 1 for
   numbers, true for booleans, [] for arrays, and nested objects filled the same way.
3. otherwise a short sentence about the latest user message (the format and pixel size of its
   pictures, its text, or how long it spoke).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .conversation import Entry, item_text
from .tools import function_tools

MAX_ECHO_CHARS = 160
GREETING = "Hello! This is the offline demo of the realtime assistant. How can I help?"
IDLE_PROMPT = "Are you still there? I am here if you need anything."
_GREETING_RE = re.compile(r"(hello|hi|hey|good (morning|afternoon|evening))\b", re.IGNORECASE)


@dataclass(frozen=True)
class TextReply:
    """The assistant says `text`."""

    text: str


@dataclass(frozen=True)
class ToolCall:
    """The assistant calls function `name` with JSON `arguments`."""

    name: str
    arguments: str


Reply = TextReply | ToolCall


def plan_reply(entries: list[Entry], tools: list[dict[str, Any]], tool_choice: Any) -> Reply:
    """The deterministic reply to a context (see the module docstring for the rules)."""
    user_index = _last_user_index(entries)
    later = entries[user_index + 1 :] if user_index is not None else entries
    outputs = [e.item for e in later if e.item.get("type") == "function_call_output"]
    if outputs:
        return TextReply(" ".join(_tool_result(entries, output) for output in outputs))
    if user_index is None:
        return TextReply(GREETING)
    user = entries[user_index]
    tool = _chosen_tool(function_tools(tools), tool_choice, item_text(user.item))
    if tool is not None:
        schema = tool.get("parameters") or {}
        return ToolCall(
            tool["name"],
            json.dumps(arguments_for(schema, item_text(user.item)), separators=(",", ":")),
        )
    return TextReply(_describe(user))


def _last_user_index(entries: list[Entry]) -> int | None:
    for index in range(len(entries) - 1, -1, -1):
        if entries[index].item.get("role") == "user":
            return index
    return None


def _tool_result(entries: list[Entry], output: dict[str, Any]) -> str:
    names = [e.item.get("name") for e in entries if e.item.get("call_id") == output["call_id"]]
    name = next((n for n in names if n), "function")
    return f"The tool {name} returned: {_sentence(_shorten(str(output.get('output', ''))))}"


def _chosen_tool(tools: list[dict[str, Any]], choice: Any, text: str) -> dict[str, Any] | None:
    if choice == "none" or not tools:
        return None
    if isinstance(choice, dict):
        return next((t for t in tools if t["name"] == choice.get("name")), None)
    lowered = text.lower()
    for tool in tools:
        name = tool["name"].lower()
        if name in lowered or name.replace("_", " ") in lowered:
            return tool
    return tools[0] if choice == "required" else None


def arguments_for(schema: dict[str, Any], text: str) -> dict[str, Any]:
    """Arguments for a function's JSON Schema, filled deterministically from the user text."""
    properties = schema.get("properties") or {}
    required = schema.get("required", list(properties))
    return {name: _value(properties.get(name) or {}, text) for name in required}


def _value(schema: dict[str, Any], text: str) -> Any:
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type", "string")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    simple = {"integer": 1, "number": 1, "boolean": True, "array": []}
    if kind in simple:
        return simple[kind]
    if kind == "object":
        return arguments_for(schema, text)
    return _quoted(text) or _word_after_preposition(text) or "example"


def _quoted(text: str) -> str | None:
    match = re.search(r"\"([^\"]+)\"|(?<!\w)'([^']+)'(?!\w)|`([^`]+)`", text)
    return next((group for group in match.groups() if group), None) if match else None


def _word_after_preposition(text: str) -> str | None:
    match = re.search(r"\b(?:in|for)\s+([^\s.,;:!?\"']+)", text, flags=re.IGNORECASE)
    return match.group(1) if match else None


def _describe(user: Entry) -> str:
    typed = " ".join(p.get("text") or "" for p in user.item.get("content", []))
    if user.pictures:
        seen = " and ".join(picture.describe() for picture in user.pictures)
        asked = f" You asked: {_sentence(_shorten(typed.strip()))}" if typed.strip() else ""
        return f"This is the offline demo; I received {seen}.{asked}"
    if typed.strip():
        said = _shorten(typed.strip())
        opening = "Hello! " if _GREETING_RE.match(said) else ""
        return f"{opening}This is the offline demo; you said: {_sentence(said)}"
    seconds = (user.speech_ms or user.input_audio_ms) / 1000
    return (
        f"I heard about {seconds:.1f} seconds of speech. This is the offline demo, "
        "so I cannot understand it, but I am listening."
    )


def _sentence(text: str) -> str:
    return text if text.endswith("...") else f"{text}."


def _shorten(text: str) -> str:
    text = " ".join(text.split()).rstrip(".!? ")
    if len(text) <= MAX_ECHO_CHARS:
        return text
    return text[:MAX_ECHO_CHARS].rsplit(" ", 1)[0] + "..."
