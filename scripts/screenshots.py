"""Drives the real main window through a demo conversation and saves screenshots.

Run by `scripts/screenshots.sh` under Xvfb (a real X server, the xcb platform). The window is
assembled exactly as the app does it, against the built-in simulator; the microphone and the
speaker are scripted (assistant.audio.fakes) so the level meter shows real waveforms. Each
picture is grabbed from the X server's framebuffer.

`--dark` takes the main window in a dark palette (`main-window-dark.png`): Xvfb has no desktop
colour scheme to follow, so the script asks Qt for a dark scheme and sets the Fusion style with
a dark palette, which is what the window gets from a dark desktop.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import numpy as np
import qasync  # type: ignore[import-untyped]
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from assistant.app.assembly import RunningApp, assemble
from assistant.app.connection import PROVIDER_LABEL, plan_connection
from assistant.app.pictures import picture_from_image
from assistant.app.settings_flow import SettingsFlow
from assistant.app.tools_page_flow import ToolsPageFlow
from assistant.audio.fakes import FakeBackend, fake_device
from assistant.audio.probe import ProbeResult, Recommendation
from assistant.controller import TurnMode
from assistant.realtime.models import DEFAULT_MODEL
from assistant.settings.layered import LayeredSecretStore
from assistant.settings.secrets import MemorySecretStore
from assistant.settings.store import AppSettings, SettingsStore
from assistant.simulator import Simulator, SimulatorOptions
from assistant.transport import azure, custom
from assistant.transport.failures import http_failure
from assistant.ui import i18n
from assistant.ui.chat_rows import RowKind
from assistant.ui.problems import Problem, ProblemKind

RATE = 48000
BLOCK = RATE // 50


def snap(widget: QWidget, path: Path) -> None:
    """Save what the X server shows of `widget`'s window."""
    picture = widget.screen().grabWindow(widget.winId())
    picture.save(str(path))
    print(f"saved {path} ({picture.width()}x{picture.height()})")


def voiced(seconds: float) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    envelope = 0.6 + 0.4 * np.sin(2 * math.pi * 3 * t)  # syllables, so the waveform moves
    wave = sum(np.sin(2 * math.pi * 160 * k * t) / k for k in (1, 2, 3)) * envelope
    return (wave / 1.8 * 0.3 * 32767).astype(np.int16)


class SoundCard:
    """Plays the sound card in real time: a microphone block and two speaker blocks per 20 ms."""

    def __init__(self, backend: FakeBackend) -> None:
        self.backend = backend
        self.speech: list[np.ndarray] = []
        self.hiss = (np.random.default_rng(1).normal(0, 25, BLOCK * 50)).astype(np.int16)
        self.blocks = 0

    async def run(self) -> None:
        while True:  # the streams are looked up each time: a device rescan replaces them
            mic, out = self.backend.stream("input"), self.backend.stream("output")
            if not mic.resting:  # push-to-talk rests the streams between turns
                mic.push(self.speech.pop(0) if self.speech else self._hiss())
            if not out.resting:
                out.pull()
                out.pull()
            self.blocks += 1
            await asyncio.sleep(0.02)

    def _hiss(self) -> np.ndarray:
        start = (self.blocks % 50) * BLOCK
        return self.hiss[start : start + BLOCK]

    def say(self, samples: np.ndarray) -> None:
        self.speech += [samples[i : i + BLOCK] for i in range(0, len(samples), BLOCK)]


class Director:
    def __init__(self, app: RunningApp, card: SoundCard, out: Path) -> None:
        self.app, self.card, self.out = app, card, out
        self.window = app.window

    async def until(self, condition: Callable[[], object], timeout: float = 30.0) -> None:
        async with asyncio.timeout(timeout):
            while not condition():
                await asyncio.sleep(0.02)

    def replies(self) -> list[Any]:
        return [r for r in self.window.chat_model.log.rows if r.kind is RowKind.ASSISTANT]

    async def reply(self, count: int, *, heard: bool = True) -> None:
        """Wait for reply number `count` to be complete (and, with `heard`, played out)."""
        await self.until(lambda: len(self.replies()) >= count and self.replies()[count - 1].final)
        speaker = self.app.audio.speaker
        if heard and speaker is not None:
            await self.until(lambda: not speaker.is_busy)

    async def type(self, text: str) -> None:
        self.window.composer.text_box.setText(text)
        self.window.composer.send()

    async def say(self, seconds: float) -> None:
        self.card.say(np.concatenate([voiced(seconds), np.zeros(RATE, np.int16)]))
        await self.until(lambda: not self.card.speech)

    async def shoot(self, name: str) -> None:
        await asyncio.sleep(0.1)  # let the window paint what just arrived
        await self.until(lambda: not self.window.chat_model.thumbnail_cache.decoding)
        await asyncio.sleep(0.05)  # and the thumbnails decoded meanwhile
        snap(self.window, self.out / name)


