"""Sentences for the user written below the UI, translatable without Qt.

The transport, the settings and the connection rules have no Qt, yet what they say reaches
the window. They write a `Sentence`: a `str` holding the English text (so the command line,
logs and every caller that only wants text keep working), which also remembers its
translation context, its template and its arguments. The UI turns one into the user's
language with `Sentence.translated(lookup)` (`assistant.ui.i18n.localize` passes Qt's
catalogue lookup). Templates are marked with `QT_TRANSLATE_NOOP(context, text)`, the name
`pyside6-lupdate` looks for, so `scripts/translations.sh` collects them into the same `.ts`
catalogue as the window's own strings. Arguments that are sentences themselves are
translated too; anything else (host names, numbers, the server's own words) is inserted as it
is. A translation whose placeholders do not match its template falls back to English.
"""

from __future__ import annotations

from collections.abc import Callable

Lookup = Callable[[str, str], str]  # (context, English template) -> translated template


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802  (the name lupdate looks for)
    """Mark `text` for translation in `context`; it is translated when shown."""
    del context
    return text


class Sentence(str):
    """English text that can be said again in another language; see the module docstring."""

    context: str
    template: str
    args: dict[str, object]

    def __new__(cls, context: str, template: str, /, **args: object) -> Sentence:
        text = super().__new__(cls, template.format(**args))
        text.context, text.template, text.args = context, template, args
        return text

    def __reduce__(self) -> tuple[object, tuple[str, str, dict[str, object]]]:
        """Copies and pickles keep what the sentence is made of (not only its English)."""
        return _sentence, (self.context, self.template, self.args)

    def translated(self, lookup: Lookup) -> str:
        """The sentence through `lookup` (English when there is no usable translation)."""
        args = {name: _translated(value, lookup) for name, value in self.args.items()}
        try:
            return lookup(self.context, self.template).format(**args)
        except (KeyError, IndexError, ValueError):  # a broken translation: say it in English
            return self.template.format(**args)


def reason_of(error: BaseException) -> str:
    """What `error` was raised with: its `Sentence` (still translatable), else its text."""
    first = error.args[0] if error.args else None
    return first if isinstance(first, str) else str(error)


def _sentence(context: str, template: str, args: dict[str, object]) -> Sentence:
    return Sentence(context, template, **args)


def _translated(value: object, lookup: Lookup) -> object:
    return value.translated(lookup) if isinstance(value, Sentence) else value


def joined(*parts: str) -> str:
    """Sentences side by side, each translated on its own ("" parts left out)."""
    kept = [part for part in parts if part]
    if len(kept) == 1:
        return kept[0]
    return (
        Sentence(
            "Text",
            QT_TRANSLATE_NOOP("Text", "{first} {rest}"),
            first=kept[0],
            rest=joined(*kept[1:]),
        )
        if kept
        else ""
    )
