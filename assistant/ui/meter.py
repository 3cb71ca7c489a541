"""Live input and output waveforms, with the microphone's live / muted state.

The widget reads each source's waveform (peak per 20 ms bucket, oldest first, full scale 1.0)
on its own timer, about 30 times a second, and only while it is visible: the audio path pays
nothing for the meter. In silence (every peak under the floor, so the strips are flat lines)
it does not repaint and looks only `IDLE_MS` apart, so a window nobody talks to costs almost
nothing; the first sound brings back the full rate. `assistant.audio.levels.LevelMeter` is a
`LevelSource`. Colours come from the palette (`assistant.ui.palette`), worked out again when it
changes.
"""

from __future__ import annotations

from enum import Enum
from typing import Protocol

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QLineF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from assistant.ui import palette as colors
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate

FRAME_MS = 33
IDLE_MS = 250  # how often the sources are read while both are silent
FLOOR_DB = -60.0  # peaks below this draw as nothing
SILENT_PEAK = 10 ** (FLOOR_DB / 20)
MIN_LABEL_WIDTH = 118  # px; wider when a label needs it (a larger font, another language)


class LevelSource(Protocol):
    def waveform(self) -> npt.NDArray[np.float32]: ...


class MicState(Enum):
    LIVE = "live"  # what the microphone hears is sent (hands-free, or the talk key held)
    READY = "ready"  # push to talk between turns: open, nothing is sent
    MUTED = "muted"
    ABSENT = "absent"  # no microphone: text only


MIC_LABEL = {
    MicState.LIVE: (QT_TRANSLATE_NOOP("Meter", "● Microphone live"), colors.GREEN),
    MicState.READY: (QT_TRANSLATE_NOOP("Meter", "○ Ready, not sending"), None),  # neutral
    MicState.MUTED: (QT_TRANSLATE_NOOP("Meter", "○ Microphone muted"), colors.RED),
    MicState.ABSENT: (QT_TRANSLATE_NOOP("Meter", "No microphone"), None),
}
INPUT_COLOR, OUTPUT_COLOR = colors.TEAL, colors.SKY  # hues: drawn readable on the background


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
        self._silent = False  # what is on screen is silence (flat strips)
        self._colors: dict[tuple[str | None, float], QColor] = {}
        self._palette_key = 0
        self._timer = QTimer(self, interval=FRAME_MS)
        self._timer.timeout.connect(self.refresh)
        self.setMinimumHeight(56)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Audio levels"))

    def set_mic_state(self, state: MicState) -> None:
        self.mic_state = state
        self.update()

    @property
    def resting(self) -> bool:
        """True while the meter shows silence and reads its sources only `IDLE_MS` apart."""
        return self._timer.interval() == IDLE_MS

    def refresh(self) -> None:
        """Read the sources now; repaint unless silence is on screen and still is."""
        waves = [s.waveform() if s is not None else None for s in self.sources]
        silent = all(w is None or not len(w) or float(w.max()) < SILENT_PEAK for w in waves)
        interval = IDLE_MS if silent else FRAME_MS
        if self._timer.interval() != interval:  # setting it restarts the timer
            self._timer.setInterval(interval)
        if silent and self._silent:
            return
        self._waves, self._silent = waves, silent
        self.frames += 1
        self.update()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt's API)
        self._silent = False  # paint at least once
        self._timer.start(FRAME_MS)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self._timer.stop()
        super().hideEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        del event  # the whole widget is repainted: it is small
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        half = self.height() / 2
        self._strip(painter, 0, QRectF(0, 0, self.width(), half))
        self._strip(painter, 1, QRectF(0, half, self.width(), half))
        painter.end()

    def label_width(self) -> int:
        """The labels' column: as wide as the widest label any strip can show, so none is cut."""
        metrics = self.fontMetrics()
        texts = [translate("Meter", text) for text, _hue in MIC_LABEL.values()]
        texts += [translate("Meter", "No speaker"), translate("Meter", "Assistant")]
        return max(MIN_LABEL_WIDTH, *(metrics.horizontalAdvance(t) + 4 for t in texts))

    def _strip(self, painter: QPainter, which: int, area: QRectF) -> None:
        text, hue = self._label(which)
        painter.setPen(self._readable(hue))
        column = self.label_width()
        label = QRectF(area.left() + 6, area.top(), column, area.height())
        painter.drawText(label, Qt.AlignmentFlag.AlignVCenter, text)
        wave = self._waves[which]
        if wave is None or not len(wave):
            return
        plot = area.adjusted(column + 8, 3, -6, -3)
        width = max(1.0, plot.width() / len(wave) * 0.6)
        painter.setPen(QPen(self._wave_color(which), width))
        painter.drawLines(_bars(wave, plot))

    def _label(self, which: int) -> tuple[str, str | None]:
        """The strip's words and their hue (None: secondary text)."""
        if which == 0:
            text, hue = MIC_LABEL[self.mic_state]
            return translate("Meter", text), hue
        if self.sources[1] is None:
            return translate("Meter", "No speaker"), None
        return translate("Meter", "Assistant"), OUTPUT_COLOR

    def _readable(self, hue: str | None, wanted: float = colors.TEXT_CONTRAST) -> QColor:
        """`hue` made readable on the background (None: secondary text), kept per palette."""
        palette = self.palette()
        if palette.cacheKey() != self._palette_key:
            self._palette_key, self._colors = palette.cacheKey(), {}
        color = self._colors.get((hue, wanted))
        if color is None:
            base = palette.color(QPalette.ColorRole.Base)
            text = colors.text_on(palette, base)
            color = colors.readable(hue, base, text, wanted) if hue else colors.dim(palette, base)
            self._colors[hue, wanted] = color
        return color

    def _wave_color(self, which: int) -> QColor:
        """Bars: their hue, visible on the background; the muted microphone's are faint."""
        if which == 0 and self.mic_state is not MicState.LIVE:
            palette = self.palette()
            base, text = (
                palette.color(QPalette.ColorRole.Base),
                palette.color(QPalette.ColorRole.Text),
            )
            return colors.mix(base, text, 0.3)
        return self._readable(OUTPUT_COLOR if which == 1 else INPUT_COLOR, colors.GRAPHICS_CONTRAST)


def _bars(wave: npt.NDArray[np.float32], plot: QRectF) -> list[QLineF]:
    step = plot.width() / len(wave)
    middle, reach = plot.center().y(), plot.height() / 2
    xs = plot.left() + (np.arange(len(wave)) + 0.5) * step
    heights = np.maximum(0.5, bar_height(wave) * reach)
    pairs = zip(xs.tolist(), heights.tolist(), strict=True)
    return [QLineF(x, middle - h, x, middle + h) for x, h in pairs]
