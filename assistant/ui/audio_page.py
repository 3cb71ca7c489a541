"""The device pair: which microphone and speaker, a live input level, and the loopback probe.

Used by the settings dialog's Audio page and by the first-run welcome. The page only shows and
collects: devices come in as `DeviceInfo` values (name and host API; the system defaults are
marked), the choice goes out as a `DevicePair` of `DeviceKey`s (remembered by name and host
API, never by index). The app listens to `input_chosen` to open a preview of that input and
hands back its level (`set_preview`), and to `probe_requested` to run the loopback probe,
whose `ProbeResult` the page puts in plain words.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from assistant.audio.echo import EchoMode
from assistant.audio.levels import Level
from assistant.audio.probe import ProbeResult, Recommendation
from assistant.audio.selection import (
    DeviceInfo,
    DeviceKey,
    DevicePair,
    Role,
    default_device,
    resolve_pair,
)
from assistant.controller.device_settings import Probes, stored_verdict
from assistant.settings.store import AppSettings
from assistant.ui.echo_choice import EchoChoice
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate
from assistant.ui.palette import Tone, set_tone

FLOOR_DB = -60.0
ADVICE = {
    Recommendation.FULL_DUPLEX: QT_TRANSLATE_NOOP(
        "AudioPage",
        "The microphone does not hear the speaker: you can talk over the assistant, and Echo "
        "handling on Auto stays off for this pair.",
    ),
    Recommendation.TURN_ON_ECHO_HANDLING: QT_TRANSLATE_NOOP(
        "AudioPage",
        "The microphone hears the speaker faintly: keep Echo handling on Auto or Cancel echo "
        "so the assistant does not interrupt itself.",
    ),
    Recommendation.USE_HEADPHONES: QT_TRANSLATE_NOOP(
        "AudioPage",
        "The microphone hears the speaker loudly: keep Echo handling on Auto or Cancel echo, "
        "or use headphones for the most reliable interruptions.",
    ),
    Recommendation.PICK_ANOTHER_PAIR: QT_TRANSLATE_NOOP(
        "AudioPage",
        "The input records the output almost unchanged (a monitor or loopback input?): pick a "
        "real microphone for this speaker.",
    ),
    Recommendation.CHECK_MICROPHONE: QT_TRANSLATE_NOOP(
        "AudioPage",
        "The microphone delivered only silence: check that it is connected and not muted, or "
        "pick another input.",
    ),
}
GOOD = (Recommendation.FULL_DUPLEX,)


def _data(key: DeviceKey | None) -> str:
    """A device key as combo box data (a plain string compares by value): host API, name."""
    return f"{key.host_api}\n{key.name}" if key else ""


def _key(data: object) -> DeviceKey | None:
    host_api, _, name = str(data or "").partition("\n")
    return DeviceKey(name, host_api) if name else None


class LevelSource(Protocol):
    def level(self) -> Level: ...


def probe_text(result: ProbeResult) -> str:
    """The probe's finding in plain words: what was heard, then what to do."""
    if result.hears_speaker and result.echo_db is not None and result.delay_ms is not None:
        heard = translate("AudioPage", "Echo heard at {db:.0f} dB, {ms:.0f} ms after playing.")
        heard = heard.format(db=result.echo_db, ms=result.delay_ms)
    elif result.input_silent:
        heard = ""
    else:
        heard = translate("AudioPage", "No echo heard.")
    advice = translate("AudioPage", ADVICE[result.recommendation])
    return f"{heard} {advice}".strip()


def level_percent(level: Level) -> int:
    """A peak level as 0..100 on a dB scale from -60 dBFS, so speech moves the bar."""
    fraction = (max(FLOOR_DB, level.peak_dbfs) - FLOOR_DB) / -FLOOR_DB
    return round(100 * min(1.0, fraction))


