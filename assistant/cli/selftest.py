"""`realtime-assistant --self-test`: does this installation work? A JSON report on stdout.

    realtime-assistant --self-test        (also: python -m assistant --self-test, the bundle)

Checks, in order: Qt starts and shows a window with the icon and the translation
(`assistant.app.selfcheck`); a text turn against the built-in simulator on 127.0.0.1 (the
`chat` command with `--provider demo`); PortAudio loads; the audio devices; the keyring
backend; whether the global hotkey can listen. The report is {"ok", "version", "platform",
..., "checks": [{name, ok, required, detail}]}. Exit status 0 when every required check passed,
1 otherwise.

Required is what an installation must provide: Qt, the simulator turn and the PortAudio library.
Audio devices, the keyring and the global hotkey depend on the machine and the session, and the
app runs without them (text only; keys from environment variables; the in-window talk key), so
they are reported but do not fail.
Without a display Qt runs offscreen, so the self-test works on a server and in CI.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from assistant import __version__
from assistant.app import display_available
from assistant.app.display import runs_offscreen
from assistant.cli import chat
from assistant.hotkey.availability import session_problem

PROMPT = "Self-test: please reply."
EXIT_OK, EXIT_FAILED = 0, 1


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    required: bool = True


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "self-test",
        help="check this installation and print a JSON report (also: --self-test)",
        description="Start Qt, run a text turn against the built-in simulator, list the audio "
        "devices and check the keyring; print a JSON report. Exit status 0 when all required "
        "checks pass.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    del args
    report = self_test()
    sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK if report["ok"] else EXIT_FAILED


def self_test() -> dict[str, Any]:
    """Run every check; the report as a JSON-ready dict."""
    started = time.perf_counter()
    if not display_available():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display: Qt would abort otherwise
    offscreen = runs_offscreen()  # chosen here or named by the caller
    checks = [
        _guarded("qt", _qt),
        _guarded("text_turn", _text_turn),
        *_audio(),
        _guarded("keyring", _keyring, required=False),
        _guarded("global_hotkey", _global_hotkey, required=False),
    ]
    return report(checks, offscreen=offscreen, seconds=time.perf_counter() - started)


def report(checks: list[Check], *, offscreen: bool, seconds: float) -> dict[str, Any]:
    """The JSON report: ok when every required check passed, and where it ran."""
    return {
        "ok": all(check.ok for check in checks if check.required),
        "version": __version__,
        "platform": sys.platform,
        "os": platform.platform(),
        "python": platform.python_version(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "executable": sys.executable,
        "offscreen": offscreen,
        "seconds": round(seconds, 3),
        "checks": [asdict(check) for check in checks],
    }


def _guarded(name: str, check: Callable[[], tuple[bool, str]], *, required: bool = True) -> Check:
    """Run one check; an exception is its finding, not the end of the report."""
    try:
        ok, detail = check()
    except Exception as error:  # the report must list every check
        ok, detail = False, f"{type(error).__name__}: {error}"
    return Check(name, ok, detail, required)


def _qt() -> tuple[bool, str]:
    from assistant.app.selfcheck import check_qt  # noqa: PLC0415  (Qt loads here only)

    report = check_qt()
    return report.ok, report.detail


def _text_turn() -> tuple[bool, str]:
    """One message through the `chat` command to the built-in simulator; the reply's text."""
    parser = argparse.ArgumentParser()
    chat.add_parser(parser.add_subparsers())
    args = parser.parse_args(
        ["chat", "--provider", "demo", "--json", "--no-history", "--text", PROMPT]
    )
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = args.run(args)
    elapsed = time.perf_counter() - started
    lines = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    replies = [line["text"] for line in lines if line.get("role") == "assistant"]
    if status != 0 or not replies or not replies[-1]:
        problem = err.getvalue().strip().splitlines()[-1:] or ["no reply"]
        return False, f"exit status {status}: {problem[0]}"
    return True, f"reply of {len(replies[-1])} characters in {elapsed:.2f} s: {replies[-1][:60]!r}"


def _global_hotkey() -> tuple[bool, str]:
    """Can the global push-to-talk key listen here? (pynput's backend loads, X has RECORD.)"""
    from assistant.hotkey.listener import PynputSource  # noqa: PLC0415  (pynput loads here only)

    problem = session_problem(os.environ) or PynputSource().probe()
    if problem is None:
        return True, "the key listener can start"
    return False, f"{problem.reason.value}: {problem.detail}".rstrip(": ")


def _audio() -> list[Check]:
    """PortAudio must load (required); the devices are the machine's business (not required)."""
    from assistant.app.audio import portaudio_backend  # noqa: PLC0415

    try:
        backend, note = portaudio_backend()
        devices = backend.list_devices() if backend is not None else []
    except Exception as error:  # PortAudio failing to start is the finding
        return [Check("portaudio", False, f"{type(error).__name__}: {error}")]
    if backend is None:
        return [Check("portaudio", False, note)]
    inputs = [d.name for d in devices if d.input_channels]
    outputs = [d.name for d in devices if d.output_channels]
    default_in = next((d.name for d in devices if d.is_default_input), "none")
    default_out = next((d.name for d in devices if d.is_default_output), "none")
    detail = (
        f"{len(inputs)} inputs, {len(outputs)} outputs; default input {default_in!r}, "
        f"default output {default_out!r}"
    )
    usable = bool(inputs and outputs)
    advice = "" if usable else " (the app runs text only without a microphone or speaker)"
    return [
        Check("portaudio", True, "the PortAudio library loaded"),
        Check("audio_devices", usable, detail + advice, required=False),
    ]


def _keyring() -> tuple[bool, str]:
    from assistant.settings.secrets import (  # noqa: PLC0415
        KeyringSecretStore,
        SecretStoreUnavailable,
    )

    store = KeyringSecretStore()
    backend = store.backend_name()
    try:
        store.get("self-test")  # reads only: no entry is written
    except SecretStoreUnavailable as error:
        return False, f"{backend}: {error.message}"
    return True, f"{backend} can be read"
