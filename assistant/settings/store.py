"""The app's settings as JSON in the platform's config directory (the only platformdirs import).

Settings never hold a secret: keys live in the OS keyring (`assistant.settings.secrets`), and
`AppSettings` has no field a key could go into. Loading is forgiving: a missing file gives the
defaults, and a field that is missing, unknown or of the wrong type keeps its default, so a
settings file from another version never stops the app from starting.

A file that cannot be used at all (not UTF-8, not JSON, not a JSON object, nested too deeply,
a directory in its place) is moved aside to `settings.json.bad-N` (N the first number not yet
used: a backup is never overwritten), the defaults are used, and `notice` holds one sentence
for the user (`take_notice` gives it once). The next save then writes a new file instead of
overwriting the user's. When it cannot be moved aside, saving is refused for this run.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from dataclasses import field as default_of
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from assistant.realtime.models import DEFAULT_MODEL, REASONING_EFFORTS, TRANSCRIPTION_MODELS
from assistant.text import QT_TRANSLATE_NOOP, Sentence

APP_NAME = "realtime-assistant"
PROVIDERS = ("openai", "azure", "custom", "demo", "openai-live", "azure-live")
LIVE_PROVIDERS = ("openai-live", "azure-live")  # GPT-Live (/v1/live/sessions)
LIVE_DELEGATIONS = ("responses", "client")  # who answers the tasks GPT-Live hands off
TURN_MODES = ("push_to_talk", "server_vad", "semantic_vad")
EAGERNESS = ("low", "medium", "high", "auto")
NOISE_REDUCTION = ("", "near_field", "far_field")
ECHO_MODES = ("auto", "cancel", "gate", "off")  # assistant.audio.echo.EchoMode's values
MAX_CONTEXT_TOKENS = 256_000  # the largest context of any Realtime model (Azure's 2.x)
# A transcription model name (the conversation model's is checked with the connection,
# `assistant.settings.checks`): what the services accept.
MODEL_NAME_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}"
_MODEL_NAME = re.compile(f"^{MODEL_NAME_PATTERN}$")


@dataclass(frozen=True)
class AppSettings:
    """Everything the user can set except secrets. `provider` None: not configured yet."""

    provider: str | None = None
    model: str = DEFAULT_MODEL
    endpoint: str = ""  # Azure resource (name or URL) or a custom wss:// URL
    deployment: str = ""  # Azure deployment name
    api_version: str = ""  # Azure preview api-version (selects the preview protocol)
    entra_id: bool = False
    voice: str = "marin"
    turn_mode: str = "push_to_talk"
    transcription_language: str = ""  # ISO-639-1 hint, e.g. "ja"; "" lets the model guess
    instructions: str = ""
    tools_enabled: bool = True
    ui_language: str = ""  # "en", "ja"; "" follows the system
    # Conversation details, the device pair and the budget (the settings dialog's pages)
    speed: float = 1.0  # 0.25..1.5
    vad_threshold: float = 0.5  # server VAD, 0..1
    vad_prefix_padding_ms: int = 300
    vad_silence_duration_ms: int = 500
    vad_idle_timeout_ms: int = 0  # 0: no idle timeout
    vad_eagerness: str = "auto"  # semantic VAD
    noise_reduction: str = ""  # "", "near_field", "far_field"
    transcription_model: str = TRANSCRIPTION_MODELS[0]
    input_device: str = ""  # remembered by name and host API, never by index; "": default
    input_host_api: str = ""
    output_device: str = ""
    output_host_api: str = ""
    budget_dollars: float = 0.0  # per session; 0: no budget
    budget_mutes: bool = True  # reaching the budget mutes the microphone
    # Realtime 2.x (sent only to models that take them): reasoning effort ("": the model's
    # default), and how the server trims a long conversation: keep this fraction of it (0: the
    # server's default) once it passes this many tokens after the instructions (0: the limit).
    reasoning_effort: str = ""
    truncation_ratio: float = 0.0
    truncation_tokens: int = 0
    # Tools (assistant.tools): the user's permission per tool ("allow", "ask", "deny"; absent:
    # the tool's default) and the tools not offered to the model.
    tool_permissions: dict[str, str] = default_of(default_factory=dict)
    tools_disabled: list[str] = default_of(default_factory=list)
    # The global push-to-talk hotkey, e.g. "F8" or "Ctrl+Shift+Space" ("": off).
    global_hotkey: str = ""
    # The global screen key: captures the screen for the next turn, then talks while held
    # (assistant.app.screen); never the same combination as `global_hotkey` (settings.checks).
    screen_hotkey: str = ""
    # The tray icon: closing the window keeps the app running there (where the desktop has a
    # tray), and a reply that arrives while the window is hidden is shown as a notification.
    tray_keep_running: bool = False
    tray_notify: bool = False
    # Conversation history (assistant.store): every conversation is kept unless turned off.
    keep_history: bool = True
    keep_audio: bool = False  # the audio of each turn as FLAC files next to the history
    # Echo handling (assistant.audio.echo): the user's mode, and what the loopback probe found
    # per device pair: "Mic (ALSA) -> Speakers (ALSA)" -> {"hears_speaker": bool, "echo_db":
    # float or null}. An entry that is not of that shape drops them all (Auto then cancels).
    echo_mode: str = "auto"
    echo_probes: dict[str, dict[str, Any]] = default_of(default_factory=dict)
    # GPT-Live: "responses" (a backend model calls our tools) or "client" (the app answers).
    live_delegation: str = "responses"
    live_web_search: bool = False  # GPT-Live, Responses delegation: the backend may search the web

    @property
    def is_live(self) -> bool:
        """GPT-Live (full duplex, billed per second, echo cancellation always on): a Live
        provider, a Live model for OpenAI or Azure, or a custom /v1/live/sessions address."""
        if self.provider in LIVE_PROVIDERS:
            return True
        if self.provider in ("openai", "azure"):
            return (self.model if self.provider == "openai" else self.deployment).startswith(
                "gpt-live"
            )
        return self.provider == "custom" and self.endpoint.split("?")[0].rstrip("/").endswith(
            "/v1/live/sessions"
        )

    def __post_init__(self) -> None:
        if self.provider is not None and self.provider not in PROVIDERS:
            raise ValueError(f"provider must be one of {PROVIDERS}")
        if self.turn_mode not in TURN_MODES:
            raise ValueError(f"turn_mode must be one of {TURN_MODES}")
        _check_details(self)


def _check_details(settings: AppSettings) -> None:
    checks = {
        "speed": 0.25 <= settings.speed <= 1.5,
        "vad_threshold": 0.0 <= settings.vad_threshold <= 1.0,
        "vad_prefix_padding_ms": settings.vad_prefix_padding_ms >= 0,
        "vad_silence_duration_ms": settings.vad_silence_duration_ms >= 0,
        "vad_idle_timeout_ms": settings.vad_idle_timeout_ms >= 0,
        "vad_eagerness": settings.vad_eagerness in EAGERNESS,
        "noise_reduction": settings.noise_reduction in NOISE_REDUCTION,
        "budget_dollars": math.isfinite(settings.budget_dollars) and settings.budget_dollars >= 0,
        "transcription_model": _MODEL_NAME.match(settings.transcription_model) is not None,
        "reasoning_effort": settings.reasoning_effort in ("", *REASONING_EFFORTS),
        "truncation_ratio": 0.0 <= settings.truncation_ratio <= 1.0,
        "truncation_tokens": 0 <= settings.truncation_tokens <= MAX_CONTEXT_TOKENS,
        "echo_mode": settings.echo_mode in ECHO_MODES,
        "echo_probes": all(_is_probe(k, v) for k, v in settings.echo_probes.items()),
        "live_delegation": settings.live_delegation in LIVE_DELEGATIONS,
    }
    wrong = [name for name, ok in checks.items() if not ok]
    if wrong:
        raise ValueError(f"out of range: {', '.join(wrong)}")


def _is_probe(key: object, value: object) -> bool:
    """An `echo_probes` entry: a pair's name and the probe's verdict (finite dB or None)."""
    if not isinstance(key, str) or not isinstance(value, dict):
        return False
    hears, echo_db = value.get("hears_speaker"), value.get("echo_db")
    number = isinstance(echo_db, int | float) and not isinstance(echo_db, bool)
    return type(hears) is bool and (echo_db is None or (number and math.isfinite(echo_db)))


def default_path() -> Path:
    """`settings.json` in the user's config directory (e.g. ~/.config/realtime-assistant)."""
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "settings.json"


