"""The translation marker for module constants, without Qt: lower-level plain modules (the
app's core) mark their sentences with it, and whoever shows them translates them."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802  (the name lupdate looks for)
    """Mark `text` for translation in `context`; translate it later, when it is shown."""
    del context
    return text
