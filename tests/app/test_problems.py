"""The problem banner's life: shown whole with its actions, kept over passing notices, gone
by itself once the problem is solved (the real window against the simulator, fake devices)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.app.connection import demo_plan, plan_connection
from assistant.app.main import _wire_settings
from assistant.audio.fakes import FakeBackend, fake_device
from assistant.settings.layered import LayeredSecretStore
from assistant.settings.secrets import MemorySecretStore, SecretStoreUnavailable
from assistant.settings.store import AppSettings, SettingsStore
from assistant.simulator import SimulatorOptions
from assistant.text import Sentence
from assistant.transport import custom
from assistant.ui.chat_rows import RowKind
from assistant.ui.problems import Action, Problem, ProblemKind
from tests.ui.rig import RATE, voiced, window_rig
from tests.ui.test_window_text import type_message


def test_a_wrong_key_stays_in_the_banner_until_retry_connects(qtbot: QtBot, qloop: Any) -> None:
    key = ["sk-wrong"]
    with window_rig(
        qtbot,
        qloop,
        audio=False,
        simulator=SimulatorOptions(pace=0, api_key="sk-right"),
        endpoint=lambda sim: custom(sim.url, lambda: key[0], model="gpt-realtime"),
        connect=False,
    ) as rig:
        banner = rig.window.problems
        rig.wait(lambda: banner.rows)
        row = banner.rows[ProblemKind.CONNECTION]
        assert row.isVisible() and "rejected the credentials" in row.label.text()
        assert row.accessibleDescription() == row.label.text()
        rig.window.show_notice("A passing notice.")  # the status bar's, not the banner's
        assert rig.window.status.message.full_text == "A passing notice."
        assert banner.rows[ProblemKind.CONNECTION] is row and row.isVisible()
        rig.window.resize(420, 600)  # narrow: the sentence wraps, it is never cut
        label, metrics = row.label, row.label.fontMetrics()
        qtbot.waitUntil(lambda: metrics.horizontalAdvance(label.text()) > label.width())
        assert label.text() == rig.rows_of(RowKind.ERROR)[0].text
        assert label.height() >= label.heightForWidth(label.width()) > metrics.height()
        key[0] = "sk-right"  # the user fixed the key
        retried: list[bool] = []
        rig.window.reconnect_requested.connect(lambda: retried.append(True))
        qtbot.mouseClick(row.buttons[Action.RETRY], Qt.MouseButton.LeftButton)
        assert retried == [True]
        rig.wait(lambda: rig.app.core.session.connected)
        assert not banner.isVisible() and banner.problems() == []
        type_message(rig, "hello")
        rig.wait(lambda: len(rig.rows) >= 3 and rig.rows[-1].final)


def test_open_settings_in_the_banner_asks_for_the_settings(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop, audio=False) as rig:
        asked: list[bool] = []
        rig.window.settings_requested.connect(lambda: asked.append(True))
        rig.window.show_problem(Problem(ProblemKind.SETTINGS, "The endpoint is wrong."))
        row = rig.window.problems.rows[ProblemKind.SETTINGS]
        assert list(row.buttons) == [Action.OPEN_SETTINGS]
        qtbot.mouseClick(row.buttons[Action.OPEN_SETTINGS], Qt.MouseButton.LeftButton)
        assert asked == [True]
        rig.window.show_problem(Problem(ProblemKind.SETTINGS, "Another sentence."))
        assert [p.text for p in rig.window.problems.problems()] == ["Another sentence."]


def test_a_side_without_any_device_is_a_problem_until_one_is_back(qtbot: QtBot, qloop: Any) -> None:
    mic = fake_device(0, "Mic", inputs=1, rate=RATE, default=True)
    speaker = fake_device(1, "Speaker", outputs=2, rate=RATE, default=True)
    backend = FakeBackend([mic, speaker])
    with window_rig(qtbot, qloop, backend=backend) as rig:
        banner = rig.window.problems
        assert not banner.isVisible()
        backend.unplug("Mic")  # the only microphone: nothing to fall back to
        rig.wait(lambda: ProblemKind.MICROPHONE in banner.rows)
        row = banner.rows[ProblemKind.MICROPHONE]
        assert row.isVisible() and "microphone" in row.label.text().lower()
        asked: list[tuple[ProblemKind, Action]] = []
        rig.window.problem_action.connect(lambda kind, action: asked.append((kind, action)))
        qtbot.mouseClick(row.buttons[Action.AUDIO_SETTINGS], Qt.MouseButton.LeftButton)
        assert asked == [(ProblemKind.MICROPHONE, Action.AUDIO_SETTINGS)]
        backend.plug(mic)
        assert rig.app.audio.watcher is not None
        for _ in range(5):  # the watcher retries the wanted device every 5 polls
            rig.app.audio.watcher.poll()
        rig.wait(lambda: ProblemKind.MICROPHONE not in banner.rows)
        assert not banner.isVisible()
        assert rig.window.status.message.full_text == "Using the microphone Mic again."


class LockedKeyring:
    def get(self, account: str) -> str | None:
        del account
        raise SecretStoreUnavailable(Sentence("Keyring", "The system keyring is locked."))

    def set(self, account: str, secret: str) -> None:
        del account, secret

    def delete(self, account: str) -> None:
        del account


def test_a_bad_settings_file_or_a_locked_keyring_runs_the_demo_with_a_problem() -> None:
    hostile = AppSettings(provider="azure", endpoint="htp:/not a url!!", deployment="rt")
    plan = plan_connection(hostile, MemorySecretStore(), {"AZURE_OPENAI_API_KEY": "k"})
    assert plan.endpoint is None and not plan.keyring
    assert plan.problem.startswith("The endpoint is neither an Azure resource name")
    custom_url = AppSettings(provider="custom", endpoint="wss://ok.example/v1\n")
    assert plan_connection(custom_url, MemorySecretStore(), {}).problem
    locked = plan_connection(AppSettings(provider="openai"), LockedKeyring(), {})
    assert locked.endpoint is None and locked.keyring
    assert locked.problem.startswith("The system keyring is locked.")
    fine = plan_connection(AppSettings(provider="openai"), LockedKeyring(), {"OPENAI_API_KEY": "k"})
    assert fine.endpoint is not None and not fine.problem


def test_the_app_carries_out_audio_settings_and_retry(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    restart = asyncio.Event()
    with window_rig(qtbot, qloop) as rig:
        store = SettingsStore(tmp_path / "settings.json")
        secrets = LayeredSecretStore(MemorySecretStore())
        flow = _wire_settings(rig.app, store, secrets, demo_plan, restart)
        rig.window.show_problem(Problem(ProblemKind.SPEAKER, "No speaker is available."))
        row = rig.window.problems.rows[ProblemKind.SPEAKER]
        qtbot.mouseClick(row.buttons[Action.AUDIO_SETTINGS], Qt.MouseButton.LeftButton)
        dialog = flow.dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.tabs.currentWidget() is dialog.audio
        dialog.reject()
        rig.window.show_problem(Problem(ProblemKind.KEYRING, "The system keyring is locked."))
        row = rig.window.problems.rows[ProblemKind.KEYRING]
        assert not restart.is_set()
        qtbot.mouseClick(row.buttons[Action.RETRY], Qt.MouseButton.LeftButton)
        assert restart.is_set()  # a new start reads the keyring again


def test_a_side_without_a_device_at_start_is_a_problem_until_one_appears(
    qtbot: QtBot, qloop: Any
) -> None:
    speaker = fake_device(0, "Speaker", outputs=2, rate=RATE, default=True)
    backend = FakeBackend([speaker])  # no microphone at all when the app starts
    with window_rig(qtbot, qloop, backend=backend) as rig:
        banner, audio = rig.window.problems, rig.app.audio
        row = banner.rows[ProblemKind.MICROPHONE]  # in the banner, not a passing notice
        assert row.isVisible() and "No microphone is available" in row.label.text()
        assert list(row.buttons) == [Action.AUDIO_SETTINGS]
        assert not audio.has_device("input") and audio.has_device("output")
        assert rig.app.core.session.config.transcription is None  # nothing to transcribe
        backend.plug(fake_device(1, "USB Mic", inputs=1, rate=RATE, default=True))
        assert audio.watcher is not None
        for _ in range(5):  # the watcher looks again every 5 polls while a side has none
            audio.watcher.poll()
        rig.wait(lambda: ProblemKind.MICROPHONE not in banner.rows)
        assert audio.has_device("input") and not banner.isVisible()
        assert rig.window.status.message.full_text == "Using the microphone USB Mic again."
        rig.wait(lambda: rig.app.core.session.config.transcription is not None)
        rig.say(voiced(0.5))  # the new microphone is heard
        rig.wait(lambda: max(audio.microphone.meter.waveform()) > 0.1)
