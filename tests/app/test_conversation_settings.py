"""Conversation settings: dialog -> settings -> dialog, and the session.update they produce.

Every session.update is validated against the `openai` package's models (tests/oracle.py) in
both dialects, and the live one is checked against what the simulator made of it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from assistant.app.assembly import apply_settings, session_config
from assistant.app.settings_flow import SettingsFlow
from assistant.realtime import Dialect, SessionUpdated
from assistant.settings.layered import LayeredSecretStore
from assistant.settings.secrets import MemorySecretStore
from assistant.settings.store import AppSettings, SettingsStore
from assistant.ui.settings_dialog import SettingsDialog
from assistant.ui.voice_page import language_code
from tests.app.test_settings_flow import choose, save
from tests.integration.harness import endpoint_for
from tests.oracle import validate_client_event
from tests.ui.rig import window_rig

DETAILED = AppSettings(
    provider="demo",
    voice="coral",
    speed=1.25,
    turn_mode="server_vad",
    vad_threshold=0.7,
    vad_prefix_padding_ms=200,
    vad_silence_duration_ms=800,
    vad_idle_timeout_ms=6000,
    noise_reduction="far_field",
    transcription_model="gpt-4o-transcribe",
    transcription_language="ja",
    instructions="Answer in Japanese.",
    budget_dollars=2.5,
    budget_mutes=False,
)


def flow_in(tmp_path: Path) -> tuple[SettingsFlow, list[tuple[AppSettings, bool]]]:
    saved: list[tuple[AppSettings, bool]] = []
    store = SettingsStore(tmp_path / "settings.json")
    secrets = LayeredSecretStore(MemorySecretStore())
    return SettingsFlow(store, secrets, {}, lambda s, c: saved.append((s, c))), saved


def test_every_conversation_field_round_trips(qtbot: QtBot, tmp_path: Path) -> None:
    flow, saved = flow_in(tmp_path)
    dialog = flow.open(AppSettings(provider="demo"))
    qtbot.addWidget(dialog)
    voice, listening = dialog.conversation, dialog.listening
    voice.voice.setCurrentText("coral")
    voice.speed.setValue(1.25)
    voice.instructions.setPlainText("Answer in Japanese.")
    choose(listening.turn_mode, "server_vad")
    listening.threshold.setValue(0.7)
    listening.prefix_padding.setValue(200)
    listening.silence.setValue(800)
    listening.idle_timeout.setValue(6000)
    choose(listening.noise_reduction, "far_field")
    listening.transcription_model.setCurrentText("gpt-4o-transcribe")
    choose(listening.language, "ja")
    dialog.budget.setValue(2.5)
    dialog.budget_mutes.setChecked(False)
    save(dialog, qtbot)

    assert flow.store.load() == DETAILED
    assert saved == [(DETAILED, False)]  # the demo stays connected: applied to the session
    again = flow.open(flow.store.load())
    qtbot.addWidget(again)
    assert again.values().settings == DETAILED
    assert again.listening.language.currentText() == "Japanese (ja)"


def test_turn_parameters_show_for_their_mode_only(qtbot: QtBot) -> None:
    dialog = SettingsDialog(AppSettings(turn_mode="semantic_vad", vad_eagerness="low"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.listening)
    page = dialog.listening
    assert page.eagerness.isVisible() and not page.threshold.isVisible()
    assert page.eagerness.currentData() == "low"
    choose(page.turn_mode, "server_vad")
    assert page.threshold.isVisible() and page.idle_timeout.isVisible()
    assert not page.eagerness.isVisible()
    assert page.idle_timeout.text() == "Never"  # 0: no idle timeout
    choose(page.turn_mode, "push_to_talk")
    assert not page.threshold.isVisible() and not page.eagerness.isVisible()


def test_the_language_hint_takes_a_typed_code(qtbot: QtBot) -> None:
    dialog = SettingsDialog(AppSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.listening)
    page = dialog.listening
    page.language.setEditText("pt")
    assert dialog.values().settings.transcription_language == "pt"
    assert not page.language_note.isVisible()
    page.language.setEditText("Klingon please")
    assert dialog.values().settings.transcription_language == ""
    assert page.language_note.isVisible() and "language code" in page.language_note.text()
    labels = {"Japanese (ja)": "ja"}
    assert [language_code(t, labels) for t in ("Japanese (ja)", "Português (pt)", "", "E")] == [
        "ja", "pt", "", None,
    ]  # fmt: skip


def update_of(settings: AppSettings, dialect: Dialect) -> dict[str, Any]:
    config = session_config(settings, speaker=True, microphone=True, tools=None)
    return {"type": "session.update", "session": config.to_wire(dialect)}


def test_the_session_update_carries_the_settings_in_ga() -> None:
    event = update_of(DETAILED, Dialect.GA)
    session = validate_client_event(json.loads(json.dumps(event)), "ga").session  # type: ignore[attr-defined]
    audio_in, audio_out = session.audio.input, session.audio.output
    assert (audio_out.voice, audio_out.speed) == ("coral", 1.25)
    detection = audio_in.turn_detection
    assert (detection.type, detection.threshold, detection.idle_timeout_ms) == (
        "server_vad", 0.7, 6000,
    )  # fmt: skip
    assert (detection.prefix_padding_ms, detection.silence_duration_ms) == (200, 800)
    assert audio_in.noise_reduction.type == "far_field"
    assert (audio_in.transcription.model, audio_in.transcription.language) == (
        "gpt-4o-transcribe", "ja",
    )  # fmt: skip
    assert session.instructions == "Answer in Japanese."


def test_the_session_update_carries_the_settings_in_the_beta_dialect() -> None:
    event = update_of(DETAILED, Dialect.BETA)
    session = validate_client_event(json.loads(json.dumps(event)), "beta").session  # type: ignore[attr-defined]
    assert (session.voice, session.speed) == ("coral", 1.25)
    assert session.turn_detection.threshold == 0.7
    assert session.input_audio_noise_reduction.type == "far_field"
    assert session.input_audio_transcription.language == "ja"
    semantic = AppSettings(turn_mode="semantic_vad", vad_eagerness="high")
    for dialect, name in ((Dialect.BETA, "beta"), (Dialect.GA, "ga")):
        validate_client_event(update_of(semantic, dialect), name)  # type: ignore[arg-type]
    ga = update_of(semantic, Dialect.GA)["session"]["audio"]["input"]["turn_detection"]
    assert (ga["type"], ga["eagerness"]) == ("semantic_vad", "high")


@pytest.mark.parametrize(
    ("field", "value"),
    [("speed", 2.0), ("vad_threshold", 1.5), ("vad_eagerness", "eager"), ("budget_dollars", -1.0)],
)
def test_out_of_range_settings_in_the_file_keep_their_defaults(
    tmp_path: Path, field: str, value: object
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({field: value, "voice": "ash", "speed_hint": 1}))
    loaded = SettingsStore(path).load()
    assert getattr(loaded, field) == getattr(AppSettings(), field)
    assert loaded.voice == "ash"


def test_a_whole_number_in_the_file_is_read_as_a_float(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"speed": 1, "budget_dollars": 3}))
    assert (SettingsStore(path).load().speed, SettingsStore(path).load().budget_dollars) == (1, 3)


def test_saved_settings_reach_the_running_session(qtbot: QtBot, qloop: Any) -> None:
    with window_rig(qtbot, qloop) as rig:
        updates: list[SessionUpdated] = []
        rig.app.core.controller.listeners.append(
            lambda e: updates.append(e) if isinstance(e, SessionUpdated) else None
        )
        apply_settings(rig.app, DETAILED)

        def effective() -> dict[str, Any]:
            return updates[-1].config if updates else {}

        rig.wait(lambda: effective().get("audio", {}).get("output", {}).get("voice") == "coral")
        sent = [e for e in rig.sim.received if e["type"] == "session.update"]
        for event in sent:
            validate_client_event(json.loads(json.dumps(event)), "ga")
        audio = effective()["audio"]
        assert audio["output"]["speed"] == 1.25
        assert audio["input"]["turn_detection"]["silence_duration_ms"] == 800
        assert audio["input"]["turn_detection"]["idle_timeout_ms"] == 6000
        assert audio["input"]["noise_reduction"] == {"type": "far_field"}
        assert audio["input"]["transcription"]["model"] == "gpt-4o-transcribe"
        assert rig.window.cost.budget_label.text().startswith("Budget: $0.0000 of $2.50")


def test_a_new_voice_waits_for_the_next_start_once_the_assistant_spoke(
    qtbot: QtBot, qloop: Any
) -> None:
    from tests.ui.test_window_text import type_message

    with window_rig(qtbot, qloop) as rig:
        type_message(rig, "hello")
        rig.wait(lambda: any(i.has_audio for i in rig.app.core.session.conversation.items()))
        errors: list[str] = []
        rig.app.bridge.server_error.connect(errors.append)
        apply_settings(rig.app, AppSettings(voice="verse", speed=0.5))
        assert rig.app.core.session.config.voice == "marin"
        assert "next start" in rig.window.status.message.full_text

        def last_output() -> dict[str, Any]:
            sent = [e for e in rig.sim.received if e["type"] == "session.update"]
            return sent[-1]["session"]["audio"]["output"]  # type: ignore[no-any-return]

        rig.wait(lambda: last_output()["speed"] == 0.5)
        assert last_output() == {
            "format": {"type": "audio/pcm", "rate": 24000}, "voice": "marin", "speed": 0.5,
        }  # fmt: skip
        rig.play(5)
        assert errors == []


def test_the_preview_dialect_session_accepts_the_settings(qtbot: QtBot, qloop: Any) -> None:
    semantic = replace(DETAILED, turn_mode="semantic_vad", vad_eagerness="low")
    with window_rig(qtbot, qloop, endpoint=lambda sim: endpoint_for(sim, "beta")) as rig:
        updates: list[SessionUpdated] = []
        rig.app.core.controller.listeners.append(
            lambda e: updates.append(e) if isinstance(e, SessionUpdated) else None
        )
        apply_settings(rig.app, semantic)
        rig.wait(lambda: updates and updates[-1].config.get("voice") == "coral")
        for event in rig.sim.received:
            validate_client_event(json.loads(json.dumps(event)), "beta")
        effective = updates[-1].config
        assert effective["turn_detection"]["eagerness"] == "low"
        assert effective["input_audio_noise_reduction"] == {"type": "far_field"}
        assert effective["input_audio_transcription"]["language"] == "ja"
        assert effective["speed"] == 1.25


def test_the_mode_switch_uses_the_turn_parameters_from_the_settings(
    qtbot: QtBot, qloop: Any, tmp_path: Path
) -> None:
    import asyncio

    from assistant.app.connection import demo_plan
    from assistant.app.main import _wire_settings
    from assistant.controller import TurnMode

    settings = AppSettings(vad_silence_duration_ms=900, vad_threshold=0.8)
    with window_rig(qtbot, qloop, settings=settings) as rig:
        store = SettingsStore(tmp_path / "settings.json")
        secrets = LayeredSecretStore(MemorySecretStore())
        _wire_settings(rig.app, store, secrets, demo_plan(), asyncio.Event())
        rig.wait(lambda: any(e["type"] == "session.update" for e in rig.sim.received))
        updated: list[SessionUpdated] = []
        rig.app.core.controller.listeners.append(
            lambda e: updated.append(e) if isinstance(e, SessionUpdated) else None
        )
        before = len(rig.sim.received)  # after the first session.update
        rig.window.talk.choose_mode(TurnMode.SERVER_VAD)

        def silence_ms() -> Any:
            config = updated[-1].config if updated else {}
            detection = config.get("audio", {}).get("input", {}).get("turn_detection") or {}
            return detection.get("silence_duration_ms")

        rig.wait(lambda: silence_ms() == 900)

        (update,) = [e for e in rig.sim.received[before:] if e["type"] == "session.update"]
        validate_client_event(json.loads(json.dumps(update)), "ga")
        detection = update["session"]["audio"]["input"]["turn_detection"]
        assert (detection["silence_duration_ms"], detection["threshold"]) == (900, 0.8)
        assert store.load().turn_mode == "server_vad"
        assert rig.app.settings.turn_mode == "server_vad"  # kept when settings are applied again


def test_the_history_choices_round_trip(qtbot: QtBot, tmp_path: Path) -> None:
    flow, saved = flow_in(tmp_path)
    dialog = flow.open(AppSettings(provider="demo"))
    qtbot.addWidget(dialog)
    assert dialog.keep_history.isChecked() and not dialog.keep_audio.isChecked()
    assert "next start" in dialog.keep_audio.toolTip()
    dialog.keep_audio.setChecked(True)
    save(dialog, qtbot)
    with_audio = AppSettings(provider="demo", keep_audio=True)
    assert flow.store.load() == with_audio and saved == [(with_audio, False)]

    again = flow.open(flow.store.load())
    qtbot.addWidget(again)
    assert again.keep_audio.isChecked() and again.keep_audio.isEnabled()
    again.keep_history.setChecked(False)
    assert not again.keep_audio.isEnabled()  # no history, no audio of it
    save(again, qtbot)
    assert flow.store.load() == replace(with_audio, keep_history=False)
    third = flow.open(flow.store.load())
    qtbot.addWidget(third)
    assert not third.keep_history.isChecked() and not third.keep_audio.isEnabled()
    assert third.values().settings == replace(with_audio, keep_history=False)


def test_a_setting_that_cannot_be_saved_says_so_in_the_window_language(
    qtbot: QtBot, qloop: Any, qapp: Any, tmp_path: Path
) -> None:
    from assistant.app.main import _remember_allowed, _remember_mode
    from assistant.controller import TurnMode
    from assistant.ui import i18n

    (tmp_path / "file").write_text("not a folder")
    store = SettingsStore(tmp_path / "file" / "settings.json")
    translators = i18n.install(qapp, "ja")
    try:
        with window_rig(qtbot, qloop, audio=False) as rig:
            _remember_mode(store, TurnMode.SERVER_VAD, rig.app)
            shown = rig.window.status.message.full_text
            assert shown.startswith("設定を保存できませんでした") and "閉じるまで" in shown
            _remember_allowed(store, "open_url", rig.app)
            assert rig.window.status.message.full_text.startswith("設定を保存できませんでした")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
