"""Echo handling: what the microphone sends while the assistant's own voice is in the room.

Theory of operation. On a laptop the microphone hears the speaker. Sent as it is, the reply's
echo trips the server's voice detector: the reply is cut within half a second and the assistant
answers its own voice (docs/performance.md, "Echo"). The `EchoProcessor` sits in the microphone
path, on the loop thread, after resampling to 24 kHz and before the 20 ms blocks go out. For
every 10 ms of microphone audio it reads, from a `Timeline` of what the speaker really played
(see `assistant.audio.timeline`), the reference of the same moment plus `LEAD_S` (so the
reference always leads its echo, even when timestamps are a little off), and applies the mode:

    CANCEL  WebRTC AEC3 (`assistant.audio.canceller`) removes the echo; full duplex.
    GATE    half duplex: nothing is sent while the speaker is sounding and for `TAIL_S` after;
            a barge-in needs the talk key, the stop button, typing, or speech clearly louder
            than the echo (then the last `PREROLL_S` is sent too, so the first word is kept).
    OFF     the microphone as it is (headphones, or a pair the probe found free of echo).

AEC3 alone is not quite enough against a loud echo (-6 dB), measured in the simulated room:
it needs about a second to learn an echo path, and lets short bursts of its residue through
(-29 dBFS), which the service's detector hears. So CANCEL also gates, as GATE does, until the
canceller has converged (`Convergence`: at start, after a device change or a timestamp jump),
and while the reference sounds it sends output more than 10 dB under the reference 20 dB lower.

`AUTO` is a setting, not a processing mode: `resolve_mode` turns it into CANCEL, or OFF when the
loopback probe found that this microphone does not hear this speaker.

Resting: while what the stage returns is not sent (push-to-talk with the key up, muted: the
microphone sets `resting`) and the reference has been silent for `TAIL_S`, frames pass without
the canceller or the detector: there is no echo to learn from or to remove, and nobody would act
on speech. Both streams skip the same frames, so the canceller's alignment is kept, and a reply
that starts is cancelled as before (the canceller keeps adapting for as long as it sounds).

Local barge-in: in CANCEL and OFF a `LocalVad` watches what is sent (in CANCEL, `DoubleTalk`
starts it sooner when the user talks over a loud echo), and in GATE the gate's own
loud-speech detector does; `on_speech(True)` at the onset lets the controller pause the reply
within a few frames, `on_speech(False)` at the end lets it resume if the server never confirmed.
"""

from __future__ import annotations

import enum
import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from assistant.audio.canceller import FRAME, CancellerUnavailable, EchoCanceller
from assistant.audio.resample import SOURCE_RATE, StreamResampler, float_to_int16, int16_to_float
from assistant.audio.timeline import ClockTracker, ReferenceTap, Samples, Timeline
from assistant.audio.voice_activity import LocalVad, VadUnavailable
from assistant.text import reason_of

LEAD_S = 0.04
"""How far ahead of the microphone's moment the reference is read: the canceller can only
remove echo of a reference it has already seen, so timestamp error must never put the reference
behind its echo; AEC3 finds the extra delay itself."""
TAIL_S = 0.3
"""GATE: how long after the speaker fell silent the microphone stays closed (echo + reverb)."""
PREROLL_S = 0.2
"""GATE: audio from before a barge-in that is sent with it."""
MAX_WAIT_TICKS = round(0.08 * SOURCE_RATE)
"""Microphone audio held back at most while the speaker's reference of its moment is awaited."""
RESIDUE_GAIN = np.float32(0.1)
"""CANCEL: the gain on what is sent while the reference sounds and the output is residue."""
NEAR_RATIO = 10 ** (-8 / 20)
"""CANCEL, while the reference sounds: output more than 10 dB under the loudest reference of the
tail is taken for the canceller's residue, louder for the user."""
CONVERGED_DB = 24.0
"""CANCEL also gates until the canceller removes this much echo (see `Convergence`)."""
MIN_ACTIVE_S = 1.5
"""... measured over at least this much reference."""
OVER_ECHO = 10 ** (5 / 20)
"""CANCEL, double talk: a microphone this much louder than the echo expected now ..."""
MIN_TALK = 10 ** (-50 / 20)
"""... with the canceller's output above this level (its residue stays under it) is the user
talking over the reply (see `DoubleTalk`)."""
STALE_TICKS = round(0.25 * SOURCE_RATE)
"""A reference this far behind the microphone means the speaker stopped: do not wait for it."""


