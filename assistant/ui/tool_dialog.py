"""The dialog that defines one entry of the tools file: an HTTP tool, a command or an MCP server.

The fields make the tool's table (the keys of docs/tools.md). Every change is checked at once
with `check`, which applies the tools file's own rules (`assistant.tools.userfile.entry_problem`);
its one sentence is shown under the field it concerns, and Save stays disabled until the tool
is valid. Only what the form itself parses is checked here: a header line without a colon and
parameters that are not JSON. Save emits `save_requested`; the caller writes the file and
closes the dialog (`accept`) or shows why it could not (`show_problem`). An MCP server uses the
name, description and URL fields for its `server_label`, `description` and `server_url`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.tools import Permission
from assistant.tools.userfile import MAX_TIMEOUT
from assistant.tools.web import METHODS
from assistant.ui.i18n import localize, translate
from assistant.ui.palette import Tone, set_tone
from assistant.ui.tools_page import PERMISSIONS

Check = Callable[[str, dict[str, Any]], "tuple[str | None, str] | None"]
ALIASES = {"server_label": "name", "server_url": "url"}  # MCP keys shown in the tool fields
FIELDS = {
    "http": {"method", "url", "headers", "parameters", "timeout", "permission"},
    "command": {"command", "parameters", "timeout", "permission"},
    "mcp": {"url", "allowed_tools", "require_approval", "authorization"},
}


class ToolDialog(QDialog):
    """See the module docstring. `data` is the tool's table when editing one.

    Signals:
        save_requested(kind, data): the valid table to write: "tool" or "mcp", and a dict of
            the file's keys.
    """

    save_requested = Signal(str, object)  # a dict (Signal(dict) would sort its keys)

    def __init__(
        self, check: Check, data: dict[str, Any] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.check = check
        self.setWindowTitle(self.tr("Edit tool") if data else self.tr("Add tool"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("HTTP request"), "http")
        self.kind.addItem(self.tr("Local command"), "command")
        self.kind.addItem(self.tr("Remote MCP server"), "mcp")
        self.allowed_tools, self.authorization = QLineEdit(), QLineEdit()
        self.require_approval = QComboBox()
        self.require_approval.addItem(self.tr("Ask each time"), "always")
        self.require_approval.addItem(self.tr("Allow"), "never")
        self.name, self.description, self.url = QLineEdit(), QLineEdit(), QLineEdit()
        self.method = QComboBox()
        self.method.addItems(list(METHODS))
        self.headers, self.command, self.parameters = (
            QPlainTextEdit(),
            QPlainTextEdit(),
            QPlainTextEdit(),
        )
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(0.5, MAX_TIMEOUT)
        self.timeout.setValue(10)
        self.permission = QComboBox()
        for permission, label in PERMISSIONS:
            self.permission.addItem(translate("Tools", label), permission)
        self.permission.setCurrentIndex(self.permission.findData(Permission.ASK))
        self._placeholders()
        self.errors: dict[str | None, QLabel] = {}
        self.rows: dict[str, QWidget] = {}
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert isinstance(save, QPushButton)
        self.save_button = save
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        if data:
            self._fill(data)
        for edit in (self.name, self.description, self.url, self.allowed_tools,
                     self.authorization):  # fmt: skip
            edit.textChanged.connect(self.validate)
        for text in (self.headers, self.command, self.parameters):
            text.textChanged.connect(self.validate)
        for box in (self.kind, self.method, self.permission, self.require_approval):
            box.currentIndexChanged.connect(self.validate)
        self.timeout.valueChanged.connect(self.validate)
        self.validate()

    def _placeholders(self) -> None:
        self.url.setPlaceholderText("https://wttr.in/{city}?format=3")
        self.headers.setPlaceholderText(self.tr("One per line: Name: value ({secret:NAME} reads "
                                                "the keyring)"))  # fmt: skip
        self.command.setPlaceholderText(self.tr("One argument per line; {name} alone on a line "
                                                "is a parameter"))  # fmt: skip
        self.allowed_tools.setPlaceholderText(self.tr("Tool names separated by commas (empty: "
                                                      "all)"))  # fmt: skip
        self.authorization.setPlaceholderText(self.tr("The name of a keyring secret (optional)"))
        self.parameters.setPlaceholderText(
            '{"type": "object", "properties": {"city": {"type": "string"}}}'
        )

    def _lay_out(self) -> None:
        self.form = QFormLayout()
        self.form.addRow(self.tr("Kind"), self.kind)
        rows = (
            ("name", self.tr("Name"), self.name),
            ("description", self.tr("Description"), self.description),
            ("method", self.tr("Method"), self.method),
            ("url", self.tr("URL"), self.url),
            ("headers", self.tr("Headers"), self.headers),
            ("command", self.tr("Command"), self.command),
            ("parameters", self.tr("Parameters (JSON Schema)"), self.parameters),
            ("timeout", self.tr("Timeout (seconds)"), self.timeout),
            ("permission", self.tr("Permission"), self.permission),
            ("allowed_tools", self.tr("Allowed tools"), self.allowed_tools),
            ("require_approval", self.tr("Approval"), self.require_approval),
            ("authorization", self.tr("Authorization secret"), self.authorization),
        )
        for key, label, field in rows:
            self.form.addRow(label, self._with_error(key, field))
        general = self._error_label(None)
        column = QVBoxLayout(self)
        column.addLayout(self.form)
        column.addWidget(general)
        column.addWidget(self.buttons)

    def _with_error(self, key: str, field: QWidget) -> QWidget:
        box = QWidget()
        self.rows[key] = box
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(field)
        column.addWidget(self._error_label(key))
        return box

    def _error_label(self, key: str | None) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        set_tone(label, Tone.ERROR)
        label.setVisible(False)
        self.errors[key] = label
        return label

    def _fill(self, data: dict[str, Any]) -> None:
        kind = "mcp" if "server_label" in data else "command" if "command" in data else "http"
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.name.setText(str(data.get("name", data.get("server_label", ""))))
        self.description.setText(str(data.get("description", "")))
        self.method.setCurrentText(str(data.get("method", "GET")).upper())
        self.url.setText(str(data.get("url", data.get("server_url", ""))))
        self.allowed_tools.setText(", ".join(data.get("allowed_tools", [])))
        approval = self.require_approval.findData(data.get("require_approval", "always"))
        self.require_approval.setCurrentIndex(approval)
        self.authorization.setText(str(data.get("authorization", "")))
        headers = data.get("headers", {})
        self.headers.setPlainText("\n".join(f"{k}: {v}" for k, v in headers.items()))
        self.command.setPlainText("\n".join(str(part) for part in data.get("command", [])))
        if "parameters" in data:
            self.parameters.setPlainText(json.dumps(data["parameters"], indent=2))
        self.timeout.setValue(float(data.get("timeout", 10)))
        chosen = self.permission.findData(Permission(data.get("permission", "ask")))
        self.permission.setCurrentIndex(chosen)

    def table(self) -> str:
        """The kind of table the dialog makes: "tool" or "mcp"."""
        return "mcp" if self.kind.currentData() == "mcp" else "tool"

    def data(self) -> dict[str, Any]:
        """The table the fields make; ValueError(key, sentence) for what the form cannot read."""
        if self.table() == "mcp":
            return self._server()
        http = self.kind.currentData() == "http"
        data: dict[str, Any] = {"name": self.name.text().strip()}
        if self.description.text().strip():
            data["description"] = self.description.text().strip()
        if http:
            data |= {"method": self.method.currentText(), "url": self.url.text().strip()}
            headers = self._headers()
            if headers:
                data["headers"] = headers
        else:
            lines = self.command.toPlainText().splitlines()
            data["command"] = [line.strip() for line in lines if line.strip()]
        timeout = self.timeout.value()
        data["timeout"] = int(timeout) if timeout.is_integer() else timeout
        parameters = self._parameters()
        if parameters is not None:
            data["parameters"] = parameters
        data["permission"] = self.permission.currentData().value
        return data

    def _server(self) -> dict[str, Any]:
        data: dict[str, Any] = {"server_label": self.name.text().strip()}
        if self.description.text().strip():
            data["description"] = self.description.text().strip()
        data["server_url"] = self.url.text().strip()
        allowed = [name.strip() for name in self.allowed_tools.text().split(",") if name.strip()]
        if allowed:
            data["allowed_tools"] = allowed
        data["require_approval"] = self.require_approval.currentData()
        if self.authorization.text().strip():
            data["authorization"] = self.authorization.text().strip()
        return data

    def _headers(self) -> dict[str, str]:
        headers: dict[str, str] = {}
        for line in self.headers.toPlainText().splitlines():
            if not line.strip():
                continue
            name, colon, value = line.partition(":")
            if not colon or not name.strip():
                raise ValueError("headers", self.tr("Write each header on its own line as "
                                                    "Name: value."))  # fmt: skip
            headers[name.strip()] = value.strip()
        return headers

    def _parameters(self) -> Any:
        text = self.parameters.toPlainText().strip()
        if not text:
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(
                "parameters",
                self.tr("The parameters are not valid JSON (line {line}: {reason}).").format(
                    line=error.lineno, reason=error.msg
                ),
            ) from None

    def validate(self) -> bool:
        """Show the first problem next to its field; Save is enabled only without one."""
        shown = FIELDS[self.kind.currentData()]
        for key in set().union(*FIELDS.values()):
            self.form.setRowVisible(self.rows[key], key in shown)
        try:
            problem = self.check(self.table(), self.data())
        except ValueError as unreadable:
            problem = unreadable.args[0], unreadable.args[1]
        self.show_problem(*problem if problem else (None, ""))
        self.save_button.setEnabled(problem is None)
        return problem is None

    def show_problem(self, key: str | None, text: str) -> None:
        """Show `text` under the field `key` (or below the form), and nothing anywhere else."""
        key, text = ALIASES.get(key or "", key), localize(text)
        where = key if key in self.errors else None
        for name, label in self.errors.items():
            label.setText(text if name == where else "")
            label.setVisible(bool(text) and name == where)

    def _save(self) -> None:
        if self.validate():
            self.save_requested.emit(self.table(), self.data())
