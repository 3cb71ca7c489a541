"""The Tools page of the settings dialog: which tools the model may call, and how.

One row per tool: a check box (offered to the model or not), its name (the description as a
tooltip), where it comes from, and its permission (allow / ask each time / deny). Remote MCP
servers from the tools file are listed with their approval policy, which the file sets. Below:
the user tools file, buttons to add a tool, edit or delete the selected user tool (built-ins
cannot be), open the file in an editor and reload it, and its load errors (file, line, reason).
The page edits the settings only when the dialog is saved (`apply`); the tools file is written
by the app as soon as a tool is saved or deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.settings.store import AppSettings
from assistant.tools import Permission
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate
from assistant.ui.palette import Tone, set_tone

PERMISSIONS = (
    (Permission.ALLOW, QT_TRANSLATE_NOOP("Tools", "Allow")),
    (Permission.ASK, QT_TRANSLATE_NOOP("Tools", "Ask each time")),
    (Permission.DENY, QT_TRANSLATE_NOOP("Tools", "Deny")),
)
SOURCES = {
    "built-in": QT_TRANSLATE_NOOP("Tools", "built-in"),
    "http": QT_TRANSLATE_NOOP("Tools", "HTTP (tools file)"),
    "command": QT_TRANSLATE_NOOP("Tools", "command (tools file)"),
    "mcp": QT_TRANSLATE_NOOP("Tools", "MCP server (tools file)"),
}
EDITABLE = ("http", "command", "mcp")
APPROVALS = {
    "always": QT_TRANSLATE_NOOP("Tools", "Ask each time (set in the file)"),
    "never": QT_TRANSLATE_NOOP("Tools", "Allow (set in the file)"),
}


@dataclass(frozen=True)
class ToolEntry:
    """A row of the page. For an MCP server, `default` is its approval policy from the file."""

    name: str
    description: str
    source: str
    default: Permission | str


@dataclass(frozen=True)
class ToolsCatalog:
    entries: Sequence[ToolEntry]
    path: Path | None
    errors: Sequence[str]  # "file:line: reason"


class ToolsPage(QWidget):
    """See the module docstring.

    Signals:
        open_file_requested(): open the tools file in an editor (created if missing).
        reload_requested(): read the tools file again; the app answers with `show_catalog`.
        add_requested(): define a new user tool.
        edit_requested(kind, name): change the user tool (kind "tool") or MCP server ("mcp").
        delete_requested(kind, name): remove it (the user has confirmed).
    """

    open_file_requested = Signal()
    reload_requested = Signal()
    add_requested = Signal()
    edit_requested = Signal(str, str)
    delete_requested = Signal(str, str)

    def __init__(self, catalog: ToolsCatalog, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.permissions = {k: Permission(v) for k, v in settings.tool_permissions.items()
                            if v in [p.value for p in Permission]}  # fmt: skip
        self.disabled = set(settings.tools_disabled)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("On"), self.tr("Tool"), self.tr("From"), self.tr("Permission")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.path_label, self.errors_label = QLabel(), QLabel()
        for label in (self.path_label, self.errors_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_tone(self.errors_label, Tone.ERROR)
        self.open_button = QPushButton(self.tr("Open the tools file"))
        self.reload_button = QPushButton(self.tr("Reload"))
        self.open_button.clicked.connect(self.open_file_requested)
        self.reload_button.clicked.connect(self.reload_requested)
        self.add_button = QPushButton(self.tr("Add tool…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(
            lambda: self.edit_requested.emit(self.editable[self.selected()], self.selected())
        )
        self.delete_button.clicked.connect(self._confirm_delete)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.confirm: QMessageBox | None = None
        self.editable: dict[str, str] = {}  # name: "tool" or "mcp"
        self._lay_out()
        self.show_catalog(catalog)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.table, 1)
        column.addWidget(self.path_label)
        column.addLayout(buttons)
        column.addWidget(self.errors_label)

    def title(self) -> str:
        return self.tr("Tools")

    def show_catalog(self, catalog: ToolsCatalog) -> None:
        """Show the tools (keeping the choices made on this page) and the file's state."""
        self.table.clearSelection()
        self.table.setRowCount(len(catalog.entries))
        for row, entry in enumerate(catalog.entries):
            self._show_entry(row, entry)
        self.editable = {
            e.name: "mcp" if e.source == "mcp" else "tool"
            for e in catalog.entries
            if e.source in EDITABLE
        }
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        where = str(catalog.path) if catalog.path else self.tr("(none)")
        self.path_label.setText(self.tr("Your tools file: {path}").format(path=where))
        self.open_button.setEnabled(catalog.path is not None)
        self.reload_button.setEnabled(catalog.path is not None)
        self.add_button.setEnabled(catalog.path is not None)
        self._selection_changed()
        problems = self.tr("Problems in the tools file (these entries were skipped):")
        self.errors_label.setText("\n".join([problems, *catalog.errors]))
        self.errors_label.setVisible(bool(catalog.errors))

    def _show_entry(self, row: int, entry: ToolEntry) -> None:
        name = QTableWidgetItem(entry.name)
        name.setToolTip(entry.description)
        self.table.setItem(row, 1, name)
        self.table.setItem(row, 2, QTableWidgetItem(translate("Tools", SOURCES[entry.source])))
        on = QCheckBox()
        on.setAccessibleName(entry.name)
        if isinstance(entry.default, str):  # an MCP server: the file decides
            on.setChecked(True)
            on.setEnabled(False)
            self.table.setCellWidget(row, 0, on)
            policy = APPROVALS.get(entry.default, entry.default)
            self.table.setItem(row, 3, QTableWidgetItem(translate("Tools", policy)))
            return
        on.setChecked(entry.name not in self.disabled)
        on.toggled.connect(lambda checked, n=entry.name: self._toggle(n, checked))
        self.table.setCellWidget(row, 0, on)
        choice = QComboBox()
        choice.setAccessibleName(entry.name)
        for permission, label in PERMISSIONS:
            choice.addItem(translate("Tools", label), permission)
        chosen = self.permissions.get(entry.name, entry.default)
        choice.setCurrentIndex(choice.findData(chosen))
        choice.currentIndexChanged.connect(
            lambda _i, n=entry.name, c=choice, d=entry.default: self._choose(n, c.currentData(), d)
        )
        self.table.setCellWidget(row, 3, choice)

    def _toggle(self, name: str, on: bool) -> None:
        if on:
            self.disabled.discard(name)
        else:
            self.disabled.add(name)

    def _choose(self, name: str, permission: Permission, default: Permission) -> None:
        if permission is default:
            self.permissions.pop(name, None)
        else:
            self.permissions[name] = permission

    def selected(self) -> str:
        """The name of the selected tool ("" when none is)."""
        rows = self.table.selectionModel().selectedRows(1)
        return rows[0].data() if rows else ""

    def _selection_changed(self) -> None:
        editable = self.selected() in self.editable
        self.edit_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)

    def _confirm_delete(self) -> None:
        name = self.selected()
        kind = self.editable[name]
        self.confirm = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete tool"),
            self.tr("Delete the tool {name} from the tools file?").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        self.confirm.setDefaultButton(QMessageBox.StandardButton.Cancel)
        yes = self.confirm.button(QMessageBox.StandardButton.Yes)
        self.confirm.buttonClicked.connect(
            lambda button: self.delete_requested.emit(kind, name) if button is yes else None
        )
        self.confirm.open()

    def row_of(self, name: str) -> int:
        """The table row of the tool called `name` (for tests and accessibility)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 1)
            if item is not None and item.text() == name:
                return row
        raise KeyError(name)

    def apply(self, settings: AppSettings) -> AppSettings:
        """`settings` with this page's choices (only permissions that differ are kept)."""
        return replace(
            settings,
            tool_permissions={name: p.value for name, p in sorted(self.permissions.items())},
            tools_disabled=sorted(self.disabled),
        )
