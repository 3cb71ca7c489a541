"""Holding a hotkey: key events in, exactly one press and one release per hold out.

Keyboards repeat a held key. Windows and macOS repeat the press; X11 may also send a release
right before each repeated press. `HoldTracker` ignores presses while the hotkey is held and
waits `grace` seconds before believing a release: a press of the combination within that time
continues the same hold. The combination starts a hold when its key goes down while exactly its
modifiers are held (Ctrl+F8 does not fire F8); it ends when any of its keys goes up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from assistant.hotkey.combo import MODIFIERS, Hotkey

RELEASE_GRACE = 0.05  # seconds; X11 sends a repeat's release and press together


class Pending(Protocol):
    def cancel(self) -> None: ...


Schedule = Callable[[float, Callable[[], None]], Pending]  # e.g. asyncio's loop.call_later


class HoldTracker:
    """Feeds on key events (one thread), calls `on_press`/`on_release`; see the module doc."""

    def __init__(
        self,
        hotkey: Hotkey,
        on_press: Callable[[], None],
        on_release: Callable[[], None],
        schedule: Schedule,
        grace: float = RELEASE_GRACE,
    ) -> None:
        self.hotkey, self._press, self._release = hotkey, on_press, on_release
        self._schedule, self._grace = schedule, grace
        self.down: set[str] = set()
        self.held = False
        self._pending: Pending | None = None

    def key(self, name: str | None, down: bool) -> None:
        """A key went down or up (`name` None: a key no hotkey uses)."""
        if name is None:
            return
        if down:
            self.down.add(name)
            if name == self.hotkey.key and self._modifiers_match():
                self._start()
        else:
            self.down.discard(name)
            if self.held and name in self.hotkey.names and self._pending is None:
                self._pending = self._schedule(self._grace, self._end)

    def reset(self) -> None:
        """Forget every key (the listener stopped): a hold in progress ends now."""
        self.down.clear()
        if self._pending is not None:
            self._pending.cancel()
        self._end()

    def _modifiers_match(self) -> bool:
        return {name for name in self.down if name in MODIFIERS} == self.hotkey.modifiers

    def _start(self) -> None:
        if self._pending is not None:  # a repeat: the hold goes on
            self._pending.cancel()
            self._pending = None
        if not self.held:
            self.held = True
            self._press()

    def _end(self) -> None:
        self._pending = None
        if self.held:
            self.held = False
            self._release()
