"""The settings dialog's conversation pages: how the assistant speaks, and how it listens.

`VoicePage` holds the voice, its speed, the instructions and the reasoning effort (sent only to
models that reason); `ListeningPage` the way turns end
(push-to-talk, server VAD with its threshold and timings, semantic VAD with its eagerness),
noise reduction and the input transcription (model and language hint: Japanese heard as
Korean or Russian is fixed by saying which language is spoken). Each page shows an
`AppSettings` with `load` and writes its fields into one with `apply`; the dialog owns neither.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from assistant.realtime import SPEEDS, TRANSCRIPTION_MODELS, VOICES
from assistant.settings.store import AppSettings
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate
from assistant.ui.palette import Tone, set_tone
from assistant.ui.settings_form import LANGUAGES, TURN_MODES, model_box

EAGERNESS = [
    ("auto", QT_TRANSLATE_NOOP("Settings", "Automatic (medium)")),
    ("low", QT_TRANSLATE_NOOP("Settings", "Low: lets you pause longer")),
    ("medium", QT_TRANSLATE_NOOP("Settings", "Medium")),
    ("high", QT_TRANSLATE_NOOP("Settings", "High: answers sooner")),
]
REASONING = [
    ("", QT_TRANSLATE_NOOP("Settings", "The model's default (low)")),
    ("minimal", QT_TRANSLATE_NOOP("Settings", "Minimal: fastest replies")),
    ("low", QT_TRANSLATE_NOOP("Settings", "Low")),
    ("medium", QT_TRANSLATE_NOOP("Settings", "Medium")),
    ("high", QT_TRANSLATE_NOOP("Settings", "High")),
    ("xhigh", QT_TRANSLATE_NOOP("Settings", "Extra high: slowest, most thorough")),
]
NOISE_REDUCTION = [
    ("", QT_TRANSLATE_NOOP("Settings", "Off")),
    ("near_field", QT_TRANSLATE_NOOP("Settings", "Near field (headset, laptop microphone)")),
    ("far_field", QT_TRANSLATE_NOOP("Settings", "Far field (conference or room microphone)")),
]
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_CODE_IN_LABEL = re.compile(r"\(([a-z]{2,3})\)\s*$")


def language_code(text: str, labels: dict[str, str]) -> str | None:
    """The language hint typed or chosen: "" (detect), a code such as "ja", or None (invalid).

    `labels` maps the shown names to their codes; a typed code ("pt") or a name ending in one
    ("Português (pt)") is taken as it is.
    """
    text = text.strip()
    if not text:
        return ""
    if text in labels:
        return labels[text]
    inside = _CODE_IN_LABEL.search(text)
    code = inside.group(1) if inside else text.lower()
    return code if _LANGUAGE_CODE.match(code) else None


def _combo(choices: list[tuple[str, str]]) -> QComboBox:
    box = QComboBox()
    for value, label in choices:
        box.addItem(translate("Settings", label), value)
    return box


def _select(box: QComboBox, value: object) -> None:
    box.setCurrentIndex(max(0, box.findData(value)))


def _milliseconds(top: int, step: int) -> QSpinBox:
    box = QSpinBox(minimum=0, maximum=top, singleStep=step)
    box.setSuffix(" ms")
    return box


class VoicePage(QWidget):
    """Voice, speaking speed and instructions; `form` takes further rows (tools, language)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.voice = QComboBox()
        self.voice.addItems(list(VOICES))
        self.voice.setToolTip(self.tr("The voice can change only before the assistant speaks."))
        self.speed = QDoubleSpinBox(minimum=SPEEDS[0], maximum=SPEEDS[1], singleStep=0.05)
        self.speed.setDecimals(2)
        self.speed.setSuffix(" \u00d7")
        self.instructions = QPlainTextEdit()
        self.instructions.setPlaceholderText(  # says what is sent when it is left empty
            self.tr("Left empty, the assistant is told to be a helpful, concise voice assistant.")
        )
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Voice"), self.voice)
        self.form.addRow(self.tr("Speaking speed"), self.speed)
        self.form.addRow(self.tr("Instructions"), self.instructions)
        self.reasoning = _combo(REASONING)
        self.reasoning.setToolTip(
            self.tr(
                "How long the model thinks before it answers. Only reasoning models "
                "(gpt-realtime-2 and later) take it; more effort costs time and output tokens."
            )
        )
        self.form.addRow(self.tr("Reasoning"), self.reasoning)

    def load(self, settings: AppSettings) -> None:
        self.voice.setCurrentText(settings.voice)
        self.speed.setValue(settings.speed)
        self.instructions.setPlainText(settings.instructions)
        _select(self.reasoning, settings.reasoning_effort)

    def apply(self, settings: AppSettings) -> AppSettings:
        return replace(
            settings,
            voice=self.voice.currentText(),
            speed=round(self.speed.value(), 2),
            instructions=self.instructions.toPlainText().strip(),
            reasoning_effort=str(self.reasoning.currentData()),
        )


