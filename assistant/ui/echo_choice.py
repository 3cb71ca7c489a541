"""Echo handling on the Audio page: the mode, what it does, and what Auto decided for the pair.

The settings keep the user's mode (`AppSettings.echo_mode`) and, per device pair, what the
loopback probe found (`AppSettings.echo_probes`, read and written by
`assistant.controller.device_settings`). Auto cancels echo
unless the probe found that this microphone does not hear this speaker
(`assistant.audio.echo.resolve_mode`). The functions here translate between the two; the
`EchoChoice` widget only shows a mode and a verdict and hands the chosen mode back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from assistant.audio.echo import EchoMode, EchoVerdict
from assistant.audio.probe import ProbeResult
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate
from assistant.ui.palette import Tone, set_tone

MODES = (
    (
        EchoMode.AUTO,
        QT_TRANSLATE_NOOP("EchoChoice", "Auto (recommended)"),
        QT_TRANSLATE_NOOP(
            "EchoChoice",
            "Cancels echo, unless the echo test found that this microphone does not hear "
            "this speaker.",
        ),
    ),
    (
        EchoMode.CANCEL,
        QT_TRANSLATE_NOOP("EchoChoice", "Cancel echo"),
        QT_TRANSLATE_NOOP(
            "EchoChoice",
            "Removes the assistant's voice from the microphone, so you can talk over it.",
        ),
    ),
    (
        EchoMode.GATE,
        QT_TRANSLATE_NOOP("EchoChoice", "Half-duplex"),
        QT_TRANSLATE_NOOP(
            "EchoChoice",
            "Pauses the microphone while the assistant speaks; interrupt with the talk key, "
            "the stop button, by typing or by speaking up.",
        ),
    ),
    (
        EchoMode.OFF,
        QT_TRANSLATE_NOOP("EchoChoice", "Off"),
        QT_TRANSLATE_NOOP(
            "EchoChoice", "Sends the microphone as it is: for headphones or a headset."
        ),
    ),
)
AUTO_UNTESTED = QT_TRANSLATE_NOOP("EchoChoice", "Auto: cancelling echo (no echo test yet).")
AUTO_HEARD = QT_TRANSLATE_NOOP(
    "EchoChoice", "Auto: cancelling echo — the test heard the speaker at {db:.0f} dB."
)
AUTO_QUIET = QT_TRANSLATE_NOOP("EchoChoice", "Auto: off — the test found no echo.")


def probe_verdict(result: ProbeResult) -> EchoVerdict | None:
    """What a probe run tells Auto; None when the microphone delivered only silence."""
    return None if result.input_silent else EchoVerdict(result.hears_speaker, result.echo_db)


def auto_text(verdict: EchoVerdict | None) -> str:
    """What Auto does for a pair with this verdict, in one line."""
    if verdict is None or (verdict.hears_speaker and verdict.echo_db is None):
        return translate("EchoChoice", AUTO_UNTESTED)
    if verdict.hears_speaker:
        return translate("EchoChoice", AUTO_HEARD).format(db=verdict.echo_db)
    return translate("EchoChoice", AUTO_QUIET)


class EchoChoice(QWidget):
    """The mode (each explained in its tooltip and under the box) and Auto's decision."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QComboBox()
        for index, (mode, label, explanation) in enumerate(MODES):
            self.mode.addItem(translate("EchoChoice", label), mode.value)
            tip = translate("EchoChoice", explanation)
            self.mode.setItemData(index, tip, Qt.ItemDataRole.ToolTipRole)
        self.mode.setAccessibleName(self.tr("Echo handling"))
        self.explanation, self.decision = QLabel(""), QLabel("")
        self.explanation.setWordWrap(True)
        set_tone(self.explanation, Tone.QUIET)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.mode, self.explanation, self.decision):
            column.addWidget(widget)
        self._verdict: EchoVerdict | None = None
        self.mode.currentIndexChanged.connect(lambda _i: self._refresh())
        self._refresh()

    def set_mode(self, mode: EchoMode) -> None:
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode.value)))

    def chosen(self) -> EchoMode:
        return EchoMode(self.mode.currentData())

    def set_verdict(self, verdict: EchoVerdict | None) -> None:
        """The probe's verdict for the pair on the page (None: not tested)."""
        self._verdict = verdict
        self._refresh()

    def _refresh(self) -> None:
        explanation = translate("EchoChoice", MODES[self.mode.currentIndex()][2])
        self.explanation.setText(explanation)
        self.mode.setToolTip(explanation)
        self.decision.setText(auto_text(self._verdict))
        self.decision.setVisible(self.chosen() is EchoMode.AUTO)
