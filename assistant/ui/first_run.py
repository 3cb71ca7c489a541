"""The first-run welcome: connect to OpenAI with a key, open the full settings, or try the demo.

Shown over the window (which already runs the offline demo, so nothing waits on the user) when
no provider has been chosen and no key is found. It only collects the choice; the app stores
the key in the keyring and the choice in the settings, exactly as the settings dialog does.
When there is no keyring it says so and offers to keep the key for this run only. After the
choice, a second step picks the microphone and speaker (the settings dialog's `AudioPage`).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assistant.settings.checks import ConnectionFields, check_connection
from assistant.ui.audio_page import AudioPage
from assistant.ui.i18n import QT_TRANSLATE_NOOP, localize, translate
from assistant.ui.palette import Tone, set_tone
from assistant.ui.settings_dialog import follow_invalid_style, mark_invalid

WELCOME = QT_TRANSLATE_NOOP(
    "FirstRunDialog",
    "<h3>Welcome to Realtime Assistant</h3>"
    "<p>You are talking to the built-in offline demo: it needs no key and no network, and it "
    "only echoes what it hears. To talk to a real model, enter an OpenAI API key. It is kept "
    "in your system keyring, never in a file.</p>",
)


class FirstRunChoice(Enum):
    OPENAI = "openai"  # with the key in `key`
    OTHER = "other"  # Azure OpenAI or a custom endpoint: open the settings dialog
    DEMO = "demo"  # keep the offline demo and do not ask again


class FirstRunDialog(QDialog):
    """Signals:
    chosen(FirstRunChoice, str): the user's choice and, for OpenAI, the key.
    devices_chosen(DevicePair): the pair picked in the second step.
    """

    chosen = Signal(object, str)
    devices_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, keyring_problem: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome"))
        self.keyring_note = QLabel(localize(keyring_problem))
        self.keyring_note.setWordWrap(True)
        set_tone(self.keyring_note, Tone.WARNING)
        self.run_only = QCheckBox(self.tr("Keep the key for this run only (nothing is written)"))
        self.run_only.setChecked(bool(keyring_problem))
        self.devices = AudioPage()
        self.done_button = QPushButton(self.tr("Done"))
        self.steps = QStackedWidget()
        self.key = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText("sk-…")
        self.connect_button = QPushButton(self.tr("Connect to OpenAI"))
        self.connect_button.setDefault(True)
        self.other_button = QPushButton(self.tr("Azure OpenAI or another endpoint…"))
        self.demo_button = QPushButton(self.tr("Keep trying the offline demo"))
        self.problem = QLabel("")
        set_tone(self.problem, Tone.ERROR)
        self.problem.setWordWrap(True)
        self._layout()
        self.keyring_note.setVisible(bool(keyring_problem))
        self.run_only.setVisible(bool(keyring_problem))
        self.done_button.clicked.connect(self._devices_done)
        follow_invalid_style(self)
        self.key.textChanged.connect(lambda _t: self._check_key())
        self._check_key()
        self.connect_button.clicked.connect(lambda: self._choose(FirstRunChoice.OPENAI))
        self.other_button.clicked.connect(lambda: self._choose(FirstRunChoice.OTHER))
        self.demo_button.clicked.connect(lambda: self._choose(FirstRunChoice.DEMO))

    def _layout(self) -> None:
        welcome = QLabel(translate("FirstRunDialog", WELCOME))
        welcome.setWordWrap(True)
        key_row = QHBoxLayout()
        key_row.addWidget(QLabel(self.tr("OpenAI API key")))
        key_row.addWidget(self.key, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.other_button)
        buttons.addWidget(self.connect_button)
        first = QWidget()
        column = QVBoxLayout(first)
        column.addWidget(welcome)
        column.addLayout(key_row)
        column.addWidget(self.keyring_note)
        column.addWidget(self.run_only)
        column.addWidget(self.problem)
        column.addLayout(buttons)
        self.steps.addWidget(first)
        self.steps.addWidget(self._devices_step())
        QVBoxLayout(self).addWidget(self.steps)
        self.resize(560, 300)

    def _devices_step(self) -> QWidget:
        step = QWidget()
        column = QVBoxLayout(step)
        column.addWidget(QLabel(self.tr("<h3>Your microphone and speaker</h3>")))
        column.addWidget(self.devices, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.done_button)
        column.addLayout(row)
        return step

    def key_problem(self) -> str:
        """Why the typed key cannot work (the settings' rules, `check_connection`), or ""."""
        key = self.key.text().strip()
        problems = check_connection(ConnectionFields("openai", has_key=bool(key)), key)
        return localize(problems[0].sentence) if problems else ""

    def _check_key(self) -> None:
        """Connect is off while the key cannot work; a typed key that is wrong is marked and
        the sentence shown (an empty field only says so in Connect's tooltip)."""
        why = self.key_problem()
        typed = bool(self.key.text().strip())
        mark_invalid(self.key, why if typed else "")
        self.show_problem(why if typed else "")
        self.connect_button.setEnabled(not why)
        self.connect_button.setToolTip(why)
        self.connect_button.setAccessibleDescription(why)

    def _choose(self, choice: FirstRunChoice) -> None:
        self.chosen.emit(choice, self.key.text().strip())

    def show_devices(self) -> None:
        """The second step: pick the device pair (the app fills `devices`)."""
        self.steps.setCurrentIndex(1)
        self.done_button.setDefault(True)

    def _devices_done(self) -> None:
        self.devices_chosen.emit(self.devices.pair())
        self.accept()

    def show_problem(self, message: str) -> None:
        """Say why the choice could not be carried out; the dialog stays open."""
        self.problem.setText(message)
