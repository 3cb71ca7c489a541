"""Start-up of the packaged app: the PyInstaller bundle and the source install, side by side.

    python packaging/build.py --deb && python bench/bundle_bench.py

For each: `--demo` until the window is shown and until it is connected to the built-in
simulator (REALTIME_ASSISTANT_SMOKE_TEST, offscreen), and the wall time of `--self-test`. "Cold"
is the first run after the app's files were evicted from the page cache (posix_fadvise
DONTNEED on every file of the bundle, or of the interpreter and its site-packages); "warm" is
the median of the next runs. Also the sizes of the bundle folder, the archive and the .deb.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/ and this checkout

from bench.ui_bench import startup

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "realtime-assistant"
WARM_RUNS = 5


def evict(folders: list[Path]) -> None:
    """Drop the files under `folders` from the page cache (the next read comes from disk)."""
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                with path.open("rb") as file:
                    os.posix_fadvise(file.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def self_test_seconds(command: list[str]) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    start = time.perf_counter()
    subprocess.run(  # noqa: S603  # the app under test
        [*command, "--self-test"], env=env, stdout=subprocess.DEVNULL, check=True, timeout=120
    )
    return time.perf_counter() - start


def measure(command: list[str], files: list[Path]) -> list[tuple[str, float, float]]:
    """(what, cold s, warm median s) for window shown, connected and the self-test."""
    rows = []
    runs: list[tuple[str, Callable[[], tuple[float, ...]]]] = [
        ("window shown / connected", lambda: startup(1, command)[0]),
        ("--self-test", lambda: (self_test_seconds(command),)),
    ]
    for what, run in runs:
        evict(files)
        cold = run()
        warm = [run() for _ in range(WARM_RUNS)]
        for i, label in enumerate(what.split(" / ")):
            rows.append((label, cold[i], statistics.median(w[i] for w in warm)))
    return rows


def sizes() -> None:
    folder = sum(f.stat().st_size for f in BUNDLE.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"\n| file | size |\n|---|---:|\n| dist/realtime-assistant/ | {folder / 2**20:.0f} MiB |")
    for pattern in ("*.tar.gz", "*.zip", "*.deb"):
        for path in sorted((ROOT / "dist").glob(pattern)):
            print(f"| dist/{path.name} | {path.stat().st_size / 2**20:.0f} MiB |")


def main() -> None:
    if not (BUNDLE / "realtime-assistant").exists():
        print("No bundle in dist/: run python packaging/build.py first.")
        return
    site = Path(sysconfig.get_paths()["purelib"])
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    peers = {
        "bundle": ([str(BUNDLE / "realtime-assistant")], [BUNDLE]),
        "source (venv)": ([sys.executable, "-m", "assistant"], [site, stdlib, ROOT / "assistant"]),
    }
    results = {name: measure(command, files) for name, (command, files) in peers.items()}
    names = list(results)
    head = " | ".join(f"{n} cold | {n} warm" for n in names)
    print(f"| seconds | {head} |\n|---|" + "---:|" * (2 * len(names)))
    for i, (label, _, _) in enumerate(results[names[0]]):
        cells = " | ".join(f"{results[n][i][1]:.2f} | {results[n][i][2]:.2f}" for n in names)
        print(f"| {label} | {cells} |")
    sizes()


if __name__ == "__main__":
    main()