class EchoMode(enum.Enum):
    """The user's choice (Settings → Audio, `--echo`)."""

    AUTO = "auto"
    CANCEL = "cancel"
    GATE = "gate"
    OFF = "off"


@dataclass(frozen=True)
class EchoVerdict:
    """What the loopback probe found for one microphone/speaker pair (kept in the settings)."""

    hears_speaker: bool
    echo_db: float | None = None


def resolve_mode(mode: EchoMode, verdict: EchoVerdict | None) -> EchoMode:
    """The processing mode for a setting: AUTO cancels unless the probe heard no echo."""
    if mode is not EchoMode.AUTO:
        return mode
    return EchoMode.OFF if verdict is not None and not verdict.hears_speaker else EchoMode.CANCEL


class Gate:
    """Half duplex: closed while the reference sounds (plus a tail), opened by loud speech.

    "Loud" is measured against the echo expected now: the loudest reference of the last `TAIL_S`
    (the echo heard now may come from any of it) times the echo's gain,
    which the gate learns while it is closed (a slow running median of microphone/reference, so
    the user's occasional words do not drag it up), starting from the probe's figure if any.
    """

    def __init__(self, echo_db: float | None = None, margin_db: float = 12.0) -> None:
        self._gain = 10 ** (echo_db / 20) if echo_db is not None else 1.0
        self._margin = 10 ** (margin_db / 20)
        self._floor = 10 ** (-50 / 20)  # the reference is "sounding" above -50 dBFS
        self._min_speech = 10 ** (-40 / 20)
        self._tail = round(TAIL_S * 100)  # frames
        self._since_sound = self._tail
        self._envelope = 0.0
        self._recent: deque[float] = deque(maxlen=self._tail)
        self._loud = 0
        self._open_for_speech = 0  # frames left of a barge-in's opening
        self.held_open = False  # the talk key is down: the user says they are talking
        self.barge_ins = 0

    @property
    def envelope(self) -> float:
        """The loudest reference level (RMS) of the last `TAIL_S`."""
        return self._envelope

    @property
    def sounding(self) -> bool:
        """The reference sounded within the tail: its echo may be in the microphone now."""
        return self._since_sound < self._tail

    def listen(self, reference: Samples) -> None:
        """Follow the reference of one 10 ms frame (before `feed`ing the frame)."""
        ref_level = _rms(reference)
        self._since_sound = 0 if ref_level > self._floor else self._since_sound + 1
        # The loudest reference of the tail: the echo heard now may come from any of it.
        self._recent.append(ref_level)
        self._envelope = max(self._recent)

    def forget_echo(self) -> None:
        """The echo path changed: expect echo as loud as the reference until learnt again."""
        self._gain = max(self._gain, 1.0)

    def feed(self, frame: Samples) -> tuple[bool, bool | None]:
        """One 10 ms frame: (send it?, True where a barge-in starts / False where it ends)."""
        mic_level = _rms(frame)
        if self.held_open:
            return True, None
        if self._open_for_speech:
            self._open_for_speech = self._tail if mic_level > self._min_speech else (
                self._open_for_speech - 1
            )  # fmt: skip
            return True, None if self._open_for_speech else False
        if not self.sounding:
            return True, None
        return self._closed(mic_level)

    def _closed(self, mic_level: float) -> tuple[bool, bool | None]:
        expected = self._gain * self._envelope
        loud = mic_level > self._margin * expected and mic_level > self._min_speech
        self._loud = self._loud + 1 if loud else 0
        if not loud and self._envelope > self._floor:
            self._gain *= 1.01 if mic_level > expected else 0.99  # running median of the ratio
        if self._loud >= 3:  # 30 ms of it
            self._loud, self._open_for_speech = 0, self._tail
            self.barge_ins += 1
            return True, True
        return False, None


