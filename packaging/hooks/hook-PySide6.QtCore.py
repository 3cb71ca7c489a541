# Replaces PyInstaller's hook for PySide6.QtCore: the same, minus the Qt plugins and translations
# the app does not need (packaging/qtplugins.py).
from PyInstaller.utils.hooks.qt import add_qt6_dependencies
from qtplugins import trim

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries, datas = trim(binaries), trim(datas)
