"""GA <-> beta (Azure Preview) translation at the edge of the session.

The session works in GA shapes only. For a beta connection, `incoming` rewrites client events
into GA ones (session fields moved under ``audio``, ``modalities`` -> ``output_modalities``,
assistant ``text`` content -> ``output_text``, ...) and lists the errors the beta service would
report for GA-only fields (``Unknown parameter: 'session.type'.``) while the rest of the event
still applies. `outgoing` renames GA server events to their beta names (``response.audio.delta``,
``conversation.item.created``, ...), rewrites session/response/item objects, and drops events
that beta does not have (``conversation.item.done``, ``input_audio_buffer.timeout_triggered``).
"""

from __future__ import annotations

import copy
from typing import Any

from .events import Event, ProtocolError, invalid_value, unknown_parameter

GA, BETA, LIVE = "ga", "beta", "live"  # LIVE: GPT-Live (`live_session`), no translation
BETA_FORMATS = {"pcm16": "audio/pcm", "g711_ulaw": "audio/pcmu", "g711_alaw": "audio/pcma"}
GA_FORMATS = {ga: beta for beta, ga in BETA_FORMATS.items()}
_RENAMES = {
    "response.output_text.delta": "response.text.delta",
    "response.output_text.done": "response.text.done",
    "response.output_audio.delta": "response.audio.delta",
    "response.output_audio.done": "response.audio.done",
    "response.output_audio_transcript.delta": "response.audio_transcript.delta",
    "response.output_audio_transcript.done": "response.audio_transcript.done",
    "conversation.item.added": "conversation.item.created",
}
_GA_ONLY_EVENTS = {"conversation.item.done", "input_audio_buffer.timeout_triggered"}
_TO_BETA_PART = {"output_text": "text", "output_audio": "audio"}
_TO_GA_PART = {beta: ga for ga, beta in _TO_BETA_PART.items()}
_SAME = {"instructions", "tools", "tool_choice", "tracing", "model", "temperature"}
_IGNORED = {"id", "object", "expires_at", "client_secret"}
_AUDIO_PATHS = {
    "voice": ("output", "voice"),
    "speed": ("output", "speed"),
    "input_audio_transcription": ("input", "transcription"),
    "input_audio_noise_reduction": ("input", "noise_reduction"),
    "turn_detection": ("input", "turn_detection"),
}


def incoming(event: Event, dialect: str) -> tuple[Event, list[ProtocolError]]:
    """The GA form of a client event, and the errors beta reports while still applying it."""
    if dialect == GA:
        return event, []
    event = copy.deepcopy(event)
    errors: list[ProtocolError] = []
    if event.get("type") == "session.update" and isinstance(event.get("session"), dict):
        event["session"], errors = beta_session_to_ga(event["session"])
    if isinstance(event.get("item"), dict):
        event["item"] = item_to_ga(event["item"])
    if event.get("type") == "response.create" and isinstance(event.get("response"), dict):
        event["response"] = _response_params_to_ga(event["response"])
    return event, errors


def beta_session_to_ga(session: dict[str, Any]) -> tuple[dict[str, Any], list[ProtocolError]]:
    """A beta ``session`` object as a GA update (plus ``temperature``), and field errors."""
    update: dict[str, Any] = {"type": "realtime"}
    errors: list[ProtocolError] = []
    for key, value in session.items():
        try:
            _beta_field(update, key, value)
        except ProtocolError as error:
            errors.append(error)
    return update, errors


def _beta_field(update: dict[str, Any], key: str, value: Any) -> None:
    audio = update.setdefault("audio", {})
    if key in _SAME:
        update[key] = value
    elif key == "modalities":
        update["output_modalities"] = ["text"] if value == ["text"] else ["audio"]
    elif key == "max_response_output_tokens":
        update["max_output_tokens"] = value
    elif key in ("input_audio_format", "output_audio_format"):
        side = key.split("_", 1)[0]
        audio.setdefault(side, {})["format"] = _format_to_ga(value, f"session.{key}")
    elif key in _AUDIO_PATHS:
        side, name = _AUDIO_PATHS[key]
        audio.setdefault(side, {})[name] = value
    elif key not in _IGNORED:
        raise unknown_parameter(f"session.{key}")


def _format_to_ga(value: Any, path: str) -> dict[str, Any]:
    if value not in BETA_FORMATS:
        raise invalid_value(path, value, list(BETA_FORMATS))
    kind = BETA_FORMATS[value]
    return {"type": kind, "rate": 24000} if kind == "audio/pcm" else {"type": kind}