class AudioPage(QWidget):
    """Input and output choice, input level preview, echo handling, probe button.

    Signals:
        input_chosen(DeviceKey | None): preview this input (None: the system default).
        probe_requested(DevicePair): run the loopback probe on this pair.
    """

    input_chosen = Signal(object)
    probe_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.input_device, self.output_device = QComboBox(), QComboBox()
        self.level = QProgressBar(minimum=0, maximum=100, textVisible=False)
        self.level.setMaximumHeight(12)
        self.level.setAccessibleName(self.tr("Input level"))
        self.missing_note, self.probe_result = QLabel(""), QLabel("")
        for label in (self.missing_note, self.probe_result):
            label.setWordWrap(True)
        set_tone(self.missing_note, Tone.WARNING)
        self.probe_button = QPushButton(self.tr("Test for echo"))
        self.probe_button.setToolTip(
            self.tr("Plays a short sweep on the speaker and listens with the microphone.")
        )
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Microphone"), self.input_device)
        self.form.addRow(self.tr("Level"), self.level)
        self.form.addRow(self.tr("Speaker"), self.output_device)
        self.form.addRow("", self.missing_note)
        self.echo = EchoChoice()  # the mode, and what Auto decided for the pair shown
        self.echo_probes: dict[str, dict[str, Any]] = {}
        self.form.addRow(self.tr("Echo handling"), self.echo)
        self.form.addRow(self.probe_button, self.probe_result)
        self._source: LevelSource | None = None
        self.devices: list[DeviceInfo] = []
        self._timer = QTimer(self, interval=50)
        self._timer.timeout.connect(self.refresh_level)
        self.input_device.currentIndexChanged.connect(lambda _i: self._input_changed())
        self.output_device.currentIndexChanged.connect(lambda _i: self._show_auto())
        self.probe_button.clicked.connect(lambda: self.probe_requested.emit(self.pair()))
        self.set_devices([], DevicePair())

    # Devices in, the pair out

    def set_devices(self, devices: list[DeviceInfo], pair: DevicePair) -> None:
        """List `devices` for each role and select `pair` (a missing device stays selectable)."""
        self.devices = list(devices)
        missing = []
        boxes: tuple[tuple[Role, QComboBox], ...] = (
            ("input", self.input_device),
            ("output", self.output_device),
        )
        for role, box in boxes:
            box.blockSignals(True)
            if not self._fill(box, devices, role, pair.wanted(role)):
                missing.append(str(pair.wanted(role)))
            box.blockSignals(False)
        note = self.tr("Not connected now: {devices}. The system default is used until then.")
        self.missing_note.setText(note.format(devices=", ".join(missing)) if missing else "")
        self.form.setRowVisible(self.missing_note, bool(missing))
        has_both = any(d.has("input") for d in devices) and any(d.has("output") for d in devices)
        self.probe_button.setEnabled(has_both)
        self._input_changed()

    def _fill(
        self, box: QComboBox, devices: list[DeviceInfo], role: Role, wanted: DeviceKey | None
    ) -> bool:
        box.clear()
        default = default_device(devices, role)
        label = self.tr("System default ({name})").format(name=default.name if default else "—")
        box.addItem(label, "")
        found = wanted is None
        for device in (d for d in devices if d.has(role)):
            mark = self.tr(" (default)") if device.is_default(role) else ""
            box.addItem(f"{device.name} — {device.host_api}{mark}", _data(device.key))
            found = found or device.key == wanted
        if not found:
            missing = self.tr("{device} (not connected)").format(device=wanted)
            box.addItem(missing, _data(wanted))
        box.setCurrentIndex(max(0, box.findData(_data(wanted))))
        return found

    def pair(self) -> DevicePair:
        return DevicePair(
            _key(self.input_device.currentData()), _key(self.output_device.currentData())
        )

    # Echo handling in and out

    def load_echo(self, settings: AppSettings) -> None:
        """Show the settings' echo mode and keep their probe verdicts."""
        self.echo.set_mode(EchoMode(settings.echo_mode))
        self.set_echo_probes(settings.echo_probes)

    def set_echo_probes(self, probes: Probes) -> None:
        """The verdicts per pair (a probe just added one): Auto's line follows."""
        self.echo_probes = {name: dict(verdict) for name, verdict in probes.items()}
        self._show_auto()

    def apply_echo(self, settings: AppSettings) -> AppSettings:
        """`settings` with the chosen echo mode and the verdicts known here."""
        return replace(settings, echo_mode=self.echo.chosen().value, echo_probes=self.echo_probes)

    def _show_auto(self) -> None:
        resolved = resolve_pair(self.devices, self.pair())
        self.echo.set_verdict(stored_verdict(self.echo_probes, resolved.input, resolved.output))

    # The preview and the probe

    def set_preview(self, source: LevelSource | None) -> None:
        """Show the level of `source` (None: no preview; the bar stays empty)."""
        self._source = source
        self.refresh_level()

    def refresh_level(self) -> None:
        self.level.setValue(level_percent(self._source.level()) if self._source else 0)

    def show_probe_running(self) -> None:
        self.probe_button.setEnabled(False)
        set_tone(self.probe_result, None)
        self.probe_result.setText(self.tr("Listening for the speaker…"))

    def show_probe_result(self, result: ProbeResult | None, problem: str = "") -> None:
        """The probe's finding, or `problem` when it could not run."""
        self.probe_button.setEnabled(True)
        good = result is not None and result.recommendation in GOOD
        set_tone(self.probe_result, Tone.OK if good else Tone.WARNING)
        self.probe_result.setText(probe_text(result) if result is not None else problem)

    def _input_changed(self) -> None:
        self.probe_result.setText("")
        self._show_auto()
        self.input_chosen.emit(_key(self.input_device.currentData()))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt's API)
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self._timer.stop()
        super().hideEvent(event)
