"""The model in the settings: the list offered, the 2.x options in the dialog and the session
config, hostile values in the file, and what a retired, retiring or unknown model does."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assistant.app.assembly import session_config
from assistant.app.main import _check_model
from assistant.app.model_check import check_model
from assistant.realtime import DEFAULT_MODEL, Dialect, Truncation
from assistant.settings.store import AppSettings, SettingsStore
from assistant.ui.settings_dialog import SettingsDialog
from assistant.ui.settings_form import model_choices
from tests.app.test_conversation_settings import flow_in
from tests.app.test_settings_flow import choose, save
from tests.oracle import validate_client_event

BEFORE, AFTER = date(2026, 12, 6), date(2027, 2, 1)


def test_the_default_model_and_the_models_offered() -> None:
    assert AppSettings().model == DEFAULT_MODEL == "gpt-realtime-2.1"
    assert model_choices(BEFORE)[0] == DEFAULT_MODEL
    assert "gpt-realtime" in model_choices(BEFORE)
    assert "gpt-realtime" not in model_choices(AFTER)


def test_reasoning_and_trimming_round_trip_next_to_the_budget(qtbot: QtBot, tmp_path: Path) -> None:
    flow, _saved = flow_in(tmp_path)
    dialog = flow.open(AppSettings(provider="demo"))
    qtbot.addWidget(dialog)
    assert not dialog.trim_tokens.isEnabled()  # no trimming chosen: no limit to set
    assert dialog.trim_ratio.text() == "The server decides"
    choose(dialog.conversation.reasoning, "high")
    dialog.trim_ratio.setValue(60)
    assert dialog.trim_tokens.isEnabled()
    dialog.trim_tokens.setValue(20000)
    save(dialog, qtbot)
    stored = flow.store.load()
    assert (stored.reasoning_effort, stored.truncation_ratio, stored.truncation_tokens) == (
        "high", 0.6, 20000,
    )  # fmt: skip
    again = SettingsDialog(stored)
    qtbot.addWidget(again)
    assert again.conversation.reasoning.currentData() == "high"
    assert (again.trim_ratio.value(), again.trim_tokens.value()) == (60, 20000)
    assert again.values().settings == stored


def test_the_session_config_carries_them_to_a_reasoning_model() -> None:
    settings = AppSettings(reasoning_effort="minimal", truncation_ratio=0.8, truncation_tokens=0)
    config = session_config(settings, speaker=True, microphone=True, tools=None)
    assert config.reasoning_effort == "minimal"
    assert config.truncation == Truncation(0.8, None)
    wire = config.to_wire(Dialect.GA, DEFAULT_MODEL)
    validate_client_event({"type": "session.update", "session": wire}, "ga")
    assert wire["reasoning"] == {"effort": "minimal"}
    assert "reasoning" not in config.to_wire(Dialect.GA, "gpt-realtime-1.5")
    plain = session_config(AppSettings(), speaker=True, microphone=True, tools=None)
    assert plain.reasoning_effort is None and plain.truncation is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reasoning_effort", "ultra"),
        ("reasoning_effort", 3),
        ("truncation_ratio", 5.0),
        ("truncation_ratio", -0.1),
        ("truncation_tokens", -5),
        ("truncation_tokens", 10**9),
        ("transcription_model", "../../etc/passwd"),
    ],
)
def test_hostile_values_in_the_file_keep_their_defaults(
    tmp_path: Path, field: str, value: object
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({field: value, "voice": "ash"}))
    loaded = SettingsStore(path).load()
    assert getattr(loaded, field) == getattr(AppSettings(), field)
    assert loaded.voice == "ash"


def test_a_ratio_that_is_not_a_number_keeps_its_default(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"truncation_ratio": NaN, "truncation_tokens": 4000}')
    loaded = SettingsStore(path).load()
    assert loaded.truncation_ratio == 0.0 and loaded.truncation_tokens == 4000


def test_a_retired_model_is_replaced_and_saved_with_one_sentence(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    store.save(AppSettings(provider="openai", model="gpt-4o-realtime-preview"))
    note = _check_model(store)
    assert note == (
        "gpt-4o-realtime-preview was retired on 2026-05-07, so gpt-realtime-2.1 is used "
        "instead (Settings too)."
    )
    assert store.load().model == "gpt-realtime-2.1"
    assert _check_model(store) == ""  # fixed once: nothing more to say


def test_a_retiring_or_unknown_model_is_kept_with_a_notice() -> None:
    retiring = AppSettings(provider="openai", model="gpt-realtime-mini")
    kept, note = check_model(retiring, BEFORE)
    assert kept == retiring
    assert note == (
        "gpt-realtime-mini retires on 2027-01-20; gpt-realtime-2.1-mini replaces it: choose it "
        "in Settings."
    )
    fixed, note = check_model(retiring, AFTER)
    assert fixed == replace(retiring, model="gpt-realtime-2.1-mini") and "retired" in note
    unknown = AppSettings(model="gpt-voice-9")  # no provider yet: OpenAI when a key is there
    assert check_model(unknown, BEFORE) == (unknown, check_model(unknown, BEFORE)[1])
    assert "not a model this version knows" in check_model(unknown, BEFORE)[1]
    azure = AppSettings(provider="azure", model="gpt-4o-realtime-preview")
    assert check_model(azure, AFTER) == (azure, "")  # Azure deployments name their own


def test_a_model_name_cannot_be_typed_with_what_no_name_has(qtbot: QtBot) -> None:
    dialog = SettingsDialog(AppSettings(provider="openai"))
    qtbot.addWidget(dialog)
    dialog.model.setEditText("gpt realtime/2!")  # the connection check says why (Save stays off)
    assert [problem.field for problem in dialog.problems] == ["model", "key"]
    assert not dialog.save_button.isEnabled()
    listening = dialog.listening.transcription_model
    listening.setEditText("")
    qtbot.keyClicks(listening.lineEdit(), "my transcriber")  # a validator: no bad name at all
    assert dialog.values().settings.transcription_model == "mytranscriber"
