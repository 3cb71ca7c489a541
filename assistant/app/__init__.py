"""The composition root of the desktop app: builds and wires everything, runs the qasync loop.

Importing this package loads no Qt: `assistant.app.main.run_app` does, so the command line can
ask `display_available()` first and keep the terminal chat where no window can open.
"""

from assistant.app.display import display_available

__all__ = ["display_available"]