class DoubleTalk:
    """CANCEL: has the user started talking over the reply? Evidence from both sides of the
    canceller, ahead of the voice detector on its output.

    When a user starts talking over a loud echo, AEC3's suppressor holds their voice back for
    50-100 ms (its output rises about 7 dB a frame out of the residue), and the detector on the
    output hears them only then. The microphone hears them at once. So: two frames in a row
    in which the microphone is `OVER_ECHO` louder than the echo expected now and the
    canceller's output is above `MIN_TALK` start a barge-in. The echo expected now is the
    loudest reference of the tail (`Gate.envelope`) times the echo's gain, learnt while nobody
    talks as the ratio of the microphone's and the envelope's mean power over about half a
    second (a power mean leans to the loud frames, which is what a margin needs). AEC3's residue
    bursts (up to -30 dBFS from a floor near -65 with -6 dB of echo) come with a microphone at
    the echo's level and do not pass. Measured in bench/echo_bench.py (docs/performance.md).
    """

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        """The echo path changed: learn its gain afresh (as loud as the reference until then)."""
        self._mic_power = self._envelope_power = 1e-12
        self._over = 0

    def feed(self, mic_level: float, out_level: float, envelope: float, *, armed: bool) -> bool:
        """One frame while the reference sounds; True where double talk starts. Not `armed`
        (the canceller has not converged yet) it only learns."""
        gain = math.sqrt(self._mic_power / self._envelope_power)  # 1 until learnt
        over = mic_level > OVER_ECHO * gain * envelope and out_level > MIN_TALK
        self._over = self._over + 1 if over else 0
        if not over:
            self._mic_power += 0.02 * (mic_level * mic_level - self._mic_power)
            self._envelope_power += 0.02 * (envelope * envelope - self._envelope_power)
        return armed and self._over == 2

    def listening(self) -> None:
        """The user is talking (the voice detector says so): nothing to learn or start."""
        self._over = 0


