"""The device pair the settings remember, and settings remembering a pair (by name and host
API, never by index: indexes change when devices come and go); what the echo probe found for a
pair (`AppSettings.echo_probes`, keyed by `pair_name`), read the same way by the window and by
`realtime-assistant voice`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from assistant.audio.echo import EchoVerdict
from assistant.audio.selection import DeviceInfo, DeviceKey, DevicePair
from assistant.settings.store import AppSettings

Probes = Mapping[str, Mapping[str, Any]]


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


def pair_name(microphone: DeviceKey, speaker: DeviceKey) -> str:
    """The key of a device pair in `AppSettings.echo_probes`, e.g. "Mic (ALSA) -> Out (ALSA)"."""
    return f"{microphone} -> {speaker}"


def stored_verdict(
    probes: Probes, microphone: DeviceInfo | None, speaker: DeviceInfo | None
) -> EchoVerdict | None:
    """What the probe found for this pair (None: never probed, or not a pair)."""
    if microphone is None or speaker is None:
        return None
    entry = probes.get(pair_name(microphone.key, speaker.key))
    if entry is None:
        return None
    echo_db = entry.get("echo_db")
    return EchoVerdict(bool(entry["hears_speaker"]), None if echo_db is None else float(echo_db))


def with_verdict(
    probes: Probes, microphone: DeviceKey, speaker: DeviceKey, verdict: EchoVerdict
) -> dict[str, dict[str, Any]]:
    """`probes` with `verdict` for the pair (replacing an older one)."""
    entry = {"hears_speaker": verdict.hears_speaker, "echo_db": verdict.echo_db}
    return {**{k: dict(v) for k, v in probes.items()}, pair_name(microphone, speaker): entry}