@contextlib.asynccontextmanager
async def demo_window(
    out: Path, title: str, settings: AppSettings, height: int
) -> AsyncIterator[tuple[Director, Simulator]]:
    """The window on a simulator, with scripted sound devices, connected and playing."""
    backend = FakeBackend(
        [
            fake_device(0, "Mic", inputs=1, rate=RATE, default=True),
            fake_device(1, "Speaker", outputs=2, rate=RATE, default=True),
            fake_device(2, "USB Headset", inputs=1, outputs=2, rate=RATE, host_api="ALSA"),
        ]
    )
    async with Simulator(SimulatorOptions(pace=0), host="127.0.0.1", port=0) as sim:
        endpoint = custom(sim.url, model=DEFAULT_MODEL)
        app = assemble(endpoint, title, settings, backend=backend)
        app.window.resize(820, height)
        app.window.show()
        card = SoundCard(backend)
        playing = asyncio.ensure_future(card.run())
        app.core.start()
        director = Director(app, card, out)
        await director.until(lambda: app.core.session.connected)
        try:
            yield director, sim
        finally:
            playing.cancel()
            await app.aclose()
            app.window.close()


async def scenario(out: Path) -> None:
    settings = AppSettings(turn_mode="server_vad")
    async with demo_window(out, PROVIDER_LABEL["demo"], settings, 720) as (director, sim):
        await conversation(director, sim)


async def dark(out: Path) -> None:
    """The main window in a dark palette, mid-conversation."""
    settings = AppSettings(turn_mode="server_vad")
    async with demo_window(out, PROVIDER_LABEL["demo"], settings, 720) as (d, sim):
        await d.type("Hello! Can you hear me?")
        await d.reply(1)
        await d.type("What does get current time say?")
        await d.reply(2)
        d.window.chat_model.toggle(3)  # expand the tool call
        sim.options = SimulatorOptions(pace=1.0)
        await d.type("Tell me a long story about the sea, the mountains and the people between.")
        await d.until(lambda: len(d.replies()) == 3 and len(d.replies()[2].text) > 60)
        await d.shoot("main-window-dark.png")
        await d.reply(3)


def go_dark(app: QApplication) -> None:
    """What a dark desktop gives the window: a dark scheme, and Fusion's dark palette."""
    app.styleHints().setColorScheme(Qt.ColorScheme.Dark)
    app.setStyle("Fusion")
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#202124"),
        (roles.WindowText, "#e8eaed"),
        (roles.Base, "#17181a"),
        (roles.AlternateBase, "#2a2b2e"),
        (roles.Text, "#e8eaed"),
        (roles.Button, "#2d2e31"),
        (roles.ButtonText, "#e8eaed"),
        (roles.ToolTipBase, "#2d2e31"),
        (roles.ToolTipText, "#e8eaed"),
        (roles.PlaceholderText, "#9aa0a6"),
        (roles.Highlight, "#8ab4f8"),
        (roles.HighlightedText, "#202124"),
        (roles.Link, "#8ab4f8"),
        (roles.Mid, "#3c4043"),
        (roles.Midlight, "#3c4043"),
        (roles.Dark, "#111214"),
    ):
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)


def sample_picture(title: str, hue: int) -> QImage:
    """A made-up screenshot: a dialog with a title, a message and two buttons."""
    image = QImage(640, 400, QImage.Format.Format_RGB32)
    image.fill(QColor.fromHsv(hue, 40, 235))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("white"))
    painter.setPen(QColor.fromHsv(hue, 120, 120))
    painter.drawRoundedRect(80, 70, 480, 260, 12, 12)
    painter.fillRect(81, 71, 479, 50, QColor.fromHsv(hue, 140, 200))
    font = painter.font()
    font.setPointSize(18)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(100, 105, title)
    painter.setPen(QColor("black"))
    font.setPointSize(13)
    painter.setFont(font)
    painter.drawText(110, 170, "The disk is full. Free some space")
    painter.drawText(110, 195, "and try again.")
    for left, label in ((300, "Details"), (430, "OK")):
        painter.drawRoundedRect(left, 270, 110, 36, 6, 6)
        painter.drawText(left + 28, 294, label)
    painter.end()
    return image


