"""The status bar: connection, provider and model, session time left, turn state, notices.

Time left counts down to the server's `expires_at` (from `SessionCreated`) with the `clock`
it is given, so tests pass a fake clock. Notices stay until the next one; problems that need
the user go to the window's banner instead (`assistant.ui.problems`), where nothing replaces
them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar

from assistant.controller import TurnState
from assistant.realtime import SessionCreated
from assistant.transport import LinkState, LinkStatus
from assistant.ui.bridge import CoreBridge
from assistant.ui.i18n import QT_TRANSLATE_NOOP, localize, translate
from assistant.ui.palette import Tone, line_color, on_palette, tone_color

LINK_TEXT = {
    LinkState.CONNECTING: (QT_TRANSLATE_NOOP("Status", "Connecting…"), Tone.WARNING),
    LinkState.CONNECTED: (QT_TRANSLATE_NOOP("Status", "Connected"), Tone.OK),
    LinkState.RECONNECTING: (QT_TRANSLATE_NOOP("Status", "Reconnecting…"), Tone.WARNING),
    LinkState.CLOSED: (QT_TRANSLATE_NOOP("Status", "Offline"), Tone.QUIET),
    LinkState.FAILED: (QT_TRANSLATE_NOOP("Status", "Not connected"), Tone.ERROR),
}


def style(palette: QPalette) -> str:
    """The permanent items' separators, visible on the palette's window."""
    line = line_color(palette).name()
    return f"QLabel#statusItem {{ padding: 0 6px; border-left: 1px solid {line}; }}"


TURN_TEXT = {
    TurnState.IDLE: QT_TRANSLATE_NOOP("Status", "Ready"),
    TurnState.LISTENING: QT_TRANSLATE_NOOP("Status", "Listening"),
    TurnState.THINKING: QT_TRANSLATE_NOOP("Status", "Thinking"),
    TurnState.SPEAKING: QT_TRANSLATE_NOOP("Status", "Speaking"),
}


def time_left_text(seconds: float) -> str:
    """`12:34 left` (minutes:seconds) for the session's remaining time."""
    whole = max(0, int(seconds))
    text = translate("Status", "session {minutes}:{seconds:02d} left")
    return text.format(minutes=whole // 60, seconds=whole % 60)


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when its text does not fit; the tooltip has it all."""

    def __init__(self) -> None:
        super().__init__()
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's API)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self.full_text, Qt.TextElideMode.ElideRight, self.width()))


class StatusArea:
    """Fills a `QStatusBar` with labels and keeps them current from bridge signals."""

    def __init__(self, bar: QStatusBar, clock: Callable[[], float] = time.time) -> None:
        self.bar, self._clock = bar, clock
        self.message = ElidedLabel()
        self.link, self.endpoint = QLabel(), QLabel("")
        self.time_left, self.turn = QLabel(""), QLabel("")
        bar.addWidget(self.message, 1)
        for label in (self.link, self.endpoint, self.time_left, self.turn):
            label.setObjectName("statusItem")
            bar.addPermanentWidget(label)
        on_palette(bar, lambda palette: self._set_style(style(palette)))
        self._expires_at: int | None = None
        self._turn, self._connected = TurnState.IDLE, False
        self._ticker = QTimer(bar, interval=1000)
        self._ticker.timeout.connect(self._tick)
        self._link = LinkStatus(LinkState.CLOSED)
        self.set_link(self._link)
        on_palette(self.link, lambda _palette: self._show_link())

    def attach(self, bridge: CoreBridge) -> None:
        bridge.link_changed.connect(self.set_link)
        bridge.turn_state_changed.connect(self.set_turn)
        bridge.session_started.connect(self.session_started)
        bridge.notice.connect(self.show_notice)

    def set_endpoint(self, provider: str, model: str | None) -> None:
        """`OpenAI · gpt-realtime`."""
        provider = localize(provider)
        self.endpoint.setText(f"{provider} \u00b7 {model}" if model else provider)

    def set_link(self, status: LinkStatus) -> None:
        self._connected = status.state is LinkState.CONNECTED
        self.set_turn(self._turn)
        self._link = status
        self._show_link()
        detail = localize(status.detail)
        self.link.setToolTip(detail)
        if status.state is LinkState.RECONNECTING and detail:
            self.show_notice(translate("Status", "Reconnecting: {detail}.").format(detail=detail))

    def _show_link(self) -> None:
        text, tone = LINK_TEXT[self._link.state]
        color = tone_color(self.link.palette(), tone).name()
        self.link.setText(f'<span style="color:{color}">\u25cf</span> {translate("Status", text)}')

    def _set_style(self, sheet: str) -> None:
        if self.bar.styleSheet() != sheet:
            self.bar.setStyleSheet(sheet)

    def set_turn(self, state: TurnState) -> None:
        """Shown while connected: without a connection nobody is thinking or speaking."""
        self._turn = state
        self.turn.setText(translate("Status", TURN_TEXT[state]) if self._connected else "")

    def session_started(self, event: SessionCreated) -> None:
        self._expires_at = event.expires_at
        self._tick()
        if event.expires_at is not None:
            self._ticker.start()

    def show_notice(self, message: str) -> None:
        self.message.set_full_text(localize(message))

    def _tick(self) -> None:
        if self._expires_at is None:
            self.time_left.setText("")
            return
        self.time_left.setText(time_left_text(self._expires_at - self._clock()))
