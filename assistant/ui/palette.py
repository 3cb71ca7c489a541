"""Colours taken from the palette, so the window reads in light and dark colour schemes.

Nothing here names a fixed colour for text or a background: a background is a palette role,
maybe tinted towards a hue (`tint`), and a coloured text starts from its hue and is moved
towards the palette's text colour until it reads on its background (WCAG contrast of 4.5 for
text, 3 for graphics: `readable`). So a green label is the usual dark green on a light window and
a light green on a dark one, and whatever palette a style or the user brings, text stays legible.

Qt gives widgets the palette of the style and the system colour scheme (Windows and macOS switch
it at run time; Linux desktops through the platform theme); widgets hear of a change through a
`PaletteChange` event. `follow_color_scheme` makes sure the palette follows the scheme also with
a style that keeps a light palette in a dark scheme: it then uses `dark_palette()`.

Notes in a warning, error, success or quiet tone (`set_tone`) and other coloured decorations
(`on_palette`) are computed from the palette of the widget's parent and again on every
`PaletteChange`, so no widget keeps a colour made for another scheme. Hex colours live only in
this module (a test fails on one anywhere else in `assistant.ui`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMetaObject, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

TEXT_CONTRAST = 4.5
GRAPHICS_CONTRAST = 3.0

# Hues; what is drawn with them is made readable on its background first.
GREEN, RED, BLUE, PURPLE, AMBER, TEAL, SKY = (
    "#047857",
    "#b91c1c",
    "#1d4ed8",
    "#6b21a8",
    "#b45309",
    "#10b981",
    "#3b82f6",
)


class Tone(enum.Enum):
    """What a note says by its colour; QUIET is secondary text (no hue)."""

    OK = GREEN
    WARNING = AMBER
    ERROR = RED
    QUIET = ""


def luminance(color: QColor) -> float:
    """WCAG relative luminance of an sRGB colour (0 black, 1 white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in (color.redF(), color.greenF(), color.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(first: QColor, second: QColor, amount: float) -> QColor:
    """`first` moved `amount` (0..1) of the way towards `second`."""
    return QColor.fromRgbF(
        *(a + (b - a) * amount for a, b in zip(_rgb(first), _rgb(second), strict=True))
    )


def _rgb(color: QColor) -> tuple[float, float, float]:
    return color.redF(), color.greenF(), color.blueF()


def is_dark(palette: QPalette) -> bool:
    """True when the palette draws light text on dark backgrounds."""
    return luminance(palette.color(QPalette.ColorRole.Base)) < 0.2


def tint(palette: QPalette, hue: str, role: QPalette.ColorRole = QPalette.ColorRole.Base) -> QColor:
    """A background: the palette's `role` with a trace of `hue` (a little more when dark, where
    a faint tint cannot be seen)."""
    return mix(palette.color(role), QColor(hue), 0.16 if is_dark(palette) else 0.08)


def readable(
    hue: QColor | str, background: QColor, text: QColor, wanted: float = TEXT_CONTRAST
) -> QColor:
    """`hue`, moved towards the palette's `text` colour as little as it takes to reach the
    `wanted` contrast on `background` (`text` itself when even that is not enough)."""
    color = QColor(hue)
    for step in range(11):
        candidate = mix(color, text, step / 10)
        if contrast(candidate, background) >= wanted:
            return candidate
    return QColor(text)


def text_on(palette: QPalette, background: QColor) -> QColor:
    """The palette's text colour, or black or white if that does not read on `background`."""
    text = palette.color(QPalette.ColorRole.Text)
    if contrast(text, background) >= TEXT_CONTRAST:
        return text
    black, white = QColor(Qt.GlobalColor.black), QColor(Qt.GlobalColor.white)
    return black if contrast(black, background) >= contrast(white, background) else white


def dim(palette: QPalette, background: QColor) -> QColor:
    """Secondary text (notes, the time a user cut in): between text and background, readable."""
    text = text_on(palette, background)
    return readable(mix(text, background, 0.45), background, text)


def dark_palette() -> QPalette:
    """A dark palette for styles that have none of their own (Fusion's colours, darkened)."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, "#202124"),
        (roles.WindowText, "#e8eaed"),
        (roles.Base, "#17181a"),
        (roles.AlternateBase, "#26282b"),
        (roles.Text, "#e8eaed"),
        (roles.Button, "#2d2f33"),
        (roles.ButtonText, "#e8eaed"),
        (roles.BrightText, "#ffffff"),
        (roles.Highlight, "#3b82f6"),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#2d2f33"),
        (roles.ToolTipText, "#e8eaed"),
        (roles.PlaceholderText, "#9aa0a6"),
        (roles.Link, "#8ab4f8"),
        (roles.Light, "#3c4043"),
        (roles.Midlight, "#323437"),
        (roles.Mid, "#26282b"),
        (roles.Dark, "#111213"),
        (roles.Shadow, "#000000"),
    ):
        palette.setColor(role, QColor(color))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#80868b"))
    return palette


def follow_color_scheme(app: QApplication) -> QMetaObject.Connection:
    """Keep the palette in step with the system colour scheme, now and when it changes."""
    hints = app.styleHints()
    _apply_scheme(app, hints.colorScheme())
    return hints.colorSchemeChanged.connect(lambda scheme: _apply_scheme(app, scheme))


def _apply_scheme(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """Use `dark_palette()` only when the scheme is dark and the style's palette is not (the
    style's own dark palette is better where it has one); go back when the scheme is light."""
    dark_now = is_dark(app.palette())
    if scheme is Qt.ColorScheme.Dark and not dark_now:
        app.setPalette(dark_palette())
    elif scheme is Qt.ColorScheme.Light and dark_now:
        app.setPalette(app.style().standardPalette())  # the style's own


def tone_color(palette: QPalette, tone: Tone) -> QColor:
    """The colour of a note in `tone` on the palette's window, readable (contrast 4.5). It
    starts from the palette's `Text` role, which `set_tone` leaves alone."""
    background = palette.color(QPalette.ColorRole.Window)
    if tone is Tone.QUIET:
        return dim(palette, background)
    return readable(tone.value, background, text_on(palette, background))


def line_color(
    palette: QPalette, hue: str | None = None, background: QColor | None = None
) -> QColor:
    """A separator or frame on `background` (the window's colour if None): `hue` (or the
    text colour, faded) at contrast 3."""
    background = background or palette.color(QPalette.ColorRole.Window)
    text = text_on(palette, background)
    return readable(hue or mix(text, background, 0.7), background, text, GRAPHICS_CONTRAST)


class _PaletteFollower(QObject):
    """Calls `apply` with the widget's palette now and whenever it changes (`apply` may
    change the widget's palette or style sheet if it only sets what differs: the change it
    causes then finds nothing more to do)."""

    def __init__(self, widget: QWidget, apply: Callable[[QPalette], None]) -> None:
        super().__init__(widget)
        self.setObjectName("paletteFollower")
        self.apply = apply
        widget.installEventFilter(self)
        apply(widget.palette())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() is QEvent.Type.PaletteChange and isinstance(watched, QWidget):
            self.apply(watched.palette())
        return False


def on_palette(widget: QWidget, apply: Callable[[QPalette], None]) -> None:
    """Run `apply(palette)` now and after every palette change of `widget` (once per widget:
    a second call replaces the first)."""
    old = widget.findChild(_PaletteFollower, "paletteFollower")
    if old is not None:
        widget.removeEventFilter(old)
        old.setParent(None)
        old.deleteLater()
    _PaletteFollower(widget, apply)


def set_tone(widget: QWidget, tone: Tone | None) -> None:
    """Draw `widget`'s text (a label's note: its `WindowText`) in `tone`, readable in any
    palette; None goes back to the palette's ordinary text colour."""

    def apply(palette: QPalette) -> None:
        background = palette.color(QPalette.ColorRole.Window)
        want = text_on(palette, background) if tone is None else tone_color(palette, tone)
        if palette.color(QPalette.ColorRole.WindowText) != want:
            palette.setColor(QPalette.ColorRole.WindowText, want)
            widget.setPalette(palette)

    on_palette(widget, apply)
