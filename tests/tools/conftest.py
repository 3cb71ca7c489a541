"""Qt tests here run offscreen with the shared qasync loop fixture (see tests/qt_loop.py)."""

from tests.qt_loop import qloop

__all__ = ["qloop"]
