"""Putting one window together: core, audio, bridge and window (for the app and the tests).

`assemble` needs a running asyncio loop (qasync's in the app). The session config follows the
settings and what the machine has: no speaker means text replies, no microphone means no
turn detection and no transcription. Echo handling follows the settings' mode and the probe's
verdict for the device pair open now (`apply_echo`: again whenever settings are applied or a
device changes).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TextIO, cast

from assistant.app.approvals import DialogApprover
from assistant.app.audio import (
    AudioNotice,
    AudioSetup,
    EchoSetting,
    audio_notice_text,
    device_state,
    open_audio,
    starting_echo,
)
from assistant.app.connection import ConnectionPlan
from assistant.app.core import AppCore
from assistant.app.history import AppHistory
from assistant.app.hotkey import GlobalTalkKey
from assistant.app.pictures import picture_from_bytes, picture_from_file, picture_from_image
from assistant.app.screen import ScreenAsk, install_screen
from assistant.app.tools import AppTools, ToolServices, load_error_text
from assistant.audio.echo import EchoMode
from assistant.audio.levels import SilentMicrophone
from assistant.audio.selection import DeviceInfo
from assistant.audio.streams import AudioBackend
from assistant.controller import TurnMode, TurnState
from assistant.controller.cost import BudgetState
from assistant.controller.device_settings import settings_pair, stored_verdict
from assistant.realtime import (
    Dialect,
    Eagerness,
    Message,
    NoiseReduction,
    ReasoningEffort,
    Role,
    SemanticVad,
    ServerVad,
    SessionConfig,
    Transcription,
    Truncation,
    TurnDetection,
)
from assistant.realtime.live.config import WEB_SEARCH
from assistant.settings.store import AppSettings
from assistant.transport import ClientOptions, Endpoint
from assistant.ui.appicon import app_icon
from assistant.ui.attachments import PictureReaders
from assistant.ui.bridge import CoreBridge
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate
from assistant.ui.meter import MicState
from assistant.ui.problems import Problem, ProblemKind
from assistant.ui.tray import Tray, tray_available
from assistant.ui.window import MainWindow, WindowSetup


def session_config(
    settings: AppSettings, *, speaker: bool, microphone: bool, tools: AppTools | None
) -> SessionConfig:
    """The session config: the user's choices within what the devices allow."""
    language = settings.transcription_language or None
    model = settings.transcription_model or Transcription().model
    return SessionConfig(
        instructions=settings.instructions or SessionConfig().instructions,
        voice=settings.voice,
        speed=settings.speed,
        output="audio" if speaker else "text",
        turn_detection=turn_detection(settings) if microphone else None,
        noise_reduction=_noise_reduction(settings.noise_reduction) if microphone else None,
        transcription=Transcription(model, language) if microphone else None,
        tools=tools.session_tools()[0] if tools is not None else (),
        reasoning_effort=cast(ReasoningEffort, settings.reasoning_effort or None),
        truncation=truncation(settings),
    )


def truncation(settings: AppSettings) -> Truncation | None:
    """The retention-ratio trimming the settings ask for (None: the server's default)."""
    if not settings.truncation_ratio:
        return None
    return Truncation(settings.truncation_ratio, settings.truncation_tokens or None)


def turn_detection(settings: AppSettings, mode: TurnMode | None = None) -> TurnDetection:
    """The turn detection of `mode` (default: the settings' turn mode), with its parameters."""
    mode = mode or TurnMode(settings.turn_mode)
    if mode is TurnMode.SERVER_VAD:
        return ServerVad(
            threshold=settings.vad_threshold,
            prefix_padding_ms=settings.vad_prefix_padding_ms,
            silence_duration_ms=settings.vad_silence_duration_ms,
            idle_timeout_ms=settings.vad_idle_timeout_ms or None,
        )
    if mode is TurnMode.SEMANTIC_VAD:
        return SemanticVad(eagerness=cast(Eagerness, settings.vad_eagerness))
    return None


def hands_free_detections(settings: AppSettings) -> dict[TurnMode, TurnDetection]:
    """What the controller switches to for each hands-free mode: the user's parameters."""
    return {
        mode: turn_detection(settings, mode)
        for mode in TurnMode
        if mode is not TurnMode.PUSH_TO_TALK
    }


