"""A simulated room on the fake devices: the speaker's output reaches the microphone as an echo.

`FakeRoom` drives a `FakeBackend`'s output and input streams like two sound cards would, one
40 ms capture block at a time: it pulls the speaker's 10 ms blocks (stamped with their DAC time),
delays them by `delay_s`, scales them to `echo_db`, adds the user's speech (`say`) and a noise
floor, and pushes the mixture as the microphone's block (stamped with its ADC time). With
`drift_ppm` the microphone's clock runs that much slower than the speaker's, like two devices
with their own crystals. Everything is sample-exact and needs no clock: a test steps it.
"""

from __future__ import annotations

import asyncio

import numpy as np
import numpy.typing as npt

from assistant.audio.fakes import FakeBackend, FakeStream, fake_device
from assistant.audio.resample import pcm16_to_float, resample_once
from assistant.audio.selection import DeviceInfo

Signal = npt.NDArray[np.float32]
RATE = 48000
MIC_BLOCK = RATE * 40 // 1000


def speech_like(seconds: float, seed: int = 0, level_db: float = -20.0) -> Signal:
    """A voice-like test signal at 24 kHz: harmonics of a wandering 100-200 Hz pitch, shaped
    like vowels, in syllables of about 4 per second, `level_db` RMS. Not words, but WebRTC's
    voice detector takes it for speech, and its spectrum moves like speech's."""
    rng = np.random.default_rng(seed)
    n = round(seconds * 24000)
    t = np.arange(n) / 24000
    pitch = 150 + 40 * np.sin(2 * np.pi * 0.7 * t + rng.uniform(0, 6))
    phase = 2 * np.pi * np.cumsum(pitch) / 24000
    formant = 500 + 400 * np.sin(2 * np.pi * 3.1 * t + rng.uniform(0, 6)) ** 2
    voice = np.zeros(n)
    for k in range(1, 20):
        weight = np.exp(-(((k * pitch) - formant) ** 2) / (2 * 400.0**2)) + 0.3 / k
        voice += weight * np.sin(k * phase)
    syllables = np.clip(np.sin(2 * np.pi * 4 * t + rng.uniform(0, 6)), 0, None) ** 0.5
    shaped = voice * (0.15 + 0.85 * syllables) + 0.01 * rng.standard_normal(n)
    shaped *= 10 ** (level_db / 20) / (np.sqrt(np.mean(shaped**2)) + 1e-12)
    return shaped.astype(np.float32)


def spoken(text: str, voice: str = "en+f3", level_db: float = -20.0) -> Signal:
    """`text` said by espeak-ng in `voice` (a user's voice), 24 kHz float at `level_db` RMS."""
    from tests.audio.pulse import speech  # fails clearly without espeak-ng

    samples = pcm16_to_float(speech(text, 24000, voice=voice))
    samples *= 10 ** (level_db / 20) / (np.sqrt(np.mean(samples**2)) + 1e-12)
    return samples.astype(np.float32)


class FakeRoom:
    """Speaker and microphone fake devices joined by an echo path; see the module docstring."""

    def __init__(
        self,
        *,
        echo_db: float = -6.0,
        delay_s: float = 0.05,
        noise_db: float = -60.0,
        drift_ppm: float = 0.0,
        output_latency_s: float = 0.03,
        input_latency_s: float = 0.02,
        seed: int = 1,
    ) -> None:
        self.speaker_device: DeviceInfo = fake_device(0, "Room speaker", outputs=1, default=True)
        self.mic_device: DeviceInfo = fake_device(1, "Room microphone", inputs=1, default=True)
        self.backend = FakeBackend([self.speaker_device, self.mic_device])
        self.gain = 10 ** (echo_db / 20)
        self.delay = round(delay_s * RATE)
        self.noise = 10 ** (noise_db / 20)
        self.drift = drift_ppm * 1e-6
        self.output_latency = output_latency_s
        self.input_latency = round(input_latency_s * RATE)  # capture handed over this late
        self._rng = np.random.default_rng(seed)
        self._played = np.zeros(RATE * 60, dtype=np.float32)  # speaker output so far, 48 kHz
        self.played_frames = 0
        self._near = np.zeros(0, dtype=np.float32)  # the user's speech still to come, 48 kHz
        self.captured = 0  # microphone frames pushed
        self.echo_only: list[Signal] = []  # what the microphone got from the echo, per block
        self.near_start: int | None = None  # microphone frame where the last `say` began

    def streams(self) -> tuple[FakeStream, FakeStream]:
        """(output, input): open them first by attaching a Speaker and a Microphone."""
        output, inp = self.backend.stream("output"), self.backend.stream("input")
        if output.clock == 0.0:
            output.clock = self.output_latency  # DAC time of the first block
            inp.time_scale = 1.0 + self.drift
        return output, inp

    def say(self, speech_24k: Signal) -> None:
        """The user starts talking now (mixed into the next microphone blocks)."""
        self._near = resample_once(speech_24k, 24000, RATE)
        self.near_start = self.captured

    @property
    def played(self) -> Signal:
        """Everything the speaker was given since the start (48 kHz)."""
        return self._played[: self.played_frames]

    def add_played(self, samples: Signal) -> None:
        """Append to what the speaker output (a device change adds its silent gap here)."""
        end = self.played_frames + len(samples)
        if end > len(self._played):
            self._played = np.concatenate([self._played, np.zeros_like(self._played)])
        self._played[self.played_frames : end] = samples
        self.played_frames = end

    def underrun(self, seconds: float) -> None:
        """The speaker's callback came late: the device played `seconds` of silence."""
        output, _ = self.streams()
        self.add_played(np.zeros(round(seconds * RATE), dtype=np.float32))
        output.underrun(seconds)

    def overflow(self, seconds: float) -> None:
        """The microphone's callback came late: `seconds` of its samples were lost."""
        _, inp = self.streams()
        self.captured += round(seconds * RATE)
        inp.overflow(seconds)

    async def step(self, blocks: int = 1) -> None:
        """Advance by `blocks` microphone blocks (40 ms each) and let the loop deliver them."""
        output, inp = self.streams()
        path = self.delay + round(self.output_latency * RATE)  # played frame i is heard at i + path
        for _ in range(blocks):
            # microphone frame j is heard at played frame j * (1 + drift) - path (interpolated)
            where = (self.captured + np.arange(MIC_BLOCK)) * (1.0 + self.drift) - path
            # the output callbacks have run up to the moment the block is handed over
            handed_over = self.captured + MIC_BLOCK + self.input_latency
            while self.played_frames < max(where[-1] + 2, handed_over):
                self.add_played(output.pull()[:, 0])
            low = max(0, int(where[0]) - 1)
            high = int(where[-1]) + 2
            window = self._played[low:high]
            echo = self.gain * np.interp(where, np.arange(low, low + len(window)), window, left=0)
            near = self._near[:MIC_BLOCK]
            self._near = self._near[MIC_BLOCK:]
            mix = echo + self.noise * self._rng.standard_normal(MIC_BLOCK)
            mix[: len(near)] += near
            self.echo_only.append(echo.astype(np.float32))
            inp.push(np.clip(np.rint(mix * 32767), -32768, 32767).astype(np.int16))
            self.captured += MIC_BLOCK
            await asyncio.sleep(0)
