"""The approval prompt: may the assistant run this tool with these arguments?

One dialog per request, window-modal over the main window (opened with `open()`, no nested
event loop). It shows the tool, where it runs (this computer, or a remote MCP server), what it
does, and its arguments as indented JSON, with Allow once / Always allow / Deny. Closing the
dialog or pressing Escape denies. `decided` is emitted exactly once.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.tools import ApprovalRequest, Decision
from assistant.ui.palette import Tone, set_tone


class ApprovalDialog(QDialog):
    """Ask about one `ApprovalRequest` (a local tool, or an MCP tool when `server_label` is set).

    Signals:
        decided(Decision): the user's answer (DENY when the dialog is closed).
    """

    decided = Signal(object)

    def __init__(self, request: ApprovalRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self._answered = False
        self.setWindowTitle(self.tr("Allow this tool to run?"))
        self._build(request)

    def _build(self, request: ApprovalRequest) -> None:
        if request.server_label is None:
            question = self.tr("The assistant wants to run the tool {tool} on this computer.")
        else:
            question = self.tr(
                "The assistant wants to run the tool {tool} on the MCP server {server}."
            )
        self.question = QLabel(question.format(tool=request.tool, server=request.server_label))
        self.question.setWordWrap(True)
        self.description = QLabel(request.description)
        self.description.setWordWrap(True)
        set_tone(self.description, Tone.QUIET)
        self.description.setVisible(bool(request.description))
        self.arguments = QPlainTextEdit(request.arguments_text(), readOnly=True)
        self.arguments.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.allow_once = QPushButton(self.tr("Allow once"))
        self.always = QPushButton(self.tr("Always allow"))
        self.deny = QPushButton(self.tr("Deny"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.allow_once, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.always, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.deny, QDialogButtonBox.ButtonRole.RejectRole)
        self.allow_once.clicked.connect(lambda: self._answer(Decision.ONCE))
        self.always.clicked.connect(lambda: self._answer(Decision.ALWAYS))
        self.deny.clicked.connect(lambda: self._answer(Decision.DENY))
        self.deny.setDefault(True)  # Enter alone never runs anything
        column = QVBoxLayout(self)
        column.addWidget(self.question)
        column.addWidget(self.description)
        column.addWidget(QLabel(self.tr("Arguments")))
        column.addWidget(self.arguments)
        column.addWidget(buttons)
        self.resize(480, 320)

    def _answer(self, decision: Decision) -> None:
        if not self._answered:
            self._answered = True
            self.decided.emit(decision)
        if decision is Decision.DENY:
            super().reject()
        else:
            super().accept()

    def reject(self) -> None:
        """Escape and the window's close button deny."""
        self._answer(Decision.DENY)
