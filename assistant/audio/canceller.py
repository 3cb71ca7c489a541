"""The acoustic echo canceller: WebRTC's AEC3 through livekit's AudioProcessingModule.

The only module that imports `livekit`. Chosen by measurement (docs/performance.md and the
echo notes): AEC3 removes about 38 dB of echo, estimates the echo path's delay itself (so a
wrong delay hint or a changing one costs little), tolerates the clock drift of separate input
and output devices, and runs at 24 kHz in about 0.1 ms per 10 ms frame. Speex-class cancellers
leave enough echo for a voice detector to fire; `pywebrtc-audio` (the same AEC3) lost 10 dB on
an unknown delay and on 100 ppm drift in the same test.

The processor works on 10 ms frames of 24 kHz PCM16: `process(reference, capture)` first feeds
the speaker's frame (the far end) and then cleans the microphone's frame from the same moment.
The frames are preallocated; nothing is allocated per frame.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from assistant.audio.resample import SOURCE_RATE
from assistant.text import QT_TRANSLATE_NOOP, Sentence

FRAME = SOURCE_RATE // 100
"""Samples per 10 ms frame at 24 kHz: what the canceller takes."""

Frame = npt.NDArray[np.int16]


class CancellerUnavailable(Exception):
    """The canceller's library is missing or failed to load; the message (a `Sentence`) says
    which."""


NOT_LOADED = QT_TRANSLATE_NOOP("Audio", "livekit could not be loaded ({error})")
NOT_STARTED = QT_TRANSLATE_NOOP("Audio", "the echo canceller failed to start ({error})")


def _say(template: str, **args: object) -> Sentence:
    return Sentence("Audio", template, **args)


class EchoCanceller:
    """One AEC3 instance for one microphone/speaker pair (keep it for the conversation)."""

    def __init__(self, *, noise_suppression: bool = False, high_pass: bool = True) -> None:
        """Raises CancellerUnavailable when livekit cannot be imported or refuses to start."""
        try:
            from livekit import rtc  # noqa: PLC0415  # optional at run time: fall back if absent
        except Exception as exc:  # ImportError, or an OSError from its native library
            raise CancellerUnavailable(_say(NOT_LOADED, error=str(exc))) from exc
        try:
            self._apm = rtc.AudioProcessingModule(
                echo_cancellation=True, noise_suppression=noise_suppression,
                high_pass_filter=high_pass,
            )  # fmt: skip
        except Exception as exc:  # its native library failed
            raise CancellerUnavailable(_say(NOT_STARTED, error=str(exc))) from exc
        self._apm.set_stream_delay_ms(0)  # the streams are lined up already (assistant.audio.echo)
        self._reference = rtc.AudioFrame(bytearray(2 * FRAME), SOURCE_RATE, 1, FRAME)
        self._capture = rtc.AudioFrame(bytearray(2 * FRAME), SOURCE_RATE, 1, FRAME)
        self._reference_samples = np.frombuffer(self._reference._data, dtype=np.int16)
        self._capture_samples = np.frombuffer(self._capture._data, dtype=np.int16)

    def process(self, reference: Frame, capture: Frame) -> Frame:
        """Feed one far-end frame, clean the near-end frame of the same 10 ms; the cleaned frame
        is a view, valid until the next call. Raises RuntimeError if the library fails."""
        self._reference_samples[:] = reference
        self._apm.process_reverse_stream(self._reference)
        self._capture_samples[:] = capture
        self._apm.process_stream(self._capture)
        return self._capture_samples
