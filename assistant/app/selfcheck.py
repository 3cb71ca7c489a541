"""The Qt part of `realtime-assistant --self-test` (assistant.cli.selftest runs the rest).

It does what the app does when it starts, on whatever platform Qt was given (offscreen, xcb,
wayland): makes the QApplication, loads the icon and the Japanese translation from where the
app finds them (a checkout, a wheel or the bundle), runs the qasync loop and shows a window.
Each problem becomes a phrase in the detail; nothing here raises.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass

import qasync  # type: ignore[import-untyped]  # ships no type information
from PySide6.QtCore import qVersion
from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import QApplication, QMainWindow

from assistant.ui import i18n
from assistant.ui.appicon import SIZES, app_icon


@dataclass(frozen=True)
class QtReport:
    ok: bool
    detail: str
    version: str


def check_qt() -> QtReport:
    """Start Qt (or reuse the running QApplication) and try what the window needs."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    problems = [p for p in (_icon_problem(), _translation_problem(app), _loop_problem(app)) if p]
    problems += [p for p in (_window_problem(),) if p]
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    facts = f"Qt {qVersion()} on platform {app.platformName()}; svg images: {'svg' in formats}"
    detail = facts + ("; " + "; ".join(problems) if problems else "; icon, translation, loop ok")
    return QtReport(not problems, detail, qVersion())


def _icon_problem() -> str:
    sizes = sorted(size.width() for size in app_icon().availableSizes())
    return "" if sizes == list(SIZES) else f"icon sizes found {sizes}, expected {list(SIZES)}"


def _translation_problem(app: QApplication) -> str:
    translators = i18n.install(app, "ja")
    for translator in translators:
        app.removeTranslator(translator)
    return "" if translators else "the Japanese translation did not load"


def _loop_problem(app: QApplication) -> str:
    loop = qasync.QEventLoop(app)
    try:
        loop.run_until_complete(asyncio.sleep(0.01))
    except Exception as error:  # any failure is the finding
        return f"the qasync loop failed ({type(error).__name__}: {error})"
    finally:
        loop.close()
    return ""


def _window_problem() -> str:
    window = QMainWindow()
    window.show()
    QApplication.processEvents()
    shown = window.isVisible() and window.windowHandle() is not None
    window.close()
    window.deleteLater()
    return "" if shown else "a window could not be shown"
