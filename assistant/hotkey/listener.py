"""Global key events from pynput: the only module that imports pynput (and Xlib).

pynput is imported when the hotkey is switched on, never at start-up: without a display (or on
a machine where it cannot load) the app starts as usual and says why the hotkey is off. Its
listener runs on a thread of its own; a watcher thread reports readiness and the listener's end
(with the error that ended it) to the `KeySink`. On X11 the listener reads the RECORD
extension, checked before starting: without it pynput's thread dies before it is ready.
A listener that ends on its own (its X connection broke, a callback failed) is reported as
ended, which releases a hold in progress.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from typing import Any

from assistant.hotkey.availability import HotkeyProblem, Unavailable
from assistant.hotkey.combo import key_name
from assistant.hotkey.service import KeySink


class PynputSource:
    """A `KeySource` over `pynput.keyboard.Listener`."""

    def __init__(self, platform: str = sys.platform) -> None:
        self._platform = platform
        self._listener: Any = None
        self._stopping = False

    def probe(self) -> HotkeyProblem | None:
        """Why a listener could not start here (None: it can), without starting one."""
        return self._load()[1]

    def start(self, sink: KeySink) -> HotkeyProblem | None:
        keyboard, problem = self._load()
        if problem is not None:
            return problem
        listener = keyboard.Listener(
            on_press=lambda key, _injected: sink.key(_name(key), True),
            on_release=lambda key, _injected: sink.key(_name(key), False),
        )
        if getattr(listener, "IS_TRUSTED", True) is False:  # macOS without the permission
            return HotkeyProblem(Unavailable.NO_PERMISSION)
        self._listener = listener
        listener.start()
        threading.Thread(
            target=self._watch, args=(listener, sink), name="hotkey-watch", daemon=True
        ).start()
        return None

    def _load(self) -> tuple[Any, HotkeyProblem | None]:
        """pynput's keyboard module with its platform backend, or why it cannot work here."""
        try:
            from pynput import keyboard  # type: ignore[import-untyped]  # noqa: PLC0415  (lazy)
        except Exception as error:  # ImportError, or Xlib's error when the display is gone
            return None, self._problem(Unavailable.NO_LIBRARY, error)
        return keyboard, _x_problem() if self._platform.startswith("linux") else None

    def stop(self) -> None:
        self._stopping = True
        listener, self._listener = self._listener, None
        if listener is not None and listener.is_alive():
            listener.stop()
            _unblock_xorg(listener)

    def _watch(self, listener: Any, sink: KeySink) -> None:
        """Report readiness, then the listener's end (never blocks on a listener that died)."""
        threading.Thread(
            target=_when_ready, args=(listener, sink), name="hotkey-ready", daemon=True
        ).start()  # a listener that dies before it is ready leaves only this thread waiting
        threading.Thread.join(listener)  # not pynput's join, which may wait for ever
        error: BaseException | None = None
        try:
            listener.join(0)  # now pynput's: re-raises what ended a callback, if anything did
        except Exception as raised:
            error = raised
        stopping = self._stopping or self._listener is not listener
        sink.ended(None if stopping else self._problem(Unavailable.STOPPED, error))

    def _problem(self, reason: Unavailable, error: BaseException | None) -> HotkeyProblem:
        if self._platform == "darwin":
            reason = Unavailable.NO_PERMISSION
        lines = str(error or "").strip().splitlines()
        return HotkeyProblem(reason, lines[0] if lines else "")  # pynput adds advice lines


def _when_ready(listener: Any, sink: KeySink) -> None:
    listener.wait()
    sink.ready()


def _name(key: Any) -> str | None:
    """Our name of a pynput `Key` or `KeyCode` (see `combo.key_name`)."""
    return key_name(getattr(key, "name", None), getattr(key, "char", None))


def _x_problem() -> HotkeyProblem | None:
    """Why pynput's X11 listener cannot work on this display (None: it can)."""
    from Xlib import display  # type: ignore[import-untyped]  # noqa: PLC0415

    try:
        connection = display.Display()
    except Exception as error:  # DisplayError, ConnectionClosedError, OSError...
        return HotkeyProblem(Unavailable.NO_DISPLAY, str(error))
    try:
        has_record = connection.has_extension("RECORD")
    finally:
        connection.close()
    return None if has_record else HotkeyProblem(Unavailable.NO_RECORD)


def _unblock_xorg(listener: Any) -> None:
    """End pynput's X11 thread now, not at the next key press.

    pynput 1.8 disables the RECORD context on the connection its thread is blocked reading, so
    the thread ends only when another key event arrives (pynput pull request #583). Disabling
    it on the listener's second connection, as that change does, wakes it.
    """
    connection = getattr(listener, "_display_stop", None)
    context = getattr(listener, "_context", None)
    if connection is None or context is None:
        return
    with contextlib.suppress(Exception):  # the thread may have closed it already
        connection.record_disable_context(context)
        connection.flush()
