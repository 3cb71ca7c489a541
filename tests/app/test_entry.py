"""`realtime-assistant` / `python -m assistant` open the window where a display exists."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from assistant.app import display_available
from assistant.app.display import runs_offscreen
from assistant.app.main import SMOKE_ENV

DISPLAY_VARS = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


async def run(
    *args: str, env: dict[str, str], tmp_path: Path, stdin: bytes = b""
) -> tuple[int, str]:
    environment = {
        k: v for k, v in os.environ.items() if "API_KEY" not in k and k not in DISPLAY_VARS
    }
    data = str(tmp_path / "data")  # the app opens its history there, not in the user's home
    environment.update(XDG_CONFIG_HOME=str(tmp_path / "config"), RA_DATA_DIR=data, **env)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "assistant", *args,
        env=environment, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await asyncio.wait_for(process.communicate(stdin), timeout=60)
    assert process.returncode is not None
    return process.returncode, err.decode()


def test_a_display_is_x11_wayland_or_a_named_qt_platform() -> None:
    assert not display_available({}, "linux")
    assert display_available({"DISPLAY": ":0"}, "linux")
    assert display_available({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert display_available({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert display_available({}, "win32") and display_available({}, "darwin")


def test_offscreen_is_the_first_platform_qt_is_given() -> None:
    assert runs_offscreen({"QT_QPA_PLATFORM": "offscreen"})
    assert runs_offscreen({"QT_QPA_PLATFORM": "offscreen:fontengine=freetype;xcb"})
    assert not runs_offscreen({"QT_QPA_PLATFORM": "xcb;offscreen"})
    assert not runs_offscreen({"DISPLAY": ":0"}) and not runs_offscreen({})


async def test_demo_opens_the_window_and_connects_with_no_key(tmp_path: Path) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", SMOKE_ENV: "1"}
    code, err = await run("--demo", env=env, tmp_path=tmp_path)
    assert code == 0, err
    assert "smoke test: window shown" in err and "smoke test: connected" in err


async def test_no_command_and_no_key_opens_the_window_on_the_offline_demo(tmp_path: Path) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", SMOKE_ENV: "1"}
    code, err = await run(env=env, tmp_path=tmp_path)
    assert code == 0, err
    assert "Offline demo" in err and "smoke test: connected" in err


async def test_settings_that_cannot_work_run_the_demo_with_the_reason_in_the_banner(
    tmp_path: Path,
) -> None:
    settings = tmp_path / "config" / "realtime-assistant" / "settings.json"
    settings.parent.mkdir(parents=True)
    hostile = {"provider": "azure", "endpoint": "htp:/not a url!!", "deployment": ""}
    settings.write_text(json.dumps(hostile))
    env = {"QT_QPA_PLATFORM": "offscreen", SMOKE_ENV: "1", "AZURE_OPENAI_API_KEY": "k"}
    code, err = await run(env=env, tmp_path=tmp_path)
    assert code == 0, err
    assert "smoke test: connected" in err  # to the offline demo
    assert "smoke test: problem (settings): The endpoint is neither an Azure resource" in err


async def test_without_a_display_the_terminal_chat_starts_and_says_why(tmp_path: Path) -> None:
    code, err = await run(env={}, tmp_path=tmp_path, stdin=b"hello\n")
    assert code == 0, err
    assert "no display here" in err and "terminal chat starts instead" in err
    assert "smoke test" not in err
