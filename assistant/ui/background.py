"""Work on a worker thread whose result is handed back on the GUI thread.

A Qt object must be deleted on the thread it lives on. A job that held one (a bound method of
a model or a widget) could drop the last reference to it on the worker thread, when the job
ended after the object's owner had let go of it: Qt then deleted the object there while the
GUI thread still had an event for it, and the process died (a bus error, seen in CI). So a job
here holds no Qt object: `work` is plain data and functions, and `then`, a bound method, is held
only weakly. The result travels through one `_Relay` that lives as long as the process; when
`then`'s object is gone by the time the result arrives, the result is dropped.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

T = TypeVar("T")
_log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries results from worker threads to the GUI thread (queued: it lives there)."""

    done = Signal(object, object)  # weakref.WeakMethod, the result

    def __init__(self) -> None:
        super().__init__()
        self.done.connect(self._deliver)

    @staticmethod
    def _deliver(then: weakref.WeakMethod[Callable[[Any], None]], result: object) -> None:
        method = then()
        if method is not None:
            method(result)


_relay: _Relay | None = None


def run_in_background(
    pool: ThreadPoolExecutor, work: Callable[[], T], then: Callable[[T], None], failed: T
) -> None:
    """Run `work()` in `pool`, then `then(result)` on the GUI thread (`failed` when `work`
    raised; it is logged). Call it on the GUI thread; `then` must be a bound method."""
    global _relay  # noqa: PLW0603  (one relay, made on the GUI thread at first use)
    relay = _relay = _relay or _Relay()
    then_weakly = weakref.WeakMethod(then)  # (a bound method: `then` is held weakly)

    def job() -> None:
        result = failed
        try:
            result = work()
        except Exception:
            _log.exception("background work failed")
        finally:
            relay.done.emit(then_weakly, result)

    pool.submit(job)
