"""The window's costs: transcript deltas, long histories, start-up, and CPU while idle.

delta    one assistant transcript delta through the bridge into the history, including the
         repaint it causes (the view is shown on Qt's offscreen platform), with 10, 1,000 and
         10,000 earlier items in the history: the figure must stay flat. Then the same with a
         streaming reply that is already 1,500 words long (goal: at most 1 ms).
long     10,000 items: filling the history through the bridge (until every row is measured),
         and resizing the window (the longest stall of the event loop, and the time until every
         row has its height at the new width; goal for the stall: at most 100 ms).
pictures 40 user cards with a 2048x768 PNG screenshot each, shown at once (a conversation
         with pictures continued from the history), then scrolled to the top: the longest stall
         of the event loop until every thumbnail in sight is drawn. Then five 4000x3000 JPEG
         photos attached at once (as from the Attach dialog): the longest stall until they
         wait in the strip.
startup  `python -m assistant --demo` as a process, until the window is shown and until it is
         connected to the built-in simulator (REALTIME_ASSISTANT_SMOKE_TEST prints both).
idle     `python -m assistant --demo` with its devices open, nobody talking: the process's CPU
         time over 30 s (user + system, from /proc; goal in push-to-talk: under 2 % of one
         core) and its threads' context switches per second; in push-to-talk (the device
         streams rest between turns) and, for comparison, hands-free (server VAD: both streams
         run, as the echo canceller needs; once with the demo's simulator inside the app, once
         with the simulator in its own process, as a real server would be). Needs the devices:
         run it through `scripts/with-services.sh` (PulseAudio null sinks, Xvfb).

    python bench/ui_bench.py                 # every table
    python bench/ui_bench.py --only delta    # one of them
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from assistant.realtime import Message, Role

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QIODevice, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QApplication

from assistant.realtime import Item, ItemAdded, ItemStatus, Picture, TextDelta
from assistant.ui.bridge import CoreBridge
from assistant.ui.chat_model import ChatModel
from assistant.ui.chat_view import ChatView

HISTORY = (10, 1_000, 10_000)
DELTAS = 300
LONG_WORDS = 1_500
LONG_HISTORY = 10_000
IDLE_SECONDS = 30.0
WORDS = ("the quick brown fox jumps over the lazy dog and keeps on running far away " * 2).split()


def _item(item_id: str, text: str, status: ItemStatus) -> Item:
    role = "user" if item_id.endswith(("0", "2", "4", "6", "8")) else "assistant"
    return Message(item_id, Role(role), status, text=text)


def _window(history: int) -> tuple[CoreBridge, ChatView]:
    bridge, model = CoreBridge(), ChatModel()
    model.attach(bridge)
    view = ChatView(model)
    view.resize(760, 560)
    view.show()
    _fill(bridge, history)
    return bridge, view


def _fill(bridge: CoreBridge, history: int) -> None:
    for i in range(history):
        text = " ".join(WORDS[: 5 + i % 10]) + f" ({i})"
        bridge.on_event(ItemAdded(_item(f"item_{i}", text, ItemStatus.COMPLETED)))


def _close(app: QApplication, view: ChatView) -> None:
    view.close()
    view.deleteLater()
    app.processEvents()


def delta_cost(app: QApplication, history: int, words: int = 0) -> tuple[float, float]:
    """(median, 95th percentile) microseconds per delta, repaint included; the streaming reply
    starts with `words` words."""
    bridge, view = _window(history)
    start_text = " ".join(WORDS[n % len(WORDS)] for n in range(words))
    bridge.on_event(ItemAdded(_item("live_1", start_text, ItemStatus.IN_PROGRESS)))
    _settle(app, lambda: not view.busy)
    times = []
    for n in range(DELTAS):
        start = time.perf_counter()
        bridge.on_event(TextDelta("live_1", WORDS[n % len(WORDS)] + " "))
        app.processEvents()  # the repaint of the changed row
        times.append((time.perf_counter() - start) * 1e6)
    _close(app, view)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]


def _all_measured(view: ChatView) -> bool:
    """True when every row has the height the delegate gives it at the current width."""
    return all(view.rowHeight(row) == view.row_height(row) for row in range(view.chat.rowCount()))


def _settle(app: QApplication, done: Callable[[], bool], limit: float = 60.0) -> float:
    """Process events until `done()` (20 rounds in a row); returns the longest stall in ms.

    A zero-interval timer ticks whenever the loop is free: the longest gap between two ticks
    is the longest time the window could not react to the user.
    """
    ticks = [time.perf_counter()]
    heartbeat = QTimer(interval=0)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    heartbeat.start()
    end = time.perf_counter() + limit
    quiet = 0
    while time.perf_counter() < end and quiet < 20:  # 20 rounds with nothing pending
        app.processEvents()
        quiet = quiet + 1 if done() else 0
        time.sleep(0.001 if quiet else 0)
    heartbeat.stop()
    ticks.append(time.perf_counter())
    return max(b - a for a, b in itertools.pairwise(ticks)) * 1000


def long_history(app: QApplication) -> dict[str, float]:
    """Milliseconds: filling 10,000 items, and resizing with them (stall and until settled)."""
    bridge, model = CoreBridge(), ChatModel()
    model.attach(bridge)
    view = ChatView(model)
    view.resize(760, 560)
    view.show()
    app.processEvents()
    start = time.perf_counter()
    _fill(bridge, LONG_HISTORY)
    added = (time.perf_counter() - start) * 1000
    fill_stall = _settle(app, lambda: not view.busy)
    figures = {
        "fill: adding the items (one event each, no repaint between)": added,
        "fill: then the longest stall while the rows are measured": fill_stall,
        "fill: until every row is measured": (time.perf_counter() - start) * 1000,
    }
    assert _all_measured(view)
    for width in (700, 760):
        start = time.perf_counter()
        view.resize(width, 560)
        stall = _settle(app, lambda: not view.busy)
        figures[f"resize to {width} px: the longest stall"] = stall
        figures[f"resize to {width} px: until every row is measured"] = (
            time.perf_counter() - start
        ) * 1000
        assert _all_measured(view)
    _close(app, view)
    return figures


PICTURE_ROWS = 40


def _screenshot_png(seed: int) -> bytes:
    """A 2048x768 PNG that looks like a screenshot: flat colours, lines of "text"."""
    image = QImage(2048, 768, QImage.Format.Format_RGB32)
    image.fill(QColor(246, 246, 246))
    painter = QPainter(image)
    painter.setFont(QFont("DejaVu Sans", 11))
    for line in range(40):
        painter.drawText(20, 20 + line * 18, " ".join(WORDS[(seed + line) % 7 :] * 4))
    painter.fillRect(1400, 100, 500, 300, QColor(40 + seed % 200, 90, 160))
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def picture_cards(app: QApplication) -> dict[str, float]:
    """Milliseconds: the longest stall showing picture cards, and scrolling back to them."""
    model = ChatModel()
    view = ChatView(model)
    view.resize(760, 560)
    view.show()
    app.processEvents()
    items = [
        Message(
            f"u{i}",
            Role.USER,
            ItemStatus.COMPLETED,
            text=f"What does this say? ({i})",
            pictures=(Picture(f"shot{i}.png", "image/png", 2048, 768, _screenshot_png(i)),),
        )
        for i in range(PICTURE_ROWS)
    ]
    cache = getattr(model, "thumbnail_cache", None)  # (older versions decode while painting)
    settled = lambda: not view.busy and not (cache is not None and cache.decoding)  # noqa: E731
    model.show_entries(items)
    figures = {f"show {PICTURE_ROWS} picture cards: the longest stall": _settle(app, settled)}
    view.verticalScrollBar().setValue(0)
    figures["scroll to the first cards: the longest stall"] = _settle(app, settled)
    _close(app, view)
    return figures


def _photo(seed: int, path: Path) -> None:
    """A 4000x3000 JPEG with gradients and shapes (a phone photo's size)."""
    image = QImage(4000, 3000, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 4000, 3000)
    gradient.setColorAt(0, QColor(30 + seed * 40, 90, 160))
    gradient.setColorAt(1, QColor(240, 200 - seed * 30, 90))
    painter.fillRect(image.rect(), gradient)
    for n in range(60):
        painter.setBrush(QColor((n * 37) % 255, (n * 91 + seed) % 255, (n * 53) % 255))
        painter.drawEllipse((n * 613) % 3600, (n * 377) % 2600, 400, 300)
    painter.end()
    image.save(str(path), "JPEG", 90)


def attaching(app: QApplication) -> dict[str, float]:
    """Milliseconds: the longest stall while five photos are read into the strip."""
    from assistant.app.assembly import PICTURE_READERS
    from assistant.ui.composer import Composer

    class NoCommands:
        mode = None

    folder = Path(tempfile.mkdtemp(prefix="ra-bench-photos-"))
    paths = [folder / f"photo{n}.jpg" for n in range(5)]
    for n, path in enumerate(paths):
        _photo(n, path)
    composer = Composer(NoCommands(), PICTURE_READERS)  # type: ignore[arg-type]
    app.processEvents()
    start = time.perf_counter()
    composer.attach_files(paths)
    reading = lambda: not getattr(composer, "reading", False)  # noqa: E731  (older: at once)
    stall = max((time.perf_counter() - start) * 1000, _settle(app, reading))
    assert len(composer.strip) == len(paths)
    composer.close()
    shutil.rmtree(folder)
    return {"attach five 4000x3000 JPEG photos: the longest stall": stall}


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


def _cpu_seconds(pid: int, thread: int | None = None) -> float:
    """User + system CPU time of a process (all its threads), or of one of its threads."""
    path = Path(f"/proc/{pid}/stat" if thread is None else f"/proc/{pid}/task/{thread}/stat")
    fields = path.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _switches(pid: int) -> int:
    """Context switches of all the process's threads (each one a thread waking up or yielding)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        for line in (task / "status").read_text().splitlines():
            if "ctxt_switches" in line:  # voluntary and involuntary
                total += int(line.split()[1])
    return total


def _audio_streams(pid: int) -> str:
    """How many PulseAudio streams the process has open (capture / playback), if pactl runs."""
    counts = []
    for kind in ("source-outputs", "sink-inputs"):
        try:
            command = ["pactl", "list", kind]
            listing = subprocess.run(  # noqa: S603
                command, capture_output=True, text=True, timeout=10, check=False
            ).stdout
        except (OSError, subprocess.TimeoutExpired):
            return "unknown"
        counts.append(listing.count(f'application.process.id = "{pid}"'))
    return f"{counts[0]} capture / {counts[1]} playback"


def _simulator(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The simulator in a process of its own (what it says goes to `log`), and its address."""
    with log.open("wb") as said:
        server = subprocess.Popen(
            [sys.executable, "-m", "assistant", "simulator", "--port", "0"],
            stdout=subprocess.DEVNULL, stderr=said,
        )  # fmt: skip
    deadline = time.monotonic() + 30
    while "ws://" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, log.read_text().split()[2]  # "Simulator on ws://... (Ctrl-C stops it)"


def idle_cpu(
    mode: str, seconds: float = IDLE_SECONDS, warmup: float = 8.0, *, apart: bool = False
) -> tuple[float, float, float, str]:
    """Of the idle app in turn mode `mode`: percent of one core (whole process, and its GUI
    thread, which runs the event loop), context switches per second, open streams. `apart`:
    the simulator runs in a process of its own (as a real server would), not in the app's."""
    config = Path(tempfile.mkdtemp(prefix="ui-bench-"))
    (config / "realtime-assistant").mkdir()
    settings: dict[str, str] = {"turn_mode": mode}
    server, command = None, [sys.executable, "-m", "assistant", "--demo"]
    if apart:
        server, url = _simulator(config / "simulator.log")
        settings |= {"provider": "custom", "endpoint": url, "model": "gpt-realtime"}
        command = command[:-1]
    (config / "realtime-assistant" / "settings.json").write_text(json.dumps(settings))
    process = subprocess.Popen(  # noqa: S603  (the app under test, this interpreter)
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "XDG_CONFIG_HOME": str(config)},
    )  # fmt: skip
    try:
        time.sleep(warmup)
        streams = _audio_streams(process.pid)
        pid = process.pid
        cpu, gui, switches = _cpu_seconds(pid), _cpu_seconds(pid, pid), _switches(pid)
        start = time.monotonic()
        time.sleep(seconds)
        elapsed = time.monotonic() - start
        cpu, gui = _cpu_seconds(pid) - cpu, _cpu_seconds(pid, pid) - gui
        switches = _switches(process.pid) - switches
    finally:
        for running in (process, server):
            if running is not None:
                running.terminate()
                running.wait(timeout=30)
        shutil.rmtree(config, ignore_errors=True)
    return 100 * cpu / elapsed, 100 * gui / elapsed, switches / elapsed, streams


