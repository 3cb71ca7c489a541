"""Which endpoint the app connects to, from the settings, the keyring and the environment.

Keys come from the provider's usual environment variable (`OPENAI_API_KEY`,
`AZURE_OPENAI_API_KEY`) or else from the OS keyring entry named after the provider; they are
handed to the transport as a credential callable and kept nowhere else. With no provider chosen
and no OpenAI key anywhere, or when a chosen provider lacks what it needs, the plan is the
offline demo, with a sentence saying why. The settings are checked first
(`assistant.settings.checks`): a settings file is hostile input. Labels and sentences are
`assistant.text.Sentence`s, so the window shows them in the user's language.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, replace

from assistant.realtime import DEFAULT_MODEL
from assistant.realtime.live import DEFAULT_LIVE_MODEL, is_live_model
from assistant.settings.checks import ConnectionFields, check_connection
from assistant.settings.secrets import SecretStore, SecretStoreUnavailable
from assistant.settings.store import AppSettings
from assistant.simulator import Simulator, SimulatorOptions
from assistant.text import QT_TRANSLATE_NOOP, Sentence, joined
from assistant.transport import Endpoint, azure, custom, openai, shared_tokens

PROVIDER_LABEL = {
    "openai": Sentence("Connection", QT_TRANSLATE_NOOP("Connection", "OpenAI")),
    "azure": Sentence("Connection", QT_TRANSLATE_NOOP("Connection", "Azure OpenAI")),
    "custom": Sentence("Connection", QT_TRANSLATE_NOOP("Connection", "Custom endpoint")),
    "demo": Sentence("Connection", QT_TRANSLATE_NOOP("Connection", "Offline demo")),
    "openai-live": Sentence("Connection", QT_TRANSLATE_NOOP("Connection", "OpenAI GPT-Live")),
    "azure-live": Sentence("Connection", QT_TRANSLATE_NOOP("Connection", "Azure GPT-Live")),
}
KEY_ENV = {"openai": "OPENAI_API_KEY", "azure": "AZURE_OPENAI_API_KEY"}
KEY_OF = {"openai-live": "openai", "azure-live": "azure"}  # GPT-Live: the same account's key
DEMO_MODEL = DEFAULT_MODEL
NO_KEY = QT_TRANSLATE_NOOP(
    "Connection", "Offline demo: no OpenAI key is set (keyring or OPENAI_API_KEY)."
)
INSTEAD = QT_TRANSLATE_NOOP("Connection", "{why} The offline demo runs until it is fixed.")


class SettingsProblem(ValueError):
    """The connection settings cannot work; `sentence` says why (one plain sentence)."""

    def __init__(self, sentence: Sentence) -> None:
        super().__init__(sentence)
        self.sentence = sentence


@dataclass(frozen=True)
class ConnectionPlan:
    """`endpoint` None: start the built-in simulator and connect to it (the offline demo).

    `problem`: why the demo runs instead of the chosen provider (a setting is wrong or the
    keyring cannot be read); it stays shown until it is fixed. `keyring`: the problem is the
    keyring (trying again may help). `note`: a passing remark for the status bar.
    """

    endpoint: Endpoint | None
    provider: str  # a label for the status bar
    note: str = ""
    problem: str = ""
    keyring: bool = False


def demo_plan(note: str = "") -> ConnectionPlan:
    return ConnectionPlan(None, PROVIDER_LABEL["demo"], note)


def plan_connection(
    settings: AppSettings, secrets: SecretStore, env: Mapping[str, str], *, demo: bool = False
) -> ConnectionPlan:
    """The endpoint to use; see the module docstring for the order of the choices."""
    if demo or settings.provider == "demo":
        return demo_plan()
    provider = settings.provider or "openai"
    key, keyring_problem = find_key(provider, secrets, env)
    if settings.provider is None and key is None:
        return demo_plan(joined(Sentence("Connection", NO_KEY), keyring_problem))
    problems = check_connection(connection_fields(settings, has_key=key is not None))
    if problems:
        keyring = bool(keyring_problem) and all(p.field == "key" for p in problems)
        why = keyring_problem if keyring else problems[0].sentence
        instead = Sentence("Connection", INSTEAD, why=why)
        return ConnectionPlan(None, PROVIDER_LABEL["demo"], problem=instead, keyring=keyring)
    return ConnectionPlan(_endpoint(provider, settings, key), PROVIDER_LABEL[provider])


def connection_fields(settings: AppSettings, *, has_key: bool) -> ConnectionFields:
    """What `check_connection` looks at in `settings` (an unset provider means OpenAI)."""
    return ConnectionFields(
        settings.provider or "openai",
        endpoint=settings.endpoint,
        deployment=settings.deployment,
        model=settings.model,
        api_version=settings.api_version,
        entra_id=settings.entra_id,
        has_key=has_key,
    )


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

    Raises `SettingsProblem` when a setting cannot work (`assistant.settings.checks`).
    """
    if settings.provider in (None, "demo"):
        return None
    problems = check_connection(connection_fields(settings, has_key=bool(key)))
    if problems:
        raise SettingsProblem(problems[0].sentence)
    return _endpoint(settings.provider, settings, key)


def same_connection(a: AppSettings, b: AppSettings) -> bool:
    """True when switching from `a` to `b` needs no new connection."""
    fields: tuple[str, ...] = ("provider", "model", "endpoint", "deployment", "api_version")
    fields = (*fields, "entra_id")
    if a.is_live or b.is_live:  # a Live session's delegation and tools are fixed at its start
        fields = (*fields, "live_delegation", "live_web_search")
    return all(getattr(a, name) == getattr(b, name) for name in fields)


def _endpoint(provider: str, settings: AppSettings, key: str | None) -> Endpoint:
    """The endpoint of settings that passed `check_connection`."""
    fields = connection_fields(settings, has_key=bool(key))
    return build_endpoint(replace(fields, provider=provider), key, interactive=True)


def build_endpoint(fields: ConnectionFields, key: str | None, *, interactive: bool) -> Endpoint:
    """The endpoint of connection fields that passed `check_connection`, for the window and
    the command line alike. `interactive`: an Entra ID sign-in may open a browser."""
    credential = (lambda: key) if key else None
    if fields.provider == "openai-live":
        return openai(live_model(fields.model), credential)
    if fields.provider == "openai":
        return openai(fields.model or DEFAULT_MODEL, credential)
    if fields.provider in ("azure", "azure-live"):
        live = fields.provider == "azure-live"
        if fields.entra_id:  # signed in: a token each connect, never a key
            credential = shared_tokens(interactive=interactive)
        return azure(
            fields.endpoint,
            fields.deployment or DEFAULT_LIVE_MODEL if live else fields.deployment,
            credential,
            entra_id=fields.entra_id,
            api_version=None if live else fields.api_version or None,
            live=live,
        )
    return custom(fields.endpoint, credential, model=fields.model or None)


def live_model(model: str) -> str:
    """The GPT-Live model to start: the saved one if it is a Live model, else the default."""
    return model if is_live_model(model) else DEFAULT_LIVE_MODEL


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
