"""All text the window shows goes through Qt's translation system; Japanese ships with the app.

Strings are marked where they are written: `self.tr(...)` in widgets, `translate(context, ...)`
in plain functions, and `QT_TRANSLATE_NOOP(context, ...)` for module constants, which are
translated when shown (they are defined before a translator is installed). Placeholders use
Python's `{name}` syntax and are filled after translation. `pyside6-lupdate` collects them
into `resources/translations/*.ts`; `scripts/translations.sh` compiles the `.qm` files that
ship in `assistant/ui/translations/`. Sentences made by lower layers (the transport's failure
messages, the keyring's, the settings checks', the tools file's) arrive as
`assistant.text.Sentence`s, which lupdate collects from the same markers; `localize` says them
in the installed language. What servers write themselves (their error messages) stays as it
came.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from assistant.text import Sentence

TRANSLATIONS = Path(__file__).parent / "translations"
LANGUAGES = ("en", "ja")  # English is the source language


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802  (the name lupdate looks for)
    """Mark `text` for translation in `context`; translate it later, when it is shown."""
    del context
    return text


def translate(context: str, text: str) -> str:
    """`text` in the installed language (unchanged when there is no translation)."""
    return QCoreApplication.translate(context, text)


def localize(text: str) -> str:
    """`text` in the installed language when it is a `Sentence`, else as it is."""
    return text.translated(translate) if isinstance(text, Sentence) else text


def choose_language(setting: str, locale: QLocale | None = None) -> str:
    """The UI language: the setting if it names one we ship, else the system's, else English."""
    if setting in LANGUAGES:
        return setting
    system = (locale or QLocale.system()).name().split("_")[0]
    return system if system in LANGUAGES else "en"


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators for `language` (see `choose_language`); returns them."""
    if language == "en":
        return []
    ours, qt = QTranslator(app), QTranslator(app)
    installed = []
    if ours.load(str(TRANSLATIONS / f"realtime_assistant_{language}.qm")):
        installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir):
        installed.append(qt)  # the standard buttons (Save, Cancel...)
    for translator in installed:
        app.installTranslator(translator)
    return installed
