"""The loopback probe: does the selected microphone hear the selected speaker?

Plays a short logarithmic chirp on the output while recording the input (through the same
`Speaker` and `Microphone` the assistant uses), then cross-correlates the recording with the
chirp (numpy FFT). A chirp compresses to a sharp correlation peak, so an echo stands out even
under speech or noise. The peak gives the delay, its height relative to the chirp's own energy
gives the echo level, and its height relative to the rest of the correlation says whether it is
an echo at all. `recommend` turns that into advice the user can act on.
"""

from __future__ import annotations

import asyncio
import enum
import json
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass

import numpy as np
import numpy.typing as npt

from assistant.audio.capture import Microphone
from assistant.audio.playback import Speaker
from assistant.audio.resample import SOURCE_RATE, float_to_pcm16, pcm16_to_float
from assistant.audio.selection import DeviceInfo
from assistant.audio.streams import AudioBackend, DeviceError

Signal = npt.NDArray[np.float32]

HEARD_CLARITY_DB = 20.0
"""An echo's correlation peak must stand this far above the correlation's RMS. Chance peaks of
a 24 kHz recording reach about 13 dB (sqrt(2 ln N) for N lags)."""

_SEARCH_BEFORE_S, _SEARCH_AFTER_S = 0.05, 0.5  # where an echo may be, around the chirp start
_PEAK_WIDTH_S = 0.005  # excluded around the peak when measuring the correlation's floor


class Recommendation(enum.Enum):
    """What the user should do about the pair."""

    FULL_DUPLEX = "full-duplex"
    TURN_ON_ECHO_HANDLING = "turn-on-echo-handling"
    USE_HEADPHONES = "use-headphones"
    PICK_ANOTHER_PAIR = "pick-another-pair"
    CHECK_MICROPHONE = "check-microphone"


ADVICE = {
    Recommendation.FULL_DUPLEX: "The microphone does not hear the speaker: "
    "you can talk over the assistant; echo handling can be off for this pair (`--echo off`, "
    "or Off in the app's Echo handling setting).",
    Recommendation.TURN_ON_ECHO_HANDLING: "The microphone hears the speaker faintly: "
    "keep echo handling on (`--echo cancel`, or Auto / Cancel echo in the app's Echo handling "
    "setting, Settings → Audio) so the assistant does not interrupt itself.",
    Recommendation.USE_HEADPHONES: "The microphone hears the speaker loudly: "
    "keep echo handling on (`--echo cancel`, or Auto / Cancel echo in the app's Echo handling "
    "setting, Settings → Audio), or use headphones for the most reliable interruptions.",
    Recommendation.PICK_ANOTHER_PAIR: "The input records the output almost unchanged "
    "(a monitor or loopback input?): pick a real microphone for this speaker.",
    Recommendation.CHECK_MICROPHONE: "The microphone delivered only silence: check that it is "
    "connected and not muted, or pick another input.",
}


@dataclass(frozen=True)
class LoopbackAnalysis:
    """What the cross-correlation found; delay and echo level are None when nothing was heard."""

    hears_speaker: bool
    delay_frames: int | None
    echo_db: float | None
    clarity_db: float
    input_silent: bool


@dataclass(frozen=True)
class ProbeResult:
    """The probe's finding for one input/output pair."""

    input_device: str
    output_device: str
    hears_speaker: bool
    delay_ms: float | None
    echo_db: float | None
    clarity_db: float
    input_silent: bool
    recommendation: Recommendation
    advice: str

    def to_json(self) -> str:
        """The result as a JSON object (the recommendation as its string value)."""
        data = asdict(self) | {"recommendation": self.recommendation.value}
        return json.dumps(data, indent=2)


class ProbeError(Exception):
    """The probe could not run (a device failed or delivered nothing in time)."""


