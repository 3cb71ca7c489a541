"""The About box: the version, the app's license and the third-party notices.

The texts are the repository's `LICENSE` and `THIRD-PARTY-NOTICES.md`. A bundle carries them
next to its libraries (`sys._MEIPASS`, from the PyInstaller spec) and at its top (Linux); a
checkout has them at its root. Where neither is found (an installed wheel), the box says
where to read them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assistant import __version__

LICENSE, NOTICES = "LICENSE", "THIRD-PARTY-NOTICES.md"
HOMEPAGE = "https://github.com/realtime-assistant/realtime-assistant"


def legal_folder() -> Path | None:
    """The folder holding `LICENSE` and `THIRD-PARTY-NOTICES.md`, if there is one."""
    candidates = []
    bundled = getattr(sys, "_MEIPASS", None)
    if isinstance(bundled, str):
        candidates += [Path(bundled), Path(sys.executable).resolve().parent]
    candidates.append(Path(__file__).resolve().parents[2])  # a checkout
    for folder in candidates:
        if (folder / LICENSE).is_file() and (folder / NOTICES).is_file():
            return folder
    return None


def _read(folder: Path | None, name: str) -> str | None:
    if folder is None:
        return None
    try:
        return (folder / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


class AboutDialog(QDialog):
    """Modeless; `license_text` and `notices_text` are the two tabs' browsers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Realtime Assistant"))
        folder = legal_folder()
        missing = self.tr("Not found in this installation; see {url}.").format(url=HOMEPAGE)
        heading = QLabel(
            f"<b>Realtime Assistant</b> {__version__}<br>"
            + self.tr("MIT License. Includes third-party software under its own licenses.")
        )
        heading.setWordWrap(True)
        self.license_text = QTextBrowser()
        self.license_text.setPlainText(_read(folder, LICENSE) or missing)
        self.notices_text = QTextBrowser()
        self.notices_text.setOpenExternalLinks(True)
        self.notices_text.setMarkdown(_read(folder, NOTICES) or missing)
        tabs = QTabWidget()
        tabs.addTab(self.license_text, self.tr("License"))
        tabs.addTab(self.notices_text, self.tr("Third-party notices"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addWidget(tabs, 1)
        column.addWidget(buttons)
        self.resize(720, 520)
