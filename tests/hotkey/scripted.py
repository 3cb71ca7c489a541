"""A scripted `KeySource`: key events sent from a thread of the test's, as pynput sends them."""

from __future__ import annotations

import threading
from collections.abc import Callable

from assistant.hotkey import HotkeyProblem, KeySink


class ScriptedSource:
    """A `KeySource` whose events the test sends from a thread of its own, as pynput does."""

    def __init__(self, problem: HotkeyProblem | None = None) -> None:
        self.problem, self.stops = problem, 0
        self.sink: KeySink | None = None

    def start(self, sink: KeySink) -> HotkeyProblem | None:
        self.sink = sink
        return self.problem

    def stop(self) -> None:
        self.stops += 1

    def play(self, *script: Callable[[KeySink], None]) -> None:
        """Run `script` on another thread, in order, and wait for it to finish."""
        assert self.sink is not None
        sink = self.sink
        thread = threading.Thread(target=lambda: [step(sink) for step in script])
        thread.start()
        thread.join()


def down(name: str) -> Callable[[KeySink], None]:
    return lambda sink: sink.key(name, True)


def up(name: str) -> Callable[[KeySink], None]:
    return lambda sink: sink.key(name, False)