async def picture_turn(d: Director, name: str) -> None:
    """A picture sent with a question, the reply about it, and one more picture waiting."""
    d.window.attach_picture(picture_from_image("error-dialog.png", sample_picture("Backup", 210)))
    await d.type("What does this dialog say?")
    await d.reply(1)
    d.window.attach_picture(picture_from_image("settings.png", sample_picture("Settings", 30)))
    d.window.composer.text_box.setText("And this one?")
    await d.shoot(name)


async def pictures(out: Path, name: str) -> None:
    async with demo_window(out, PROVIDER_LABEL["demo"], AppSettings(), 560) as (director, _sim):
        await picture_turn(director, name)


async def conversation(d: Director, sim: Simulator) -> None:
    await welcome(d)
    await d.type("Hello! Can you hear me?")
    await d.reply(1)
    await d.type("What does get current time say?")
    await d.reply(3)  # a preamble, then the reply with the tool's result
    rows = d.window.chat_model.log.rows
    d.window.chat_model.toggle(next(i for i, r in enumerate(rows) if r.kind is RowKind.TOOL))
    await d.say(1.4)
    await d.reply(4, heard=False)
    await asyncio.sleep(1.2)
    await d.say(0.6)  # the user cuts in
    await d.reply(5)
    sim.options = SimulatorOptions(pace=1.0)
    before = len(d.replies())  # (a tool call's preamble is an assistant row too)
    await d.type("Tell me a long story about the sea, the mountains and the people between them.")
    await d.until(lambda: len(d.replies()) > before and len(d.replies()[-1].text) > 60)
    await d.shoot("main-window.png")  # the reply streaming in
    await d.reply(before + 1)
    await push_to_talk(d)
    await approval(d)
    await settings_dialog(d)


async def approval(d: Director) -> None:
    """An "ask" tool waits for the user: the approval dialog over the window."""
    await d.type("Please read clipboard and summarise it.")
    approver = d.app.approver
    await d.until(lambda: approver.dialog is not None)
    dialog = approver.dialog
    assert dialog is not None
    await asyncio.sleep(0.3)
    snap(dialog, d.out / "tool-approval.png")
    dialog.deny.click()
    await d.reply(7)


async def welcome(d: Director) -> None:
    """The first-run welcome over the demo window."""
    secrets = LayeredSecretStore(MemorySecretStore())
    flow = SettingsFlow(SettingsStore(d.out / ".unused.json"), secrets, {}, lambda _s, _c: None)
    dialog = flow.first_run(d.window)
    await asyncio.sleep(0.3)
    snap(dialog, d.out / "first-run.png")
    dialog.reject()


PREVIEW_URL = "https://contoso.openai.azure.com/openai/realtime?api-version=2025-04-01-preview"


def rejected() -> str:
    """What the Test button says when Azure refuses the key (the transport's own sentence)."""
    return http_failure(azure(PREVIEW_URL, DEFAULT_MODEL), 401).message


ECHO_HEARD = ProbeResult(
    "Mic", "Speaker", True, 42.0, -24.0, 35.0, False, Recommendation.USE_HEADPHONES, ""
)


async def settings_dialog(d: Director) -> None:
    """The settings dialog over the window: Azure with a preview URL, listening, the devices."""
    secrets = LayeredSecretStore(MemorySecretStore())
    tools_page = ToolsPageFlow(d.app.tools, lambda: None)
    flow = SettingsFlow(
        SettingsStore(d.out / ".unused.json"),
        secrets,
        {},
        lambda _s, _c: None,
        d.app.audio,
        pages=lambda s: [tools_page.page(s)],
    )
    # (Save is never pressed here, so nothing is written next to the pictures.)
    current = AppSettings(
        provider="azure",
        deployment=DEFAULT_MODEL,
        endpoint=PREVIEW_URL,
        turn_mode="server_vad",
        vad_idle_timeout_ms=6000,
        noise_reduction="near_field",
        transcription_language="ja",
        budget_dollars=1.0,
        echo_probes={"Mic (Fake) -> Speaker (Fake)": {"hears_speaker": True, "echo_db": -24.0}},
    )
    dialog = flow.open(current, d.window)
    dialog.key.setText("not-a-real-key")
    dialog.show_test_result(False, rejected())
    for name, page in (
        ("settings-dialog.png", None),
        ("settings-listening.png", dialog.listening),
        ("settings-audio.png", dialog.audio),
        ("settings-tools.png", dialog.pages[0]),
    ):
        if page is not None:
            dialog.tabs.setCurrentWidget(page)
        if page is dialog.audio:
            d.card.say(voiced(1.0))  # the level preview moves
            dialog.audio.show_probe_result(ECHO_HEARD)  # as the echo test would say it
        await asyncio.sleep(0.4)
        snap(dialog, d.out / name)
    dialog.tabs.setCurrentIndex(0)  # what the dialog says about settings that cannot work
    dialog.key.clear()
    dialog.endpoint.setText("htp:/not a url!!")
    dialog.deployment.clear()
    await asyncio.sleep(0.4)
    snap(dialog, d.out / "settings-invalid.png")
    dialog.reject()