class ListeningPage(QWidget):
    """Turn detection and its parameters, noise reduction, transcription model and language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.turn_mode = _combo(TURN_MODES)
        self.threshold = QDoubleSpinBox(minimum=0.0, maximum=1.0, singleStep=0.05)
        self.threshold.setToolTip(self.tr("Higher: only louder sound counts as speech."))
        self.prefix_padding = _milliseconds(2000, 50)
        self.silence = _milliseconds(5000, 50)
        self.idle_timeout = _milliseconds(60_000, 1000)
        self.idle_timeout.setSpecialValueText(self.tr("Never"))
        self.eagerness = _combo(EAGERNESS)
        self.noise_reduction = _combo(NOISE_REDUCTION)
        self.transcription_model = model_box(TRANSCRIPTION_MODELS)
        self.language = QComboBox(editable=True)
        self._labels: dict[str, str] = {}
        for code, label in LANGUAGES:
            shown = translate("Settings", label) + (f" ({code})" if code else "")
            self.language.addItem(shown, code)
            self._labels[shown] = code
        self.language_note = QLabel("")
        set_tone(self.language_note, Tone.ERROR)
        self._layout()
        self.turn_mode.currentIndexChanged.connect(lambda _i: self._show_parameters())
        self.language.editTextChanged.connect(lambda _t: self._check_language())

    def _layout(self) -> None:
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Taking turns"), self.turn_mode)
        self.form.addRow(self.tr("Speech threshold"), self.threshold)
        self.form.addRow(self.tr("Audio kept before speech"), self.prefix_padding)
        self.form.addRow(self.tr("Pause that ends a turn"), self.silence)
        self.form.addRow(self.tr("Prompt me after silence of"), self.idle_timeout)
        self.form.addRow(self.tr("Eagerness"), self.eagerness)
        self.form.addRow(self.tr("Noise reduction"), self.noise_reduction)
        self.form.addRow(self.tr("Transcription model"), self.transcription_model)
        self.form.addRow(self.tr("Your language"), self.language)
        self.form.addRow("", self.language_note)

    def load(self, settings: AppSettings) -> None:
        _select(self.turn_mode, settings.turn_mode)
        self.threshold.setValue(settings.vad_threshold)
        self.prefix_padding.setValue(settings.vad_prefix_padding_ms)
        self.silence.setValue(settings.vad_silence_duration_ms)
        self.idle_timeout.setValue(settings.vad_idle_timeout_ms)
        _select(self.eagerness, settings.vad_eagerness)
        _select(self.noise_reduction, settings.noise_reduction)
        self.transcription_model.setCurrentText(settings.transcription_model)
        found = self.language.findData(settings.transcription_language)
        if found >= 0:
            self.language.setCurrentIndex(found)
        else:
            self.language.setEditText(settings.transcription_language)
        self._show_parameters()

    def apply(self, settings: AppSettings) -> AppSettings:
        model = self.transcription_model.currentText().strip() or TRANSCRIPTION_MODELS[0]
        return replace(
            settings,
            turn_mode=str(self.turn_mode.currentData()),
            vad_threshold=round(self.threshold.value(), 2),
            vad_prefix_padding_ms=self.prefix_padding.value(),
            vad_silence_duration_ms=self.silence.value(),
            vad_idle_timeout_ms=self.idle_timeout.value(),
            vad_eagerness=str(self.eagerness.currentData()),
            noise_reduction=str(self.noise_reduction.currentData()),
            transcription_model=model,
            transcription_language=self.language_hint(),
        )

    def language_hint(self) -> str:
        """The chosen code; an unreadable entry counts as "detect" (and the page says so)."""
        return language_code(self.language.currentText(), self._labels) or ""

    def _check_language(self) -> None:
        valid = language_code(self.language.currentText(), self._labels) is not None
        note = self.tr("Type a language code such as ja or pt; until then it is detected.")
        self.language_note.setText("" if valid else note)
        self.form.setRowVisible(self.language_note, not valid)

    def _show_parameters(self) -> None:
        mode = self.turn_mode.currentData()
        for widget in (self.threshold, self.prefix_padding, self.silence, self.idle_timeout):
            self.form.setRowVisible(widget, mode == "server_vad")
        self.form.setRowVisible(self.eagerness, mode == "semantic_vad")
        self._check_language()
