"""The window's costs: a streamed transcript delta against history length, and start-up time.

delta    one assistant transcript delta through the bridge into the history, including the
         repaint it causes (the view is shown on Qt's offscreen platform), with 10, 1,000 and
         10,000 earlier items in the history: the figure must stay flat.
startup  `python -m assistant --demo` as a process, until the window is shown and until it is
         connected to the built-in simulator (REALTIME_ASSISTANT_SMOKE_TEST prints both).

    python bench/ui_bench.py                 # both tables
    python bench/ui_bench.py --only delta    # one of them
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from assistant.realtime import Message, Role

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from assistant.realtime import Item, ItemAdded, ItemStatus, TextDelta
from assistant.ui.bridge import CoreBridge
from assistant.ui.chat_model import ChatModel
from assistant.ui.chat_view import ChatView

HISTORY = (10, 1_000, 10_000)
DELTAS = 300
WORDS = ("the quick brown fox jumps over the lazy dog and keeps on running far away " * 2).split()


def _item(item_id: str, text: str, status: ItemStatus) -> Item:
    role = "user" if item_id.endswith(("0", "2", "4", "6", "8")) else "assistant"
    return Message(item_id, Role(role), status, text=text)


def delta_cost(app: QApplication, history: int) -> tuple[float, float]:
    """(median, 95th percentile) microseconds per delta, repaint included."""
    bridge, model = CoreBridge(), ChatModel()
    model.attach(bridge)
    view = ChatView(model)
    view.resize(760, 560)
    view.show()
    for i in range(history):
        text = " ".join(WORDS[: 5 + i % 10]) + f" ({i})"
        bridge.on_event(ItemAdded(_item(f"item_{i}", text, ItemStatus.COMPLETED)))
    bridge.on_event(ItemAdded(_item("live_1", "", ItemStatus.IN_PROGRESS)))
    app.processEvents()
    times = []
    for n in range(DELTAS):
        start = time.perf_counter()
        bridge.on_event(TextDelta("live_1", WORDS[n % len(WORDS)] + " "))
        app.processEvents()  # the repaint of the changed row
        times.append((time.perf_counter() - start) * 1e6)
    view.close()
    view.deleteLater()
    app.processEvents()
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]


def startup(runs: int = 5, command: list[str] | None = None) -> list[tuple[float, float]]:
    """Seconds from spawning the process to 'window shown' and to 'connected'.

    `command` starts the app (default: `python -m assistant`); `--demo` is added.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REALTIME_ASSISTANT_SMOKE_TEST": "1"}
    results = []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603  # the app under test
            [*(command or [sys.executable, "-m", "assistant"]), "--demo"], env=env,
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        assert process.stderr is not None
        shown = connected = 0.0
        for line in process.stderr:
            if "window shown" in line:
                shown = time.perf_counter() - start
            if "smoke test: connected" in line:
                connected = time.perf_counter() - start
        process.wait(timeout=60)
        results.append((shown, connected))
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["delta", "startup"])
    args = parser.parse_args()
    if args.only != "startup":
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        print("| items in the history | median µs per delta | 95th percentile µs |")
        print("|---:|---:|---:|")
        for history in HISTORY:
            median, p95 = delta_cost(app, history)
            print(f"| {history:,} | {median:,.0f} | {p95:,.0f} |")
    if args.only != "delta":
        runs = startup()
        shown = statistics.median(r[0] for r in runs)
        connected = statistics.median(r[1] for r in runs)
        print(f"\nstart-up, median of {len(runs)} runs: window shown {shown:.2f} s,", end=" ")
        print(f"connected {connected:.2f} s")


if __name__ == "__main__":
    main()
