"""The device pair (dialog, preview, probe, fallback, hot-plug) and the session budget.

Devices are `FakeBackend`s driven by the test; the window is the real one against the simulator
(tests/ui/rig.py). The device watcher is polled by hand: time is counted in polls.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.app.assembly import apply_settings
from assistant.app.audio import AudioSetup
from assistant.app.settings_flow import SettingsFlow
from assistant.audio.fakes import FakeBackend, fake_device
from assistant.realtime import Cost, ResponseFinished, Usage
from assistant.settings.layered import LayeredSecretStore
from assistant.settings.secrets import MemorySecretStore
from assistant.settings.store import AppSettings, SettingsStore
from assistant.ui.chat_rows import RowKind
from assistant.ui.cost import BudgetState, CostPanel
from tests.app.test_settings_flow import save
from tests.ui.rig import RATE, Rig, audio_backend, room_noise, voiced, window_rig
from tests.ui.test_window_text import type_message

USB_MIC = fake_device(2, "USB Mic", inputs=1, rate=RATE)
HEADPHONES = fake_device(3, "Headphones", outputs=2, rate=RATE)


def flow_for(tmp_path: Path, audio: AudioSetup, on_saved: Any = None) -> SettingsFlow:
    store = SettingsStore(tmp_path / "settings.json")
    secrets = LayeredSecretStore(MemorySecretStore())
    return SettingsFlow(store, secrets, {}, on_saved or (lambda _s, _c: None), audio)


def items(combo: Any) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def input_streams(backend: FakeBackend, name: str) -> list[Any]:
    return [s for s in backend.open_streams if s.role == "input" and s.device.name == name]


def test_the_dialog_moves_the_running_streams_to_the_chosen_pair(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    backend = audio_backend(USB_MIC, HEADPHONES)
    with window_rig(qtbot, qloop, backend=backend) as rig:
        flow = flow_for(tmp_path, rig.app.audio, lambda s, _c: apply_settings(rig.app, s))
        dialog = flow.open(AppSettings(provider="demo"))
        qtbot.addWidget(dialog)
        page = dialog.audio
        assert items(page.input_device) == [
            "System default (Mic)", "Mic — Fake (default)", "USB Mic — Fake",
        ]  # fmt: skip
        assert items(page.output_device)[-1] == "Headphones — Fake"
        assert input_streams(backend, "Mic") and flow.devices and flow.devices.preview is None
        page.input_device.setCurrentIndex(2)  # a preview stream opens on the USB microphone
        (preview,) = input_streams(backend, "USB Mic")
        for start in range(0, RATE // 5, RATE // 50):
            preview.push(voiced(0.2)[start : start + RATE // 50])
        qtbot.waitUntil(lambda: (page.refresh_level(), page.level.value())[1] > 50)
        assert rig.app.core.session.conversation.items() == []  # previewed, never sent
        page.output_device.setCurrentIndex(page.output_device.findText("Headphones — Fake"))
        save(dialog, qtbot)

        settings = flow.store.load()
        assert (settings.input_device, settings.input_host_api) == ("USB Mic", "Fake")
        assert (settings.output_device, settings.output_host_api) == ("Headphones", "Fake")
        assert rig.app.audio.microphone is not None and rig.app.audio.speaker is not None
        assert rig.app.audio.microphone.device.name == "USB Mic"  # type: ignore[union-attr]
        assert rig.app.audio.speaker.device.name == "Headphones"  # type: ignore[union-attr]
        assert len(input_streams(backend, "USB Mic")) == 1 and not input_streams(backend, "Mic")


def test_a_remembered_device_that_is_gone_falls_back_with_a_notice(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    settings = AppSettings(input_device="Gone Mic", input_host_api="Fake")
    with window_rig(qtbot, qloop, settings=settings) as rig:
        notice = "The chosen microphone Gone Mic is not available; using Mic instead."
        assert rig.window.status.message.full_text == notice
        assert rig.mic.device.name == "Mic"
        flow = flow_for(tmp_path, rig.app.audio)
        dialog = flow.open(settings)
        qtbot.addWidget(dialog)
        assert dialog.audio.input_device.currentText() == "Gone Mic (Fake) (not connected)"
        assert "Gone Mic" in dialog.audio.missing_note.text()
        assert dialog.values().settings.input_device == "Gone Mic"  # kept until changed


def test_unplugging_and_replugging_show_notices_and_recover(qtbot: QtBot, qloop: Any) -> None:
    settings = AppSettings(input_device="USB Mic", input_host_api="Fake")
    backend = audio_backend(USB_MIC)
    with window_rig(qtbot, qloop, backend=backend, settings=settings) as rig:
        notices: list[str] = []
        rig.app.bridge.notice.connect(notices.append)
        assert rig.mic.device.name == "USB Mic"
        backend.unplug("USB Mic")  # the stream fails: recovered at once, not at the next poll
        rig.wait(lambda: len(notices) >= 2)
        assert notices == [
            "The microphone USB Mic stopped; switching devices.",
            "The chosen microphone USB Mic is not available; using Mic instead.",
        ]
        assert rig.mic.device.name == "Mic"
        assert rig.window.status.message.full_text == notices[-1]
        backend.plug(USB_MIC)
        assert rig.app.audio.watcher is not None
        for _ in range(5):  # the watcher retries the wanted device every 5 polls
            rig.app.audio.watcher.poll()
        assert notices[-1] == "Using the microphone USB Mic again."
        assert rig.mic.device.name == "USB Mic"
        rig.say(voiced(0.1))  # the recovered microphone feeds the session again
        assert rig.app.audio.microphone is not None
        assert rig.app.audio.microphone.frames_delivered > 0


async def drive_loopback(backend: FakeBackend, delay: int, gain: float) -> None:
    """A fake sound card whose microphone hears its speaker `delay` frames later."""
    heard = np.zeros(delay, dtype=np.float32)
    while len(backend.open_streams) == 2:
        out, mic = backend.stream("output"), backend.stream("input")
        heard = np.concatenate([heard, out.pull()[:, 0], out.pull()[:, 0]])
        block, heard = heard[: mic.blocksize], heard[mic.blocksize :]
        mic.push(np.rint(block * gain * 32767).astype(np.int16))
        await asyncio.sleep(0)


def test_the_probe_button_says_what_it_heard_and_what_to_do(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    mic = fake_device(0, "Mic", inputs=1, default=True)
    backend = FakeBackend([mic, fake_device(1, "Speakers", outputs=2, default=True)])
    flow = flow_for(tmp_path, AudioSetup(backend=backend))
    dialog = flow.open(AppSettings(provider="demo"))
    qtbot.addWidget(dialog)
    page = dialog.audio
    assert flow.devices is not None and flow.devices.preview is not None  # the input, metered
    qtbot.mouseClick(page.probe_button, Qt.MouseButton.LeftButton)
    assert not page.probe_button.isEnabled() and "Listening" in page.probe_result.text()
    qtbot.waitUntil(lambda: len(backend.open_streams) == 2 and flow.devices.preview is None)  # type: ignore[union-attr]
    driver = qloop.create_task(drive_loopback(backend, delay=2400, gain=0.1))
    qtbot.waitUntil(page.probe_button.isEnabled, timeout=20_000)
    qtbot.waitUntil(driver.done)
    text = page.probe_result.text()
    assert text.startswith("Echo heard at -20 dB"), text
    assert "hears the speaker loudly: keep Echo handling on Auto or Cancel echo" in text
    assert flow.devices.preview is not None  # the preview is back after the probe
    dialog.reject()
    assert backend.open_streams == []  # closing the dialog closes the preview


def test_the_probe_without_a_speaker_says_so(qtbot: QtBot, tmp_path: Path, qloop: Any) -> None:
    backend = FakeBackend([fake_device(0, "Mic", inputs=1, default=True)])
    flow = flow_for(tmp_path, AudioSetup(backend=backend))
    dialog = flow.open(AppSettings())
    qtbot.addWidget(dialog)
    assert not dialog.audio.probe_button.isEnabled()
    flow.devices.probe(dialog.audio.pair())  # type: ignore[union-attr]
    assert dialog.audio.probe_result.text() == "The probe needs both a microphone and a speaker."
    dialog.reject()


def reply(dollars: float) -> ResponseFinished:
    return ResponseFinished("r", "completed", None, Usage(), Cost(output_audio=dollars))


def test_the_cost_panel_warns_at_80_percent_and_at_the_budget(qtbot: QtBot) -> None:
    panel = CostPanel()
    qtbot.addWidget(panel)
    changes: list[BudgetState] = []
    panel.budget_changed.connect(changes.append)
    panel.add_reply(reply(0.5))
    assert panel.budget_label.isHidden() and changes == []  # no budget: nothing to say
    panel.set_budget(1.0)
    assert panel.budget_label.text() == "Budget: $0.5000 of $1.00 used"
    panel.add_reply(reply(0.35))
    assert changes == [BudgetState.WARNING]
    assert panel.budget_label.text() == "80 % of the $1.00 session budget is used ($0.8500)."
    panel.add_reply(reply(0.01))
    assert changes == [BudgetState.WARNING]  # said once
    panel.add_reply(reply(0.2))
    assert changes == [BudgetState.WARNING, BudgetState.REACHED]
    assert "used up" in panel.budget_label.text()
    panel.set_budget(5.0)  # a larger budget: under it again, and it can warn again later
    assert panel.budget_state is BudgetState.UNDER


def reach_budget(rig: Rig) -> None:
    type_message(rig, "hello")
    rig.wait(lambda: rig.window.cost.budget_state is BudgetState.REACHED)


def test_reaching_the_budget_mutes_the_microphone_until_the_user_unmutes(
    qtbot: QtBot, qloop: Any
) -> None:
    with window_rig(qtbot, qloop, settings=AppSettings(budget_dollars=0.0001)) as rig:
        reach_budget(rig)
        microphone = rig.app.audio.microphone
        assert microphone is not None and microphone.muted
        assert rig.window.talk.mute_button.isChecked()
        assert rig.window.status.message.full_text == (
            "The session budget is used up, so the microphone is muted. Unmute it to go on."
        )
        qtbot.mouseClick(rig.window.talk.mute_button, Qt.MouseButton.LeftButton)
        assert not microphone.muted  # a deliberate unmute is respected
        type_message(rig, "again")
        rig.wait(lambda: rig.window.cost.tally.last_usage is not None and _replies(rig) == 2)
        assert not microphone.muted and not rig.window.talk.mute_button.isChecked()


def _replies(rig: Rig) -> int:
    return sum(1 for row in rig.rows_of(RowKind.ASSISTANT) if row.final)


def test_the_budget_can_only_warn(qtbot: QtBot, qloop: Any) -> None:
    settings = AppSettings(budget_dollars=0.0001, budget_mutes=False)
    with window_rig(qtbot, qloop, settings=settings) as rig:
        reach_budget(rig)
        assert rig.app.audio.microphone is not None and not rig.app.audio.microphone.muted
        assert rig.window.status.message.full_text == "The session budget is used up."


def test_the_level_of_a_resting_microphone_shows_in_the_dialog(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    with window_rig(qtbot, qloop) as rig:
        rest = rig.app.audio.rest
        assert rest is not None
        rig.say(room_noise(3.0))  # what the silent-microphone check needs to hear first
        rest.poll(), rest.poll()
        assert rig.mic.resting  # push-to-talk between turns
        flow = flow_for(tmp_path, rig.app.audio)
        dialog = flow.open(AppSettings(provider="demo"))
        qtbot.addWidget(dialog)
        assert not rig.mic.resting  # the page previews the running microphone: it wakes
        rest.poll(), rest.poll(), rest.poll()
        assert not rig.mic.resting  # and stays awake while the page shows its level
        rig.say(voiced(0.2))
        qtbot.waitUntil(lambda: (dialog.audio.refresh_level(), dialog.audio.level.value())[1] > 50)
        dialog.reject()
        assert flow.devices is None or flow.devices.preview is None
        rig.say(room_noise(3.0))  # (the dialog looked for devices again: a new stream)
        rest.poll(), rest.poll()
        assert rig.mic.resting  # the dialog is gone: rests again
