"""The session configuration in its GA shape: defaults, ``session.update`` merging, validation.

The session keeps one GA-shaped dict (the object sent in ``session.created``/``updated``);
the beta dialect converts to and from it in `dialects`. `apply_session_update` never mutates its
input: it validates the whole update first and returns the merged copy, so an invalid update
changes nothing. Only fields present are changed; ``null`` clears ``turn_detection``,
``transcription`` and ``noise_reduction``; a new ``turn_detection`` gets its type's defaults.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from .audio_config import PCM_FORMAT, default_turn_detection, merge_audio
from .events import ProtocolError, invalid_type, invalid_value, missing_parameter
from .events import unknown_parameter as unknown
from .models import EFFORTS, reasons, takes_retention_ratio
from .tools import check_tool_choice, check_tools

Config = dict[str, Any]

DEFAULT_INSTRUCTIONS = (
    "You are a helpful, friendly voice assistant. Keep your answers short and clear. "
    "This is the offline demo: replies are simulated."
)
_VOICE_LOCKED = "Cannot update a conversation's voice if assistant audio is present."
_IGNORED = {"id", "object", "expires_at", "client_secret"}
_FREE = {"tracing", "include", "parallel_tool_calls"}
_PROMPTS_GONE = "Stored prompts were shut down on 2026-11-30; put the instructions in the session."


def default_session(session_id: str, model: str, expires_at: int) -> Config:
    """The full GA session object a new connection starts with."""
    audio_input = {
        "format": dict(PCM_FORMAT),
        "transcription": None,
        "noise_reduction": None,
        "turn_detection": default_turn_detection(),
    }
    audio_output = {"format": dict(PCM_FORMAT), "voice": "marin", "speed": 1.0}
    return {
        "type": "realtime",
        "object": "realtime.session",
        "id": session_id,
        "model": model,
        "output_modalities": ["audio"],
        "instructions": DEFAULT_INSTRUCTIONS,
        "audio": {"input": audio_input, "output": audio_output},
        "tools": [],
        "tool_choice": "auto",
        "max_output_tokens": "inf",
        "tracing": None,
        "truncation": "auto",
        "prompt": None,
        "include": None,
        "expires_at": expires_at,
        **({"reasoning": {"effort": "low"}} if reasons(model) else {}),
    }


def apply_session_update(current: Config, update: Any, *, voice_locked: bool) -> Config:
    """`current` with the GA ``session`` object `update` merged in; raises `ProtocolError`."""
    if not isinstance(update, dict):
        raise invalid_type("session", "an object", update)
    if "type" not in update:
        raise missing_parameter("session.type")
    merged = copy.deepcopy(current)
    for key, value in update.items():
        if key not in _IGNORED:
            _setter(key)(merged, value, f"session.{key}")
    if voice_locked and merged["audio"]["output"]["voice"] != current["audio"]["output"]["voice"]:
        raise ProtocolError("cannot_update_voice", _VOICE_LOCKED)
    return merged


Setter = Callable[[Config, Any, str], None]


def _setter(key: str) -> Setter:
    if key in _FREE:
        return lambda config, value, _path: config.__setitem__(key, value)
    setter = _SETTERS.get(key)
    if setter is None:
        raise unknown(f"session.{key}")
    return setter


def _set_type(_config: Config, value: Any, path: str) -> None:
    if value == "transcription":
        raise ProtocolError("invalid_value", "Cannot change the type of a session.", path)
    if value != "realtime":
        raise invalid_value(path, value, ["realtime", "transcription"])


def _set_model(config: Config, value: Any, path: str) -> None:
    if value != config["model"]:
        raise ProtocolError("invalid_value", "Cannot update a session's model.", path)


def _set_instructions(config: Config, value: Any, path: str) -> None:
    if not isinstance(value, str):
        raise invalid_type(path, "a string", value)
    config["instructions"] = value


def check_modalities(value: Any, path: str) -> list[str]:
    """A valid GA ``output_modalities`` list: ``["audio"]`` or ``["text"]``."""
    if not isinstance(value, list):
        raise invalid_type(path, "an array", value)
    if value not in (["audio"], ["text"]):
        message = (
            f"Invalid modalities: {value}. Supported combinations are: ['text'] and ['audio']."
        )
        raise ProtocolError("invalid_value", message, path)
    return list(value)


def check_max_tokens(value: Any, path: str) -> int | str:
    """A valid ``max_output_tokens``: an integer 1..4096 or ``"inf"``."""
    if value == "inf":
        return "inf"
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4096:
        return int(value)
    raise invalid_value(path, value)


def _set_modalities(config: Config, value: Any, path: str) -> None:
    config["output_modalities"] = check_modalities(value, path)


def _set_tools(config: Config, value: Any, path: str) -> None:
    config["tools"] = check_tools(value, path)


def _set_tool_choice(config: Config, value: Any, path: str) -> None:
    config["tool_choice"] = check_tool_choice(value, path)


def _set_max_tokens(config: Config, value: Any, path: str) -> None:
    config["max_output_tokens"] = check_max_tokens(value, path)


def _set_audio(config: Config, value: Any, path: str) -> None:
    config["audio"] = merge_audio(config["audio"], value, path)


def _set_reasoning(config: Config, value: Any, path: str) -> None:
    if not reasons(config["model"]):
        message = f"The model {config['model']} does not support reasoning."
        raise ProtocolError("unsupported_parameter", message, path)
    if not isinstance(value, dict):
        raise invalid_type(path, "an object", value)
    for key in value:
        if key != "effort":
            raise unknown(f"{path}.{key}")
    effort = value.get("effort")
    if effort is not None and effort not in EFFORTS:
        raise invalid_value(f"{path}.effort", effort, list(EFFORTS))
    config["reasoning"] = {"effort": effort}


def _set_truncation(config: Config, value: Any, path: str) -> None:
    if value in ("auto", "disabled"):
        config["truncation"] = value
        return
    if not isinstance(value, dict):
        raise invalid_type(path, "'auto', 'disabled' or an object", value)
    if not takes_retention_ratio(config["model"]):
        message = f"The model {config['model']} does not support retention_ratio truncation."
        raise ProtocolError("unsupported_parameter", message, path)
    config["truncation"] = _retention_ratio(value, path)


def _retention_ratio(value: dict[str, Any], path: str) -> dict[str, Any]:
    for key in value:
        if key not in ("type", "retention_ratio", "token_limits"):
            raise unknown(f"{path}.{key}")
    if value.get("type") != "retention_ratio":
        raise invalid_value(f"{path}.type", value.get("type"), ["retention_ratio"])
    ratio = value.get("retention_ratio")
    if isinstance(ratio, bool) or not isinstance(ratio, int | float) or not 0 <= ratio <= 1:
        raise invalid_value(f"{path}.retention_ratio", ratio)
    truncation: dict[str, Any] = {"type": "retention_ratio", "retention_ratio": float(ratio)}
    limits = value.get("token_limits")
    if limits is not None:
        truncation["token_limits"] = _token_limits(limits, f"{path}.token_limits")
    return truncation


def _token_limits(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise invalid_type(path, "an object", value)
    for key in value:
        if key != "post_instructions":
            raise unknown(f"{path}.{key}")
    tokens = value.get("post_instructions")
    if tokens is None:
        return {}
    if isinstance(tokens, bool) or not isinstance(tokens, int) or tokens < 1:
        raise invalid_value(f"{path}.post_instructions", tokens)
    return {"post_instructions": tokens}


def _set_prompt(config: Config, value: Any, path: str) -> None:
    if value is not None:
        raise ProtocolError("invalid_value", _PROMPTS_GONE, path)
    config["prompt"] = None


_SETTERS: dict[str, Setter] = {
    "type": _set_type,
    "model": _set_model,
    "instructions": _set_instructions,
    "output_modalities": _set_modalities,
    "tools": _set_tools,
    "tool_choice": _set_tool_choice,
    "max_output_tokens": _set_max_tokens,
    "audio": _set_audio,
    "reasoning": _set_reasoning,
    "truncation": _set_truncation,
    "prompt": _set_prompt,
}