class Convergence:
    """Has the canceller learnt the echo path? Echo in / echo out while the reference sounds.

    Until it has (at the start, and again after a device change or a jump in either stream's
    timestamps moved the echo path against the reference: PulseAudio recovering from an
    underrun shifts its latency by tens of milliseconds), the
    canceller's output may still carry enough echo for the server's voice detector, so CANCEL
    also gates, as half duplex does, until `CONVERGED_DB` is reached over `MIN_ACTIVE_S` of
    reference. A user talking meanwhile keeps the estimate low, and the gate lets them through
    when they are clearly louder than the echo.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self._mic = self._out = 1e-12
        self._active = 0
        self.converged = False

    def feed(self, mic_power: float, out_power: float) -> None:
        """A frame while the reference sounds: its energy before and after cancellation."""
        self._mic += 0.05 * (mic_power - self._mic)
        self._out += 0.05 * (out_power - self._out)
        self._active += 1
        erle = 10 * math.log10(max(self._mic, 1e-12) / max(self._out, 1e-12))
        if self._active >= round(MIN_ACTIVE_S * 100) and erle >= CONVERGED_DB:
            self.converged = True


class EchoProcessor:
    """The microphone's echo stage; see the module docstring. Loop thread only."""

    def __init__(
        self,
        mode: EchoMode,
        *,
        tap: ReferenceTap | None = None,
        echo_db: float | None = None,
        on_speech: Callable[[bool], None] | None = None,
        canceller: Callable[[], EchoCanceller] = EchoCanceller,
        vad: Callable[[], LocalVad] = LocalVad,
    ) -> None:
        """`mode` must be resolved (not AUTO). Without a working canceller CANCEL becomes GATE
        and `problem` says why; without webrtcvad local barge-in is off (`problem` says so)."""
        self.tap = tap or ReferenceTap()
        self.problem = ""
        self._canceller: EchoCanceller | None = None
        if mode is EchoMode.CANCEL:
            try:
                self._canceller = canceller()
            except CancellerUnavailable as exc:
                mode, self.problem = EchoMode.GATE, reason_of(exc)
        self.mode = mode
        self._gate = Gate(echo_db) if mode is not EchoMode.OFF else None
        self._convergence = Convergence()
        self._talk = DoubleTalk()
        self._vad = self._load_vad(vad) if mode is not EchoMode.GATE else None
        self._on_speech = on_speech or (lambda _speaking: None)
        self._timeline = Timeline()
        self._ref_clock, self._mic_clock = ClockTracker(), ClockTracker()
        self._ref_rate = 0
        self._ref_resampler: StreamResampler | None = None
        self._pending = np.zeros(0, dtype=np.float32)
        self._pending_tick = 0
        self._reference = np.zeros(FRAME, dtype=np.float32)
        self._silence = np.zeros(FRAME, dtype=np.float32)
        self._lead = round(LEAD_S * SOURCE_RATE)
        self._preroll: deque[Samples] = deque(maxlen=round(PREROLL_S * 100))
        self.frames = 0
        self.resting = False
        """Set by the microphone while what `process` returns is not sent (module docstring)."""

    def process(self, samples: Samples, adc_time: float, *, gap: bool = False) -> Samples:
        """Microphone audio (24 kHz) whose first sample was captured at `adc_time` (seconds on
        the device layer's clock, NaN if unknown); `gap`: samples were lost before it (an
        overflow, or the loop fell behind). Returns what to send, in 10 ms frames."""
        self._take_reference()
        jumps = self._mic_clock.jumps
        if gap:
            self._mic_clock.resync()
        tick = self._mic_clock.place(len(samples), adc_time)
        if self._mic_clock.jumps != jumps:
            self._new_echo_path()
        if not len(self._pending):
            self._pending_tick = tick
        self._pending = np.concatenate([self._pending, samples])
        out: list[Samples] = []
        while len(self._pending) >= FRAME and self._reference_ready():
            frame, self._pending = self._pending[:FRAME], self._pending[FRAME:]
            out += self._frame(frame, self._pending_tick)
            self._pending_tick += FRAME
        return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)

    def _reference_ready(self) -> bool:
        # The next frame waits (up to MAX_WAIT_S) for the speaker's reference of its moment:
        # with small device buffers the microphone can be handed over before the output
        # callback has given out the same moment. A speaker that stopped is not waited for.
        end, needed = self._timeline.end, self._pending_tick + self._lead + FRAME
        if end is None or end >= needed or end < self._pending_tick - STALE_TICKS:
            return True
        if len(self._pending) <= MAX_WAIT_TICKS:
            return False
        # The speaker's callback is late (a loaded machine): go on without its reference, whose
        # echo then cannot be cancelled; so gate as on a new echo path until converged again.
        self._new_echo_path()
        return True

    def _frame(self, frame: Samples, tick: int) -> list[Samples]:
        self.frames += 1
        self._timeline.read(tick + self._lead, self._reference)
        if self._gate is not None:
            self._gate.listen(self._reference)
        if self._canceller is not None:
            return self._cancelled(frame)
        if self._gate is not None:
            return self._gated(frame)
        if not self.resting:
            self._detect(frame)
        return [frame]

    def _cancelled(self, frame: Samples) -> list[Samples]:
        assert self._canceller is not None  # CANCEL has both
        assert self._gate is not None
        if self.resting and not self._gate.sounding:
            return [frame]  # no echo to cancel, and nobody sends it
        reference, frame_in = float_to_int16(self._reference), float_to_int16(frame)
        cleaned = int16_to_float(self._canceller.process(reference, frame_in))
        mic_power, out_power = float(np.dot(frame, frame)), float(np.dot(cleaned, cleaned))
        out_level = math.sqrt(out_power / FRAME)
        if self._gate.sounding:
            self._convergence.feed(mic_power, out_power)
            self._double_talk(math.sqrt(mic_power / FRAME), out_level)
        if not self._convergence.converged:
            return self._gated(cleaned)
        if self._gate.sounding and out_level < self._gate.envelope * NEAR_RATIO:
            # Quieter than any user talking over the reply would be: AEC3's residue (bursts
            # of -29 dBFS with -6 dB of echo) goes out 20 dB lower and is not taken for speech.
            self._detect(self._silence)
            return [cleaned * RESIDUE_GAIN]
        self._detect(cleaned)
        return [cleaned]

    def _double_talk(self, mic_level: float, out_level: float) -> None:
        assert self._gate is not None  # CANCEL has it
        if self._vad is None or self._vad.speaking:
            self._talk.listening()
            return
        converged = self._convergence.converged
        if self._talk.feed(mic_level, out_level, self._gate.envelope, armed=converged):
            self._vad.begin()
            self._on_speech(True)

    def _detect(self, frame: Samples) -> None:
        if self._vad is not None:
            change = self._vad.feed(frame)
            if change is not None:
                self._on_speech(change)

    def hold_open(self, talking: bool) -> None:
        """The talk key is down (True) or up: nothing is gated while it is down."""
        if self._gate is not None:
            self._gate.held_open = talking

    def _gated(self, frame: Samples) -> list[Samples]:
        assert self._gate is not None  # GATE, or CANCEL before it converged
        send, change = self._gate.feed(frame)
        if change is not None:
            self._on_speech(change)
        if not send:
            self._preroll.append(frame)
            return []
        if change:  # a barge-in: what came just before it goes too
            held, self._preroll = list(self._preroll), deque(maxlen=self._preroll.maxlen)
            return [*held, frame]
        return [frame]

    def device_changed(self, *, speaker: bool = False) -> None:
        """The microphone (or with `speaker` the speaker) moved to another device: its stream
        is placed afresh by its timestamps, and the echo path is new, so CANCEL gates again
        until the canceller has learnt it."""
        if speaker:
            self._ref_clock = ClockTracker()
        else:
            self._mic_clock = ClockTracker()
        self._new_echo_path()

    def _new_echo_path(self) -> None:
        # CANCEL gates again until the canceller converged, expecting echo at full level.
        self._convergence.reset()
        self._talk.forget()
        if self._canceller is not None and self._gate is not None:
            self._gate.forget_echo()

    def _take_reference(self) -> None:
        if self.tap.restarted:
            self.tap.restarted = False
            self.device_changed(speaker=True)
        for samples, dac_time, rate, xrun in self.tap.drain():
            if rate != self._ref_rate:  # a new speaker stream: a new resampler
                self._ref_rate = rate
                self._ref_resampler = StreamResampler(rate, SOURCE_RATE, "LQ")
            assert self._ref_resampler is not None  # set above for the first block
            resampled = self._ref_resampler.process(samples)
            start = self._ref_resampler.output_time(dac_time, len(samples), len(resampled))
            jumps = self._ref_clock.jumps
            if xrun:  # the device played silence the tap did not see: trust the stamp
                self._ref_clock.resync()
            tick = self._ref_clock.place(len(resampled), start)
            if self._ref_clock.jumps != jumps:  # the reference moved against its echo
                self._new_echo_path()
            self._timeline.write(tick, resampled)

    def _load_vad(self, vad: Callable[[], LocalVad]) -> LocalVad | None:
        try:
            return vad()
        except VadUnavailable as exc:
            self.problem = self.problem or reason_of(exc)
            return None


def _rms(samples: Samples) -> float:
    return math.sqrt(float(np.dot(samples, samples)) / len(samples)) if len(samples) else 0.0
