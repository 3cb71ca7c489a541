"""The cost panel, the status area, the level meter and the talk controls, on their own."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from PySide6.QtWidgets import QStatusBar
from pytestqt.qtbot import QtBot

from assistant.controller import TurnMode, TurnState
from assistant.realtime import (
    Cost,
    Picture,
    ResponseFinished,
    SessionCreated,
    TranscriptionBilled,
    Usage,
)
from assistant.transport import LinkState, LinkStatus
from assistant.ui.bridge import CoreBridge
from assistant.ui.cost import CostPanel, tokens_text
from assistant.ui.meter import MicState, WaveformMeter, bar_height
from assistant.ui.status import StatusArea, time_left_text
from assistant.ui.talk import TalkBar

TURN = Usage(input_text=100, input_audio=900, cached_audio=500, output_text=20, output_audio=300)


def finished(usage: Usage, cost: Cost | None) -> ResponseFinished:
    return ResponseFinished("resp_1", "completed", None, usage, cost)


def test_cost_shows_tokens_split_and_dollars_for_the_turn_and_the_session(qtbot: QtBot) -> None:
    panel = CostPanel()
    qtbot.addWidget(panel)
    panel.add_reply(finished(TURN, Cost(input_audio=0.01, cached=0.0002, output_audio=0.02)))
    panel.add_transcription(
        TranscriptionBilled("u1", Usage(input_audio=50), Cost(transcription=0.001))
    )
    panel.add_reply(finished(TURN, Cost(input_audio=0.01, output_audio=0.02)))
    assert (
        panel.last_tokens.text()
        == "1,000 in (audio 900 \u00b7 cached 500) \u00b7 320 out (audio 300) tokens"
    )
    assert panel.last_dollars.text() == "$0.0300"
    assert panel.session_tokens.text().startswith("2,050 in (audio 1,850 \u00b7 cached 1,000)")
    assert panel.session_dollars.text() == "$0.0612"
    assert "cached input $0.0002" in panel.session_dollars.toolTip()


def test_a_model_without_a_price_shows_tokens_only(qtbot: QtBot) -> None:
    panel = CostPanel()
    qtbot.addWidget(panel)
    panel.add_reply(finished(TURN, None))
    assert panel.last_tokens.text() == tokens_text(TURN)
    assert panel.last_dollars.text() == "no price known"
    assert panel.session_dollars.text() == "no price known"
    assert "never a guess" in panel.session_dollars.toolTip()


def test_status_shows_link_model_time_left_and_turn_state(qtbot: QtBot) -> None:
    bar = QStatusBar()
    qtbot.addWidget(bar)
    now = [1_000_000.0]
    status = StatusArea(bar, clock=lambda: now[0])
    bridge = CoreBridge()
    status.attach(bridge)
    status.set_endpoint("OpenAI", "gpt-realtime")
    assert status.endpoint.text() == "OpenAI \u00b7 gpt-realtime"
    bridge.on_link_status(LinkStatus(LinkState.CONNECTING))
    assert "Connecting" in status.link.text()
    bridge.on_turn_state(TurnState.THINKING)
    assert status.turn.text() == ""  # nobody thinks without a connection
    bridge.on_link_status(LinkStatus(LinkState.CONNECTED, "openai wss://api.openai.com"))
    assert "Connected" in status.link.text() and status.turn.text() == "Thinking"
    bridge.on_event(SessionCreated("sess_1", "gpt-realtime", int(now[0]) + 3600))
    assert status.time_left.text() == "session 60:00 left"
    now[0] += 61.5
    status._tick()
    assert status.time_left.text() == time_left_text(3600 - 61.5) == "session 58:58 left"
    bridge.on_link_status(LinkStatus(LinkState.RECONNECTING, "the connection closed (1006)", 1))
    assert status.message.full_text == "Reconnecting: the connection closed (1006)."


def test_the_meter_repaints_from_its_sources_on_a_timer(qtbot: QtBot) -> None:
    class Source:
        reads = 0

        def waveform(self) -> npt.NDArray[np.float32]:
            self.reads += 1
            return np.linspace(0, 1, 150, dtype=np.float32)

    mic, speaker = Source(), Source()
    meter = WaveformMeter(mic, speaker)
    qtbot.addWidget(meter)
    meter.show()
    qtbot.waitUntil(lambda: meter.frames >= 3, timeout=5000)
    assert mic.reads >= 3 and speaker.reads >= 3
    meter.set_mic_state(MicState.MUTED)
    assert meter._label(0)[0].endswith("Microphone muted")
    meter.hide()
    frames = meter.frames
    qtbot.wait(100)
    assert meter.frames == frames  # hidden: the sources are not read at all
    assert bar_height(0.0) == 0.0 and bar_height(1.0) == 1.0 and 0.4 < bar_height(0.03) < 0.6


class Commands:
    def __init__(self) -> None:
        self.mode = TurnMode.PUSH_TO_TALK
        self.calls: list[str] = []

    def send_text(self, text: str, pictures: Sequence[Picture] = ()) -> str:
        self.calls.append(f"send {text} {len(pictures)}")
        return "item"

    def add_pictures(self, pictures: Sequence[Picture]) -> str:
        self.calls.append(f"pictures {len(pictures)}")
        return "pictures"

    def press_to_talk(self) -> None:
        self.calls.append("press")

    def release_to_talk(self) -> bool:
        self.calls.append("release")
        return True

    def stop_reply(self) -> None:
        self.calls.append("stop")

    def set_mode(self, mode: TurnMode) -> None:
        self.mode = mode
        self.calls.append(mode.value)

    def set_muted(self, muted: bool) -> None:
        self.calls.append(f"muted {muted}")


def test_talk_controls_follow_the_mode_and_mute(qtbot: QtBot) -> None:
    commands = Commands()
    bar = TalkBar(commands, has_microphone=True)
    qtbot.addWidget(bar)
    states: list[MicState] = []
    bar.mic_state_changed.connect(states.append)
    bar.press()
    bar.choose_mode(TurnMode.SERVER_VAD)  # switching modes ends a held turn first
    assert commands.calls == ["press", "release", "server_vad"]
    assert not bar.talk_enabled and bar.talk_button.text() == "Listening hands-free"
    assert bar.mic_state() is MicState.LIVE  # hands-free: everything heard is sent
    bar.choose_mode(TurnMode.PUSH_TO_TALK)
    assert bar.mic_state() is MicState.READY  # open, but nothing is sent between turns
    bar.mute_button.click()
    assert not bar.talk_enabled and states[-1] is MicState.MUTED
    bar.mute_button.click()
    assert bar.talk_enabled
    live, ready, muted = MicState.LIVE, MicState.READY, MicState.MUTED
    assert states == [live, ready, live, ready, muted, ready]  # each change told once
    bar.stop_button.click()
    assert commands.calls[-3:] == ["muted True", "muted False", "stop"]


def test_without_a_microphone_the_talk_controls_are_off(qtbot: QtBot) -> None:
    bar = TalkBar(Commands(), has_microphone=False)
    qtbot.addWidget(bar)
    bar.press()
    assert not bar.held and not bar.talk_button.isEnabled()
    assert bar.talk_button.text() == "No microphone: type below"


def test_the_meter_rests_in_silence_and_wakes_at_the_first_sound(qtbot: QtBot) -> None:
    class Source:
        def __init__(self) -> None:
            self.peak, self.reads = 0.0, 0

        def waveform(self) -> npt.NDArray[np.float32]:
            self.reads += 1
            return np.full(150, self.peak, dtype=np.float32)

    mic, speaker = Source(), Source()
    meter = WaveformMeter(mic, speaker)
    qtbot.addWidget(meter)
    meter.show()
    qtbot.waitUntil(lambda: meter.resting, timeout=5000)
    frames, reads = meter.frames, mic.reads
    qtbot.wait(600)
    assert meter.frames == frames  # silence on screen stays: no repaint
    assert mic.reads - reads <= 4  # read a few times a second, not 30 (it still reads: below)
    mic.peak = 0.3  # the user speaks
    qtbot.waitUntil(lambda: meter.frames > frames + 3, timeout=5000)
    assert not meter.resting
    mic.peak = 0.0
    qtbot.waitUntil(lambda: meter.resting, timeout=5000)


def test_no_meter_label_is_cut_off(qtbot: QtBot) -> None:
    from PySide6.QtGui import QColor, QImage, QPalette

    meter = WaveformMeter(None, None)
    qtbot.addWidget(meter)
    font = meter.font()
    font.setPointSize(font.pointSize() + 4)  # a user's larger font (or a longer translation)
    meter.setFont(font)
    meter.resize(600, 60)
    background = meter.palette().color(QPalette.ColorRole.Base)
    for state in MicState:
        meter.set_mic_state(state)
        image = meter.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        text = meter._label(0)[0]
        inked = [
            x
            for x in range(image.width())
            for y in range(0, 30)
            if QColor(image.pixel(x, y)) != background
        ]
        drawn = max(inked) - min(inked) + 1
        assert drawn >= meter.fontMetrics().horizontalAdvance(text) - 4, state
