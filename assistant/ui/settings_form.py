"""The choices the settings dialog offers, and which fields each provider needs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox

from assistant.realtime.models import available
from assistant.settings.store import MODEL_NAME_PATTERN
from assistant.transport import dialect_of_url
from assistant.ui.i18n import QT_TRANSLATE_NOOP, translate

PROVIDERS = [
    ("openai", QT_TRANSLATE_NOOP("Settings", "OpenAI")),
    ("azure", QT_TRANSLATE_NOOP("Settings", "Azure OpenAI")),
    ("openai-live", QT_TRANSLATE_NOOP("Settings", "OpenAI GPT-Live")),
    ("azure-live", QT_TRANSLATE_NOOP("Settings", "Azure GPT-Live")),
    ("custom", QT_TRANSLATE_NOOP("Settings", "Custom endpoint")),
    ("demo", QT_TRANSLATE_NOOP("Settings", "Offline demo (no key, no network)")),
]
AZURE_AUTH = [  # value: AppSettings.entra_id
    (False, QT_TRANSLATE_NOOP("Settings", "API key")),
    (True, QT_TRANSLATE_NOOP("Settings", "Microsoft Entra ID (sign in)")),
]
DELEGATIONS = [  # value: AppSettings.live_delegation
    ("responses", QT_TRANSLATE_NOOP("Settings", "A backend model calls this app's tools")),
    ("client", QT_TRANSLATE_NOOP("Settings", "This app answers with its own tools")),
]
TURN_MODES = [  # the talk bar shows the same names (assistant.ui.talk)
    ("push_to_talk", QT_TRANSLATE_NOOP("Settings", "Push to talk")),
    ("server_vad", QT_TRANSLATE_NOOP("Settings", "Hands-free: a pause ends the turn")),
    ("semantic_vad", QT_TRANSLATE_NOOP("Settings", "Hands-free: the model decides")),
]
LANGUAGES = [
    ("", QT_TRANSLATE_NOOP("Settings", "Detect automatically")),
    ("en", QT_TRANSLATE_NOOP("Settings", "English")),
    ("ja", QT_TRANSLATE_NOOP("Settings", "Japanese")),
    ("zh", QT_TRANSLATE_NOOP("Settings", "Chinese")),
    ("ko", QT_TRANSLATE_NOOP("Settings", "Korean")),
    ("de", QT_TRANSLATE_NOOP("Settings", "German")),
    ("fr", QT_TRANSLATE_NOOP("Settings", "French")),
    ("es", QT_TRANSLATE_NOOP("Settings", "Spanish")),
    ("it", QT_TRANSLATE_NOOP("Settings", "Italian")),
    ("pt", QT_TRANSLATE_NOOP("Settings", "Portuguese")),
    ("ru", QT_TRANSLATE_NOOP("Settings", "Russian")),
    ("hi", QT_TRANSLATE_NOOP("Settings", "Hindi")),
    ("ar", QT_TRANSLATE_NOOP("Settings", "Arabic")),
    ("vi", QT_TRANSLATE_NOOP("Settings", "Vietnamese")),
    ("th", QT_TRANSLATE_NOOP("Settings", "Thai")),
    ("id", QT_TRANSLATE_NOOP("Settings", "Indonesian")),
]
UI_LANGUAGES = [  # each language is named in itself
    ("", QT_TRANSLATE_NOOP("Settings", "Follow the system")),
    ("en", "English"),
    ("ja", "日本語"),
]
LIVE_MODELS = ("gpt-live-1", "gpt-live-1.1")
_FIELDS = {
    "openai": {"model", "key"},
    "azure": {"endpoint", "deployment", "auth", "key"},
    "openai-live": {"model", "key", "delegation", "web_search"},
    "azure-live": {"endpoint", "deployment", "auth", "key", "delegation", "web_search"},
    "custom": {"endpoint", "model", "key"},
    "demo": set(),
}


def model_box(choices: tuple[str, ...]) -> QComboBox:
    """An editable list of model names that takes only what a name may be (no spaces...)."""
    box = QComboBox(editable=True)
    box.addItems(list(choices))
    pattern = QRegularExpression(MODEL_NAME_PATTERN)
    box.setValidator(QRegularExpressionValidator(pattern, box))
    return box


def model_choices(today: date | None = None) -> tuple[str, ...]:
    """The conversation models offered in the list: those not retired yet, newest first."""
    return available((today or date.today()).isoformat())


def visible_fields(provider: str, entra_id: bool = False) -> set[str]:
    """The connection fields `provider` uses (Azure signed in with Entra ID takes no key)."""
    fields = set(_FIELDS.get(provider, set()))
    return fields - {"key"} if provider in ("azure", "azure-live") and entra_id else fields


def key_account(provider: str | None) -> str | None:
    """The keyring account of a provider's key (None: the provider takes no key); GPT-Live
    uses the key of the same account as the Realtime API."""
    provider = {"openai-live": "openai", "azure-live": "azure"}.get(provider or "", provider)
    return provider if provider in ("openai", "azure", "custom") else None


def models_for(provider: str) -> tuple[str, ...]:
    """The models the model field offers for `provider` (Realtime: those not retired)."""
    return LIVE_MODELS if provider == "openai-live" else model_choices()


def preview_warning(provider: str, endpoint: str) -> str:
    """A warning when an Azure endpoint selects the legacy preview protocol, else ""."""
    if provider != "azure" or "://" not in endpoint:
        return ""
    if dialect_of_url(endpoint.replace("https://", "wss://")).value != "beta":
        return ""
    return translate(
        "Settings",
        "This address uses the legacy preview protocol (api-version=...), which Azure is "
        "retiring. Prefer the GA address: https://<resource>.openai.azure.com/openai/v1/realtime.",
    )
