"""The Realtime and transcription models this version knows: dates, prices, retirement.

This is the one list of models in the program. Each `Model` carries its release date, its
price per million tokens (`usage.Price`: text, audio and image input, the cached rate of each,
text and audio output; per minute for duration-billed transcription), its shutdown date and
replacement when one is announced, what it takes (`reasoning.effort`, retention-ratio
`truncation`), and the URL of the page each fact comes from. `usage.PRICES` is built from it.

`DEFAULT_MODEL` is the current GA model: every default in the program (settings, command line,
transport, offline demo) reads it; the simulator, which imports no client code, repeats it and a
test keeps the two equal. `model_status(name, today)` says where a model stands; the app words
it translatably, `model_notice` in English for the command line, with the replacement.

Retirement of `gpt-realtime` and `gpt-realtime-mini` (2027-01-20) comes from third-party
deprecation notices (Retell's migrates on 2027-01-19) and an article quoting OpenAI's
deprecations page (dev.to, "legacy audio and realtime models", 20 January); OpenAI's own page
(developers.openai.com/api/docs/deprecations) did not list it yet when this table was made
(2026-12-06). A model with a shutdown date works until that date; after it the service refuses
it. Release dates that the model page does not state are left empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

_MODELS_URL = "https://developers.openai.com/api/docs/models/"
_RETELL_2027 = "https://docs.retellai.com/deprecation-notice/2027/01-19_model_replacements"
_PREVIEW_SHUTDOWN = (
    "https://www.modelcostwatch.com/openai/deprecations/gpt-4o-preview-audio-realtime-models"
)
# The SDK's `AudioTranscription.model` notes: "Announced shutdown date: 2027-02-26".
_SDK_TRANSCRIPTION = (
    "https://github.com/openai/openai-python/blob/main/src/openai/types/realtime/"
    "audio_transcription.py"
)

# Dollars per 1M tokens: text in, cached, out; audio in, cached, out; image in, cached.
Rates = tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Model:
    """One model. Dates are ISO `YYYY-MM-DD` ("" when not published)."""

    name: str
    released: str
    rates: Rates  # see `Rates`; missing trailing rates are 0 (not billed that way)
    price_as_of: str  # when the price was read from `source`
    source: str  # the model's page: price, and release when it says so
    per_minute: float = 0.0  # duration-billed transcription, dollars per minute
    retires: str = ""  # the shutdown date, "" when none is announced
    replacement: str = ""  # what to use instead
    retirement_source: str = ""
    reasoning: bool = False  # takes `reasoning.effort` (and answers in phases)
    truncation: bool = True  # takes a retention-ratio `truncation` (every GA model)
    transcription: bool = False  # an input transcription model, not a conversation model
    diarize: bool = False  # transcription with speaker labels (`...transcription.segment`)

    def retired_on(self, today: str) -> bool:
        return bool(self.retires) and self.retires <= today


def _model(name: str, released: str, rates: Rates, as_of: str, **more: Any) -> Model:
    return Model(name, released, rates, as_of, _MODELS_URL + name, **more)


_GA_2X = (4.00, 0.40, 24.00, 32.00, 0.40, 64.00, 5.00, 0.50)
_GA_1X = (4.00, 0.40, 16.00, 32.00, 0.40, 64.00, 5.00, 0.50)
_MINI = (0.60, 0.06, 2.40, 10.00, 0.30, 20.00, 0.80, 0.08)
_RETIRING = {"retires": "2027-01-20", "retirement_source": _RETELL_2027}
_PREVIEW = {"retires": "2026-05-07", "retirement_source": _PREVIEW_SHUTDOWN, "truncation": False}
_TRANSCRIBE = {
    "transcription": True,
    "retires": "2027-02-26",
    "replacement": "gpt-realtime-whisper",
    "retirement_source": _SDK_TRANSCRIPTION,
}
_CHECKED = "2026-12-06"

MODELS: tuple[Model, ...] = (
    _model("gpt-realtime-2.1", "", _GA_2X, _CHECKED, reasoning=True),
    _model("gpt-realtime-2.1-mini", "", _MINI, _CHECKED, reasoning=True),
    _model("gpt-realtime-2", "2026-05-07", _GA_2X, _CHECKED, reasoning=True),
    _model("gpt-realtime-1.5", "2026-02-23", _GA_1X, _CHECKED),
    _model(
        "gpt-realtime",
        "2025-08-28",
        _GA_1X,
        "2025-08-28",
        replacement="gpt-realtime-2.1",
        **_RETIRING,
    ),
    _model(
        "gpt-realtime-mini",
        "2025-10-06",
        _MINI[:6],
        "2025-10-06",
        replacement="gpt-realtime-2.1-mini",
        **_RETIRING,
    ),
    _model(
        "gpt-4o-realtime-preview",
        "2024-12-17",
        (5.00, 2.50, 20.00, 40.00, 2.50, 80.00),
        "2024-12-17",
        replacement="gpt-realtime-2.1",
        **_PREVIEW,
    ),
    _model(
        "gpt-4o-realtime-preview-2024-10-01",
        "2024-10-01",
        (5.00, 2.50, 20.00, 100.00, 20.00, 200.00),
        "2024-10-01",
        replacement="gpt-realtime-2.1",
        **_PREVIEW,
    ),
    _model(
        "gpt-4o-mini-realtime-preview",
        "2024-12-17",
        (0.60, 0.30, 2.40, 10.00, 0.30, 20.00),
        "2024-12-17",
        replacement="gpt-realtime-2.1-mini",
        **_PREVIEW,
    ),
    # Input transcription models (billed apart from the conversation), the default first.
    _model(
        "gpt-4o-mini-transcribe",
        "2025-03-20",
        (1.25, 1.25, 5.00, 3.00, 3.00),
        "2025-03-20",
        **_TRANSCRIBE,
    ),
    _model(
        "gpt-4o-transcribe",
        "2025-03-20",
        (2.50, 2.50, 10.00, 6.00, 6.00),
        "2025-03-20",
        **_TRANSCRIBE,
    ),
    _model(
        "gpt-4o-transcribe-diarize",
        "",
        (2.50, 2.50, 10.00, 2.50, 2.50),
        _CHECKED,
        diarize=True,
        **_TRANSCRIBE,
    ),
    _model("whisper-1", "2023-03-01", (0, 0, 0), "2023-03-01", per_minute=0.006, **_TRANSCRIBE),
    _model(
        "gpt-realtime-whisper",
        "2026-05-07",
        (0, 0, 0),
        "2026-05",
        per_minute=0.017,
        transcription=True,
    ),
)

BY_NAME: dict[str, Model] = {model.name: model for model in MODELS}
DEFAULT_MODEL = "gpt-realtime-2.1"
CONVERSATION_MODELS = tuple(m.name for m in MODELS if not m.transcription)
TRANSCRIPTION_MODELS = tuple(m.name for m in MODELS if m.transcription)  # the default first
DIARIZE_MODEL = next(m.name for m in MODELS if m.diarize)
REASONING_EFFORTS = ("minimal", "low", "medium", "high", "xhigh")
PHASES = ("commentary", "final_answer")

_DATE_SUFFIX = re.compile(r"-\d{4}-\d{2}-\d{2}$")
_FAMILY = re.compile(r"^gpt-realtime-(\d+)(?:\.\d+)?(?:-mini)?$")


def find(name: str | None) -> Model | None:
    """The model `name` names, looking through dated snapshots (`gpt-realtime-2025-08-28`)."""
    if not name:
        return None
    key = name.strip().lower()
    return BY_NAME.get(key) or BY_NAME.get(_DATE_SUFFIX.sub("", key))


def takes_reasoning(name: str | None) -> bool:
    """True for a reasoning model: a known one, or a later `gpt-realtime-N[.M][-mini]`, N >= 2
    (a model newer than this list is most likely of the reasoning generation)."""
    model = find(name)
    if model is not None:
        return model.reasoning
    match = _FAMILY.match((name or "").strip().lower())
    return match is not None and int(match.group(1)) >= 2


def takes_truncation(name: str | None) -> bool:
    """True unless the model is a known one without retention-ratio truncation (previews)."""
    model = find(name)
    return model.truncation if model is not None else True


def available(today: str) -> tuple[str, ...]:
    """The conversation models not yet retired on `today`, newest first."""
    return tuple(m for m in CONVERSATION_MODELS if not BY_NAME[m].retired_on(today))


class Lifecycle(Enum):
    CURRENT = "current"  # known, no shutdown announced (or a newer model of the 2.x family)
    RETIRING = "retiring"  # works until `retires`
    RETIRED = "retired"  # the service refuses it
    UNKNOWN = "unknown"  # not in this list: perhaps newer than this version, perhaps a typo


@dataclass(frozen=True, slots=True)
class ModelStatus:
    lifecycle: Lifecycle
    retires: str = ""
    replacement: str = DEFAULT_MODEL


def model_status(name: str, today: str) -> ModelStatus:
    """Where the conversation model `name` stands on `today` (ISO date)."""
    model = find(name)
    if model is None:
        known_family = takes_reasoning(name)  # a newer gpt-realtime-N: sent without a word
        return ModelStatus(Lifecycle.CURRENT if known_family else Lifecycle.UNKNOWN)
    if not model.retires:
        return ModelStatus(Lifecycle.CURRENT)
    replacement = model.replacement or DEFAULT_MODEL
    lifecycle = Lifecycle.RETIRED if model.retired_on(today) else Lifecycle.RETIRING
    return ModelStatus(lifecycle, model.retires, replacement)


def model_notice(name: str, today: str) -> str:
    """One sentence for a retired, retiring or unknown model, with its replacement ("": fine)."""
    status = model_status(name, today)
    if status.lifecycle is Lifecycle.RETIRED:
        return f"{name} was retired on {status.retires}; use {status.replacement} instead."
    if status.lifecycle is Lifecycle.RETIRING:
        return f"{name} retires on {status.retires}; {status.replacement} replaces it."
    if status.lifecycle is Lifecycle.UNKNOWN:
        return (
            f"{name} is not a Realtime model this version knows; it is sent as it is "
            f"(the current model is {DEFAULT_MODEL})."
        )
    return ""
