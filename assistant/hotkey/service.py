"""The global hotkey on the event loop: a key source's thread in, press/release on the loop.

A `KeySource` (pynput's listener in the app, a scripted one in tests) reports key events,
readiness and its end to a `KeySink` from its own thread. `GlobalHotkey` hands each report to
the asyncio loop with `call_soon_threadsafe` and runs the `HoldTracker` there, so `on_press` and
`on_release` run on the loop's thread (the Qt GUI thread in the app). When the source ends on its
own, a hold in progress is released and `on_problem` says why.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Protocol

from assistant.hotkey.availability import HotkeyProblem
from assistant.hotkey.combo import Hotkey
from assistant.hotkey.hold import RELEASE_GRACE, HoldTracker


class KeySink(Protocol):
    """Where a key source reports; any thread may call."""

    def key(self, name: str | None, down: bool) -> None: ...
    def ready(self) -> None: ...
    def ended(self, problem: HotkeyProblem | None) -> None: ...


class KeySource(Protocol):
    """Global key events: `start` returns a problem instead of raising; `stop` never blocks."""

    def start(self, sink: KeySink) -> HotkeyProblem | None: ...
    def stop(self) -> None: ...


class _LoopSink:
    """A `KeySink` that runs each report on `loop` (reports after the loop closed are dropped)."""

    def __init__(self, owner: GlobalHotkey, loop: asyncio.AbstractEventLoop) -> None:
        self._owner, self._loop = owner, loop

    def key(self, name: str | None, down: bool) -> None:
        self._post(self._owner.on_key, name, down)

    def ready(self) -> None:
        self._post(self._owner.on_ready)

    def ended(self, problem: HotkeyProblem | None) -> None:
        self._post(self._owner.on_ended, problem)

    def _post(self, handler: Callable[..., None], *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is closed: the app is gone
            self._loop.call_soon_threadsafe(handler, *args)


class GlobalHotkey:
    """`hotkey` on `source`, calling back on `loop`'s thread; see the module docstring."""

    def __init__(
        self,
        hotkey: Hotkey,
        source: KeySource,
        loop: asyncio.AbstractEventLoop,
        *,
        on_press: Callable[[], None],
        on_release: Callable[[], None],
        on_problem: Callable[[HotkeyProblem], None],
        grace: float = RELEASE_GRACE,
    ) -> None:
        self.hotkey, self._source, self._loop = hotkey, source, loop
        self.tracker = HoldTracker(hotkey, on_press, on_release, loop.call_later, grace)
        self._on_problem = on_problem
        self.ready = self.stopped = False

    def start(self) -> HotkeyProblem | None:
        """Start listening; the problem when the source cannot (nothing then runs)."""
        problem = self._source.start(_LoopSink(self, self._loop))
        if problem is not None:
            self.stopped = True
        return problem

    def stop(self) -> None:
        """Stop listening; a hold in progress is released now."""
        if not self.stopped:
            self.stopped = True
            self._source.stop()
        self.tracker.reset()

    def on_key(self, name: str | None, down: bool) -> None:
        if not self.stopped:
            self.tracker.key(name, down)

    def on_ready(self) -> None:
        self.ready = not self.stopped

    def on_ended(self, problem: HotkeyProblem | None) -> None:
        self.ready = False
        self.tracker.reset()
        if not self.stopped:
            self.stopped = True
            if problem is not None:
                self._on_problem(problem)