def make_chirp(
    rate: int = SOURCE_RATE,
    seconds: float = 0.5,
    low: float = 200.0,
    high: float = 7000.0,
    amplitude: float = 0.25,
) -> Signal:
    """A logarithmic sweep from `low` to `high` Hz with 5 ms fades (no clicks)."""
    t = np.arange(round(seconds * rate)) / rate
    growth = math.log(high / low)
    phase = 2 * np.pi * low * seconds / growth * (np.exp(t * growth / seconds) - 1)
    sweep = amplitude * np.sin(phase)
    ramp = min(len(t) // 2, round(0.005 * rate))
    envelope = np.ones(len(t))
    envelope[:ramp] = envelope[-ramp:][::-1] = 0.5 - 0.5 * np.cos(np.pi * np.arange(ramp) / ramp)
    return (sweep * envelope).astype(np.float32)


def _correlate(recording: Signal, chirp: Signal) -> npt.NDArray[np.float64]:
    size = len(recording) + len(chirp)
    spectrum = np.fft.rfft(recording, size) * np.conj(np.fft.rfft(chirp, size))
    return np.fft.irfft(spectrum, size)[: len(recording)]


def analyze_loopback(
    chirp: Signal, recording: Signal, chirp_start: int, rate: int
) -> LoopbackAnalysis:
    """Look for `chirp` in `recording` near `chirp_start` (the frame where it began to play)."""
    if len(recording) == 0 or np.ptp(recording) == 0:
        return LoopbackAnalysis(False, None, None, 0.0, True)
    corr = _correlate(recording, chirp)
    low = max(0, chirp_start - round(_SEARCH_BEFORE_S * rate))
    high = min(len(corr), chirp_start + round(_SEARCH_AFTER_S * rate))
    if high <= low:
        return LoopbackAnalysis(False, None, None, 0.0, False)
    peak = low + int(np.argmax(np.abs(corr[low:high])))
    clarity = _clarity_db(corr, peak, round(_PEAK_WIDTH_S * rate))
    if clarity < HEARD_CLARITY_DB:
        return LoopbackAnalysis(False, None, None, clarity, False)
    gain = abs(float(corr[peak])) / float(np.dot(chirp, chirp))
    return LoopbackAnalysis(True, peak - chirp_start, 20 * math.log10(gain), clarity, False)


def _clarity_db(corr: npt.NDArray[np.float64], peak: int, width: int) -> float:
    rest = np.concatenate([corr[: max(0, peak - width)], corr[peak + width :]])
    floor = math.sqrt(float(np.mean(rest**2))) if len(rest) else 0.0
    height = abs(float(corr[peak]))
    return 20 * math.log10(height / floor) if floor > 0 and height > 0 else 0.0


def recommend(analysis: LoopbackAnalysis) -> Recommendation:
    """Advice for a pair from what the probe heard."""
    if analysis.input_silent:
        return Recommendation.CHECK_MICROPHONE
    if not analysis.hears_speaker or analysis.echo_db is None:
        return Recommendation.FULL_DUPLEX
    if analysis.echo_db >= -6.0:
        return Recommendation.PICK_ANOTHER_PAIR
    if analysis.echo_db >= -30.0:
        return Recommendation.USE_HEADPHONES
    return Recommendation.TURN_ON_ECHO_HANDLING


def probe_result(
    analysis: LoopbackAnalysis, input_device: str, output_device: str, rate: int
) -> ProbeResult:
    """Package an analysis with the devices and the recommendation."""
    advice = recommend(analysis)
    delay = None if analysis.delay_frames is None else analysis.delay_frames * 1000 / rate
    return ProbeResult(
        input_device,
        output_device,
        analysis.hears_speaker,
        delay,
        analysis.echo_db,
        analysis.clarity_db,
        analysis.input_silent,
        advice,
        ADVICE[advice],
    )


async def run_probe(
    backend: AudioBackend,
    input_device: DeviceInfo,
    output_device: DeviceInfo,
    *,
    timeout: float = 10.0,
) -> ProbeResult:
    """Play the chirp on `output_device` while recording `input_device`; raises ProbeError.

    The delay runs from the output callback taking the chirp to the microphone delivering its
    echo; it is placed on the input's timeline when the next captured block is handed over,
    so it can read up to two capture blocks (40 ms) late. The echo level is exact.
    """
    session = _ProbeSession(asyncio.get_running_loop())
    try:
        session.open(backend, input_device, output_device)
        async with asyncio.timeout(timeout):
            await session.run()
    except (DeviceError, TimeoutError) as exc:
        raise ProbeError(f"the probe could not run: {exc or 'no audio in time'}") from exc
    finally:
        session.close()
    start = session.chirp_start
    if start is None:
        raise ProbeError("the probe could not run: the chirp was never played")
    analysis = analyze_loopback(session.chirp, session.recording(), start, SOURCE_RATE)
    return probe_result(analysis, input_device.name, output_device.name, SOURCE_RATE)


_CHIRP_ITEM = "loopback-probe-chirp"


class _ProbeSession:
    """The microphone and speaker of one probe run, and what they recorded."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.chirp = make_chirp()
        self.chirp_start: int | None = None
        self._blocks: list[bytes] = []
        self._speaker = Speaker(loop)
        # 20 ms device blocks: the delay is placed on the input's timeline per callback.
        self._microphone = Microphone(loop, self._on_block, device_block_ms=20)

    def open(self, backend: AudioBackend, input_device: DeviceInfo, output: DeviceInfo) -> None:
        self._microphone.attach(backend, input_device)
        self._speaker.attach(backend, output)

    async def run(self) -> None:
        await self._captured(0.3)  # some lead-in before the chirp
        self._speaker.enqueue(_CHIRP_ITEM, float_to_pcm16(self.chirp))
        self._speaker.end_item(_CHIRP_ITEM)
        while not await self._speaker.drain(timeout=1.0):
            pass  # bounded by the caller's timeout
        await self._captured(0.5)  # the echo's tail

    def close(self) -> None:
        self._speaker.detach()
        self._microphone.detach()

    def recording(self) -> Signal:
        return pcm16_to_float(b"".join(self._blocks))

    def _on_block(self, block: bytes) -> None:
        self._blocks.append(block)
        played = self._speaker.played_frames(_CHIRP_ITEM)
        if played and self.chirp_start is None:
            # The chirp began `played` frames ago on the output clock: place it on the input's.
            self.chirp_start = max(0, self._microphone.frames_delivered - played)

    async def _captured(self, seconds: float) -> None:
        target = self._microphone.frames_delivered + round(seconds * SOURCE_RATE)
        await _until(lambda: self._microphone.frames_delivered >= target)


async def _until(condition: Callable[[], bool]) -> None:
    while not condition():
        await asyncio.sleep(0.02)
