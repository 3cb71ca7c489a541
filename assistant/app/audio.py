"""Opening the speaker and the microphone on the default device pair, or going text-only.

Without PortAudio, without devices, or when a device refuses to open, the app still runs:
the missing side is None and `note` says in one sentence what works and what does not.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from assistant.audio.capture import Microphone
from assistant.audio.levels import SilentMicrophone
from assistant.audio.playback import Speaker
from assistant.audio.playbuffer import PlayState
from assistant.audio.selection import DeviceInfo, default_device
from assistant.audio.streams import AudioBackend, DeviceError
from assistant.controller import Controller
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate

NOTES = {
    (False, False): QT_TRANSLATE_NOOP("Audio", "No microphone or speaker was found: text only."),
    (False, True): QT_TRANSLATE_NOOP(
        "Audio", "No microphone was found: type your messages; replies are spoken."
    ),
    (True, False): QT_TRANSLATE_NOOP("Audio", "No speaker was found: replies are shown as text."),
    (True, True): "",
}


@dataclass
class AudioSetup:
    """The open devices; None for a side that is not available."""

    speaker: Speaker | None = None
    microphone: Microphone | None = None
    note: str = ""

    async def aclose(self) -> None:
        """Release the devices and forget them (queued reply audio is dropped: we are closing)."""
        if self.microphone is not None:
            self.microphone.detach()
        if self.speaker is not None:
            self.speaker.detach()
        self.speaker = self.microphone = None


def portaudio_backend() -> tuple[AudioBackend | None, str]:
    """The real device layer, or None and why (PortAudio missing)."""
    try:
        from assistant.audio.devices import PortAudioBackend  # noqa: PLC0415  (may fail: OSError)
    except OSError:
        return None, "Audio is off: the PortAudio library is not installed (libportaudio2)."
    return PortAudioBackend(), ""


def open_audio(
    backend: AudioBackend | None,
    controller: Controller,
    notify: Callable[[str], None],
    loop: asyncio.AbstractEventLoop | None = None,
) -> AudioSetup:
    """Open the default input and output of `backend` and wire them to `controller`."""
    if backend is None:
        return AudioSetup(note=translate("Audio", NOTES[False, False]))
    opener = _Opener(backend, controller, notify, loop or asyncio.get_running_loop())
    devices = backend.list_devices()
    speaker = opener.speaker(default_device(devices, "output"))
    microphone = opener.microphone(default_device(devices, "input"))
    controller.speaker, controller.microphone = speaker, microphone
    note = NOTES[microphone is not None, speaker is not None]
    return AudioSetup(speaker, microphone, translate("Audio", note) if note else "")


@dataclass
class _Opener:
    backend: AudioBackend
    controller: Controller
    notify: Callable[[str], None]
    loop: asyncio.AbstractEventLoop

    def speaker(self, device: DeviceInfo | None) -> Speaker | None:
        if device is None:
            return None
        speaker = Speaker(
            self.loop,
            on_state=self._played,
            on_failure=lambda: self.notify(f"The speaker {device.name} stopped."),
        )
        try:
            speaker.attach(self.backend, device)
        except DeviceError as error:
            self.notify(f"The speaker could not be opened: {error}.")
            return None
        return speaker

    def microphone(self, device: DeviceInfo | None) -> Microphone | None:
        if device is None:
            return None
        microphone = Microphone(
            self.loop,
            self.controller.microphone_block,
            on_silent=self._silent,
            on_failure=lambda: self.notify(f"The microphone {device.name} stopped."),
        )
        try:
            microphone.attach(self.backend, device)
        except DeviceError as error:
            self.notify(f"The microphone could not be opened: {error}.")
            return None
        return microphone

    def _played(self, state: PlayState) -> None:
        if state is PlayState.IDLE:
            self.controller.playback_finished()

    def _silent(self, warning: SilentMicrophone) -> None:
        self.notify(warning.message())
