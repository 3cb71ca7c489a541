"""The settings file: a file that cannot be used is kept aside, reported once, never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.settings.store import AppSettings, SettingsStore

UNUSABLE: list[tuple[str, bytes, str]] = [
    ("not utf-8", b'{"voice": "caf\xe9"}', "it is not UTF-8 text"),
    ("not json", b"voice = marin\n", "it is not valid JSON"),
    ("truncated", b'{"voice": "ma', "it is not valid JSON"),
    ("a list", b'["voice"]', "it is not a JSON object"),
    ("deep", b"[" * 200_000 + b"]" * 200_000, "it is nested too deeply"),
]


@pytest.mark.parametrize(("content", "why"), [(c, w) for _, c, w in UNUSABLE],
                         ids=[name for name, _, _ in UNUSABLE])  # fmt: skip
def test_an_unusable_file_is_kept_reported_once_and_the_defaults_apply(
    tmp_path: Path, content: bytes, why: str
) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    store = SettingsStore(path)
    assert store.load() == AppSettings()
    backup = tmp_path / "settings.json.bad-1"
    assert backup.read_bytes() == content
    assert store.take_notice() == (
        f"The settings file could not be used ({why}); it was kept as {backup} and the "
        "defaults apply."
    )
    assert store.take_notice() == ""  # once
    assert store.load() == AppSettings() and store.take_notice() == ""
    store.save(AppSettings(voice="cedar"))
    assert SettingsStore(path).load().voice == "cedar"
    assert backup.read_bytes() == content  # the user's file was never overwritten


def test_a_folder_in_place_of_the_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    (path / "inner").mkdir(parents=True)
    store = SettingsStore(path)
    assert store.load() == AppSettings()
    assert "it is a folder" in store.take_notice()
    assert (tmp_path / "settings.json.bad-1" / "inner").is_dir()
    store.save(AppSettings(voice="cedar"))
    assert store.load().voice == "cedar"


def test_backups_are_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for number, text in enumerate(["first", "second", "third"], start=1):
        path.write_text(text)
        SettingsStore(path).load()
        assert (tmp_path / f"settings.json.bad-{number}").read_text() == text
    assert [p.read_text() for p in sorted(tmp_path.glob("settings.json.bad-*"))] == [
        "first", "second", "third"
    ]  # fmt: skip


def test_when_no_backup_can_be_made_the_file_is_never_saved_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("assistant.settings.store.MAX_BACKUPS", 2)
    path = tmp_path / "settings.json"
    for number in (1, 2):
        (tmp_path / f"settings.json.bad-{number}").write_text(f"backup {number}")
    path.write_text("not json")
    store = SettingsStore(path)
    assert store.load() == AppSettings()
    assert "could not be backed up" in store.take_notice()
    with pytest.raises(OSError, match="kept as it is"):
        store.save(AppSettings())
    assert path.read_text() == "not json"
    assert (tmp_path / "settings.json.bad-2").read_text() == "backup 2"


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b'\xef\xbb\xbf{"voice": "cedar"}')
    store = SettingsStore(path)
    assert store.load().voice == "cedar" and store.notice == ""


@pytest.mark.parametrize("budget", ["Infinity", "1e400", "NaN", "-1"])
def test_a_budget_that_is_not_a_finite_amount_keeps_the_default(
    tmp_path: Path, budget: str
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(f'{{"voice": "cedar", "budget_dollars": {budget}}}', encoding="utf-8")
    loaded = SettingsStore(path).load()
    assert loaded.budget_dollars == 0.0  # no budget, not an infinite one
    assert loaded.voice == "cedar"  # the rest of the file still applies
