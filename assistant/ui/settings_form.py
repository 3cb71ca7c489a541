"""The choices the settings dialog offers, and which fields each provider needs. No Qt."""

from __future__ import annotations

from assistant.transport import dialect_of_url
from assistant.transport.endpoints import AZURE_PREVIEW_API_VERSION

PROVIDERS = [
    ("openai", "OpenAI"),
    ("azure", "Azure OpenAI"),
    ("custom", "Custom endpoint"),
    ("demo", "Offline demo (no key, no network)"),
]
TURN_MODES = [
    ("push_to_talk", "Push to talk"),
    ("server_vad", "Hands-free: pause to end a turn (server VAD)"),
    ("semantic_vad", "Hands-free: the model decides (semantic VAD)"),
]
LANGUAGES = [
    ("", "Detect automatically"),
    ("en", "English"),
    ("ja", "Japanese"),
    ("zh", "Chinese"),
    ("ko", "Korean"),
    ("de", "German"),
    ("fr", "French"),
    ("es", "Spanish"),
]
MODELS = ("gpt-realtime", "gpt-realtime-2", "gpt-realtime-mini", "gpt-realtime-2.1-mini")
_FIELDS = {
    "openai": {"model", "key"},
    "azure": {"endpoint", "deployment", "entra_id", "key"},
    "custom": {"endpoint", "model", "key"},
    "demo": set(),
}


def visible_fields(provider: str) -> set[str]:
    """The connection fields `provider` uses."""
    return set(_FIELDS.get(provider, set()))


def key_account(provider: str | None) -> str | None:
    """The keyring account of a provider's key (None: the provider takes no key)."""
    return provider if provider in ("openai", "azure", "custom") else None


def preview_warning(provider: str, endpoint: str) -> str:
    """A warning when an Azure endpoint selects the legacy preview protocol, else ""."""
    if provider != "azure" or "://" not in endpoint:
        return ""
    if dialect_of_url(endpoint.replace("https://", "wss://")).value != "beta":
        return ""
    return (
        "This address uses the legacy preview protocol (api-version "
        f"{AZURE_PREVIEW_API_VERSION} or similar), which Azure is retiring. Prefer the GA "
        "address: https://<resource>.openai.azure.com/openai/v1/realtime."
    )
