"""Echo handling in the running app: start-up, applied settings, the probe's verdict, first run.

The window is the real one against the simulator with fake devices (tests/ui/rig.py); the
probe runs on the same fake sound card as the app, its microphone hearing its speaker (or not)
as `drive_room` says.
"""

from __future__ import annotations

import asyncio
import functools
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.app import audio as app_audio
from assistant.app.assembly import apply_settings, remember_probes
from assistant.app.audio import EchoSetting
from assistant.app.settings_flow import SettingsFlow
from assistant.audio.canceller import CancellerUnavailable, EchoCanceller
from assistant.audio.echo import EchoMode, EchoProcessor, EchoVerdict
from assistant.audio.fakes import FakeBackend, FakeStream, fake_device
from assistant.settings.layered import LayeredSecretStore
from assistant.settings.secrets import MemorySecretStore
from assistant.settings.store import AppSettings, SettingsStore
from tests.app.test_first_run import flow_in
from tests.app.test_settings_flow import save
from tests.ui.rig import RATE, Rig, audio_backend, window_rig

LAPTOP = "Mic (Fake) -> Speaker (Fake)"  # the rig's devices
USB_MIC = fake_device(2, "USB Mic", inputs=1, rate=RATE)
QUIET = {"hears_speaker": False, "echo_db": None}


def echo_mode(rig: Rig) -> EchoMode:
    assert rig.app.audio.echo is not None
    return rig.app.audio.echo.mode


def test_start_up_uses_the_mode_and_the_verdict_for_the_pair_in_use(
    qtbot: QtBot, qloop: Any
) -> None:
    settings = AppSettings(echo_probes={LAPTOP: QUIET})
    with window_rig(qtbot, qloop, settings=settings) as rig:
        assert echo_mode(rig) is EchoMode.OFF  # Auto: the probe heard no echo here
        assert rig.app.echo == EchoSetting(EchoMode.AUTO, EchoVerdict(False, None))
    other = AppSettings(echo_probes={"USB Mic (Fake) -> Speaker (Fake)": QUIET})
    with window_rig(qtbot, qloop, settings=other) as rig:
        assert echo_mode(rig) is EchoMode.CANCEL  # that verdict is another pair's
    with window_rig(qtbot, qloop, settings=AppSettings(echo_mode="gate")) as rig:
        assert echo_mode(rig) is EchoMode.GATE


