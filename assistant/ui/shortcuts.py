"""Help, Keyboard shortcuts: every key the window answers to, in one table.

The rows with a menu entry are read from the window's actions when the box opens, so the list
cannot drift from what the keys do; the keys without one (holding Space, Return on a button,
Tab) are written here. The global talk and screen keys are listed when set and listening.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate

KEYS_WITHOUT_MENU = [  # (keys, what they do); keys are named as on the keyboard
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Space (hold)"),
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Talk while held, in push to talk (not while a button or a text box has the focus)",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Return on the talk button"),
        QT_TRANSLATE_NOOP("Shortcuts", "Start a turn; Return again sends it"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Space or Return on a button"),
        QT_TRANSLATE_NOOP("Shortcuts", "Press the button"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Enter in the message box"),
        QT_TRANSLATE_NOOP("Shortcuts", "Send the message"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Tab, Shift+Tab"),
        QT_TRANSLATE_NOOP("Shortcuts", "Move to the next or previous control"),
    ),
]
GLOBAL_KEY = QT_TRANSLATE_NOOP("Shortcuts", "{key} (hold, in any program)")
GLOBAL_DOES = QT_TRANSLATE_NOOP("Shortcuts", "Talk while held: the global talk key (Settings)")
SCREEN_DOES = QT_TRANSLATE_NOOP(
    "Shortcuts", "Attach the whole screen, then talk while held: the global screen key (Settings)"
)


def shortcut_text(action: QAction) -> str:
    """The action's shortcut as this platform writes it (Ctrl+M, ⌘M)."""
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def action_name(action: QAction) -> str:
    """The menu entry without its mnemonic and ellipsis: "Settings", "設定"."""
    text = re.sub(r"\(&\w\)", "", action.text())  # Japanese mnemonics: 設定(&S)…
    return text.replace("&", "").rstrip("…").rstrip(".").strip()


def menu_entries(menu: QMenu, within: str = "") -> list[tuple[str, QAction]]:
    """(name, action) for each entry of `menu` and of its submenus, in menu order; an entry
    of a submenu is named after it ("Ask about my screen: Region")."""
    entries: list[tuple[str, QAction]] = []
    for action in menu.actions():
        name = action_name(action)
        if within:
            name = translate("Shortcuts", "{menu}: {entry}").format(menu=within, entry=name)
        submenu = action.menu()
        entries += menu_entries(submenu, name) if isinstance(submenu, QMenu) else [(name, action)]
    return entries


def shortcut_rows(
    entries: list[tuple[str, QAction]], global_key: str, screen_key: str = ""
) -> list[tuple[str, str]]:
    """(keys, what they do) for every shortcut: the menus' (`menu_entries`) first, then the
    global keys that listen, then the others."""
    rows = [(shortcut_text(a), name) for name, a in entries if not a.shortcut().isEmpty()]
    for key, does in ((global_key, GLOBAL_DOES), (screen_key, SCREEN_DOES)):
        if key:
            keys = translate("Shortcuts", GLOBAL_KEY).format(key=key)
            rows.append((keys, translate("Shortcuts", does)))
    rows += [(translate("Shortcuts", k), translate("Shortcuts", d)) for k, d in KEYS_WITHOUT_MENU]
    return rows


class ShortcutsDialog(QDialog):
    """The table of shortcuts; `show_rows` fills it (see `shortcut_rows`) and shows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.table)
        column.addWidget(buttons)
        self.resize(620, 460)

    def show_rows(self, rows: list[tuple[str, str]]) -> None:
        self.fill(rows)
        self.show()
        self.activateWindow()

    def fill(self, rows: list[tuple[str, str]]) -> None:
        self.table.setRowCount(len(rows))
        for number, (keys, does) in enumerate(rows):
            self.table.setItem(number, 0, QTableWidgetItem(keys))
            self.table.setItem(number, 1, QTableWidgetItem(does))

    def rows(self) -> list[tuple[str, str]]:
        """What the table shows, for tests and screen readers' users alike."""
        cells = [
            (self.table.item(r, 0), self.table.item(r, 1)) for r in range(self.table.rowCount())
        ]
        return [(keys.text(), does.text()) for keys, does in cells if keys and does]
