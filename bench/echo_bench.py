"""Echo handling side by side: Off, Half-duplex (gate) and Cancel in one run.

`python bench/echo_bench.py [--replies N] [--barge-ins N]` (from bench/run.py: PYTHONPATH set).

Each trial is a hands-free conversation (server VAD) through the app's own Speaker, Microphone,
echo stage and Controller, against the simulator over 127.0.0.1, in a simulated room
(tests/audio/room.py): the speaker's output comes back into the microphone at -6 or -20 dB,
30-120 ms later, with 100 ppm of clock drift in every other session, and -60 dBFS of noise.
The room is sample-exact and runs faster than real time; every figure below is on its device
timeline (DAC and ADC times), not the wall clock.

- self-interruptions: replies to typed messages that the server cut (its VAD heard the reply's
  own echo) out of all replies, the first reply of each session included.
- barge-in detected: user speech (espeak-ng, another voice, -20 dBFS, so double talk at -6 dB
  echo) starting 1 s into a reply (after the session's first five replies), that paused or cut
  the reply within 1 s.
- false pauses: replies without user speech that the local detector paused anyway (the
  reply resumes when the server does not confirm, but the user hears a gap).
- barge-in (user): speech onset (its first sample at the microphone, ADC time) to the end of
  the fade that paused or cut the reply as it leaves the speaker (DAC time), median / p95 /
  max: what the user hears, device buffers included (the room's are 20 ms in, 30 ms out).
- ERLE: echo in / echo sent, after the first second of each reply, no user speech (Cancel).
- canceller CPU: the AEC3 call per 10 ms frame as % of one core (engine only).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import statistics
import time
from dataclasses import dataclass, field

import numpy as np

from assistant.audio.capture import Microphone
from assistant.audio.echo import EchoMode, EchoProcessor
from assistant.audio.playback import Speaker
from assistant.controller import Controller
from assistant.realtime import (
    Interrupted,
    ServerVad,
    SessionConfig,
    SessionCreated,
    SpeechStarted,
)
from tests.audio.room import RATE, FakeRoom, spoken
from tests.integration.harness import connected, endpoint_for, simulator

PROMPTS = [
    "Please tell me about the weather in Berlin and what I should wear tomorrow morning.",
    "What is a good recipe for a quick vegetable soup on a cold evening at home?",
    "Remind me what the capital of Australia is and why it is not Sydney after all.",
    "Explain in two sentences how a bicycle gear works when you ride up a hill.",
    "Give me three ideas for a short walk in the park near the river this weekend.",
]
INTERJECTIONS = ["Wait, stop, what about Paris?", "Hold on, I have a question.", "No, no, stop."]
BLOCK_S = 0.04
SETTLE_S = 1.0  # room time with nothing playing and no response before the next prompt
REPLY_CAP_S = 20.0


@dataclass
class Tally:
    replies: int = 0
    cut: int = 0  # replies the server cut with no user speech
    paused: int = 0  # replies the local detector paused with no user speech
    trials: int = 0  # barge-in attempts
    detected: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    erle_db: list[float] = field(default_factory=list)
    aec_us: list[float] = field(default_factory=list)


class Trial:
    """One session: room, devices, echo stage, controller, simulator connection."""

    def __init__(self, mode: EchoMode, room: FakeRoom) -> None:
        self.mode, self.room = mode, room
        self.sent: list[bytes] = []  # what the microphone sent to the session

    async def run(self, prompts: list[str], barge_ins: int, tally: Tally) -> None:
        config = SessionConfig(turn_detection=ServerVad())
        async with simulator(pace=0.0) as sim, connected(endpoint_for(sim, "ga"), config) as chat:
            self.chat = chat
            await self._wire(tally)
            await chat.wait_count(SessionCreated, 1)
            for index, prompt in enumerate(prompts):  # barge-ins last: the first reply is whole
                barge = index >= len(prompts) - barge_ins
                await self._reply(prompt, barge, tally)
            self.microphone.detach()
            self.speaker.detach()

    async def _wire(self, tally: Tally) -> None:
        loop = asyncio.get_running_loop()
        self.speaker = Speaker(loop)
        self.controller = Controller(self.chat.session, self.chat.client, self.speaker)
        self.chat.handlers.append(self.controller.handle)
        self.microphone = Microphone(loop, self.controller.microphone_block)
        self.controller.microphone = self.microphone
        self.controller.mic_listeners.append(self.sent.append)
        self.echo = EchoProcessor(self.mode, on_speech=self.controller.local_speech)
        canceller = self.echo._canceller
        if canceller is not None:
            process = canceller.process

            def timed(reference: np.ndarray, capture: np.ndarray) -> np.ndarray:
                start = time.perf_counter_ns()
                result = process(reference, capture)
                tally.aec_us.append((time.perf_counter_ns() - start) / 1000)
                return result

            canceller.process = timed  # type: ignore[method-assign]
        self.speaker.tap, self.microphone.echo = self.echo.tap, self.echo
        self.cuts: list[int] = []  # output frame at which each hold or cut began
        self.holds = 0
        hold, interrupt = self.speaker.hold, self.speaker.interrupt

        def held() -> bool:
            done = hold()
            if done:
                self.holds += 1
                self.cuts.append(self.room.played_frames)
            return done

        def cut() -> object:
            done = interrupt()
            if done is not None:
                self.cuts.append(self.room.played_frames)
            return done

        self.speaker.hold, self.speaker.interrupt = held, cut  # type: ignore[method-assign]
        self.speaker.attach(self.room.backend, self.room.speaker_device)
        self.microphone.attach(self.room.backend, self.room.mic_device)

    async def _reply(self, prompt: str, barge: bool, tally: Tally) -> None:
        chat = self.chat
        starts, cuts = len(chat.of_type(SpeechStarted)), len(chat.of_type(Interrupted))
        first_echo = len(self.room.echo_only)
        sent_before, holds = len(self.sent), self.holds
        self.controller.send_text(prompt)
        played_from = await self._until_playing()
        onset: int | None = None
        if barge and played_from is not None:
            await self._step_for(1.0)
            onset = self._say()
            tally.trials += 1
        await self._settle()
        cut = len(chat.of_type(Interrupted)) > cuts or len(chat.of_type(SpeechStarted)) > starts
        if onset is not None:
            latency = self._silence_after(onset)
            if latency is not None and latency <= 1000:
                tally.detected += 1
                tally.latencies_ms.append(latency)
            return
        tally.replies += 1
        tally.cut += cut
        tally.paused += self.holds > holds
        if self.mode is EchoMode.CANCEL and not cut and played_from is not None:
            tally.erle_db.append(self._erle(first_echo, sent_before))

    async def _until_playing(self) -> int | None:
        for _ in range(round(5.0 / BLOCK_S)):
            if self.speaker.is_audible:
                return self.room.captured
            await self._step()
        return None

    async def _settle(self) -> None:
        # Until nothing plays, no response runs and the user (if they spoke) has finished.
        quiet, limit = 0, round(REPLY_CAP_S / BLOCK_S)
        for _ in range(limit):
            talking = len(self.room._near) > 0
            busy = self.speaker.is_busy or self.chat.session.response_active or talking
            quiet = 0 if busy else quiet + 1
            if quiet >= SETTLE_S / BLOCK_S:
                return
            await self._step()

    async def _step_for(self, seconds: float) -> None:
        for _ in range(round(seconds / BLOCK_S)):
            await self._step()

    async def _step(self) -> None:
        await self.room.step()
        await asyncio.sleep(0)  # let the socket's events in
        await asyncio.sleep(0)

    def _say(self) -> int:
        text = INTERJECTIONS[self.room.captured % len(INTERJECTIONS)]
        speech = spoken(text, level_db=-20.0)
        self.room.say(speech)
        lead = int(np.argmax(np.abs(speech) > 10 ** (-50 / 20)))  # espeak's leading silence
        return self.room.captured + lead * 2  # in microphone frames (48 kHz)

    def _silence_after(self, onset: int) -> float | None:
        """ms from the onset (ADC) to the end of the fade that paused or cut the reply (DAC).

        The hold or cut acts on the next block the device asks for: the first output frame
        not yet pulled when it happened; that frame leaves the speaker at its DAC time, and
        the 10 ms fade after it is the last the user hears.
        """
        pulled = [frame for frame in self.cuts if frame > onset - self.room.output_latency * RATE]
        if not pulled:
            return None
        dac = pulled[0] + self.room.output_latency * RATE + RATE // 100  # its fade's end
        return (dac - onset) * 1000 / RATE

    def _erle(self, first_echo: int, sent_before: int) -> float:
        echo = np.concatenate(self.room.echo_only[first_echo:])[::2]
        sent = np.frombuffer(b"".join(self.sent[sent_before:]), dtype="<i2") / 32768
        skip = 24000  # the first second of the reply
        n = min(len(echo), len(sent))
        if n <= skip:
            return math.nan
        power = float(np.mean(echo[skip:n] ** 2)), float(np.mean(sent[skip:n] ** 2))
        return 10 * math.log10(power[0] / max(power[1], 1e-12))


async def run_mode(mode: EchoMode, echo_db: float, replies: int, barge_ins: int) -> Tally:
    tally = Tally()
    delays = (0.03, 0.06, 0.09, 0.12)
    sessions = max(1, replies // len(PROMPTS))
    for index in range(sessions):
        room = FakeRoom(
            echo_db=echo_db,
            delay_s=delays[index % len(delays)],
            drift_ppm=100.0 if index % 2 else 0.0,
            seed=index,
        )
        barge = barge_ins // sessions + (index < barge_ins % sessions)
        await Trial(mode, room).run(PROMPTS + PROMPTS[:barge], barge, tally)
    return tally


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=100, help="replies per mode and level")
    parser.add_argument("--barge-ins", type=int, default=50, help="barge-in trials per level")
    parser.add_argument("--echo", type=float, action="append", help="echo level(s) in dB")
    parser.add_argument("--mode", type=EchoMode, action="append", help="off, gate and/or cancel")
    args = parser.parse_args()
    print(
        "| echo | mode | self-interruptions | false pauses | barge-in detected |"
        " barge-in (user) ms | ERLE dB (median, min) | AEC CPU |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for echo_db in args.echo or (-6.0, -20.0):
        for mode in args.mode or (EchoMode.OFF, EchoMode.GATE, EchoMode.CANCEL):
            barge = args.barge_ins if mode is not EchoMode.OFF else 0
            # Off never settles (it answers its own echo until the cap): 20 replies show it
            replies = min(args.replies, 20) if mode is EchoMode.OFF else args.replies
            tally = await run_mode(mode, echo_db, replies, barge)
            print(table_row(echo_db, mode, tally), flush=True)
    if args.echo or args.mode:
        return
    tally = await run_mode(EchoMode.OFF, -120.0, len(PROMPTS) * 2, args.barge_ins)
    print(table_row(-120.0, EchoMode.OFF, tally).replace("-120 dB", "none"), flush=True)


def replies(count: int, t: Tally) -> str:
    return f"{count}/{t.replies}" if t.replies else "-"


def table_row(echo_db: float, mode: EchoMode, t: Tally) -> str:
    detected = f"{t.detected}/{t.trials}" if t.trials else "-"
    lat = "-"
    if t.latencies_ms:
        ordered = sorted(t.latencies_ms)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        lat = f"{statistics.median(ordered):.0f} / {p95:.0f} / {ordered[-1]:.0f}"
    erle = [e for e in t.erle_db if not math.isnan(e)]
    erle_text = f"{statistics.median(erle):.1f}, {min(erle):.1f}" if erle else "-"
    cpu = f"{statistics.mean(t.aec_us) / 100:.2f} %" if t.aec_us else "-"
    return (
        f"| {echo_db:.0f} dB | {mode.value} | {replies(t.cut, t)} | {replies(t.paused, t)}"
        f" | {detected} | {lat} |"
        f" {erle_text} | {cpu} |"
    )


if __name__ == "__main__":
    asyncio.run(main())
