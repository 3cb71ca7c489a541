"""The Audio page and the running app on real (virtual) PulseAudio devices through PortAudio.

Needs scripts/with-services.sh: `speaker` is a null sink, `speaker_monitor` records what it
plays (a true loopback, which the probe must call out), `fakemic` is a quiet microphone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.app.assembly import apply_settings
from assistant.app.audio import AudioSetup
from assistant.settings.store import AppSettings
from tests.app.test_devices_and_budget import flow_for, items
from tests.audio.pulse import require_pulse
from tests.ui.rig import window_rig

pytestmark = pytest.mark.slow


def pick(combo: Any, name: str) -> None:
    found = [i for i in range(combo.count()) if combo.itemText(i).startswith(f"{name} — ")]
    assert found, f"{name} not in {items(combo)}"
    combo.setCurrentIndex(found[0])


def test_the_probe_calls_out_a_monitor_input(qtbot: QtBot, qloop: Any, tmp_path: Path) -> None:
    backend = require_pulse().PortAudioBackend()
    flow = flow_for(tmp_path, AudioSetup(backend=backend))
    dialog = flow.open(AppSettings(provider="demo"))
    qtbot.addWidget(dialog)
    page = dialog.audio
    pick(page.input_device, "speaker_monitor")
    pick(page.output_device, "speaker")
    qtbot.mouseClick(page.probe_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.probe_button.isEnabled, timeout=30_000)
    assert "almost unchanged" in page.probe_result.text(), page.probe_result.text()
    saved = dialog.values().settings
    assert (saved.input_device, saved.output_device) == ("speaker_monitor", "speaker")
    dialog.reject()


def test_a_saved_pair_reopens_the_running_streams(qtbot: QtBot, qloop: Any) -> None:
    backend = require_pulse().PortAudioBackend()
    speaker = {"output_device": "speaker", "output_host_api": "ALSA"}
    chosen = AppSettings(input_device="fakemic", input_host_api="ALSA", **speaker)  # type: ignore[arg-type]
    with window_rig(qtbot, qloop, backend=backend, settings=chosen) as rig:
        audio = rig.app.audio
        assert audio.microphone is not None and audio.speaker is not None
        assert audio.microphone.device is not None and audio.speaker.device is not None
        assert (audio.microphone.device.name, audio.speaker.device.name) == ("fakemic", "speaker")
        monitor = AppSettings(input_device="speaker_monitor", input_host_api="ALSA", **speaker)  # type: ignore[arg-type]
        apply_settings(rig.app, monitor)
        assert audio.microphone.device.name == "speaker_monitor"
        before = audio.microphone.frames_delivered
        rig.wait(lambda: audio.microphone.frames_delivered > before)  # type: ignore[union-attr]