def _noise_reduction(value: str) -> NoiseReduction | None:
    return cast(NoiseReduction, value) if value else None


@dataclass
class RunningApp:
    """Everything `assemble` built; `aclose()` disconnects and releases the devices."""

    bridge: CoreBridge
    core: AppCore
    audio: AudioSetup
    window: MainWindow
    settings: AppSettings  # as last applied
    tools: AppTools
    approver: DialogApprover
    hotkey: GlobalTalkKey  # the global push-to-talk hotkey (off unless set)
    tray: Tray  # the tray icon (shown where the desktop has a tray)
    history: AppHistory | None = None
    screen: ScreenAsk | None = None  # Ask about my screen (`install_screen`)

    @property
    def echo(self) -> EchoSetting | None:
        """Echo handling as last put in the microphone path (None: no echo path)."""
        return self.audio.echo_setting

    async def aclose(self) -> None:
        self.hotkey.stop()
        if self.screen is not None:
            self.screen.stop()
        self.tray.hide()
        await self.core.aclose()
        await self.audio.aclose()
        self.core.controller.speaker = self.core.controller.microphone = None
        if self.history is not None:
            self.history.close()


def assemble(
    endpoint: Endpoint,
    provider: str,
    settings: AppSettings,
    *,
    backend: AudioBackend | None,
    options: ClientOptions | None = None,
    clock: Callable[[], float] = time.time,
    event_log: TextIO | None = None,
    watch_interval: float | None = 1.0,
    tool_services: ToolServices | None = None,
    history: AppHistory | None = None,
) -> RunningApp:
    """Build the core, open the audio, build the window; nothing connects until `core.start()`.

    The devices are checked every `watch_interval` seconds (None: only when a stream fails).
    With `history`, the conversation is recorded and the window can browse the history.
    """
    bridge = CoreBridge()
    services = tool_services or ToolServices.desktop(None)
    tools = AppTools.build(settings, services, offer_mcp=endpoint.dialect is Dialect.GA)
    if event_log is None and history is not None:
        event_log = history.event_log()
    core = AppCore(
        endpoint,
        SessionConfig(),
        bridge,
        options=options,
        event_log=event_log,
        delegation="client" if settings.live_delegation == "client" else "responses",
    )
    echo = _starting_echo(settings, backend)
    pair = settings_pair(settings)
    notices = _DeviceNotices(bridge)
    live = endpoint.dialect is Dialect.LIVE
    audio = open_audio(backend, core.controller, notices, pair, echo=echo, short_playback=live)
    offered = _configure(core, audio, tools, settings)
    window = MainWindow(bridge, core.controller, _window_setup(endpoint, provider, audio, clock))
    window.reconnect_requested.connect(core.retry)
    core.approve = approver = DialogApprover(window)
    for note in (audio.note, *tool_notes(offered)):
        if note:
            window.show_notice(note)
    if audio.microphone is None:
        window.set_mic_state(MicState.ABSENT)
    hotkey = GlobalTalkKey(window.talk, window.show_notice)
    hotkey.apply(settings.global_hotkey)
    window.global_talk_key = lambda: hotkey.setting if hotkey.listening is not None else ""
    tray = Tray(window, bridge, app_icon(), available=tray_available)
    tray.apply(settings)
    if history is not None:
        history.attach(core, window)
    running = RunningApp(
        bridge, core, audio, window, settings, tools, approver, hotkey, tray, history
    )
    notices.running = running
    install_screen(running, window)  # Ask about my screen, into the window's picture strip
    window.cost.per_second = live
    for notice in audio.missing:  # a side without any device at start: in the banner
        notices(notice)
    window.cost.set_budget(settings.budget_dollars)
    window.cost.budget_changed.connect(lambda state: _budget_changed(running, state))
    if watch_interval is not None:
        audio.watch(lambda: _quiet(running), watch_interval)
    return running


def _quiet(running: RunningApp) -> bool:
    """No reply playing and nobody speaking: a moment to look for devices again."""
    speaker = running.audio.speaker
    busy = speaker is not None and speaker.is_busy
    return not busy and running.core.controller.state is TurnState.IDLE


