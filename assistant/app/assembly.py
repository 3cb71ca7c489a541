"""Putting one window together: core, audio, bridge and window (for the app and the tests).

`assemble` needs a running asyncio loop (qasync's in the app). The session config follows the
settings and what the machine has: no speaker means text replies, no microphone means no
turn detection and no transcription.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TextIO

from assistant.app.audio import AudioSetup, open_audio
from assistant.app.connection import ConnectionPlan
from assistant.app.core import AppCore
from assistant.app.history import AppHistory
from assistant.app.tools import ToolBox
from assistant.audio.streams import AudioBackend
from assistant.controller import TurnMode
from assistant.realtime import (
    SemanticVad,
    ServerVad,
    SessionConfig,
    Transcription,
    TurnDetection,
)
from assistant.settings.store import AppSettings
from assistant.transport import ClientOptions, Endpoint
from assistant.ui.bridge import CoreBridge
from assistant.ui.meter import MicState
from assistant.ui.window import MainWindow, WindowSetup


def session_config(
    settings: AppSettings, *, speaker: bool, microphone: bool, tools: ToolBox | None
) -> SessionConfig:
    """The first session config: the user's choices within what the devices allow."""
    mode = TurnMode(settings.turn_mode)
    detection: dict[TurnMode, TurnDetection] = {
        TurnMode.SERVER_VAD: ServerVad(),
        TurnMode.SEMANTIC_VAD: SemanticVad(),
    }
    language = settings.transcription_language or None
    return SessionConfig(
        instructions=settings.instructions or SessionConfig().instructions,
        voice=settings.voice,
        output="audio" if speaker else "text",
        turn_detection=detection.get(mode) if microphone else None,
        transcription=Transcription(language=language) if microphone else None,
        tools=tools.schemas if tools is not None else (),
    )


@dataclass
class RunningApp:
    """Everything `assemble` built; `aclose()` disconnects and releases the devices."""

    bridge: CoreBridge
    core: AppCore
    audio: AudioSetup
    window: MainWindow
    history: AppHistory | None = None

    async def aclose(self) -> None:
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
    history: AppHistory | None = None,
) -> RunningApp:
    """Build the core, open the audio, build the window; nothing connects until `core.start()`.

    With `history`, the conversation is recorded and the window can browse the history."""
    bridge = CoreBridge()
    tools = ToolBox() if settings.tools_enabled else None
    if event_log is None and history is not None:
        event_log = history.event_log()
    core = AppCore(
        endpoint, SessionConfig(), bridge, tools=tools, options=options, event_log=event_log
    )
    if history is not None:
        history.tap_microphone(core.controller)
    audio = open_audio(backend, core.controller, bridge.on_notice)
    has_mic, has_speaker = audio.microphone is not None, audio.speaker is not None
    core.configure(session_config(settings, speaker=has_speaker, microphone=has_mic, tools=tools))
    window = MainWindow(bridge, core.controller, _window_setup(endpoint, provider, audio, clock))
    window.reconnect_requested.connect(core.retry)
    if audio.note:
        window.show_notice(audio.note)
    if audio.microphone is None:
        window.set_mic_state(MicState.ABSENT)
    if history is not None:
        history.attach(core, window)
    return RunningApp(bridge, core, audio, window, history)


def apply_settings(running: RunningApp, settings: AppSettings) -> None:
    """Apply conversation settings (voice, turns, language, instructions, tools) right away."""
    audio, core = running.audio, running.core
    core.tools = ToolBox() if settings.tools_enabled else None
    config = session_config(
        settings,
        speaker=audio.speaker is not None,
        microphone=audio.microphone is not None,
        tools=core.tools,
    )
    core.configure(config)
    running.window.talk.show_mode(core.controller.mode)


def shown_settings(settings: AppSettings, plan: ConnectionPlan) -> AppSettings:
    """The settings as the dialog shows them: an unset provider shows the one in use."""
    if settings.provider is not None:
        return settings
    in_use = plan.endpoint.provider.value if plan.endpoint is not None else "demo"
    return replace(settings, provider=in_use)


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
    )
