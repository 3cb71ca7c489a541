"""The first-run welcome: connect to OpenAI with a key, open the full settings, or try the demo.

Shown over the window (which already runs the offline demo, so nothing waits on the user) when
no provider has been chosen and no key is found. It only collects the choice; the app stores
the key in the keyring and the choice in the settings, exactly as the settings dialog does.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate

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
    """

    chosen = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome"))
        self.key = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText("sk-…")
        self.connect_button = QPushButton(self.tr("Connect to OpenAI"))
        self.connect_button.setDefault(True)
        self.other_button = QPushButton(self.tr("Azure OpenAI or another endpoint…"))
        self.demo_button = QPushButton(self.tr("Keep trying the offline demo"))
        self.problem = QLabel("")
        self.problem.setStyleSheet("color: #b91c1c")
        self.problem.setWordWrap(True)
        self._layout()
        self.key.textChanged.connect(lambda t: self.connect_button.setEnabled(bool(t.strip())))
        self.connect_button.setEnabled(False)
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
        column = QVBoxLayout(self)
        column.addWidget(welcome)
        column.addLayout(key_row)
        column.addWidget(self.problem)
        column.addLayout(buttons)
        self.resize(560, 260)

    def _choose(self, choice: FirstRunChoice) -> None:
        self.chosen.emit(choice, self.key.text().strip())

    def show_problem(self, message: str) -> None:
        """Say why the choice could not be carried out; the dialog stays open."""
        self.problem.setText(message)
