"""The ``session.audio`` part of the GA configuration: formats, turn detection, voice.

`merge_audio` validates and merges a GA ``audio`` object into the current one, returning a new
dict. ``turn_detection``, ``transcription`` and ``noise_reduction`` are replaced as a whole
(``null`` switches them off); a new ``turn_detection`` is completed with its type's defaults.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from .events import invalid_type, invalid_value, missing_parameter, unknown_parameter

Audio = dict[str, Any]

PCM_FORMAT: dict[str, Any] = {"type": "audio/pcm", "rate": 24000}
FORMAT_TYPES = ["audio/pcm", "audio/pcmu", "audio/pcma"]
VAD_TYPES = ["server_vad", "semantic_vad"]
EAGERNESS = ["low", "medium", "high", "auto"]
_NOISE_TYPES = ["near_field", "far_field"]
_TRANSCRIPTION_KEYS = {"model", "language", "prompt", "delay", "keywords", "languages"}


def default_turn_detection(kind: str = "server_vad") -> dict[str, Any]:
    """The defaults the service fills in for a ``server_vad`` or ``semantic_vad`` object."""
    if kind == "semantic_vad":
        return {
            "type": kind,
            "eagerness": "auto",
            "create_response": True,
            "interrupt_response": True,
        }
    return {
        "type": "server_vad",
        "threshold": 0.5,
        "prefix_padding_ms": 300,
        "silence_duration_ms": 500,
        "idle_timeout_ms": None,
        "create_response": True,
        "interrupt_response": True,
    }


def merge_audio(current: Audio, value: Any, path: str) -> Audio:
    """`current` with the GA ``audio`` object `value` merged in; raises `ProtocolError`."""
    merged = copy.deepcopy(current)
    for key, part in _object(value, path).items():
        if key not in ("input", "output"):
            raise unknown_parameter(f"{path}.{key}")
        checker = _INPUT if key == "input" else _OUTPUT
        for field, field_value in _object(part, f"{path}.{key}").items():
            field_path = f"{path}.{key}.{field}"
            if field not in checker:
                raise unknown_parameter(field_path)
            merged[key][field] = checker[field](field_value, field_path)
    return merged


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise invalid_type(path, "an object", value)
    return value


def check_format(value: Any, path: str) -> dict[str, Any]:
    """A valid audio format object (``audio/pcm`` at 24 kHz, ``audio/pcmu``, ``audio/pcma``)."""
    kind = _object(value, path).get("type", "audio/pcm")
    if kind not in FORMAT_TYPES:
        raise invalid_value(f"{path}.type", kind, FORMAT_TYPES)
    if kind == "audio/pcm" and value.get("rate", 24000) != 24000:
        raise invalid_value(f"{path}.rate", value.get("rate"), ["24000"])
    return dict(PCM_FORMAT) if kind == "audio/pcm" else {"type": kind}


def check_turn_detection(value: Any, path: str) -> dict[str, Any] | None:
    """``None`` (manual turns) or a complete ``server_vad``/``semantic_vad`` object."""
    if value is None:
        return None
    kind = _object(value, path).get("type")
    if kind is None:
        raise missing_parameter(f"{path}.type")
    if kind not in VAD_TYPES:
        raise invalid_value(f"{path}.type", kind, VAD_TYPES)
    result = default_turn_detection(kind)
    for key, field_value in value.items():
        if key not in result:
            raise unknown_parameter(f"{path}.{key}")
        result[key] = _check_vad_field(key, field_value, f"{path}.{key}")
    return result


def _check_vad_field(key: str, value: Any, path: str) -> Any:
    if key == "threshold" and not (_is_number(value) and 0.0 <= value <= 1.0):
        raise invalid_value(path, value)
    if key.endswith("_ms") and not _is_duration(value, allow_none=key == "idle_timeout_ms"):
        raise invalid_value(path, value)
    if key in ("create_response", "interrupt_response") and not isinstance(value, bool):
        raise invalid_type(path, "a boolean", value)
    if key == "eagerness" and value not in EAGERNESS:
        raise invalid_value(path, value, EAGERNESS)
    return value


def _is_duration(value: Any, *, allow_none: bool) -> bool:
    if value is None:
        return allow_none
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_transcription(value: Any, path: str) -> dict[str, Any] | None:
    """``None`` (off) or a transcription object (model, language, prompt, ...)."""
    if value is None:
        return None
    for key in _object(value, path):
        if key not in _TRANSCRIPTION_KEYS:
            raise unknown_parameter(f"{path}.{key}")
    return dict(value)


def check_noise_reduction(value: Any, path: str) -> dict[str, Any] | None:
    """``None`` (off) or ``{"type": "near_field" | "far_field"}``."""
    if value is None:
        return None
    kind = _object(value, path).get("type")
    if kind not in _NOISE_TYPES:
        raise invalid_value(f"{path}.type", kind, _NOISE_TYPES)
    return dict(value)


def check_voice(value: Any, path: str) -> str | dict[str, Any]:
    """A voice name or a custom voice object ``{"id": "voice_..."}``."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return {"id": value["id"]}
    raise invalid_type(path, "a string", value)


def check_speed(value: Any, path: str) -> float:
    """A speaking speed between 0.25 and 1.5."""
    if not (_is_number(value) and 0.25 <= value <= 1.5):
        raise invalid_value(path, value)
    return float(value)


_INPUT: dict[str, Callable[[Any, str], Any]] = {
    "format": check_format,
    "turn_detection": check_turn_detection,
    "transcription": check_transcription,
    "noise_reduction": check_noise_reduction,
}
_OUTPUT: dict[str, Callable[[Any, str], Any]] = {
    "format": check_format,
    "voice": check_voice,
    "speed": check_speed,
}
