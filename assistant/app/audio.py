"""Opening the speaker and the microphone on the chosen device pair and keeping them open.

The pair comes from the settings (remembered by name and host API, never by index). A
`DeviceWatcher` opens it, falls back to the system default when a remembered device is not
there, and recovers without a restart when a device disappears or comes back (a failed stream
is noticed at once, a stalled one within a few polls); each change is a typed notice
(`AudioNotice`) for the window, which says it in one sentence (`audio_notice_text`);
`device_state` tells whether a side is left without any device, a problem the window keeps
in view until a device is back; a side with no device at start is the same problem (`missing`),
watched the same way. In push-to-talk, between turns, both streams rest (`IdleRest`).
Without PortAudio the app still runs text only: both sides are None and `note` says so in
one sentence.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.audio.capture import Microphone
from assistant.audio.echo import EchoMode, EchoProcessor, EchoVerdict, resolve_mode
from assistant.audio.hotplug import (
    DeviceLost,
    DeviceNotice,
    DeviceRestored,
    DeviceUnavailable,
    DeviceWatcher,
    Endpoint,
)
from assistant.audio.levels import SilentMicrophone
from assistant.audio.playback import Speaker
from assistant.audio.playbuffer import PlayState
from assistant.audio.selection import (
    DeviceFallback,
    DeviceInfo,
    DevicePair,
    Role,
    resolve_pair,
)
from assistant.audio.streams import AudioBackend, DeviceError
from assistant.controller import Controller, TurnMode
from assistant.controller.device_settings import Probes, stored_verdict
from assistant.ui.i18n import QT_TRANSLATE_NOOP, localize, translate

TEXT_ONLY = QT_TRANSLATE_NOOP("Audio", "No microphone or speaker was found: text only.")
DEVICE_NOTICES = {
    ("lost", "input"): QT_TRANSLATE_NOOP(
        "Audio", "The microphone {device} stopped; switching devices."
    ),
    ("lost", "output"): QT_TRANSLATE_NOOP(
        "Audio", "The speaker {device} stopped; switching devices."
    ),
    ("restored", "input"): QT_TRANSLATE_NOOP("Audio", "Using the microphone {device} again."),
    ("restored", "output"): QT_TRANSLATE_NOOP("Audio", "Using the speaker {device} again."),
    ("fallback", "input"): QT_TRANSLATE_NOOP(
        "Audio", "The chosen microphone {wanted} is not available; using {device} instead."
    ),
    ("fallback", "output"): QT_TRANSLATE_NOOP(
        "Audio", "The chosen speaker {wanted} is not available; using {device} instead."
    ),
    ("none", "input"): QT_TRANSLATE_NOOP(
        "Audio", "No microphone is available; the app keeps looking for one."
    ),
    ("none", "output"): QT_TRANSLATE_NOOP(
        "Audio", "No speaker is available; the app keeps looking for one."
    ),
}


SILENT = {
    True: QT_TRANSLATE_NOOP(
        "Audio",
        "The microphone {device} has sent only zeros for {seconds} s: it may be muted, in use "
        "elsewhere or the wrong device.",
    ),
    False: QT_TRANSLATE_NOOP(
        "Audio",
        "The microphone {device} has sent the same value for {seconds} s: it may be muted, in "
        "use elsewhere or the wrong device.",
    ),
}


def silent_text(warning: SilentMicrophone) -> str:
    """The silent-microphone warning as one translated sentence for the window."""
    text = translate("Audio", SILENT[warning.value == 0])
    return text.format(device=warning.device, seconds=f"{warning.seconds:.0f}")


def notice_text(notice: DeviceNotice) -> str:
    """A device change as one translated sentence for the window."""
    kind, role, names = _notice_parts(notice)
    return translate("Audio", DEVICE_NOTICES[kind, role]).format(**names)


AudioNotice = DeviceNotice | SilentMicrophone  # what the audio side reports while it runs


def audio_notice_text(notice: AudioNotice) -> str:
    """Any audio notice as one translated sentence."""
    if isinstance(notice, SilentMicrophone):
        return silent_text(notice)
    return notice_text(notice)


def device_state(notice: AudioNotice) -> tuple[Role, bool] | None:
    """(role, whether a device is in use for it now) after a device change; None when the
    notice changes nothing about that (a silent microphone, a stream that just stopped)."""
    match notice:
        case DeviceUnavailable(role=role) | DeviceFallback(role=role, used=None):
            return role, False
        case DeviceRestored(role=role) | DeviceFallback(role=role):
            return role, True
    return None


def _notice_parts(notice: DeviceNotice) -> tuple[str, Role, dict[str, str]]:
    match notice:
        case DeviceLost(role=role, device=device):
            return "lost", role, {"device": device.name}
        case DeviceRestored(role=role, device=device):
            return "restored", role, {"device": device.name}
        case DeviceFallback(role=role, wanted=wanted, used=DeviceInfo() as used):
            return "fallback", role, {"wanted": wanted.name, "device": used.name}
        case DeviceFallback(role=role) | DeviceUnavailable(role=role):
            return "none", role, {}
    raise AssertionError(notice)  # pragma: no cover  (the union is exhausted above)


ECHO_FALLBACK = QT_TRANSLATE_NOOP(
    "Audio",
    "Echo cancellation is not available ({why}): the microphone now pauses while the assistant "
    "speaks. Interrupt it with the talk key, the stop button, by typing, or by speaking up.",
)
VAD_MISSING = QT_TRANSLATE_NOOP(
    "Audio", "Local speech detection is not available ({why}): interruptions wait for the server."
)


REST_AFTER_POLLS = 2
"""Push-to-talk: a device stream rests after this many quiet polls of the watcher (~2 s)."""

PREBUFFER_MS = (80, 250)  # the speaker's prebuffer: start at 80 ms, grow to 250 after underruns
SHORT_PREBUFFER_MS = (40, 120)  # GPT-Live: start at 40 ms, grow to 120


@dataclass(frozen=True)
class EchoSetting:
    """The user's echo handling and what the probe found for the pair (None: never probed)."""

    mode: EchoMode = EchoMode.AUTO
    verdict: EchoVerdict | None = None


