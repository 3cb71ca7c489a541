"""The long fuzz run: mutated schema-valid server events through the core, in both dialects.

The quick run is a test (`tests/realtime/test_robustness.py`); this one feeds at least
100,000 events per dialect (about a third of them mutated, see `tests/realtime/fuzz.py`) and
prints the count and every unexpected exception, grouped by where it was raised, with one
example message each. Deterministic for a seed.

    python bench/fuzz_bench.py                   # 100,000 events per dialect, seed 12
    python bench/fuzz_bench.py --events 1000000 --seed 7
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for `tests` when run directly

from assistant.realtime import Dialect
from tests.realtime import fuzz


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="per dialect")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    print(f"{'dialect':<8}{'events':>10}{'unexpected':>12}{'seconds':>9}")
    total = 0
    for dialect in (Dialect.GA, Dialect.BETA):
        start = time.perf_counter()
        outcome = fuzz.run(dialect, args.events, args.seed)
        seconds = time.perf_counter() - start
        failures = sum(outcome.failures.values())
        total += failures
        print(f"{dialect.value:<8}{outcome.events:>10,}{failures:>12,}{seconds:>9.1f}")
        for where, count in outcome.failures.most_common():
            print(f"  {count:>8,}  {where}\n            e.g. {outcome.examples[where][:160]!r}")
    return 1 if total else 0


if __name__ == "__main__" and main():
    sys.exit(1)  # only on failures: bench/run.py runs the next benchmark after this one
