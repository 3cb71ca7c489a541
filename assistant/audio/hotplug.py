"""Keeping the chosen device pair open while devices come and go.

Theory of operation. `DeviceWatcher.poll()` is called from the asyncio loop about once a second
(`watch()` does that); time is counted in polls, never read from a clock.

- A stream that failed (PortAudio stopped it: device unplugged, sound server gone) or stalled
  (its callback count did not move for `stall_polls` polls while it was not resting, see
  `AudioStream.rest`) is recovered at once: both streams are closed, PortAudio looks for
  devices again, the pair is resolved anew (falling back to the system default, with a
  `DeviceFallback` notice) and reopened. The speaker keeps its queued
  reply, so playback continues on the new device.
- While a role is on a fallback, or has no device at all, the wanted device is tried again
  every `retry_polls` polls: first without a rescan (it may be listed but have failed to
  open), and, when the caller says the moment is quiet (no reply playing, nobody speaking),
  with a rescan. A rescan has to close both streams for about 60 ms (PortAudio cannot look for
  devices with streams open), and reopening them makes the echo canceller converge again; so
  the rescan also waits until the backend's lister (a helper process that looks without
  closing our streams: `assistant.audio.lister`) sees a device the role waits for that this
  process does not list yet (one it lists is tried without a rescan). The other side is then
  reopened once, when something changed, not at every retry. A backend with no lister, or one
  that stopped working, is rescanned at every retry as before. When the wanted device is back:
  `DeviceRestored`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from assistant.audio.lister import LOOK_SECONDS, DeviceLister
from assistant.audio.selection import (
    DeviceFallback,
    DeviceInfo,
    DeviceKey,
    DevicePair,
    Role,
    default_device,
    find_device,
)
from assistant.audio.streams import AudioBackend, AudioStream, DeviceError

ROLES: tuple[Role, Role] = ("input", "output")


@dataclass(frozen=True)
class DeviceLost:
    """The stream on `device` stopped on its own (unplugged, or the sound server went away)."""

    role: Role
    device: DeviceInfo


@dataclass(frozen=True)
class DeviceRestored:
    """The device the user chose for `role` (or, with no choice, a default one after none
    was available) is back and in use again."""

    role: Role
    device: DeviceInfo


@dataclass(frozen=True)
class DeviceUnavailable:
    """No device at all could be opened for `role`; the watcher keeps trying."""

    role: Role
    reason: str


DeviceNotice = DeviceFallback | DeviceLost | DeviceRestored | DeviceUnavailable


class Endpoint(Protocol):
    """A `Microphone` or a `Speaker`: something that runs on one device stream at a time."""

    @property
    def stream(self) -> AudioStream | None: ...

    def attach(self, backend: AudioBackend, device: DeviceInfo) -> AudioStream: ...

    def detach(self) -> None: ...


class DeviceWatcher:
    """Keeps a microphone and a speaker on the chosen pair, with fallbacks and recovery."""

    def __init__(
        self,
        backend: AudioBackend,
        endpoints: dict[Role, Endpoint],
        pair: DevicePair,
        on_notice: Callable[[DeviceNotice], None],
        *,
        retry_polls: int = 5,
        stall_polls: int | None = 3,
        look_seconds: float = LOOK_SECONDS,
    ) -> None:
        """`endpoints` maps "input" to a Microphone and/or "output" to a Speaker;
        `look_seconds` is how often the backend's lister looks while a role waits."""
        self._backend = backend
        self._endpoints = endpoints
        self._pair = pair
        self._notify = on_notice
        self._retry_polls, self._stall_polls = retry_polls, stall_polls
        self._fallback: dict[Role, DeviceFallback | None] = dict.fromkeys(ROLES)
        self._stalled = dict.fromkeys(ROLES, 0)
        self._last_blocks = dict.fromkeys(ROLES, -1)
        self._polls_since_retry = 0
        self._unavailable_roles: set[Role] = set()
        self._look_seconds = look_seconds
        self._lister: DeviceLister | None = None
        self._blind = False  # the backend has no lister: rescan to look

    @property
    def pair(self) -> DevicePair:
        """The pair the user chose."""
        return self._pair

    def device(self, role: Role) -> DeviceInfo | None:
        """The device in use for `role` now."""
        endpoint = self._endpoints.get(role)
        stream = endpoint.stream if endpoint else None
        return stream.device if stream else None

    def fallbacks(self) -> list[DeviceFallback]:
        """The roles currently not on the device the user chose."""
        return [f for f in self._fallback.values() if f is not None]

    def start(self) -> None:
        """Open the pair as it resolves against the devices listed now."""
        for role in self._endpoints:
            self._open(role, self._backend.list_devices())

    def select(self, pair: DevicePair) -> None:
        """Switch to another pair now (no rescan: the device list is the last one seen)."""
        self._pair = pair
        self.start()

    def poll(self, quiet: bool = True) -> None:
        """Check the streams once; recover failed ones, retry wanted devices that were missing."""
        lost = [role for role in self._endpoints if self._has_failed(role)]
        if lost:
            for role in lost:
                self._notify(DeviceLost(role, self._current(role)))
            self.rescan()
        else:
            self._polls_since_retry += 1
            if self._needs_retry() and self._polls_since_retry >= self._retry_polls:
                self._polls_since_retry = 0
                self._retry_wanted(quiet)
        if not self._needs_retry():
            self._stop_looking()

    def rescan(self) -> list[DeviceInfo]:
        """Close the streams, look for devices again and reopen the pair; returns the devices."""
        for endpoint in self._endpoints.values():
            endpoint.detach()
        try:
            devices = self._backend.rescan()
        except DeviceError:  # another stream of the backend is open (a probe): use the old list
            devices = self._backend.list_devices()
        for role in self._endpoints:
            self._open(role, devices)
        return devices

    def close(self) -> None:
        """Close both streams (and stop looking for devices)."""
        self._stop_looking()
        for endpoint in self._endpoints.values():
            endpoint.detach()

    async def watch(self, interval: float = 1.0, quiet: Callable[[], bool] = lambda: True) -> None:
        """Poll every `interval` seconds until cancelled."""
        while True:
            await asyncio.sleep(interval)
            self.poll(quiet())

    def _retry_wanted(self, quiet: bool) -> None:
        listed = self._backend.list_devices()
        waiting = [r for r, f in self._fallback.items() if f and find_device(listed, f.wanted, r)]
        for role in waiting:
            self._open(role, listed)
        if quiet and self._needs_retry() and self._worth_a_rescan():
            self.rescan()

    def _needs_retry(self) -> bool:
        return bool(self.fallbacks() or self._unavailable_roles)

    def _worth_a_rescan(self) -> bool:
        """A device a waiting role would take is there (or nothing can tell without one)."""
        if self._lister is None and not self._blind:
            self._lister = self._backend.lister(self._look_seconds)
            self._blind = self._lister is None
        if self._lister is None or not self._lister.working:
            return True
        seen = self._lister.seen()
        if seen is None:
            return False
        known = {device.key for device in self._backend.list_devices()}
        new = [device for device in seen if device.key not in known]  # a rescan would add them
        return any(self._would_take(role, new) for role in self._endpoints)

    def _would_take(self, role: Role, devices: list[DeviceInfo]) -> bool:
        wanted = self._pair.wanted(role)
        if role in self._unavailable_roles:
            return bool(_candidates(devices, wanted, role))
        return (
            self._fallback[role] is not None
            and wanted is not None
            and find_device(devices, wanted, role) is not None
        )

    def _stop_looking(self) -> None:
        if self._lister is not None:
            self._lister.close()
            self._lister = None

    def _has_failed(self, role: Role) -> bool:
        stream = self._endpoints[role].stream
        if stream is None:
            return False
        if stream.failed:
            return True
        if stream.resting:  # stopped on purpose: not a stall
            self._stalled[role], self._last_blocks[role] = 0, -1
            return False
        blocks = stream.blocks
        self._stalled[role] = self._stalled[role] + 1 if blocks == self._last_blocks[role] else 0
        self._last_blocks[role] = blocks
        return self._stall_polls is not None and self._stalled[role] >= self._stall_polls

    def _current(self, role: Role) -> DeviceInfo:
        stream = self._endpoints[role].stream
        assert stream is not None  # only asked for a role whose stream failed
        return stream.device

    def _open(self, role: Role, devices: list[DeviceInfo]) -> None:
        wanted = self._pair.wanted(role)
        before = self._fallback[role]
        reason = "is not connected"
        for device in _candidates(devices, wanted, role):
            if not self._same_stream(role, device):
                try:
                    self._endpoints[role].attach(self._backend, device)
                except DeviceError as error:
                    reason = f"could not be opened ({error})"
                    continue
                self._stalled[role], self._last_blocks[role] = 0, -1
            self._opened(role, device, wanted, before, reason)
            return
        self._endpoints[role].detach()
        self._unavailable(role, wanted, reason)

    def _same_stream(self, role: Role, device: DeviceInfo) -> bool:
        stream = self._endpoints[role].stream
        return stream is not None and not stream.failed and stream.device == device

    def _opened(
        self,
        role: Role,
        device: DeviceInfo,
        wanted: DeviceKey | None,
        before: DeviceFallback | None,
        reason: str,
    ) -> None:
        was_unavailable = role in self._unavailable_roles
        self._unavailable_roles.discard(role)
        if wanted is None or device.key == wanted:
            self._fallback[role] = None
            if before is not None or was_unavailable:  # back after a fallback or none at all
                self._notify(DeviceRestored(role, device))
            return
        fallback = DeviceFallback(role, wanted, device, reason)
        self._fallback[role] = fallback
        if before is None or before.used != device:
            self._notify(fallback)

    def _unavailable(self, role: Role, wanted: DeviceKey | None, reason: str) -> None:
        if wanted is not None:
            self._fallback[role] = DeviceFallback(role, wanted, None, reason)
        if role not in self._unavailable_roles:
            self._unavailable_roles.add(role)
            self._notify(DeviceUnavailable(role, reason))


def _candidates(
    devices: list[DeviceInfo], wanted: DeviceKey | None, role: Role
) -> list[DeviceInfo]:
    """The wanted device (if present), then the default, without repeats."""
    found = find_device(devices, wanted, role) if wanted else None
    fallback = default_device(devices, role)
    return [d for d in dict.fromkeys([found, fallback]) if d is not None]
