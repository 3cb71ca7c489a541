"""The Echo handling row of the Audio page: the settings in, the widgets, the settings out."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assistant.audio.echo import EchoMode
from assistant.audio.fakes import fake_device
from assistant.audio.probe import ProbeResult, Recommendation
from assistant.audio.selection import DevicePair
from assistant.controller.device_settings import pair_name
from assistant.settings.store import AppSettings
from assistant.ui import i18n
from assistant.ui.audio_page import AudioPage, probe_text
from assistant.ui.echo_choice import EchoChoice, probe_verdict
from assistant.ui.settings_dialog import SettingsDialog

MIC = fake_device(0, "Mic", inputs=1, default=True)
SPEAKERS = fake_device(1, "Speakers", outputs=2, default=True)
HEADPHONES = fake_device(2, "Headphones", outputs=2)
QUIET = {"hears_speaker": False, "echo_db": None}
HEARD = {"hears_speaker": True, "echo_db": -20.4}
LAPTOP = pair_name(MIC.key, SPEAKERS.key)


def page_with(qtbot: QtBot, settings: AppSettings) -> AudioPage:
    page = AudioPage()
    qtbot.addWidget(page)
    page.set_devices([MIC, SPEAKERS, HEADPHONES], DevicePair())
    page.load_echo(settings)
    return page


def test_each_mode_is_offered_with_a_line_on_what_it_does(qtbot: QtBot) -> None:
    choice = EchoChoice()
    qtbot.addWidget(choice)
    labels = [choice.mode.itemText(i) for i in range(choice.mode.count())]
    assert labels == ["Auto (recommended)", "Cancel echo", "Half-duplex", "Off"]
    tips = [choice.mode.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(4)]
    assert all(tips) and "talk key" in tips[2] and "headphones" in tips[3]
    assert choice.chosen() is EchoMode.AUTO  # preselected
    assert choice.explanation.text() == tips[0]


def test_the_settings_mode_and_auto_decision_for_the_pair_on_the_page(qtbot: QtBot) -> None:
    page = page_with(qtbot, AppSettings(echo_mode="gate", echo_probes={LAPTOP: QUIET}))
    assert page.echo.mode.currentText() == "Half-duplex"
    assert "Pauses the microphone while the assistant speaks" in page.echo.explanation.text()
    assert page.echo.decision.isHidden()  # the decision is Auto's
    page.echo.set_mode(EchoMode.AUTO)
    assert not page.echo.decision.isHidden()
    assert page.echo.decision.text() == "Auto: off — the test found no echo."
    page.output_device.setCurrentIndex(page.output_device.findText("Headphones — Fake"))
    assert page.echo.decision.text() == "Auto: cancelling echo (no echo test yet)."
    page.set_echo_probes({LAPTOP: QUIET, pair_name(MIC.key, HEADPHONES.key): HEARD})
    assert (
        page.echo.decision.text() == "Auto: cancelling echo — the test heard the speaker at -20 dB."
    )
    page.output_device.setCurrentIndex(0)  # the system default: Speakers
    assert page.echo.decision.text() == "Auto: off — the test found no echo."


def test_the_page_hands_the_mode_and_the_verdicts_back(qtbot: QtBot) -> None:
    page = page_with(qtbot, AppSettings(echo_probes={LAPTOP: HEARD}))
    page.echo.mode.setCurrentIndex(page.echo.mode.findText("Off"))
    chosen = page.apply_echo(AppSettings(voice="cedar"))
    assert (chosen.echo_mode, chosen.echo_probes, chosen.voice) == ("off", {LAPTOP: HEARD}, "cedar")


def test_the_settings_dialog_round_trips_echo_handling(qtbot: QtBot) -> None:
    before = AppSettings(provider="demo", echo_mode="cancel", echo_probes={LAPTOP: QUIET})
    dialog = SettingsDialog(before)
    qtbot.addWidget(dialog)
    assert dialog.audio.echo.chosen() is EchoMode.CANCEL
    assert dialog.values().settings == before
    dialog.audio.echo.mode.setCurrentIndex(dialog.audio.echo.mode.findData("gate"))
    assert dialog.values().settings == replace(before, echo_mode="gate")


def result(recommendation: Recommendation, *, heard: bool, silent: bool = False) -> ProbeResult:
    echo = (-12.0, 40.0) if heard else (None, None)
    return ProbeResult("Mic", "Speakers", heard, echo[1], echo[0], 30.0, silent, recommendation, "")


def test_the_probe_advice_points_at_the_echo_handling_setting() -> None:
    faint = probe_text(result(Recommendation.TURN_ON_ECHO_HANDLING, heard=True))
    assert faint.startswith("Echo heard at -12 dB, 40 ms after playing.")
    assert "keep Echo handling on Auto or Cancel echo" in faint
    loud = probe_text(result(Recommendation.USE_HEADPHONES, heard=True))
    assert "keep Echo handling on Auto or Cancel echo, or use headphones" in loud
    quiet = probe_text(result(Recommendation.FULL_DUPLEX, heard=False))
    assert quiet.startswith("No echo heard.") and "Echo handling on Auto stays off" in quiet


def test_only_a_probe_that_heard_something_gives_a_verdict() -> None:
    heard = probe_verdict(result(Recommendation.USE_HEADPHONES, heard=True))
    assert heard is not None and (heard.hears_speaker, heard.echo_db) == (True, -12.0)
    quiet = probe_verdict(result(Recommendation.FULL_DUPLEX, heard=False))
    assert quiet is not None and not quiet.hears_speaker
    assert probe_verdict(result(Recommendation.CHECK_MICROPHONE, heard=False, silent=True)) is None


def test_echo_handling_speaks_japanese(qtbot: QtBot, qapp: QApplication) -> None:
    translators = i18n.install(qapp, "ja")
    try:
        page = page_with(qtbot, AppSettings(echo_probes={LAPTOP: QUIET}))
        assert page.echo.mode.itemText(2) == "半二重"
        decision = page.echo.decision.text()
        assert decision.startswith("自動") and "エコーは検出されませんでした" in decision
        quiet = probe_text(result(Recommendation.FULL_DUPLEX, heard=False))
        assert "エコー処理" in quiet
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
