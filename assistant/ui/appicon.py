"""The app icon: the PNG sizes in `assistant/ui/icons/`, rendered by `packaging/icons.py`.

The files live inside the package (like the compiled translations) so that a source checkout,
an installed wheel and the PyInstaller bundle all find them next to this module.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

ICONS = Path(__file__).parent / "icons"
NAME = "realtime-assistant"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_file(size: int) -> Path:
    """The PNG of the app icon at `size` pixels (one of SIZES)."""
    return ICONS / f"{NAME}-{size}.png"


def app_icon() -> QIcon:
    """The app icon with every size; empty (isNull) when the files are missing."""
    icon = QIcon()
    for size in SIZES:
        path = icon_file(size)
        if path.is_file():
            icon.addFile(str(path))
    return icon