BUDGET_WARNING = QT_TRANSLATE_NOOP("Cost", "80 % of the session budget is used.")
BUDGET_REACHED = {
    False: QT_TRANSLATE_NOOP("Cost", "The session budget is used up."),
    True: QT_TRANSLATE_NOOP(
        "Cost", "The session budget is used up, so the microphone is muted. Unmute it to go on."
    ),
}


def _budget_changed(running: RunningApp, state: BudgetState) -> None:
    if state is BudgetState.WARNING:
        running.window.show_notice(translate("Cost", BUDGET_WARNING))
        return
    mute = running.settings.budget_mutes and running.audio.microphone is not None
    running.window.show_notice(translate("Cost", BUDGET_REACHED[mute]))
    if mute:
        running.window.talk.set_muted(True)


def tool_notes(tools: AppTools | None) -> list[str]:
    """Sentences about the tools file's problems and MCP servers left out (none: all fine)."""
    if tools is None:
        return []
    notes = tools.session_tools()[1]
    errors = tools.user.errors
    if errors:
        notes.insert(
            0,
            translate(
                "Tools", "The tools file has problems ({first}); see Settings, Tools."
            ).format(first=load_error_text(errors[0])),
        )
    return notes


def apply_settings(running: RunningApp, settings: AppSettings) -> None:
    """Apply what can change in a running session: the conversation, the devices, the budget."""
    audio, core = running.audio, running.core
    _tell_if_live_fixed(running, settings)
    settings = _keep_voice_if_spoken(running, settings)
    running.settings = settings
    audio.select(settings_pair(settings))
    apply_echo(running)
    running.tools.apply(settings)
    _configure(core, audio, running.tools, settings)
    running.window.talk.show_mode(core.controller.mode)
    running.window.cost.set_budget(settings.budget_dollars)
    running.hotkey.apply(settings.global_hotkey)
    if running.screen is not None:
        running.screen.apply(settings, core.session.dialect)
    running.tray.apply(settings)


def echo_setting(
    settings: AppSettings, microphone: DeviceInfo | None, speaker: DeviceInfo | None
) -> EchoSetting:
    """The settings' echo mode with the probe's verdict for this pair (if it was probed)."""
    return EchoSetting(
        echo_mode(settings), stored_verdict(settings.echo_probes, microphone, speaker)
    )


def echo_mode(settings: AppSettings) -> EchoMode:
    """The settings' echo mode. GPT-Live listens while it speaks, so its echo handling is
    always CANCEL (which falls back to the half-duplex gate, with one sentence, when the
    canceller cannot load)."""
    return EchoMode.CANCEL if settings.is_live else EchoMode(settings.echo_mode)


def _starting_echo(settings: AppSettings, backend: AudioBackend | None) -> EchoSetting:
    """Echo handling for the pair `open_audio` is about to open."""
    if backend is None:
        return echo_setting(settings, None, None)
    pair = settings_pair(settings)
    return starting_echo(echo_mode(settings), settings.echo_probes, backend.list_devices(), pair)


def apply_echo(running: RunningApp) -> None:
    """Echo handling as `running.settings` ask for the devices open now (a notice when it
    cannot be what was asked for); nothing changes when that is what runs already (`set_echo`)."""
    settings = running.settings
    notice = running.audio.follow_echo(echo_mode(settings), settings.echo_probes)
    if notice:
        running.window.show_notice(notice)


DEVICE_PROBLEM = {"input": ProblemKind.MICROPHONE, "output": ProblemKind.SPEAKER}


