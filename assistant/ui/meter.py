"""Live input and output waveforms, with the microphone's live / muted state.

The widget reads each source's waveform (peak per 20 ms bucket, oldest first, full scale 1.0)
on its own timer, about 30 times a second, and only while it is visible: the audio path pays
nothing for the meter. `assistant.audio.levels.LevelMeter` is a `LevelSource`.
"""

from __future__ import annotations

from enum import Enum
from typing import Protocol

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QLineF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate

FRAME_MS = 33
FLOOR_DB = -60.0  # peaks below this draw as nothing
LABEL_WIDTH = 118


class LevelSource(Protocol):
    def waveform(self) -> npt.NDArray[np.float32]: ...


class MicState(Enum):
    LIVE = "live"  # what the microphone hears is sent (hands-free, or the talk key held)
    READY = "ready"  # push to talk between turns: open, nothing is sent
    MUTED = "muted"
    ABSENT = "absent"  # no microphone: text only


MIC_LABEL = {
    MicState.LIVE: (QT_TRANSLATE_NOOP("Meter", "● Microphone live"), "#047857"),
    MicState.READY: (QT_TRANSLATE_NOOP("Meter", "○ Ready, not sending"), ""),  # the text colour
    MicState.MUTED: (QT_TRANSLATE_NOOP("Meter", "○ Microphone muted"), "#b91c1c"),
    MicState.ABSENT: (QT_TRANSLATE_NOOP("Meter", "No microphone"), "#6b7280"),
}
INPUT_COLOR, OUTPUT_COLOR, MUTED_COLOR = "#10b981", "#3b82f6", "#d1d5db"


def bar_height(peak: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Peak amplitudes as fractions of the strip: dB scaled, so speech is visible."""
    with np.errstate(divide="ignore"):  # a silent bucket is -inf dB: no bar
        db = 20 * np.log10(np.clip(np.asarray(peak, dtype=np.float64), 0.0, 1.0))
    return np.maximum(0.0, (db - FLOOR_DB) / -FLOOR_DB)


class WaveformMeter(QWidget):
    """Microphone (top strip) and assistant (bottom strip) waveforms."""

    def __init__(
        self,
        microphone: LevelSource | None = None,
        speaker: LevelSource | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.sources = (microphone, speaker)
        self.mic_state = MicState.LIVE if microphone is not None else MicState.ABSENT
        self.frames = 0  # repaints requested by the timer (for tests and benchmarks)
        self._waves: list[npt.NDArray[np.float32] | None] = [None, None]
        self._timer = QTimer(self, interval=FRAME_MS)
        self._timer.timeout.connect(self.refresh)
        self.setMinimumHeight(56)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Audio levels"))

    def set_mic_state(self, state: MicState) -> None:
        self.mic_state = state
        self.update()

    def refresh(self) -> None:
        """Read the sources now and repaint."""
        self._waves = [s.waveform() if s is not None else None for s in self.sources]
        self.frames += 1
        self.update()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt's API)
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self._timer.stop()
        super().hideEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        del event  # the whole widget is repainted: it is small
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        half = self.height() / 2
        self._strip(painter, 0, QRectF(0, 0, self.width(), half))
        self._strip(painter, 1, QRectF(0, half, self.width(), half))
        painter.end()

    def _strip(self, painter: QPainter, which: int, area: QRectF) -> None:
        text, color = self._label(which)
        painter.setPen(QColor(color))
        label = QRectF(area.left() + 6, area.top(), LABEL_WIDTH, area.height())
        painter.drawText(label, Qt.AlignmentFlag.AlignVCenter, text)
        wave = self._waves[which]
        if wave is None or not len(wave):
            return
        plot = area.adjusted(LABEL_WIDTH + 8, 3, -6, -3)
        width = max(1.0, plot.width() / len(wave) * 0.6)
        painter.setPen(QPen(QColor(self._wave_color(which)), width))
        painter.drawLines(_bars(wave, plot))

    def _label(self, which: int) -> tuple[str, str]:
        if which == 0:
            text, color = MIC_LABEL[self.mic_state]
            neutral = self.palette().color(QPalette.ColorRole.WindowText).name()
            return translate("Meter", text), color or neutral
        if self.sources[1] is None:
            return translate("Meter", "No speaker"), "#6b7280"
        return translate("Meter", "Assistant"), OUTPUT_COLOR

    def _wave_color(self, which: int) -> str:
        if which == 1:
            return OUTPUT_COLOR
        return INPUT_COLOR if self.mic_state is MicState.LIVE else MUTED_COLOR


def _bars(wave: npt.NDArray[np.float32], plot: QRectF) -> list[QLineF]:
    step = plot.width() / len(wave)
    middle, reach = plot.center().y(), plot.height() / 2
    xs = plot.left() + (np.arange(len(wave)) + 0.5) * step
    heights = np.maximum(0.5, bar_height(wave) * reach)
    pairs = zip(xs.tolist(), heights.tolist(), strict=True)
    return [QLineF(x, middle - h, x, middle + h) for x, h in pairs]