def test_applied_settings_switch_echo_handling(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        assert echo_mode(rig) is EchoMode.CANCEL
        for mode, expected in (("gate", EchoMode.GATE), ("off", EchoMode.OFF)):
            apply_settings(rig.app, replace(rig.app.settings, echo_mode=mode))
            assert echo_mode(rig) is expected
        processor = rig.app.audio.echo
        apply_settings(rig.app, rig.app.settings)  # nothing changed: nothing restarted
        assert rig.app.audio.echo is processor
        assert rig.app.core.controller.talk_listeners.count(processor.hold_open) == 1  # type: ignore[union-attr]


def test_the_dialogs_choice_is_saved_and_applied(qtbot: QtBot, qloop: Any, tmp_path: Path) -> None:
    with window_rig(qtbot, qloop) as rig:
        flow = flow_for(tmp_path, rig)
        dialog = flow.open(AppSettings(provider="demo"))
        qtbot.addWidget(dialog)
        choice = dialog.audio.echo.mode
        choice.setCurrentIndex(choice.findText("Half-duplex"))
        save(dialog, qtbot)
        assert flow.store.load().echo_mode == "gate"
        assert echo_mode(rig) is EchoMode.GATE


def test_a_new_device_pair_takes_its_own_verdict(qtbot: QtBot, qloop: Any) -> None:
    settings = AppSettings(echo_probes={"USB Mic (Fake) -> Speaker (Fake)": QUIET})
    with window_rig(qtbot, qloop, backend=audio_backend(USB_MIC), settings=settings) as rig:
        assert echo_mode(rig) is EchoMode.CANCEL
        apply_settings(rig.app, replace(settings, input_device="USB Mic", input_host_api="Fake"))
        assert rig.mic.device.name == "USB Mic"
        assert echo_mode(rig) is EchoMode.OFF


def test_a_fallback_after_unplugging_takes_the_new_pairs_verdict(qtbot: QtBot, qloop: Any) -> None:
    usb = "USB Mic (Fake) -> Speaker (Fake)"
    settings = AppSettings(
        input_device="USB Mic", input_host_api="Fake", echo_probes={usb: QUIET}
    )  # a headset microphone: no echo; the laptop's own was never tested
    backend = audio_backend(USB_MIC)
    with window_rig(qtbot, qloop, backend=backend, settings=settings) as rig:
        assert echo_mode(rig) is EchoMode.OFF
        backend.unplug("USB Mic")
        rig.wait(lambda: rig.mic.device.name == "Mic" and echo_mode(rig) is EchoMode.CANCEL)
        backend.plug(USB_MIC)
        assert rig.app.audio.watcher is not None
        for _ in range(5):  # the watcher retries the wanted device every 5 polls
            rig.app.audio.watcher.poll()
        assert rig.mic.device.name == "USB Mic"
        rig.wait(lambda: echo_mode(rig) is EchoMode.OFF)  # once the watcher is done


def test_a_canceller_that_cannot_load_is_half_duplex_with_a_notice(
    qtbot: QtBot, qloop: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable() -> EchoCanceller:
        raise CancellerUnavailable("the livekit package is not installed")

    failing = functools.partial(EchoProcessor, canceller=unavailable)
    with window_rig(qtbot, qloop, settings=AppSettings(echo_mode="off")) as rig:
        monkeypatch.setattr(app_audio, "EchoProcessor", failing)
        apply_settings(rig.app, replace(rig.app.settings, echo_mode="cancel"))
        assert echo_mode(rig) is EchoMode.GATE
        notice = rig.window.status.message.full_text
        assert notice.startswith("Echo cancellation is not available (the livekit package")


def flow_for(tmp_path: Path, rig: Rig) -> SettingsFlow:
    return SettingsFlow(
        SettingsStore(tmp_path / "settings.json"),
        LayeredSecretStore(MemorySecretStore()),
        {},
        lambda settings, _changed: apply_settings(rig.app, settings),
        rig.app.audio,
        on_probed=lambda stored: remember_probes(rig.app, stored),
    )


def newest(backend: FakeBackend, role: str) -> FakeStream:
    return [s for s in backend.open_streams if s.role == role][-1]


async def drive_room(backend: FakeBackend, gain: float) -> None:
    """While the probe's streams are open (the newest two; the app's stay open too), its
    microphone hears its speaker at `gain` (0: not at all) over faint noise."""
    noise = np.random.default_rng(7)
    while len(backend.open_streams) == 4:
        out, mic = newest(backend, "output"), newest(backend, "input")
        heard = np.concatenate([out.pull()[:, 0], out.pull()[:, 0]])[: mic.blocksize]
        heard = heard * gain + noise.normal(0, 0.003, len(heard))
        mic.push(np.rint(heard * 32767).astype(np.int16))
        await asyncio.sleep(0)


HEARD = {"hears_speaker": True, "echo_db": pytest.approx(-20, abs=0.5)}
ROOMS = {  # the echo's gain: the verdict, the mode Auto picks, what the page says
    0.0: (QUIET, EchoMode.OFF, "Auto: off — the test found no echo."),
    0.1: (HEARD, EchoMode.CANCEL, "Auto: cancelling echo — the test heard the speaker at -20 dB."),
}


@pytest.mark.parametrize("gain", ROOMS)
def test_the_probe_verdict_is_saved_and_auto_follows_it_at_once(
    qtbot: QtBot, qloop: Any, tmp_path: Path, gain: float
) -> None:
    verdict, mode, decision = ROOMS[gain]
    backend = audio_backend()
    with window_rig(qtbot, qloop, backend=backend) as rig:
        if mode is EchoMode.CANCEL:  # start from a stored "no echo": the new verdict replaces it
            remember_probes(rig.app, AppSettings(echo_probes={LAPTOP: QUIET}))
        flow = flow_for(tmp_path, rig)
        dialog = flow.open(rig.app.settings)
        qtbot.addWidget(dialog)
        page = dialog.audio
        qtbot.mouseClick(page.probe_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(backend.open_streams) == 4)
        driver = qloop.create_task(drive_room(backend, gain))
        qtbot.waitUntil(page.probe_button.isEnabled, timeout=20_000)
        qtbot.waitUntil(driver.done)
        assert flow.store.load().echo_probes == {LAPTOP: verdict}  # saved before any Save
        assert page.echo.decision.text() == decision
        assert echo_mode(rig) is mode
        assert rig.app.settings.echo_probes == {LAPTOP: verdict}
        assert dialog.values().settings.echo_probes == {LAPTOP: verdict}  # Save keeps it
        dialog.reject()


def test_the_welcome_offers_echo_handling_with_auto_preselected(
    qtbot: QtBot, tmp_path: Path, qloop: Any
) -> None:
    flow, _, saved = flow_in(tmp_path)
    flow.audio = app_audio.AudioSetup(
        backend=FakeBackend(
            [
                fake_device(0, "Mic", inputs=1, default=True),
                fake_device(1, "Speakers", outputs=2, default=True),
            ]
        )
    )
    dialog = flow.first_run()
    qtbot.addWidget(dialog)
    dialog.demo_button.click()
    echo = dialog.devices.echo
    assert echo.mode.currentText() == "Auto (recommended)" and not echo.decision.isHidden()
    assert echo.decision.text() == "Auto: cancelling echo (no echo test yet)."
    echo.mode.setCurrentIndex(echo.mode.findText("Half-duplex"))
    dialog.done_button.click()
    assert flow.store.load().echo_mode == "gate"
    assert saved == [(flow.store.load(), False)]