class _DeviceNotices:
    """Audio notices go to the window: a side left without any device (also at start) is a
    problem in the banner until a device is in use for it again, and the session stops
    speaking or listening on that side meanwhile; the rest are passing notices. After a
    device change (unplugged, back, a fallback) echo handling follows the pair open now, once
    the watcher has reopened both sides (notices come in the middle of a rescan)."""

    def __init__(self, bridge: CoreBridge) -> None:
        self.bridge, self.loop = bridge, asyncio.get_running_loop()
        self.running: RunningApp | None = None

    def __call__(self, notice: AudioNotice) -> None:
        text, state = audio_notice_text(notice), device_state(notice)
        if self.running is None:
            self.bridge.on_notice(text)
            return
        window = self.running.window
        if state is not None and not state[1]:
            window.show_problem(Problem(DEVICE_PROBLEM[state[0]], text))
        else:
            self.bridge.on_notice(text)
        if state is not None and state[1]:
            window.solve(DEVICE_PROBLEM[state[0]])
        if not isinstance(notice, SilentMicrophone):
            self.loop.call_soon(apply_echo, self.running)
        if state is not None:  # a side has a device again, or none: the session follows
            self.loop.call_soon(_follow_devices, self.running)


def _follow_devices(running: RunningApp) -> None:
    """Spoken replies and transcription only while a device is there to play and hear them."""
    _configure(running.core, running.audio, running.tools, running.settings)


def remember_probes(running: RunningApp, stored: AppSettings) -> None:
    """The probe saved a verdict (`stored`): the running app keeps it, and Auto follows now."""
    running.settings = replace(running.settings, echo_probes=stored.echo_probes)
    apply_echo(running)


VOICE_LATER = QT_TRANSLATE_NOOP(
    "Settings",
    "The assistant has already spoken in this conversation, so the new voice is used from "
    "the next start.",
)


def _configure(
    core: AppCore, audio: AudioSetup, tools: AppTools, settings: AppSettings
) -> AppTools | None:
    """Give the session what `settings` ask within what the devices allow; the tools offered
    (None: switched off)."""
    offered = tools if settings.tools_enabled else None
    core.tools = offered.registry if offered is not None else None
    has_mic, has_speaker = audio.has_device("input"), audio.has_device("output")
    config = session_config(settings, speaker=has_speaker, microphone=has_mic, tools=offered)
    if core.session.dialect is Dialect.LIVE and settings.live_web_search:
        config = replace(config, tools=(*config.tools, WEB_SEARCH))  # a hosted backend tool
    core.configure(config)
    core.controller.detections = hands_free_detections(settings)
    return offered


LIVE_FIXED = QT_TRANSLATE_NOOP(
    "Settings",
    "GPT-Live fixes its instructions and tools when the conversation starts, so the new ones "
    "are used from the next start.",
)


def _tell_if_live_fixed(running: RunningApp, settings: AppSettings) -> None:
    """A started GPT-Live session keeps its instructions and tools: say so when they change."""
    if running.core.session.dialect is not Dialect.LIVE or not running.core.session.server_sessions:
        return
    before = running.settings
    watched = ("instructions", "tools_enabled", "tools_disabled")
    if any(getattr(before, name) != getattr(settings, name) for name in watched):
        running.window.show_notice(translate("Settings", LIVE_FIXED))


def _keep_voice_if_spoken(running: RunningApp, settings: AppSettings) -> AppSettings:
    """The service refuses a new voice once the assistant has spoken: keep the old one for now."""
    voice = running.core.session.config.voice
    items = running.core.session.conversation.items()
    spoken = any(
        isinstance(item, Message) and item.role is Role.ASSISTANT and item.has_audio
        for item in items
    )
    if not spoken or settings.voice == voice:
        return settings
    running.window.show_notice(translate("Settings", VOICE_LATER))
    return replace(settings, voice=voice)


def shown_settings(settings: AppSettings, plan: ConnectionPlan) -> AppSettings:
    """The settings as the dialog shows them: an unset provider shows the one in use."""
    if settings.provider is not None:
        return settings
    in_use = plan.endpoint.provider.value if plan.endpoint is not None else "demo"
    return replace(settings, provider=in_use)


PICTURE_READERS = PictureReaders(picture_from_file, picture_from_bytes, picture_from_image)


def _window_setup(
    endpoint: Endpoint, provider: str, audio: AudioSetup, clock: Callable[[], float]
) -> WindowSetup:
    return WindowSetup(
        provider=provider,
        model=endpoint.model,
        microphone=audio.microphone.meter if audio.microphone else None,
        speaker=audio.speaker.meter if audio.speaker else None,
        transcribing=audio.microphone is not None,
        clock=clock,
        dialect=endpoint.dialect,
        pictures=PICTURE_READERS,
    )
