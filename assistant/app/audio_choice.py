"""Driving an `AudioPage`: the devices to list, a live preview of the chosen input, the probe.

The preview reuses the running microphone when the chosen input is the one in use (kept
running meanwhile: in push-to-talk it rests between turns), and otherwise opens a muted
`Microphone` of its own (its blocks go nowhere; only its level is read). The loopback probe
runs on the asyncio loop (`run_probe` awaits; the device callbacks only copy), so the window
stays responsive; the preview is closed while it runs and reopened after. Nothing is
remembered here: the page's pair is saved with the rest of the settings, and each probe
finding goes to `on_probed` (the settings flow keeps its echo verdict).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from assistant.app.audio import AudioSetup
from assistant.audio.capture import Microphone
from assistant.audio.levels import LevelMeter
from assistant.audio.probe import ProbeError, ProbeResult, run_probe
from assistant.audio.selection import DeviceInfo, DeviceKey, DevicePair, resolve_pair, resolve_role
from assistant.audio.streams import DeviceError
from assistant.ui.audio_page import AudioPage
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate

NO_PAIR = QT_TRANSLATE_NOOP("AudioPage", "The probe needs both a microphone and a speaker.")
PROBE_FAILED = QT_TRANSLATE_NOOP(
    "AudioPage", "The probe could not run: a device did not open or delivered no sound."
)


Probed = Callable[[DeviceInfo, DeviceInfo, ProbeResult], None]  # microphone, speaker, finding


class DeviceChoice:
    """Lists `audio`'s devices on a page, previews the chosen input and runs the probe
    (each finding goes to `on_probed` with the devices it was made on)."""

    def __init__(
        self,
        audio: AudioSetup,
        page: AudioPage,
        pair: DevicePair,
        on_probed: Probed = lambda _microphone, _speaker, _result: None,
    ) -> None:
        self.audio, self.page, self.on_probed = audio, page, on_probed
        self.preview: Microphone | None = None
        self.probing: asyncio.Task[ProbeResult] | None = None
        page.input_chosen.connect(self._preview)
        page.probe_requested.connect(self.probe)
        page.set_devices(audio.devices(fresh=self._quiet()), pair)

    def close(self) -> None:
        """Stop the preview and a running probe (the page is going away)."""
        if self.probing is not None:
            self.probing.cancel()
        self._close_preview()
        with contextlib.suppress(RuntimeError):  # the page was deleted already
            self.page.input_chosen.disconnect(self._preview)

    def probe(self, pair: DevicePair) -> None:
        """Play the chirp on the pair's speaker and listen with its microphone."""
        resolved = resolve_pair(self.page.devices, pair)
        backend = self.audio.backend
        if backend is None or resolved.input is None or resolved.output is None:
            self.page.show_probe_result(None, translate("AudioPage", NO_PAIR))
            return
        self._close_preview()
        self.page.show_probe_running()
        microphone, speaker = resolved.input, resolved.output
        work = run_probe(backend, microphone, speaker)
        self.probing = asyncio.get_running_loop().create_task(work)
        self.probing.add_done_callback(lambda task: self._probed(task, microphone, speaker))

    def _probed(
        self, task: asyncio.Task[ProbeResult], microphone: DeviceInfo, speaker: DeviceInfo
    ) -> None:
        self.probing = None
        if task.cancelled():
            return
        try:
            result = task.result()
        except ProbeError:
            self.page.show_probe_result(None, translate("AudioPage", PROBE_FAILED))
        else:
            self.on_probed(microphone, speaker, result)
            self.page.show_probe_result(result)
        self._preview(self.page.pair().input)

    def _preview(self, key: DeviceKey | None) -> None:
        self._close_preview()
        device, _ = resolve_role(self.page.devices, DevicePair(input=key), "input")
        running = self.audio.microphone
        if device is None or self.audio.backend is None or self.probing is not None:
            self.page.set_preview(None)
        elif running is not None and running.device == device:
            self._keep_running(True)  # in push-to-talk it would rest between turns
            self.page.set_preview(running.meter)
        else:
            self.page.set_preview(self._open_preview(device))

    def _open_preview(self, device: DeviceInfo) -> LevelMeter | None:
        assert self.audio.backend is not None
        microphone = Microphone(asyncio.get_running_loop(), lambda _block: None)
        microphone.muted = True  # metered, never sent
        try:
            microphone.attach(self.audio.backend, device)
        except DeviceError:
            return None
        self.preview = microphone
        return microphone.meter

    def _close_preview(self) -> None:
        self._keep_running(False)
        if self.preview is not None:
            self.preview.detach()
            self.preview = None

    def _keep_running(self, kept: bool) -> None:
        if self.audio.rest is not None:
            self.audio.rest.keep_microphone(kept)

    def _quiet(self) -> bool:
        speaker = self.audio.speaker
        return speaker is None or not speaker.is_busy
