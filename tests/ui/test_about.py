"""Help > About shows the version, the MIT license and the third-party notices."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from assistant import __version__
from assistant.ui.about import legal_folder
from assistant.ui.bridge import CoreBridge
from assistant.ui.window import MainWindow, WindowSetup
from tests.ui.test_translations import Commands

ROOT = Path(__file__).resolve().parents[2]


def test_the_about_box_shows_the_license_and_the_notices(qtbot: QtBot) -> None:
    window = MainWindow(CoreBridge(), Commands(), WindowSetup("OpenAI", "gpt-realtime"))
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[-1] == "&Help"
    window.about_action.trigger()
    about = window.about_dialog
    assert about is not None and about.isVisible()
    assert about.license_text.toPlainText() == (ROOT / "LICENSE").read_text(encoding="utf-8")
    notices = about.notices_text.toPlainText()
    assert "PySide6" in notices and "LGPL-3.0" in notices and "PortAudio" in notices
    labels = [label.text() for label in about.findChildren(QLabel)]
    assert any(__version__ in text and "MIT License" in text for text in labels)
    window.about_action.trigger()
    assert window.about_dialog is about  # one box, reused
    about.close()


def test_the_texts_are_found_in_a_checkout() -> None:
    assert legal_folder() == ROOT
