"""`GlobalHotkey`: reports from a source's own thread become press/release on the loop's thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import pytest

from assistant.hotkey import (
    GlobalHotkey,
    HotkeyProblem,
    Unavailable,
    parse_hotkey,
    session_problem,
)
from tests.hotkey.scripted import ScriptedSource, down, up


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, bool]] = []
        self.problems: list[HotkeyProblem] = []
        self.changed = asyncio.Event()

    def call(self, name: str) -> Callable[[], None]:
        def record() -> None:
            self.calls.append((name, threading.current_thread() is threading.main_thread()))
            self.changed.set()

        return record

    def problem(self, problem: HotkeyProblem) -> None:
        self.problems.append(problem)
        self.changed.set()

    async def until(self, count: int) -> None:
        while len(self.calls) + len(self.problems) < count:
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), 5)


def service(source: ScriptedSource, recorder: Recorder, text: str = "F8") -> GlobalHotkey:
    return GlobalHotkey(
        parse_hotkey(text),
        source,
        asyncio.get_running_loop(),
        on_press=recorder.call("press"),
        on_release=recorder.call("release"),
        on_problem=recorder.problem,
        grace=0.01,
    )


async def test_a_hold_reported_from_another_thread_presses_and_releases_on_the_loop() -> None:
    source, recorder = ScriptedSource(), Recorder()
    hotkey = service(source, recorder, "Ctrl+F8")
    assert hotkey.start() is None
    source.play(lambda sink: sink.ready(), down("Ctrl"), *[down("F8")] * 3)
    await recorder.until(1)
    assert hotkey.ready
    source.play(up("F8"), up("Ctrl"))
    await recorder.until(2)
    assert recorder.calls == [("press", True), ("release", True)]  # on the loop's thread


async def test_a_source_that_dies_mid_hold_releases_and_says_why() -> None:
    source, recorder = ScriptedSource(), Recorder()
    hotkey = service(source, recorder)
    hotkey.start()
    died = HotkeyProblem(Unavailable.STOPPED, "X connection broken")
    source.play(down("F8"), lambda sink: sink.ended(died))
    await recorder.until(3)
    assert [name for name, _ in recorder.calls] == ["press", "release"]
    assert recorder.problems == [died]
    assert hotkey.stopped and not hotkey.ready
    source.play(down("F8"))  # a late report changes nothing
    await asyncio.sleep(0)
    assert len(recorder.calls) == 2


async def test_stopping_releases_the_hold_and_ignores_what_the_thread_still_reports() -> None:
    source, recorder = ScriptedSource(), Recorder()
    hotkey = service(source, recorder)
    hotkey.start()
    source.play(down("F8"))
    await recorder.until(1)
    hotkey.stop()
    hotkey.stop()
    source.play(up("F8"), down("F8"), lambda sink: sink.ended(None))
    await asyncio.sleep(0.05)
    assert [name for name, _ in recorder.calls] == ["press", "release"]
    assert recorder.problems == [] and source.stops == 1


async def test_a_source_that_cannot_start_is_reported_and_never_stopped() -> None:
    problem = HotkeyProblem(Unavailable.NO_RECORD)
    source, recorder = ScriptedSource(problem), Recorder()
    hotkey = service(source, recorder)
    assert hotkey.start() == problem
    hotkey.stop()
    assert source.stops == 0 and hotkey.stopped


@pytest.mark.parametrize(
    ("env", "qt_platform", "reason"),
    [
        ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, "xcb", Unavailable.WAYLAND),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "", Unavailable.WAYLAND),
        ({"DISPLAY": ":0"}, "wayland", Unavailable.WAYLAND),
        ({}, "", Unavailable.NO_DISPLAY),
        ({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}, "xcb", None),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":1"}, "xcb", None),  # X11 beside Wayland
    ],
)
def test_the_session_says_whether_a_global_hotkey_can_work(
    env: dict[str, str], qt_platform: str, reason: Unavailable | None
) -> None:
    problem = session_problem(env, platform="linux", qt_platform=qt_platform)
    assert (problem.reason if problem else None) is reason


def test_windows_and_macos_sessions_rule_nothing_out() -> None:
    assert session_problem({}, platform="win32") is None
    assert session_problem({}, platform="darwin") is None
