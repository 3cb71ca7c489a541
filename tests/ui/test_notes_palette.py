"""Notes, the status bar, the problem banner and marked fields read in light and dark palettes.

Every coloured note in `assistant.ui` is a label with a `set_tone` colour: the dialogs are built,
each such label is painted on its window's colour, and the contrast is measured on the pixels
(as in test_palette.py). A scan of the source makes sure no fixed colour is left outside
`assistant/ui/palette.py`, where it could not follow the palette.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QRegion
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

import assistant.ui
from assistant.settings.store import AppSettings
from assistant.transport import LinkState, LinkStatus
from assistant.ui.audio_page import AudioPage
from assistant.ui.cost import CostPanel
from assistant.ui.first_run import FirstRunDialog
from assistant.ui.palette import Tone, contrast, dark_palette, is_dark, luminance, set_tone
from assistant.ui.problems import Problem, ProblemBanner, ProblemKind
from assistant.ui.settings_dialog import SettingsDialog, mark_invalid
from assistant.ui.status import StatusArea
from assistant.ui.talk import TalkBar
from tests.ui.test_panels import Commands

SAMPLE = "A note that must be readable"
# Fixed colours that must stay fixed, by file (none so far).
ALLOWED_FIXED_COLOURS: dict[str, set[str]] = {}


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    """The application's palette, as `follow_color_scheme` sets it (a palette set on a dialog
    does not reach the fields below its style sheet, the application's does)."""
    before = qapp.palette()
    light = qapp.style().standardPalette()
    palette = light if request.param == "light" else dark_palette()
    qapp.setPalette(palette)
    yield palette
    qapp.setPalette(before)


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QPalette]:
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    yield dark_palette()
    qapp.setPalette(before)


def painted(widget: QWidget, background: QColor) -> npt.NDArray[np.uint8]:
    """`widget` painted on `background` (its window's colour): rows x columns x (r, g, b)."""
    size = widget.size().expandedTo(widget.sizeHint())
    widget.resize(size)
    image = QImage(size, QImage.Format.Format_RGB888)
    image.fill(background)
    painter = QPainter(image)
    try:
        widget.render(painter, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
    finally:
        painter.end()
    data = np.frombuffer(bytes(image.constBits()), dtype=np.uint8)
    rows = data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 3]
    return rows.reshape(image.height(), image.width(), 3)


def text_contrast(widget: QWidget) -> float:
    """The contrast of the strongest painted pixel of `widget` on its window's colour."""
    background = widget.palette().color(QPalette.ColorRole.Window)
    patch = painted(widget, background).reshape(-1, 3)
    colors = (QColor(*(int(c) for c in rgb)) for rgb in np.unique(patch, axis=0))
    return max(contrast(color, background) for color in colors)


def toned_labels(root: QWidget) -> list[QLabel]:
    return [
        label
        for label in root.findChildren(QLabel)
        if label.findChild(QObject, "paletteFollower") is not None
    ]


def windows_with_notes(qtbot: QtBot) -> list[QWidget]:
    settings = SettingsDialog(AppSettings(provider="azure"), keyring_problem="No keyring here.")
    settings.show_test_result(False, "The server said no.")
    first_run = FirstRunDialog(keyring_problem="No keyring here.")
    cost = CostPanel()
    audio = AudioPage()
    windows: list[QWidget] = [settings, first_run, cost, audio]
    for window in windows:
        qtbot.addWidget(window)
    return windows


def test_every_toned_note_reads_in_light_and_dark_palettes(qtbot: QtBot, scheme: QPalette) -> None:
    seen = 0
    for window in windows_with_notes(qtbot):
        for label in toned_labels(window):
            label.setText(label.text() or SAMPLE)
            assert is_dark(label.palette()) == is_dark(scheme)
            assert text_contrast(label) >= 4.5, (type(window).__name__, label.text())
            seen += 1
    assert seen >= 8  # the dialogs' warning, error and quiet notes


@pytest.mark.parametrize("tone", list(Tone))
def test_a_note_takes_the_new_colours_when_the_palette_changes(qtbot: QtBot, tone: Tone) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    label = QLabel(SAMPLE, window)
    set_tone(label, tone)
    window.setPalette(QApplication.style().standardPalette())
    light = label.palette().color(QPalette.ColorRole.WindowText)
    window.setPalette(dark_palette())
    dark = label.palette().color(QPalette.ColorRole.WindowText)
    assert luminance(light) < luminance(dark)
    assert text_contrast(label) >= 4.5
    set_tone(label, None)  # back to the ordinary text colour
    assert label.palette().color(QPalette.ColorRole.WindowText) == QColor("#e8eaed")
    window.setPalette(QApplication.style().standardPalette())  # and it follows the palette
    assert label.palette().color(QPalette.ColorRole.WindowText) == QColor("#000000")


