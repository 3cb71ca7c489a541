"""The saved model against the list of models (`assistant.realtime.models`), once per start.

A retired model cannot work (the service refuses it), so it is replaced by its successor and
the settings are saved that way; a retiring one keeps working until its date, and an unknown
one may be newer than this version: both are used as they are, with a notice. Only OpenAI
names models here: an Azure deployment or a custom server names its own.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from assistant.realtime import DEFAULT_MODEL, Lifecycle, model_status
from assistant.realtime.live import is_live_model
from assistant.settings.store import AppSettings
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate

RETIRED = QT_TRANSLATE_NOOP(
    "Models", "{model} was retired on {date}, so {replacement} is used instead (Settings too)."
)
RETIRING = QT_TRANSLATE_NOOP(
    "Models", "{model} retires on {date}; {replacement} replaces it: choose it in Settings."
)
UNKNOWN = QT_TRANSLATE_NOOP(
    "Models",
    "{model} is not a model this version knows; it is used as it is (the current model is "
    "{default}).",
)


def check_model(settings: AppSettings, today: date) -> tuple[AppSettings, str]:
    """The settings to use (a retired model replaced) and a sentence for the user ("": none)."""
    if settings.provider not in (None, "openai") or is_live_model(settings.model):
        return settings, ""  # others name their own models; GPT-Live's are not in this list
    status = model_status(settings.model, today.isoformat())
    words = {"model": settings.model, "date": status.retires, "replacement": status.replacement}
    if status.lifecycle is Lifecycle.RETIRED:
        fixed = replace(settings, model=status.replacement)
        return fixed, translate("Models", RETIRED).format(**words)
    if status.lifecycle is Lifecycle.RETIRING:
        return settings, translate("Models", RETIRING).format(**words)
    if status.lifecycle is Lifecycle.UNKNOWN:
        return settings, translate("Models", UNKNOWN).format(
            model=settings.model, default=DEFAULT_MODEL
        )
    return settings, ""