@dataclass
class AudioSetup:
    """The speaker and the microphone (None without PortAudio), the watcher keeping them on
    devices, and the echo stage between them. A side may exist without a device (none at
    start, or unplugged): the watcher keeps looking and opens one when it appears."""

    speaker: Speaker | None = None
    microphone: Microphone | None = None
    note: str = ""
    backend: AudioBackend | None = None
    watcher: DeviceWatcher | None = None
    watching: asyncio.Task[None] | None = None
    echo: EchoProcessor | None = None
    echo_setting: EchoSetting | None = None  # what `echo` was made for
    controller: Controller | None = None
    missing: list[AudioNotice] = field(default_factory=list)
    """A side left without any device at start: problems for the window to show."""
    rest: IdleRest | None = None

    def has_device(self, role: Role) -> bool:
        """A device is open for `role` now (its side exists and has a stream)."""
        endpoint = self.microphone if role == "input" else self.speaker
        return endpoint is not None and endpoint.stream is not None

    def set_echo(self, setting: EchoSetting) -> str:
        """Put echo handling `setting` in the microphone path now; returns a notice ("" if none).

        Nothing to do without both a microphone and a speaker (no echo without a speaker), nor
        when `setting` is in the path already.
        """
        if self.microphone is None or self.speaker is None or self.controller is None:
            return ""
        if setting == self.echo_setting:
            return ""
        controller = self.controller
        if self.echo is not None and self.echo.hold_open in controller.talk_listeners:
            controller.talk_listeners.remove(self.echo.hold_open)
        mode = resolve_mode(setting.mode, setting.verdict)
        echo_db = setting.verdict.echo_db if setting.verdict else None
        self.echo = EchoProcessor(mode, echo_db=echo_db, on_speech=controller.local_speech)
        controller.talk_listeners.append(self.echo.hold_open)
        self.speaker.tap, self.microphone.echo = self.echo.tap, self.echo
        self.echo_setting = setting
        return echo_notice(mode, self.echo)

    def set_short_playback(self, short: bool) -> None:
        """A short playback buffer (GPT-Live: its own stop must be heard at once) or the usual
        one, from now on: a provider switch in a running window changes it."""
        if self.speaker is not None:
            self.speaker.set_prebuffer(*(SHORT_PREBUFFER_MS if short else PREBUFFER_MS))

    def follow_echo(self, mode: EchoMode, probes: Probes) -> str:
        """Echo handling `mode` with the echo probe's saved verdict for the pair open now (the
        window after a device change or a probe, `voice` after a device change); returns a
        notice ("" if none). Nothing without both sides (no echo without a speaker)."""
        microphone = self.microphone.device if self.microphone is not None else None
        speaker = self.speaker.device if self.speaker is not None else None
        if microphone is None or speaker is None:
            return ""
        return self.set_echo(EchoSetting(mode, stored_verdict(probes, microphone, speaker)))

    def devices(self, *, fresh: bool = False) -> list[DeviceInfo]:
        """Devices to choose from; `fresh` looks again (the streams pause for about 60 ms)."""
        if self.backend is None:
            return []
        if fresh and self.watcher is not None:
            return self.watcher.rescan()
        if fresh:
            with contextlib.suppress(DeviceError):  # a preview or probe stream is open
                return self.backend.rescan()
        return self.backend.list_devices()

    def select(self, pair: DevicePair) -> None:
        """Move the open streams to `pair` now (fallbacks are announced like at start)."""
        if self.watcher is not None and pair != self.watcher.pair:
            self.watcher.select(pair)

    def watch(self, quiet: Callable[[], bool], interval: float = 1.0) -> None:
        """Poll the devices every `interval` seconds until `aclose()` (rescans when `quiet()`),
        and let idle streams rest."""
        if self.watcher is not None and self.watching is None:
            task = asyncio.get_running_loop().create_task(
                self._watch(self.watcher, interval, quiet)
            )
            self.watching = task

    async def _watch(
        self, watcher: DeviceWatcher, interval: float, quiet: Callable[[], bool]
    ) -> None:
        while True:
            await asyncio.sleep(interval)
            watcher.poll(quiet())
            if self.rest is not None:
                self.rest.poll()

    async def aclose(self) -> None:
        """Release the devices and forget them (queued reply audio is dropped: we are closing)."""
        if self.watching is not None:
            self.watching.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.watching
        if self.watcher is not None:
            self.watcher.close()  # also ends its device helper
        if self.microphone is not None:
            self.microphone.detach()
        if self.speaker is not None:
            self.speaker.detach()
        self.speaker = self.microphone = None
        self.watcher = self.watching = None


