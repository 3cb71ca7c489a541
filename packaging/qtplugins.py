"""Which Qt plugins and Qt translations the bundle keeps (used by the spec and packaging/hooks).

Qt plugins are kept by kind and name: the platforms the app runs on, SVG images and icons,
input methods (ibus and compose, for typing Japanese), Wayland's shell and decorations, the
native styles. Everything else is left out, in particular the GTK platform theme (it would pull
GTK 3 and its libraries into the bundle) and image formats, SQL, TLS and QML plugins. Of Qt's
own translations only those of the languages the app ships are kept.
"""

from __future__ import annotations

from pathlib import PurePath

KEEP_PLUGINS: dict[str, set[str] | None] = {
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa", "qdirect2d"},
    "platformthemes": {"qxdgdesktopportal"},
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
    "imageformats": {"qsvg", "qico"},
    "iconengines": {"qsvgicon"},
    "styles": None,  # None: every plugin of the kind (the native Windows and macOS styles)
    "xcbglintegrations": None,
    "wayland-shell-integration": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
}
KEEP_QT_TRANSLATIONS = {"qtbase_ja.qm"}


def wanted(path: str) -> bool:
    """False for a Qt plugin or a Qt translation file the app does not need; True otherwise."""
    parts = PurePath(path.replace("\\", "/")).parts
    if "Qt" in parts and "translations" in parts and parts[-1].endswith(".qm"):
        return parts[-1] in KEEP_QT_TRANSLATIONS
    if "plugins" not in parts:
        return True
    where = len(parts) - 1 - parts[::-1].index("plugins")
    if len(parts) < where + 3:
        return True  # the plugins folder itself
    names = KEEP_PLUGINS.get(parts[where + 1], set())
    stem = parts[-1].split(".")[0].removeprefix("lib")
    return names is None or stem in names


def trim(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A hook's (source, destination folder) list without the unwanted Qt files."""
    return [entry for entry in entries if wanted(entry[0])]
