"""The app started as users start it opens its history in the data directory (RA_DATA_DIR),
and with `keep_history` off in the settings file it does not."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.app.main import SMOKE_ENV
from tests.app.test_entry import run

SMOKE = {"QT_QPA_PLATFORM": "offscreen", SMOKE_ENV: "1"}


async def test_the_app_opens_its_history_in_the_data_directory(tmp_path: Path) -> None:
    code, err = await run("--demo", env=SMOKE, tmp_path=tmp_path)
    assert code == 0, err
    assert (tmp_path / "data" / "history.sqlite3").exists()


async def test_history_off_in_the_settings_file_opens_no_history(tmp_path: Path) -> None:
    settings = tmp_path / "config" / "realtime-assistant" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"keep_history": False}), encoding="utf-8")
    code, err = await run("--demo", env=SMOKE, tmp_path=tmp_path)
    assert code == 0, err
    assert "smoke test: connected" in err
    assert not (tmp_path / "data").exists()
