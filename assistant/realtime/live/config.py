"""What a GPT-Live session starts with: the `session` object of `session.start`.

Everything here is fixed for the life of a Live session (model, instructions, voice, audio
format, delegation type): the service takes it once, in `session.start`, and rejects unknown
fields, so `to_wire` writes only fields of `openai.types.live.SessionConfig` (the oracle checks
that). There are no `tools`, `turn_detection` or transcription settings in Live: the model takes
its own turns and hears the user itself; tools reach it only through delegation:

- `responses`: a backend Responses model (`backend_model`) gets our tools as function tools
  (plus any hosted tools such as `{"type": "web_search"}`); its function calls come back to us
  and are answered with `response.item.create` + `response.create`.
- `client`: the app itself handles each delegated task and speaks back through
  `session.commentary.append` (or `session.thinking.append`, silently).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.realtime.config import SessionConfig

LIVE_MODELS = ("gpt-live-1", "gpt-live-1.1")
DEFAULT_LIVE_MODEL = "gpt-live-1"
DEFAULT_BACKEND_MODEL = "gpt-5.4-mini"  # the delegated Responses model (any one works)
LIVE_VOICES = (  # openai.types.live.BuiltInVoice (package 3.63)
    "marin", "cedar", "alloy", "ash", "ballad", "beacon", "bossa", "cinder", "coral", "delta",
    "echo", "gleam", "meridian", "quartz", "ripple", "sage", "shida", "shimmer", "stone",
    "tempo", "verse", "vesper", "willow",
)  # fmt: skip
SAMPLE_RATE = 24000  # PCM16 mono; one format for input and output, fixed at start
Delegation = Literal["responses", "client"]
BACKEND_TOOLS = ("function", "web_search")  # what the Responses backend is given
WEB_SEARCH: dict[str, Any] = {"type": "web_search"}  # hosted: the backend searches by itself
MAX_INPUT_MESSAGES = 128  # `session.start.session.input` (text-only startup history)


def is_live_model(model: str | None) -> bool:
    """Whether `model` names a GPT-Live model (`gpt-live-1`, `gpt-live-1.1`, dated snapshots)."""
    return bool(model) and str(model).strip().lower().startswith("gpt-live")


@dataclass(frozen=True, slots=True)
class LiveConfig:
    model: str = DEFAULT_LIVE_MODEL
    instructions: str = "You are a helpful, concise voice assistant."
    voice: str = "marin"
    delegation: Delegation = "responses"
    backend_model: str = DEFAULT_BACKEND_MODEL
    backend_instructions: str | None = None
    tools: tuple[dict[str, Any], ...] = field(default=(), repr=False)  # function + hosted tools

    @classmethod
    def from_session_config(
        cls,
        config: SessionConfig,
        *,
        model: str | None = None,
        delegation: Delegation = "responses",
        backend_model: str = DEFAULT_BACKEND_MODEL,
    ) -> LiveConfig:
        """The Live start of the app's settings: instructions, voice, function tools and the
        hosted web search carry over (MCP tools are the Realtime server's own flow, so they
        stay out)."""
        return cls(
            model=model or DEFAULT_LIVE_MODEL,
            instructions=config.instructions,
            voice=config.voice if config.voice in LIVE_VOICES else "marin",
            delegation=delegation,
            backend_model=backend_model,
            tools=tuple(t for t in config.tools if t.get("type", "function") in BACKEND_TOOLS),
        )

    def to_wire(self, history: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """The `session` of `session.start`; `history` becomes the startup `input`."""
        session: dict[str, Any] = {
            "model": self.model,
            "instructions": self.instructions,
            "audio": {
                "format": {"type": "audio/pcm", "rate": SAMPLE_RATE},
                "output": {"voice": self.voice},
            },
            "delegation": self._delegation(),
        }
        if history:
            session["input"] = history[-MAX_INPUT_MESSAGES:]
        return session

    def _delegation(self) -> dict[str, Any]:
        if self.delegation == "client":
            return {"type": "client"}
        responses: dict[str, Any] = {"model": self.backend_model}
        if self.backend_instructions:
            responses["instructions"] = self.backend_instructions
        if self.tools:
            responses["tools"] = [_backend_tool(tool) for tool in self.tools]
        return {"type": "responses", "responses": responses}


def _backend_tool(tool: dict[str, Any]) -> dict[str, Any]:
    """A tool for the Responses backend: function tools keep only the fields it takes."""
    if tool.get("type", "function") != "function":
        return dict(tool)
    keep = ("type", "name", "description", "parameters", "strict")
    return {key: tool[key] for key in keep if key in tool}