def _table(rows: list[tuple[str, Callable[[], str]]]) -> None:
    for name, figure in rows:
        print(f"| {name} | {figure()} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["delta", "long", "pictures", "startup", "idle"])
    args = parser.parse_args()
    wanted = lambda name: args.only in (None, name)  # noqa: E731
    if wanted("delta") or wanted("long") or wanted("pictures"):
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
    if wanted("delta"):
        print(
            "| items in the history | words in the streaming reply | median µs per delta |", end=""
        )
        print(" 95th percentile µs |\n|---:|---:|---:|---:|")
        for history, words in [*((h, 0) for h in HISTORY), (10, LONG_WORDS), (1_000, LONG_WORDS)]:
            median, p95 = delta_cost(app, history, words)
            print(f"| {history:,} | {words:,} | {median:,.0f} | {p95:,.0f} |")
    if wanted("long"):
        figures = long_history(app)
        print(f"\n| {LONG_HISTORY:,} items | ms |\n|---|---:|")
        _table([(name, lambda value=value: f"{value:,.0f}") for name, value in figures.items()])
    if wanted("pictures"):
        figures = picture_cards(app) | attaching(app)
        print("\n| picture cards | ms |\n|---|---:|")
        _table([(name, lambda value=value: f"{value:,.0f}") for name, value in figures.items()])
    if wanted("startup"):
        runs = startup()
        shown = statistics.median(r[0] for r in runs)
        connected = statistics.median(r[1] for r in runs)
        print(f"\nstart-up, median of {len(runs)} runs: window shown {shown:.2f} s,", end=" ")
        print(f"connected {connected:.2f} s")
    if wanted("idle"):
        print(f"\n| idle for {IDLE_SECONDS:.0f} s, devices open | % of one core |", end="")
        print(" GUI thread % | context switches per second |\n|---|---:|---:|---:|")
        for mode, name, apart in (
            ("push_to_talk", "push-to-talk", False),
            ("server_vad", "hands-free, the demo's simulator in the app", False),
            ("server_vad", "hands-free, the simulator in its own process", True),
        ):
            percent, gui, switches, streams = idle_cpu(mode, apart=apart)
            print(f"| {name} ({streams} streams) | {percent:.2f} | {gui:.2f} | {switches:,.0f} |")
        print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