def portaudio_backend() -> tuple[AudioBackend | None, str]:
    """The real device layer, or None and why (PortAudio missing)."""
    try:
        from assistant.audio.devices import PortAudioBackend  # noqa: PLC0415  (may fail: OSError)
    except OSError:
        return None, "Audio is off: the PortAudio library is not installed (libportaudio2)."
    return PortAudioBackend(), ""


def echo_notice(wanted: EchoMode, echo: EchoProcessor) -> str:
    """One sentence when echo handling is not what was asked for ("" when it is)."""
    if not echo.problem:
        return ""
    fell_back = wanted is EchoMode.CANCEL and echo.mode is EchoMode.GATE
    text = ECHO_FALLBACK if fell_back else VAD_MISSING
    return translate("Audio", text).format(why=localize(echo.problem))


def starting_echo(
    mode: EchoMode, probes: Probes, devices: list[DeviceInfo], pair: DevicePair
) -> EchoSetting:
    """Echo handling `mode` with the echo probe's saved verdict for the pair `open_audio` is
    about to open (`pair` as it resolves among `devices`): the window's and `voice`'s."""
    resolved = resolve_pair(devices, pair)
    return EchoSetting(mode, stored_verdict(probes, resolved.input, resolved.output))


def open_audio(
    backend: AudioBackend | None,
    controller: Controller,
    notify: Callable[[AudioNotice], None],
    pair: DevicePair | None = None,
    loop: asyncio.AbstractEventLoop | None = None,
    *,
    echo: EchoSetting | None = None,
    short_playback: bool = False,
) -> AudioSetup:
    """Open `pair` (default: the system defaults) on `backend` and wire it to `controller`,
    with echo handling `echo` (default: AUTO) between the microphone and the session.
    `short_playback` (GPT-Live) keeps the speaker's buffer short: the model stops by itself
    when it hears the user, and that stop must be heard at once.

    Notices raised while opening go into `note`; later ones (hot-plug) to `notify`.
    """
    if backend is None:
        return AudioSetup(note=translate("Audio", TEXT_ONLY))
    relay = _Relay()
    opener = _Opener(controller, relay, loop or asyncio.get_running_loop(), short=short_playback)
    speaker, microphone = opener.speaker(), opener.microphone()
    endpoints: dict[Role, Endpoint] = {"input": microphone, "output": speaker}
    watcher = opener.watcher = DeviceWatcher(backend, endpoints, pair or DevicePair(), relay)
    watcher.start()  # a side with no device at all: watched, announced as unavailable
    controller.speaker, controller.microphone = speaker, microphone
    setup = AudioSetup(speaker, microphone, "", backend, watcher, controller=controller)
    setup.rest = IdleRest(controller, microphone, speaker)
    controller.talk_listeners.append(setup.rest.talk_changed)
    echo_note = setup.set_echo(echo or EchoSetting())
    held = relay.forward(notify)
    setup.missing = [notice for notice in held if _left_without(notice)]
    passing = [audio_notice_text(notice) for notice in held if not _left_without(notice)]
    setup.note = " ".join([*([echo_note] if echo_note else []), *passing])
    return setup


def _left_without(notice: AudioNotice) -> bool:
    state = device_state(notice)
    return state is not None and not state[1]