def _from_json(data: Any) -> AppSettings:
    settings = AppSettings()
    if not isinstance(data, dict):
        return settings
    for field in fields(AppSettings):
        value = data.get(field.name)
        default = getattr(settings, field.name)
        if type(default) is float and type(value) is int:
            value = float(value)  # JSON written by hand: 1 for 1.0
        if value is None or (default is not None and type(value) is not type(default)):
            continue
        try:
            settings = replace(settings, **{field.name: value})
        except ValueError:
            continue  # a value this version does not accept keeps its default
    return settings


class SettingsStore:
    """Reads and writes `AppSettings` at `path` (default: `default_path()`)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.notice = ""  # why the file was set aside (a `Sentence`), until `take_notice`
        self._keep_file = False  # the unusable file could not be moved aside: never save

    def load(self) -> AppSettings:
        try:
            data = _read_object(self.path)
        except FileNotFoundError:
            return AppSettings()
        except _Unusable as unusable:
            return self._unusable(unusable.why)
        return _from_json(data)

    def take_notice(self) -> str:
        """The notice about an unusable file, once ("" after that, or when there was none)."""
        notice, self.notice = self.notice, ""
        return notice

    def _unusable(self, why: str) -> AppSettings:
        backup = _set_aside(self.path)
        if backup is None:
            self._keep_file = True
            self.notice = Sentence("Settings", NOT_BACKED_UP, path=str(self.path), why=why)
        else:
            self.notice = Sentence("Settings", KEPT_AS, why=why, backup=str(backup))
        return AppSettings()

    def save(self, settings: AppSettings) -> None:
        """Write atomically: a crash mid-write leaves the previous file intact."""
        if self._keep_file:
            raise OSError(Sentence("Settings", KEPT_UNUSABLE, path=str(self.path)))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(asdict(settings), indent=2, ensure_ascii=False) + "\n"
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, self.path)


class _Unusable(Exception):
    """The settings file cannot be used at all; `why` says why."""

    def __init__(self, why: Sentence) -> None:
        super().__init__(why)
        self.why = why


NOT_BACKED_UP = QT_TRANSLATE_NOOP(
    "Settings",
    "The settings file {path} could not be used ({why}) and could not be backed up, so the "
    "defaults apply and settings are not saved until it is fixed.",
)
KEPT_AS = QT_TRANSLATE_NOOP(
    "Settings",
    "The settings file could not be used ({why}); it was kept as {backup} and the defaults apply.",
)
KEPT_UNUSABLE = QT_TRANSLATE_NOOP("Settings", "the unusable settings file {path} is kept as it is")
NOT_UTF8 = QT_TRANSLATE_NOOP("Settings", "it is not UTF-8 text")
FOLDER = QT_TRANSLATE_NOOP("Settings", "it is a folder")
NESTED = QT_TRANSLATE_NOOP("Settings", "it is nested too deeply")
NOT_JSON = QT_TRANSLATE_NOOP("Settings", "it is not valid JSON")
UNREADABLE = QT_TRANSLATE_NOOP("Settings", "it cannot be read ({error})")
NOT_OBJECT = QT_TRANSLATE_NOOP("Settings", "it is not a JSON object")


def _why(template: str, **args: object) -> Sentence:
    return Sentence("Settings", template, **args)


def _read_object(path: Path) -> dict[str, Any]:
    """The JSON object in `path`; FileNotFoundError, or `_Unusable` with the reason."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        raise
    except UnicodeDecodeError:
        raise _Unusable(_why(NOT_UTF8)) from None
    except IsADirectoryError:
        raise _Unusable(_why(FOLDER)) from None
    except RecursionError:
        raise _Unusable(_why(NESTED)) from None
    except ValueError:
        raise _Unusable(_why(NOT_JSON)) from None
    except OSError as error:
        raise _Unusable(_why(UNREADABLE, error=error.strerror or str(error))) from None
    if not isinstance(data, dict):
        raise _Unusable(_why(NOT_OBJECT))
    return data


MAX_BACKUPS = 1000


def _set_aside(path: Path) -> Path | None:
    """Move `path` (a file or a folder) to the first free `<name>.bad-N`; None if it cannot."""
    for number in range(1, MAX_BACKUPS + 1):
        backup = path.with_name(f"{path.name}.bad-{number}")
        if backup.exists() or backup.is_symlink():
            continue
        try:
            _move(path, backup)
        except FileExistsError:
            continue
        except OSError:
            return None
        return backup
    return None


def _move(path: Path, backup: Path) -> None:
    """A hard link then an unlink where possible (a link never replaces an existing file)."""
    if path.is_dir():
        os.rename(path, backup)
        return
    try:
        os.link(path, backup)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system
        os.rename(path, backup)
        return
    path.unlink()