def item_to_ga(item: dict[str, Any]) -> dict[str, Any]:
    """A beta item with assistant ``text``/``audio`` parts renamed to their GA types."""
    if item.get("role") != "assistant" or not isinstance(item.get("content"), list):
        return item
    parts = [_renamed_part(part, _TO_GA_PART) for part in item["content"]]
    return {**item, "content": parts}


def _renamed_part(part: Any, names: dict[str, str]) -> Any:
    if not isinstance(part, dict) or part.get("type") not in names:
        return part
    return {**part, "type": names[part["type"]]}


_RESPONSE_RENAMES = {"max_response_output_tokens": "max_output_tokens"}


def _response_params_to_ga(params: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in params.items():
        if key == "modalities":
            result["output_modalities"] = ["text"] if value == ["text"] else ["audio"]
        elif key in ("voice", "output_audio_format"):
            _response_audio_to_ga(result, key, value)
        elif key == "input" and isinstance(value, list):
            result["input"] = [item_to_ga(i) if isinstance(i, dict) else i for i in value]
        elif key != "temperature":
            result[_RESPONSE_RENAMES.get(key, key)] = value
    return result


def _response_audio_to_ga(result: dict[str, Any], key: str, value: Any) -> None:
    output = result.setdefault("audio", {"output": {}})["output"]
    if key == "voice":
        output["voice"] = value
    else:
        output["format"] = _format_to_ga(value, "response.output_audio_format")


def outgoing(event: Event, dialect: str, temperature: float = 0.8) -> Event | None:
    """The server event as the dialect sends it, or None if that dialect has no such event."""
    if dialect == GA:
        return event
    kind = event["type"]
    if kind in _GA_ONLY_EVENTS:
        return None
    beta = {**event, "type": _RENAMES.get(kind, kind)}
    if "session" in beta:
        beta["session"] = session_to_beta(beta["session"], temperature)
    if "response" in beta:
        beta["response"] = _response_to_beta(beta["response"], temperature)
    if "item" in beta:
        beta["item"] = item_to_beta(beta["item"])
    if "part" in beta:
        beta["content"] = beta["part"]  # Azure Preview repeats the part as `content`
    return beta


def item_to_beta(item: dict[str, Any]) -> dict[str, Any]:
    """A GA item with assistant ``output_text``/``output_audio`` parts renamed for beta."""
    if item.get("role") != "assistant":
        return item
    return {**item, "content": [_renamed_part(p, _TO_BETA_PART) for p in item["content"]]}


def _modalities(ga: list[str]) -> list[str]:
    return ["text"] if ga == ["text"] else ["audio", "text"]


def session_to_beta(config: dict[str, Any], temperature: float) -> dict[str, Any]:
    """The beta session object for a GA config."""
    audio_in, audio_out = config["audio"]["input"], config["audio"]["output"]
    turn = audio_in["turn_detection"]
    voice = audio_out["voice"]
    return {
        "id": config["id"],
        "object": "realtime.session",
        "model": config["model"],
        "expires_at": config["expires_at"],
        "modalities": _modalities(config["output_modalities"]),
        "instructions": config["instructions"],
        "voice": voice if isinstance(voice, str) else voice["id"],
        "input_audio_format": GA_FORMATS[audio_in["format"]["type"]],
        "output_audio_format": GA_FORMATS[audio_out["format"]["type"]],
        "input_audio_transcription": audio_in["transcription"],
        "input_audio_noise_reduction": audio_in["noise_reduction"],
        "turn_detection": {k: v for k, v in turn.items() if k != "idle_timeout_ms"}
        if turn
        else None,
        "tools": config["tools"],
        "tool_choice": config["tool_choice"],
        "temperature": temperature,
        "max_response_output_tokens": config["max_output_tokens"],
        "speed": audio_out["speed"],
        "tracing": config["tracing"],
    }


def _response_to_beta(response: dict[str, Any], temperature: float) -> dict[str, Any]:
    output = response["audio"]["output"]
    beta = {k: v for k, v in response.items() if k not in ("audio", "output_modalities")}
    beta["output"] = [item_to_beta(item) for item in response.get("output") or []]
    beta["modalities"] = _modalities(response["output_modalities"])
    beta["voice"] = output["voice"]
    beta["output_audio_format"] = GA_FORMATS[output["format"]["type"]]
    beta["temperature"] = temperature
    return beta
