"""Audio devices as plain values, and the choice of an input/output pair.

Nothing here talks to PortAudio: `assistant.audio.devices` turns what PortAudio reports into
`DeviceInfo` values, and everything else (settings, the UI, the CLI, tests) works with these.

A device is remembered by `DeviceKey` (name and host API), never by index: indexes change when
anything is plugged in. `resolve_pair` maps a remembered `DevicePair` onto the devices present
now and says, with a `DeviceFallback` per role, when it had to use the system default instead.
Names typed on the command line are matched by `match_device` (a unique part is enough).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Role = Literal["input", "output"]

# ALSA appends the card and device numbers, which change when a USB device is re-plugged:
# "USB Audio Device: - (hw:2,0)" may come back as "(hw:3,0)".
_ALSA_CARD_SUFFIX = re.compile(r"\s*\(hw:\d+,\d+\)$")


def stable_name(name: str) -> str:
    """The device name without parts that change between plug-ins (ALSA card numbers)."""
    return _ALSA_CARD_SUFFIX.sub("", name)


@dataclass(frozen=True)
class DeviceKey:
    """How a device is remembered in settings: its name and host API (not its index)."""

    name: str
    host_api: str

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready form; `DeviceKey.from_dict` reads it back."""
        return {"name": self.name, "host_api": self.host_api}

    @classmethod
    def from_dict(cls, data: Mapping[str, str]) -> DeviceKey:
        """Read a key written by `to_dict`; raises KeyError when a field is missing."""
        return cls(name=data["name"], host_api=data["host_api"])

    def __str__(self) -> str:
        return f"{self.name} ({self.host_api})"


@dataclass(frozen=True)
class DeviceInfo:
    """One device as PortAudio reports it at the last scan. `index` is valid until the next scan."""

    index: int
    name: str
    host_api: str
    input_channels: int
    output_channels: int
    default_rate: float
    is_default_input: bool = False
    is_default_output: bool = False

    @property
    def key(self) -> DeviceKey:
        """The key to remember this device by."""
        return DeviceKey(self.name, self.host_api)

    def has(self, role: Role) -> bool:
        """True when the device has channels for `role`."""
        return (self.input_channels if role == "input" else self.output_channels) > 0

    def is_default(self, role: Role) -> bool:
        """True when the system uses this device by default for `role`."""
        return self.is_default_input if role == "input" else self.is_default_output


@dataclass(frozen=True)
class DevicePair:
    """The devices the user chose; None means "the system default" for that role."""

    input: DeviceKey | None = None
    output: DeviceKey | None = None

    def wanted(self, role: Role) -> DeviceKey | None:
        """The remembered device for `role`, or None for the system default."""
        return self.input if role == "input" else self.output

    def to_dict(self) -> dict[str, dict[str, str] | None]:
        """A JSON-ready form for settings; `DevicePair.from_dict` reads it back."""
        return {
            "input": self.input.to_dict() if self.input else None,
            "output": self.output.to_dict() if self.output else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Mapping[str, str] | None]) -> DevicePair:
        """Read a pair written by `to_dict`; a missing role means the system default."""
        keys = {role: data.get(role) for role in ("input", "output")}
        return cls(*(DeviceKey.from_dict(k) if k else None for k in keys.values()))


@dataclass(frozen=True)
class DeviceFallback:
    """A notice for the user: `wanted` could not be used for `role`, so `used` is used instead.

    `used` is None when no device at all is available for the role. `reason` is a short
    human-readable sentence fragment such as "not connected" or "could not be opened: ...".
    """

    role: Role
    wanted: DeviceKey
    used: DeviceInfo | None
    reason: str

    def message(self) -> str:
        """One line for the UI or the log."""
        instead = f"using {self.used.name}" if self.used else "no device available"
        return f"{self.role.capitalize()} {self.wanted} {self.reason}; {instead}."


@dataclass(frozen=True)
class ResolvedPair:
    """The devices to open now; a role is None when no device for it exists at all."""

    input: DeviceInfo | None
    output: DeviceInfo | None
    fallbacks: tuple[DeviceFallback, ...] = ()

    def device(self, role: Role) -> DeviceInfo | None:
        """The device resolved for `role`."""
        return self.input if role == "input" else self.output


def default_device(devices: Iterable[DeviceInfo], role: Role) -> DeviceInfo | None:
    """The system default device for `role`, else the first device that has the role."""
    candidates = [d for d in devices if d.has(role)]
    for device in candidates:
        if device.is_default(role):
            return device
    return candidates[0] if candidates else None


class DeviceNameError(ValueError):
    """A device name given by the user matches no device, or more than one (the message says
    which devices there are, in one sentence)."""


def match_device(devices: Iterable[DeviceInfo], name: str, role: Role) -> DeviceInfo:
    """The `role` device called `name`, ignoring case: the one with exactly that name, else the
    only one whose name contains it. Raises `DeviceNameError` listing the candidates."""
    candidates = [d for d in devices if d.has(role)]
    wanted = name.casefold()
    exact = [d for d in candidates if d.name.casefold() == wanted]
    matches = exact or [d for d in candidates if wanted in d.name.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise DeviceNameError(
            f"{name!r} matches {len(matches)} {role} devices ({_names(matches)}); "
            "give more of the name."
        )
    listed = (
        f"the {role} devices are: {_names(candidates)}"
        if candidates
        else f"there is no {role} device"
    )
    raise DeviceNameError(f"{name!r} matches no {role} device; {listed}.")


def _names(devices: Iterable[DeviceInfo]) -> str:
    return ", ".join(d.name for d in devices)


def find_device(devices: Iterable[DeviceInfo], key: DeviceKey, role: Role) -> DeviceInfo | None:
    """The device remembered as `key`: exact name first, then the name without card numbers."""
    candidates = [d for d in devices if d.has(role) and d.host_api == key.host_api]
    for device in candidates:
        if device.name == key.name:
            return device
    wanted = stable_name(key.name)
    for device in candidates:
        if stable_name(device.name) == wanted:
            return device
    return None


def resolve_role(
    devices: Iterable[DeviceInfo], pair: DevicePair, role: Role
) -> tuple[DeviceInfo | None, DeviceFallback | None]:
    """The device for one role of `pair`, with a fallback notice when the wanted one is missing."""
    devices = list(devices)
    key = pair.wanted(role)
    found = find_device(devices, key, role) if key is not None else None
    if key is None or found is not None:
        return found or default_device(devices, role), None
    used = default_device(devices, role)
    return used, DeviceFallback(role, key, used, "is not connected")


def resolve_pair(devices: Iterable[DeviceInfo], pair: DevicePair) -> ResolvedPair:
    """Map a remembered pair onto the devices present now, falling back to the defaults."""
    devices = list(devices)
    found_in, fallback_in = resolve_role(devices, pair, "input")
    found_out, fallback_out = resolve_role(devices, pair, "output")
    fallbacks = tuple(f for f in (fallback_in, fallback_out) if f is not None)
    return ResolvedPair(found_in, found_out, fallbacks)
