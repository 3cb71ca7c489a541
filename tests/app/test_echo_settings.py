"""Echo handling in the settings file: the mode and the probe's verdicts per device pair."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.settings.store import AppSettings, SettingsStore

PAIR = "Mic (ALSA) -> Speakers (ALSA)"
HEARD = {"hears_speaker": True, "echo_db": -21.5}
QUIET = {"hears_speaker": False, "echo_db": None}


def test_the_echo_mode_and_the_verdicts_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    assert (store.load().echo_mode, store.load().echo_probes) == ("auto", {})
    chosen = AppSettings(echo_mode="gate", echo_probes={PAIR: HEARD, "USB -> USB": QUIET})
    store.save(chosen)
    assert store.load() == chosen
    assert json.loads(store.path.read_text())["echo_probes"][PAIR] == HEARD


def test_an_unknown_echo_mode_is_refused_and_loads_as_auto(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="echo_mode"):
        AppSettings(echo_mode="loud")
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"echo_mode": "loud", "voice": "cedar"}))
    assert (SettingsStore(path).load().echo_mode, SettingsStore(path).load().voice) == (
        "auto", "cedar",
    )  # fmt: skip


@pytest.mark.parametrize(
    "probes",
    [
        "Mic -> Speakers",
        [PAIR, HEARD],
        {PAIR: True},
        {PAIR: {"hears_speaker": "yes", "echo_db": -20}},
        {PAIR: {"echo_db": -20}},
        {PAIR: {"hears_speaker": 1, "echo_db": -20}},
        {PAIR: {"hears_speaker": True, "echo_db": "-20"}},
        {PAIR: {"hears_speaker": True, "echo_db": True}},
        {PAIR: {"hears_speaker": True, "echo_db": 1e999}},  # Infinity
        {PAIR: {"hears_speaker": True, "echo_db": float("nan")}},
        {PAIR: QUIET, "other": None},
        {PAIR: {"hears_speaker": True, "echo_db": {"$ref": "#"}}},
    ],
)
def test_hostile_verdicts_load_as_no_verdict_and_keep_the_rest(tmp_path: Path, probes: Any) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"echo_probes": probes, "echo_mode": "cancel"}))
    settings = SettingsStore(path).load()
    assert (settings.echo_probes, settings.echo_mode) == ({}, "cancel")


def test_verdicts_written_by_hand_or_by_a_later_version_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    later = {"hears_speaker": True, "echo_db": -30, "delay_ms": 42.0}  # an int dB, an extra key
    path.write_text(json.dumps({"echo_probes": {PAIR: later}}))
    assert SettingsStore(path).load().echo_probes == {PAIR: later}
