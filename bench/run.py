"""Run every benchmark and print its table: `python bench/run.py`."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHMARKS = [
    "realtime_events.py",
    "live_events.py",
    "fuzz_bench.py",
    "store_bench.py",
    "audio_bench.py",
    "latency_bench.py",
    "echo_bench.py",  # about 10 minutes: 600 replies in the simulated room
    "ui_bench.py",
    "screen_bench.py",
    "tools_bench.py",
    "bundle_bench.py",
]


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    for name in BENCHMARKS:
        path = HERE / name
        if not path.exists():
            continue
        print(f"== {name}")
        sys.argv = [str(path)]
        runpy.run_path(str(path), run_name="__main__")
        print()


if __name__ == "__main__":
    main()
