"""Which endpoint the app connects to, from the settings, the keyring and the environment.

Keys come from the provider's usual environment variable (`OPENAI_API_KEY`,
`AZURE_OPENAI_API_KEY`) or else from the OS keyring entry named after the provider; they are
handed to the transport as a credential callable and kept nowhere else. With no provider chosen
and no OpenAI key anywhere, or when a chosen provider lacks what it needs, the plan is the
offline demo, with a sentence saying why.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from enum import Enum

from assistant.settings.secrets import SecretStore, SecretStoreUnavailable
from assistant.settings.store import AppSettings
from assistant.simulator import Simulator, SimulatorOptions
from assistant.transport import Credential, Endpoint, azure, custom, openai, shared_tokens

PROVIDER_LABEL = {
    "openai": "OpenAI",
    "azure": "Azure OpenAI",
    "custom": "Custom endpoint",
    "demo": "Offline demo",
}
KEY_ENV = {"openai": "OPENAI_API_KEY", "azure": "AZURE_OPENAI_API_KEY"}
DEMO_MODEL = "gpt-realtime"
NO_KEY = "Offline demo: no OpenAI key is set (keyring or OPENAI_API_KEY)."


@dataclass(frozen=True)
class ConnectionPlan:
    """`endpoint` None: start the built-in simulator and connect to it (the offline demo)."""

    endpoint: Endpoint | None
    provider: str  # a label for the status bar
    note: str = ""  # a plain sentence for the status bar, or ""


def demo_plan(note: str = "") -> ConnectionPlan:
    return ConnectionPlan(None, PROVIDER_LABEL["demo"], note)


def plan_connection(
    settings: AppSettings, secrets: SecretStore, env: Mapping[str, str], *, demo: bool = False
) -> ConnectionPlan:
    """The endpoint to use; see the module docstring for the order of the choices."""
    if demo or settings.provider == "demo":
        return demo_plan()
    provider = settings.provider or "openai"
    key, problem = find_key(provider, secrets, env)
    if settings.provider is None and key is None:
        return demo_plan(f"{NO_KEY} {problem}".strip())
    try:
        endpoint = _endpoint(provider, settings, key)
    except ValueError as missing:
        return demo_plan(f"{missing} Running the offline demo instead.")
    return ConnectionPlan(endpoint, PROVIDER_LABEL[provider], problem)


def find_key(provider: str, secrets: SecretStore, env: Mapping[str, str]) -> tuple[str | None, str]:
    """(key or None, why the keyring could not be asked or "")."""
    variable = KEY_ENV.get(provider)
    if variable and env.get(variable):
        return env[variable], ""
    try:
        return secrets.get(provider), ""
    except SecretStoreUnavailable as unavailable:
        return None, unavailable.message


def endpoint_for(settings: AppSettings, key: str | None) -> Endpoint | None:
    """The endpoint `settings` describe with `key` (None: the offline demo).

    Raises ValueError with a plain sentence when something the provider needs is missing.
    """
    if settings.provider in (None, "demo"):
        return None
    return _endpoint(settings.provider, settings, key)


def same_connection(a: AppSettings, b: AppSettings) -> bool:
    """True when switching from `a` to `b` needs no new connection."""
    fields = ("provider", "model", "endpoint", "deployment", "api_version", "entra_id")
    return all(getattr(a, name) == getattr(b, name) for name in fields)


class Missing(Enum):
    """What a provider needs and was not given (each front end says it in its own words)."""

    OPENAI_KEY = "openai key"
    AZURE_PLACE = "azure endpoint and deployment"
    AZURE_KEY = "azure key"
    CUSTOM_ADDRESS = "custom address"


@dataclass(frozen=True)
class EndpointWish:
    """What the settings or the command line ask for (`key` "" or None: no key)."""

    provider: str  # "openai", "azure" or "custom"
    key: str | None
    model: str | None = None
    endpoint: str | None = None
    deployment: str | None = None
    api_version: str | None = None
    entra_id: bool = False


def build_endpoint(wish: EndpointWish, *, interactive: bool) -> Endpoint | Missing:
    """The endpoint `wish` describes, or what it lacks: the providers' rules, in one place.
    `interactive`: an Entra ID sign-in may open a browser (the window; not the terminal)."""
    key = wish.key
    credential = (lambda: key) if key else None
    if wish.provider == "openai":
        return (
            openai(wish.model or "gpt-realtime", credential) if credential else Missing.OPENAI_KEY
        )
    if wish.provider == "azure":
        return _azure(wish, credential, interactive=interactive)
    if not wish.endpoint:
        return Missing.CUSTOM_ADDRESS
    return custom(wish.endpoint, credential, model=wish.model or None)


def _azure(
    wish: EndpointWish, credential: Credential | None, *, interactive: bool
) -> Endpoint | Missing:
    if not (wish.endpoint and wish.deployment):
        return Missing.AZURE_PLACE
    if wish.entra_id:  # signed in: a token each connect, never a key
        credential = shared_tokens(interactive=interactive)
    if credential is None:
        return Missing.AZURE_KEY
    version = wish.api_version or None
    place = (wish.endpoint, wish.deployment)
    return azure(*place, credential, entra_id=wish.entra_id, api_version=version)


SETTINGS_MISSING = {
    Missing.OPENAI_KEY: "No OpenAI API key is stored in the keyring or set in OPENAI_API_KEY.",
    Missing.AZURE_PLACE: "Azure needs a resource endpoint and a deployment name in Settings.",
    Missing.AZURE_KEY: "No Azure key is in the keyring or in AZURE_OPENAI_API_KEY.",
    Missing.CUSTOM_ADDRESS: "A custom endpoint needs its ws:// or wss:// address in Settings.",
}


def _endpoint(provider: str, settings: AppSettings, key: str | None) -> Endpoint:
    wish = EndpointWish(
        provider,
        key,
        settings.model,
        settings.endpoint,
        settings.deployment,
        settings.api_version,
        settings.entra_id,
    )
    built = build_endpoint(wish, interactive=True)
    if isinstance(built, Missing):
        raise ValueError(SETTINGS_MISSING[built])
    return built


@contextlib.asynccontextmanager
async def endpoint_or_demo(endpoint: Endpoint | None) -> AsyncIterator[Endpoint]:
    """`endpoint`, or (None) the built-in simulator on 127.0.0.1 for the offline demo."""
    if endpoint is not None:
        yield endpoint
        return
    options = SimulatorOptions(record=False)  # the demo may run for hours
    async with Simulator(options, host="127.0.0.1", port=0) as simulator:
        yield custom(simulator.url, model=DEMO_MODEL)
