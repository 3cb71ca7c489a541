"""Turn audio as compressed files: FLAC through `soundfile` (the only module importing it).

FLAC is lossless and fast: about 8 ms to encode ten seconds of 24 kHz speech here, so a
turn is written on the event loop without a worker thread. Ogg Opus (also in the bundled
libsndfile) would be two to four times smaller but took about 40 times longer to encode
(about 0.3 s for ten seconds), too long for the loop. Files are mono PCM16 at 24 kHz, the
Realtime API's own format, so nothing is resampled.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.store.private import private_file

RATE = 24_000
SUFFIX = ".flac"


class AudioUnavailable(Exception):
    """Audio files cannot be written here (libsndfile is missing); one sentence."""


def check_available() -> None:
    """Raise `AudioUnavailable` when audio files cannot be written."""
    try:
        import soundfile  # type: ignore[import-untyped]  # noqa: F401, PLC0415  (OSError without libsndfile)
    except (ImportError, OSError) as exc:
        raise AudioUnavailable(f"turn audio cannot be saved: {exc}") from exc


def write_flac(path: Path, pcm16: bytes) -> Path:
    """Write mono 24 kHz PCM16 to `path` (its suffix becomes .flac); returns the path."""
    import soundfile  # noqa: PLC0415  (see check_available)

    target = path.with_suffix(SUFFIX)
    private_file(target)  # 0600 in 0700 folders, like the rest of the history
    samples = np.frombuffer(pcm16[: len(pcm16) // 2 * 2], dtype="<i2")
    with target.open("r+b") as out:
        out.truncate()
        soundfile.write(out, samples, RATE, format="FLAC", subtype="PCM_16")
    return target


def read_flac(path: Path) -> bytes:
    """The PCM16 (mono, 24 kHz) in a file written by `write_flac`."""
    import soundfile  # noqa: PLC0415

    samples, _rate = soundfile.read(path, dtype="int16")
    return bytes(np.asarray(samples, dtype="<i2").tobytes())