class IdleRest:
    """Lets the device streams rest in push-to-talk between turns.

    An open, idle pair costs about 3 % of one core (PortAudio's two callback threads and the
    sound server client's two, some 800 wake-ups a second: docs/performance.md), most of what
    an idle window costs. In push-to-talk nothing captured is sent while the key is up, and no
    echo reference is needed (the key cuts the reply off), so after `REST_AFTER_POLLS` quiet
    polls each stream stops, its device kept open (`Microphone.rest`, `Speaker.rest`). The key
    (and unmuting) starts the microphone again at once, a reply's first audio the speaker, and
    a hands-free mode both: their echo canceller needs the microphone always and the speaker's
    reference without breaks. A stream that starts again is placed afresh on the echo stage's
    timeline, which counts as a new echo path: harmless in push-to-talk, where a held key is
    never gated; after a switch to a hands-free mode CANCEL gates until it has converged
    again, as at start.
    """

    def __init__(self, controller: Controller, microphone: Microphone, speaker: Speaker) -> None:
        self._controller, self._microphone, self._speaker = controller, microphone, speaker
        self._quiet = {"input": 0, "output": 0}
        self._kept = False

    def keep_microphone(self, kept: bool) -> None:
        """Keep the microphone running while `kept` (the settings show its level), whatever
        the turn mode."""
        self._kept = kept
        if kept and self._microphone.resting:
            self._microphone.hurry()

    def poll(self) -> None:
        """Count quiet polls; rest a side quiet for long enough, wake both outside push-to-talk."""
        if self._controller.mode is not TurnMode.PUSH_TO_TALK:
            self._quiet = {"input": 0, "output": 0}
            self.wake()
            return
        self._count("input", busy=self._controller.sending_audio or self._kept)
        self._count("output", busy=self._speaker.is_busy)
        if self._quiet["input"] >= REST_AFTER_POLLS and self._microphone.checked:
            self._microphone.rest()  # (not before a dead microphone can have been noticed)
        if self._quiet["output"] >= REST_AFTER_POLLS:
            self._speaker.rest()

    def talk_changed(self, talking: bool) -> None:
        """A talk listener: the key went down (the microphone starts now) or up; also called
        by a switch of turn modes, which wakes both for a hands-free mode."""
        if talking:
            self._quiet["input"] = 0
            self._microphone.hurry()
        elif self._controller.mode is not TurnMode.PUSH_TO_TALK:
            self.wake()

    def wake(self) -> None:
        """Start both streams again (nothing done for one that is not resting)."""
        if self._microphone.resting:
            self._microphone.hurry()
        self._speaker.wake()

    def _count(self, role: Role, *, busy: bool) -> None:
        self._quiet[role] = 0 if busy else self._quiet[role] + 1


class _Relay:
    """Collects notices until `forward` names where later ones go."""

    def __init__(self) -> None:
        self._held: list[AudioNotice] | None = []
        self._notify: Callable[[AudioNotice], None] = lambda _notice: None

    def __call__(self, notice: AudioNotice) -> None:
        if self._held is not None:
            self._held.append(notice)
        else:
            self._notify(notice)

    def forward(self, notify: Callable[[AudioNotice], None]) -> list[AudioNotice]:
        """From now on pass notices to `notify`; returns those held so far."""
        held, self._held, self._notify = self._held or [], None, notify
        return held


@dataclass
class _Opener:
    controller: Controller
    notify: _Relay
    loop: asyncio.AbstractEventLoop
    watcher: DeviceWatcher | None = None
    short: bool = False  # GPT-Live: a short playback buffer

    def speaker(self) -> Speaker:
        prebuffer, most = SHORT_PREBUFFER_MS if self.short else PREBUFFER_MS
        return Speaker(
            self.loop,
            on_state=self._played,
            on_failure=self._recover,
            prebuffer_ms=prebuffer,
            max_prebuffer_ms=most,
        )

    def microphone(self) -> Microphone:
        """The microphone, handing its blocks over promptly only while they are sent (in
        push-to-talk with the key up it wakes the loop 5 times a second, not 25)."""
        controller = self.controller
        microphone = Microphone(
            self.loop,
            controller.microphone_block,
            on_silent=self.notify,
            on_failure=self._recover,
        )
        microphone.pace = lambda: controller.sending_audio
        return microphone

    def _recover(self) -> None:
        """A stream stopped on its own: let the watcher switch devices now, not at its next poll."""
        if self.watcher is not None:
            self.loop.call_soon(self.watcher.poll)

    def _played(self, state: PlayState) -> None:
        if state is PlayState.IDLE:
            self.controller.playback_finished()