def test_the_status_bar_and_its_link_dot_read_in_a_dark_palette(
    qtbot: QtBot, dark: QPalette
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    status = StatusArea(window.statusBar())
    window_color = window.palette().color(QPalette.ColorRole.Window)
    for state in LinkState:
        status.set_link(LinkStatus(state))
        color = re.search(r"color:(#[0-9a-f]{6})", status.link.text())
        assert color is not None
        assert contrast(QColor(color[1]), window_color) >= 4.5, state
    separator = re.search(r"border-left: 1px solid (#[0-9a-f]{6})", window.statusBar().styleSheet())
    assert separator is not None and contrast(QColor(separator[1]), window_color) >= 3.0


def test_the_problem_banner_reads_in_a_dark_palette(qtbot: QtBot, dark: QPalette) -> None:
    banner = ProblemBanner()
    qtbot.addWidget(banner)
    banner.show_problem(Problem(ProblemKind.SETTINGS, "The endpoint is not an address."))
    banner.show()
    qtbot.waitExposed(banner)
    row = banner.rows[ProblemKind.SETTINGS]
    image = banner.grab().toImage()
    inside = row.mapTo(banner, row.label.geometry().topLeft()) - QPoint(2, 0)
    fill = image.pixelColor(inside)
    assert luminance(fill) < 0.2  # the dark window with a trace of amber
    label_area = QRect(row.mapTo(banner, row.label.pos()), row.label.size())
    patch = image.copy(label_area)
    strongest = max(
        (patch.pixelColor(x, y) for x in range(patch.width()) for y in range(patch.height())),
        key=lambda color: contrast(color, fill),
    )
    assert contrast(strongest, fill) >= 4.5
    border = re.search(r"border-color: (#[0-9a-f]{6})", banner.styleSheet())
    assert border is not None and contrast(QColor(border[1]), fill) >= 3.0


def test_a_marked_field_s_border_reads_in_light_and_dark(qtbot: QtBot, scheme: QPalette) -> None:
    dialog = SettingsDialog(AppSettings())
    qtbot.addWidget(dialog)
    field = dialog.findChild(QLineEdit)
    assert field is not None
    mark_invalid(field, "Wrong.")
    border = re.search(r"border: 2px solid (#[0-9a-f]{6})", dialog.styleSheet())
    assert border is not None
    window_color = dialog.palette().color(QPalette.ColorRole.Window)
    assert contrast(QColor(border[1]), window_color) >= 3.0


FIXED_COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?\b|rgba?\(")


def fixed_colours(source: str) -> set[str]:
    """Hex colours and rgb()/rgba() in the string literals of `source` (comments ignored)."""
    found: set[str] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)):
            found.update(FIXED_COLOUR.findall(token.string))
    return found


def test_no_fixed_colour_outside_the_palette_module() -> None:
    package = Path(assistant.ui.__file__).parent
    found = {
        path.name: colours - ALLOWED_FIXED_COLOURS.get(path.name, set())
        for path in package.rglob("*.py")
        if path.name != "palette.py" and (colours := fixed_colours(path.read_text("utf-8")))
    }
    assert {name: colours for name, colours in found.items() if colours} == {}


def test_the_scan_finds_a_fixed_colour() -> None:
    assert fixed_colours('label.setStyleSheet("color: #b91c1c")  # #fff\n') == {"#b91c1c"}
    assert fixed_colours('STYLE = f"background: rgba(1, 2, 3, 0.1); {x}"\n') == {"rgba("}


def test_the_held_talk_button_reads_in_light_and_dark(qtbot: QtBot, scheme: QPalette) -> None:
    bar = TalkBar(Commands(), has_microphone=True)
    qtbot.addWidget(bar)
    bar.press()
    sheet = bar.talk_button.styleSheet()
    colours = dict(re.findall(r"(background|color|solid):? (#[0-9a-f]{6})", sheet))
    fill, text, border = (QColor(colours[name]) for name in ("background", "color", "solid"))
    assert is_dark(scheme) == (luminance(fill) < 0.2)  # no pale green card in a dark window
    assert contrast(text, fill) >= 4.5 and contrast(border, fill) >= 3.0
    bar.release()
    assert bar.talk_button.styleSheet() == ""
