"""PyInstaller runtime hook: make sounddevice load the PortAudio library shipped in the bundle.

sounddevice asks `ctypes.util.find_library("portaudio")`, which on Linux searches the system
(ldconfig), not the bundle. This hook answers with the bundled copy when there is one, so the
bundle does not need the system's libportaudio2. Other names are looked up as before.
"""

import ctypes.util
import os
import sys

_system_find_library = ctypes.util.find_library
_BUNDLED = ("libportaudio.so.2", "libportaudio.2.dylib", "libportaudio.dylib")


def _find_library(name):  # type: ignore[no-untyped-def]  # ctypes.util's own signature
    if name == "portaudio":
        for candidate in _BUNDLED:
            path = os.path.join(sys._MEIPASS, candidate)  # type: ignore[attr-defined]
            if os.path.exists(path):
                return path
    return _system_find_library(name)


ctypes.util.find_library = _find_library
