"""Qt tests: the shared offscreen setting and qasync loop fixture (see tests/qt_loop.py)."""

from tests.qt_loop import qloop

__all__ = ["qloop"]
