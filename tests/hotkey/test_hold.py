"""Holding the hotkey: one press and one release per hold, whatever the keyboard repeats."""

from __future__ import annotations

from collections.abc import Callable

from assistant.hotkey import HoldTracker, parse_hotkey


class ManualTimers:
    """`Schedule` whose timers fire when the test says so."""

    def __init__(self) -> None:
        self.due: list[ManualTimer] = []

    def __call__(self, delay: float, callback: Callable[[], None]) -> ManualTimer:
        timer = ManualTimer(delay, callback)
        self.due.append(timer)
        return timer

    def fire(self) -> None:
        timers, self.due = self.due, []
        for timer in timers:
            if not timer.cancelled:
                timer.callback()


class ManualTimer:
    def __init__(self, delay: float, callback: Callable[[], None]) -> None:
        self.delay, self.callback, self.cancelled = delay, callback, False

    def cancel(self) -> None:
        self.cancelled = True


def tracker(text: str) -> tuple[HoldTracker, list[str], ManualTimers]:
    calls: list[str] = []
    timers = ManualTimers()
    hold = HoldTracker(
        parse_hotkey(text), lambda: calls.append("press"), lambda: calls.append("release"), timers
    )
    return hold, calls, timers


def test_a_hold_with_x11_autorepeat_is_one_press_and_one_release() -> None:
    hold, calls, timers = tracker("F8")
    hold.key("F8", True)
    for _ in range(5):  # X11: each repeat is a release and a press at the same instant
        hold.key("F8", False)
        hold.key("F8", True)
    timers.fire()
    assert calls == ["press"]
    hold.key("F8", False)
    assert calls == ["press"]  # not yet: a repeat may follow
    assert timers.due[0].delay == 0.05
    timers.fire()
    assert calls == ["press", "release"]


def test_repeated_presses_alone_do_not_press_again() -> None:
    hold, calls, timers = tracker("Pause")
    for _ in range(4):  # Windows, macOS and X11's RECORD repeat the press only
        hold.key("Pause", True)
    hold.key("Pause", False)
    timers.fire()
    assert calls == ["press", "release"]


def test_a_combination_starts_with_exactly_its_modifiers_and_ends_with_any_key() -> None:
    hold, calls, timers = tracker("Ctrl+Shift+Space")
    hold.key("Space", True)  # the key alone
    hold.key("Space", False)
    hold.key("Ctrl", True)
    hold.key("Space", True)  # one modifier short
    hold.key("Space", False)
    hold.key("Shift", True)
    hold.key("Alt", True)
    hold.key("Space", True)  # one modifier too many
    hold.key("Space", False)
    hold.key("Alt", False)
    assert calls == []
    hold.key("Space", True)
    hold.key("A", True)  # other keys during the hold change nothing
    hold.key("A", False)
    assert calls == ["press"]
    hold.key("Ctrl", False)  # the first key of the combination to go up ends it
    timers.fire()
    hold.key("Shift", False)
    hold.key("Space", False)
    timers.fire()
    assert calls == ["press", "release"]


def test_pressing_again_within_the_grace_continues_the_hold() -> None:
    hold, calls, timers = tracker("F8")
    hold.key("F8", True)
    hold.key("F8", False)
    hold.key("F8", True)
    timers.fire()
    assert calls == ["press"] and hold.held


def test_reset_releases_a_hold_in_progress_once() -> None:
    hold, calls, timers = tracker("F8")
    hold.key("F8", True)
    hold.key("F8", False)
    hold.reset()
    timers.fire()
    hold.reset()
    assert calls == ["press", "release"]
    assert hold.down == set()
    hold.key(None, True)  # keys no hotkey names are ignored
    assert calls == ["press", "release"]
