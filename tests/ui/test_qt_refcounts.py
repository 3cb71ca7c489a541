"""Guards against a PySide6 release that miscounts references to Python's singletons.

PySide6 6.12.0 on Python 3.11 decremented True's reference count on every `Signal.emit()` and
None's on every None a Python override returned to C++ as a QVariant (`data()` of a model), so
any app aborted ("deallocating True or False") after a few hundred emits. pyproject.toml keeps
3.11 below 6.12; this test fails loudly if a release with the bug is installed anyway.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Signal

CALLS = 50


class _Emitter(QObject):
    happened = Signal(object)


_Index = QModelIndex | QPersistentModelIndex


class _Model(QAbstractListModel):
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802  (Qt's API)
        del parent
        return 1

    def data(self, index: _Index, role: int = 0) -> Any:
        del index, role
        return None


def test_emitting_a_signal_keeps_true_alive() -> None:
    emitter = _Emitter()
    emitter.happened.connect(lambda _value: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(CALLS):
        emitter.happened.emit(1)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after >= before  # with the bug: CALLS fewer


def test_returning_none_from_data_keeps_none_alive() -> None:
    model = _Model()
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        index.data(1234)  # C++ calls the Python override, which returns None
    assert sys.getrefcount(None) >= before  # with the bug: CALLS fewer
