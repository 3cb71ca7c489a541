"""`realtime-assistant --self-test`: a JSON report, exit 0 only when the required checks pass.

The first test runs it offscreen with no services; under scripts/with-services.sh the second
runs it on the Xvfb display with the virtual PulseAudio devices and the unlocked keyring, where
every check, required or not, must pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant import __version__
from assistant.cli.selftest import Check, _guarded, report

DISPLAY_VARS = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
SERVICES = os.environ.get("RA_SECRET_SERVICE") == "1" and bool(os.environ.get("DISPLAY"))
REQUIRED = {"qt", "text_turn", "portaudio"}


def self_test(tmp_path: Path, *args: str, **env: str) -> tuple[int, dict[str, Any], str]:
    environment = {
        k: v for k, v in os.environ.items() if "API_KEY" not in k and k not in DISPLAY_VARS
    }
    environment.update(XDG_CONFIG_HOME=str(tmp_path / "config"), **env)
    done = subprocess.run(  # noqa: S603  # our own interpreter and module
        [sys.executable, "-m", "assistant", *args],
        env=environment, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    return done.returncode, json.loads(done.stdout), done.stderr


def by_name(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {check["name"]: check for check in result["checks"]}


def test_without_a_display_it_runs_offscreen_and_passes(tmp_path: Path) -> None:
    code, result, err = self_test(tmp_path, "--self-test")
    assert code == 0, (result, err)
    assert result["ok"] and result["offscreen"] and result["version"] == __version__
    checks = by_name(result)
    assert set(checks) == REQUIRED | {"audio_devices", "keyring", "global_hotkey"}
    assert {name for name, check in checks.items() if check["required"]} == REQUIRED
    assert "platform offscreen" in checks["qt"]["detail"]
    assert "icon, translation, loop ok" in checks["qt"]["detail"]
    assert "you said: Self-test" in checks["text_turn"]["detail"]


def test_the_subcommand_is_the_same_check(tmp_path: Path) -> None:
    code, result, _ = self_test(tmp_path, "self-test", QT_QPA_PLATFORM="offscreen")
    assert code == 0 and result["ok"]
    assert result["offscreen"]  # named by the caller: Qt ran offscreen all the same
    assert "platform offscreen" in by_name(result)["qt"]["detail"]


@pytest.mark.skipif(not SERVICES, reason="needs Xvfb, PulseAudio and a keyring (with-services.sh)")
def test_with_a_display_devices_and_a_keyring_every_check_passes(tmp_path: Path) -> None:
    code, result, err = self_test(tmp_path, "--self-test", DISPLAY=os.environ["DISPLAY"])
    assert code == 0, err
    checks = by_name(result)
    assert all(check["ok"] for check in checks.values()), checks
    assert "platform xcb" in checks["qt"]["detail"] and not result["offscreen"]
    assert "SecretService" in checks["keyring"]["detail"]
    assert checks["global_hotkey"]["detail"] == "the key listener can start"


def test_a_failed_required_check_fails_the_report_and_an_optional_one_does_not() -> None:
    optional_failed = [Check("qt", True, ""), Check("keyring", False, "locked", required=False)]
    required_failed = [Check("qt", False, "no platform"), Check("keyring", True, "")]
    assert report(optional_failed, offscreen=True, seconds=0.1)["ok"]
    assert not report(required_failed, offscreen=True, seconds=0.1)["ok"]


def test_a_check_that_raises_is_reported_as_failed_with_the_reason() -> None:
    def broken() -> tuple[bool, str]:
        raise OSError("libportaudio.so.2: cannot open shared object file")

    check = _guarded("portaudio", broken)
    assert not check.ok and check.required
    assert check.detail == "OSError: libportaudio.so.2: cannot open shared object file"