async def push_to_talk(d: Director) -> None:
    talk = d.window.talk
    talk.choose_mode(TurnMode.PUSH_TO_TALK)
    talk.press()
    d.card.say(voiced(2.0))
    await asyncio.sleep(1.2)
    await d.shoot("push-to-talk.png")
    await d.until(lambda: not d.card.speech)
    talk.release()
    await d.reply(6)


async def problem(out: Path, name: str = "connection-problem.png") -> None:
    """A second window whose key the server rejects: the error inline and in the banner."""
    options = SimulatorOptions(pace=0, api_key="sk-the-right-key")
    async with Simulator(options, host="127.0.0.1", port=0) as sim:
        endpoint = custom(sim.url, lambda: "sk-a-wrong-key", model=DEFAULT_MODEL)
        app = assemble(endpoint, PROVIDER_LABEL["custom"], AppSettings(), backend=None)
        app.window.resize(820, 420)
        app.window.show()
        app.core.start()
        director = Director(app, SoundCard(FakeBackend([])), out)
        await director.until(app.window.chat_model.rowCount)
        await director.type("Are you there?")
        await director.shoot(name)
        await app.aclose()
        app.window.close()


async def settings_problem(out: Path, name: str = "settings-problem.png") -> None:
    """Settings (from a hand-edited file) that cannot work: the demo runs, the banner says why."""
    hostile = AppSettings(provider="azure", endpoint="htp:/not a url!!", deployment=DEFAULT_MODEL)
    plan = plan_connection(hostile, MemorySecretStore(), {"AZURE_OPENAI_API_KEY": "not-a-key"})
    async with demo_window(out, plan.provider, AppSettings(), 420) as (d, _sim):
        d.window.show_problem(Problem(ProblemKind.SETTINGS, plan.problem))
        await d.type("Hello?")
        await d.reply(1)
        await d.shoot(name)


async def japanese(out: Path) -> None:
    """The window in Japanese (needs a CJK font such as fonts-ipafont-gothic)."""
    app_instance = QApplication.instance()
    assert isinstance(app_instance, QApplication)
    translators = i18n.install(app_instance, "ja")
    settings = AppSettings(turn_mode="push_to_talk", transcription_language="ja")
    async with demo_window(out, PROVIDER_LABEL["demo"], settings, 560) as (d, _sim):
        await d.type("こんにちは。今日の予定を教えてください。")
        await d.reply(1)
        await d.type("What does get current time say?")
        await d.reply(2)
        d.window.talk.press()
        d.card.say(voiced(1.6))
        await asyncio.sleep(1.0)
        await d.shoot("main-window-ja.png")
        await d.until(lambda: not d.card.speech)
        d.window.talk.release()
    await settings_problem(out, "settings-problem-ja.png")
    for translator in translators:
        app_instance.removeTranslator(translator)


def main() -> int:
    arguments = sys.argv[1:]
    is_dark = "--dark" in arguments
    paths = [a for a in arguments if a != "--dark"]
    out = Path(paths[0] if paths else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        if is_dark:
            go_dark(app)
            loop.run_until_complete(dark(out))
            loop.run_until_complete(problem(out, "connection-problem-dark.png"))
            loop.run_until_complete(pictures(out, "picture-turn-dark.png"))
            return 0
        loop.run_until_complete(scenario(out))
        loop.run_until_complete(problem(out))
        loop.run_until_complete(settings_problem(out))
        loop.run_until_complete(pictures(out, "picture-turn.png"))
        if QFontDatabase.families(QFontDatabase.WritingSystem.Japanese):
            loop.run_until_complete(japanese(out))
        else:
            print("no Japanese font: install fonts-ipafont-gothic for main-window-ja.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
