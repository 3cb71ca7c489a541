"""Session configuration: one typed value, written out in either wire dialect.

GA nests audio settings under `audio.input` / `audio.output` and needs `type: "realtime"`;
the beta/preview shape keeps them at the top level (`voice`, `turn_detection`,
`input_audio_transcription`...). `to_wire` produces the `session` object of `session.update`.

The 2.x options are the user's wishes; `to_wire` sends each only to a model that takes it
(`models.takes_reasoning`, `models.takes_truncation`) and only in GA: `reasoning.effort` to a
reasoning model, a retention-ratio `truncation` to any GA model but the previews. `prompt` (a
stored prompt; shut down on 2026-11-30) is never sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

from assistant.realtime.models import (
    DIARIZE_MODEL,
    TRANSCRIPTION_MODELS,
    takes_reasoning,
    takes_truncation,
)

VOICES = ("marin", "cedar", "alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse")
SPEEDS = (0.25, 1.5)  # the slowest and fastest speaking speed the service accepts
ReasoningEffort = Literal["minimal", "low", "medium", "high", "xhigh"]
NoiseReduction = Literal["near_field", "far_field"]
Eagerness = Literal["low", "medium", "high", "auto"]


class Dialect(Enum):
    GA = "ga"  # OpenAI /v1/realtime, Azure /openai/v1/realtime
    BETA = "beta"  # Azure /openai/realtime?api-version=...&deployment=... (legacy preview)
    LIVE = "live"  # GPT-Live: OpenAI /v1/live/sessions, Azure /openai/v1/live/sessions

    @property
    def takes_pictures(self) -> bool:
        """Only the GA protocol has `input_image` parts (docs/gpt-live.md; the beta event models
        have no image content)."""
        return self is Dialect.GA


@dataclass(frozen=True, slots=True)
class ServerVad:
    threshold: float = 0.5
    prefix_padding_ms: int = 300
    silence_duration_ms: int = 500
    idle_timeout_ms: int | None = None
    create_response: bool = True
    interrupt_response: bool = True

    def to_wire(self, dialect: Dialect) -> dict[str, Any]:
        wire: dict[str, Any] = {
            "type": "server_vad",
            "threshold": self.threshold,
            "prefix_padding_ms": self.prefix_padding_ms,
            "silence_duration_ms": self.silence_duration_ms,
            "create_response": self.create_response,
            "interrupt_response": self.interrupt_response,
        }
        if self.idle_timeout_ms is not None and dialect is Dialect.GA:
            wire["idle_timeout_ms"] = self.idle_timeout_ms
        return wire


@dataclass(frozen=True, slots=True)
class SemanticVad:
    eagerness: Eagerness = "auto"
    create_response: bool = True
    interrupt_response: bool = True

    def to_wire(self, dialect: Dialect) -> dict[str, Any]:
        del dialect
        return {
            "type": "semantic_vad",
            "eagerness": self.eagerness,
            "create_response": self.create_response,
            "interrupt_response": self.interrupt_response,
        }


TurnDetection = ServerVad | SemanticVad | None  # None: push-to-talk (manual commits)


@dataclass(frozen=True, slots=True)
class Truncation:
    """How the server trims a long conversation: it keeps `retention_ratio` (0..1) of the
    tokens after the instructions once they pass `post_instructions_tokens` (None: the model's
    limit). A lower ratio trims more at once, so the cached prefix survives more turns."""

    retention_ratio: float = 0.8
    post_instructions_tokens: int | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.retention_ratio <= 1.0:
            raise ValueError("retention_ratio must be between 0 and 1")
        if self.post_instructions_tokens is not None and self.post_instructions_tokens < 1:
            raise ValueError("post_instructions_tokens must be a positive number of tokens")

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {"type": "retention_ratio", "retention_ratio": self.retention_ratio}
        if self.post_instructions_tokens is not None:
            wire["token_limits"] = {"post_instructions": self.post_instructions_tokens}
        return wire


@dataclass(frozen=True, slots=True)
class Transcription:
    model: str = TRANSCRIPTION_MODELS[0]
    language: str | None = None  # an ISO-639-1 hint stops e.g. Japanese being heard as Korean
    prompt: str | None = None

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {"model": self.model}
        if self.language:
            wire["language"] = self.language
        if self.prompt and self.model != DIARIZE_MODEL:  # the diarizing model takes none
            wire["prompt"] = self.prompt
        return wire


@dataclass(frozen=True, slots=True)
class SessionConfig:
    instructions: str = "You are a helpful, concise voice assistant."
    voice: str = "marin"
    speed: float = 1.0
    output: Literal["audio", "text"] = "audio"
    turn_detection: TurnDetection = field(default_factory=ServerVad)
    noise_reduction: NoiseReduction | None = None
    transcription: Transcription | None = field(default_factory=Transcription)
    tools: tuple[dict[str, Any], ...] = field(default=(), repr=False)  # MCP tools hold tokens
    tool_choice: str = "auto"
    max_output_tokens: int | Literal["inf"] = "inf"
    reasoning_effort: ReasoningEffort | None = None  # None: the model's default (low)
    truncation: Truncation | None = None  # None: the server's default ("auto")

    def __post_init__(self) -> None:
        if not SPEEDS[0] <= self.speed <= SPEEDS[1]:
            raise ValueError(f"speed must be between {SPEEDS[0]} and {SPEEDS[1]}")

    @property
    def server_interrupts(self) -> bool:
        """True when the server cancels a reply by itself as soon as the user speaks."""
        return self.turn_detection is not None and self.turn_detection.interrupt_response

    def to_wire(self, dialect: Dialect, model: str | None = None) -> dict[str, Any]:
        """The `session` object for `dialect`; the 2.x options only if `model` takes them."""
        if dialect is Dialect.BETA:
            return self._beta()
        return {**self._ga(), **self._model_options(model)}

    def _model_options(self, model: str | None) -> dict[str, Any]:
        options: dict[str, Any] = {}
        if self.reasoning_effort is not None and takes_reasoning(model):
            options["reasoning"] = {"effort": self.reasoning_effort}
        if self.truncation is not None and takes_truncation(model):
            options["truncation"] = self.truncation.to_wire()
        return options

    def _turn_detection(self, dialect: Dialect) -> dict[str, Any] | None:
        return self.turn_detection.to_wire(dialect) if self.turn_detection else None

    def _ga(self) -> dict[str, Any]:
        pcm = {"type": "audio/pcm", "rate": 24000}
        audio_in: dict[str, Any] = {
            "format": pcm,
            "turn_detection": self._turn_detection(Dialect.GA),
            "transcription": self.transcription.to_wire() if self.transcription else None,
            "noise_reduction": {"type": self.noise_reduction} if self.noise_reduction else None,
        }
        audio_out = {"format": pcm, "voice": self.voice, "speed": self.speed}
        return {
            "type": "realtime",
            "instructions": self.instructions,
            "output_modalities": [self.output],
            "audio": {"input": audio_in, "output": audio_out},
            "tools": [dict(tool) for tool in self.tools],
            "tool_choice": self.tool_choice,
            "max_output_tokens": self.max_output_tokens,
        }

    def _beta(self) -> dict[str, Any]:
        return {
            "modalities": ["text", "audio"] if self.output == "audio" else ["text"],
            "instructions": self.instructions,
            "voice": self.voice,
            "speed": self.speed,
            "input_audio_format": "pcm16",
            "output_audio_format": "pcm16",
            "turn_detection": self._turn_detection(Dialect.BETA),
            "input_audio_transcription": (
                self.transcription.to_wire() if self.transcription else None
            ),
            "input_audio_noise_reduction": (
                {"type": self.noise_reduction} if self.noise_reduction else None
            ),
            "tools": [dict(tool) for tool in self.tools if tool.get("type") != "mcp"],
            "tool_choice": self.tool_choice,
            "max_response_output_tokens": self.max_output_tokens,
        }


def mcp_tool(
    server_label: str,
    server_url: str,
    *,
    allowed_tools: list[str] | None = None,
    require_approval: Literal["always", "never"] | dict[str, Any] = "always",
    authorization: str | None = None,
    headers: dict[str, str] | None = None,
    server_description: str | None = None,
) -> dict[str, Any]:
    """A GA `mcp` tool for `SessionConfig.tools`: the server calls this remote MCP server.

    `authorization` (an OAuth access token) and `headers` are secrets: the event log elides
    them and `SessionConfig`'s repr leaves the tools out. The beta dialect cannot use MCP.
    """
    tool: dict[str, Any] = {
        "type": "mcp",
        "server_label": server_label,
        "server_url": server_url,
        "require_approval": require_approval,
    }
    optional = {
        "allowed_tools": allowed_tools,
        "authorization": authorization,
        "headers": headers,
        "server_description": server_description,
    }
    tool.update({key: value for key, value in optional.items() if value is not None})
    return tool
