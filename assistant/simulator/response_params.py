"""``response.create`` parameters (GA shape) merged over the session config into a spec.

Overrides: ``output_modalities``, ``instructions``, ``audio.output.{voice,format}``, ``tools``,
``tool_choice``, ``max_output_tokens``, ``metadata``, ``conversation`` (``"none"`` = out of band:
nothing is written to the conversation) and ``input`` (items and ``item_reference``s that replace
the conversation as this response's context). Unknown fields give ``unknown_parameter``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .audio_config import check_format, check_voice
from .config import Config, check_max_tokens, check_modalities
from .conversation import Entry, ServerConversation
from .events import invalid_type, invalid_value, unknown_parameter
from .items import entry_from_client
from .models import reasons
from .response_spec import ResponseSpec
from .tools import check_tool_choice, check_tools

_KNOWN = {
    "output_modalities",
    "instructions",
    "audio",
    "tools",
    "tool_choice",
    "conversation",
    "max_output_tokens",
    "metadata",
    "input",
    "prompt",
    "reasoning",
    "parallel_tool_calls",
}


@dataclass(frozen=True)
class ResponsePlan:
    """A validated response request: its spec plus what the reply rules read."""

    spec: ResponseSpec
    instructions: str
    tools: list[dict[str, Any]]
    tool_choice: Any


def plan_response(config: Config, params: Any, conversation: ServerConversation) -> ResponsePlan:
    """Merge `params` (``response`` of ``response.create``, or None) over `config`."""
    params = {} if params is None else params
    if not isinstance(params, dict):
        raise invalid_type("response", "an object", params)
    for key in params:
        if key not in _KNOWN:
            raise unknown_parameter(f"response.{key}")
    spec = ResponseSpec(
        modalities=_modalities(config, params),
        voice=_voice(config, params),
        speed=float(config["audio"]["output"]["speed"]),
        audio_format=_format(config, params),
        max_output_tokens=_max_tokens(config, params),
        metadata=_metadata(params),
        in_conversation=_in_conversation(params),
        context=_context(config, params, conversation),
        reasoning=reasons(config["model"]),
    )
    tools = check_tools(params.get("tools", config["tools"]), "response.tools")
    choice = check_tool_choice(
        params.get("tool_choice", config["tool_choice"]), "response.tool_choice"
    )
    instructions = params.get("instructions", config["instructions"])
    if not isinstance(instructions, str):
        raise invalid_type("response.instructions", "a string", instructions)
    return ResponsePlan(spec, instructions, tools, choice)


def _modalities(config: Config, params: dict[str, Any]) -> list[str]:
    if "output_modalities" not in params:
        return list(config["output_modalities"])
    return check_modalities(params["output_modalities"], "response.output_modalities")


def _audio_output(params: dict[str, Any]) -> dict[str, Any]:
    audio = params.get("audio") or {}
    if not isinstance(audio, dict) or not isinstance(audio.get("output", {}), dict):
        raise invalid_type("response.audio", "an object", audio)
    return dict(audio.get("output") or {})


def _voice(config: Config, params: dict[str, Any]) -> str:
    voice = _audio_output(params).get("voice", config["audio"]["output"]["voice"])
    checked = check_voice(voice, "response.audio.output.voice")
    return checked if isinstance(checked, str) else str(checked["id"])


def _format(config: Config, params: dict[str, Any]) -> dict[str, Any]:
    value = _audio_output(params).get("format", config["audio"]["output"]["format"])
    return check_format(value, "response.audio.output.format")


def _max_tokens(config: Config, params: dict[str, Any]) -> int | str:
    value = params.get("max_output_tokens", config["max_output_tokens"])
    return check_max_tokens(value, "response.max_output_tokens")


def _metadata(params: dict[str, Any]) -> dict[str, Any] | None:
    metadata = params.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise invalid_type("response.metadata", "an object", metadata)
    return metadata


def _in_conversation(params: dict[str, Any]) -> bool:
    value = params.get("conversation", "auto")
    if value not in ("auto", "none"):
        raise invalid_value("response.conversation", value, ["auto", "none"])
    return bool(value == "auto")


def _context(
    config: Config, params: dict[str, Any], conversation: ServerConversation
) -> list[Entry] | None:
    items = params.get("input")
    if items is None:
        return None
    if not isinstance(items, list):
        raise invalid_type("response.input", "an array", items)
    audio_format = config["audio"]["input"]["format"]
    return [
        _input_entry(item, f"response.input[{i}]", conversation, audio_format)
        for i, item in enumerate(items)
    ]


def _input_entry(
    item: Any, path: str, conversation: ServerConversation, audio_format: dict[str, Any]
) -> Entry:
    if isinstance(item, dict) and item.get("type") == "item_reference":
        return conversation.get(item.get("id"))
    return entry_from_client(item, path, audio_format)
