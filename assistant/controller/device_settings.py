"""The device pair the settings remember, and settings remembering a pair (by name and host
API, never by index: indexes change when devices come and go)."""

from __future__ import annotations

from dataclasses import replace

from assistant.audio.selection import DeviceKey, DevicePair
from assistant.settings.store import AppSettings


def settings_pair(settings: AppSettings) -> DevicePair:
    """The device pair the settings remember ("" names: the system default)."""
    keys = [
        DeviceKey(name, host_api) if name else None
        for name, host_api in (
            (settings.input_device, settings.input_host_api),
            (settings.output_device, settings.output_host_api),
        )
    ]
    return DevicePair(*keys)


def with_pair(settings: AppSettings, pair: DevicePair) -> AppSettings:
    """`settings` remembering `pair` by name and host API."""
    empty = DeviceKey("", "")
    chosen_in, chosen_out = pair.input or empty, pair.output or empty
    return replace(
        settings,
        input_device=chosen_in.name,
        input_host_api=chosen_in.host_api,
        output_device=chosen_out.name,
        output_host_api=chosen_out.host_api,
    )
