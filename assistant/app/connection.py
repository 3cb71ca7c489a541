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

from assistant.realtime.live import DEFAULT_LIVE_MODEL, is_live_model
from assistant.settings.secrets import SecretStore, SecretStoreUnavailable
from assistant.settings.store import AppSettings
from assistant.simulator import Simulator, SimulatorOptions
from assistant.transport import Credential, Endpoint, azure, custom, openai, shared_tokens

PROVIDER_LABEL = {
    "openai": "OpenAI",
    "azure": "Azure OpenAI",
    "custom": "Custom endpoint",
    "demo": "Offline demo",
    "openai-live": "OpenAI GPT-Live",
    "azure-live": "Azure GPT-Live",
}
KEY_ENV = {"openai": "OPENAI_API_KEY", "azure": "AZURE_OPENAI_API_KEY"}
KEY_OF = {"openai-live": "openai", "azure-live": "azure"}  # GPT-Live: the same account's key
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
    provider = KEY_OF.get(provider, provider)
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
    fields: tuple[str, ...] = ("provider", "model", "endpoint", "deployment", "api_version")
    fields = (*fields, "entra_id")
    if a.is_live or b.is_live:  # a Live session's delegation is fixed when it starts
        fields = (*fields, "live_delegation", "live_web_search")
    return all(getattr(a, name) == getattr(b, name) for name in fields)


def _endpoint(provider: str, settings: AppSettings, key: str | None) -> Endpoint:
    credential = (lambda: key) if key else None
    if provider == "openai-live":
        if credential is None:
            raise ValueError("No OpenAI API key is stored in the keyring or set in OPENAI_API_KEY.")
        return openai(live_model(settings.model), credential)
    if provider == "azure-live":
        return _azure(settings, credential, live=True)
    if provider == "openai":
        if credential is None:
            raise ValueError("No OpenAI API key is stored in the keyring or set in OPENAI_API_KEY.")
        return openai(settings.model or "gpt-realtime", credential)
    if provider == "azure":
        return _azure(settings, credential)
    if not settings.endpoint:
        raise ValueError("A custom endpoint needs its ws:// or wss:// address in Settings.")
    return custom(settings.endpoint, credential, model=settings.model or None)


def live_model(model: str) -> str:
    """The GPT-Live model to start: the saved one if it is a Live model, else the default."""
    return model if is_live_model(model) else DEFAULT_LIVE_MODEL


def _azure(settings: AppSettings, credential: Credential | None, *, live: bool = False) -> Endpoint:
    deployment = settings.deployment or (DEFAULT_LIVE_MODEL if live else "")
    if not (settings.endpoint and deployment):
        raise ValueError("Azure needs a resource endpoint and a deployment name in Settings.")
    if settings.entra_id:  # signed in: a token each connect, never a key
        credential = shared_tokens(interactive=True)
    if credential is None:
        raise ValueError("No Azure key is in the keyring or in AZURE_OPENAI_API_KEY.")
    return azure(
        settings.endpoint,
        deployment,
        credential,
        entra_id=settings.entra_id,
        api_version=None if live else settings.api_version or None,
        live=live,
    )


@contextlib.asynccontextmanager
async def endpoint_or_demo(
    endpoint: Endpoint | None, *, live: bool = False
) -> AsyncIterator[Endpoint]:
    """`endpoint`, or (None) the built-in simulator on 127.0.0.1 for the offline demo (`live`:
    its GPT-Live dialect)."""
    if endpoint is not None:
        yield endpoint
        return
    options = SimulatorOptions(record=False)  # the demo may run for hours
    async with Simulator(options, host="127.0.0.1", port=0) as simulator:
        yield custom(simulator.live_url) if live else custom(simulator.url, model=DEMO_MODEL)
