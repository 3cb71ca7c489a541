"""Where to connect and how to authenticate: OpenAI, Azure OpenAI (GA or preview), custom;
the Realtime API or GPT-Live.

An `Endpoint` holds a URL, the wire dialect that URL speaks, and a credential *provider* (a
callable asked on every connect, so Entra ID tokens are fresh after a reconnect; one with a
true `blocks` attribute, like `entra.EntraTokens`, is asked from a worker thread). The secret
itself is never stored here and never appears in `repr`, `describe()` or error text.

GPT-Live has its own path (`/v1/live/sessions`, Azure `/openai/v1/live/sessions`) and takes
the model in `session.start`, never in the URL: a Live model name (`gpt-live-1`) selects it for
OpenAI and Azure, and a custom URL whose path ends in `/v1/live/sessions` selects it too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from assistant.realtime import DEFAULT_MODEL, Dialect
from assistant.realtime.live import is_live_model
from assistant.text import QT_TRANSLATE_NOOP, Sentence

Credential = Callable[[], str]

OPENAI_URL = "wss://api.openai.com/v1/realtime"
OPENAI_LIVE_URL = "wss://api.openai.com/v1/live/sessions"
LIVE_PATH = "/v1/live/sessions"
AZURE_PREVIEW_API_VERSION = "2025-04-01-preview"
DESCRIBED = QT_TRANSLATE_NOOP("Transport", "{provider} {url} ({dialect})")
PREVIEW = QT_TRANSLATE_NOOP("Transport", "legacy preview protocol")
GA = QT_TRANSLATE_NOOP("Transport", "GA protocol")
LIVE = QT_TRANSLATE_NOOP("Transport", "GPT-Live")
DIALECT_NAMES = {Dialect.BETA: PREVIEW, Dialect.GA: GA, Dialect.LIVE: LIVE}
_SECRET_QUERY_KEYS = {"api-key", "api_key", "key", "token", "access_token"}


class Provider(Enum):
    OPENAI = "openai"
    AZURE = "azure"
    CUSTOM = "custom"


class AuthStyle(Enum):
    BEARER = "bearer"  # Authorization: Bearer <key or token>
    API_KEY = "api-key"  # Azure's api-key: <key>
    NONE = "none"


@dataclass(frozen=True)
class Endpoint:
    provider: Provider
    url: str = field(repr=False)  # may carry a key in its query (custom servers); see safe_url
    dialect: Dialect
    model: str | None  # the model, or the Azure deployment name
    auth: AuthStyle = AuthStyle.NONE
    credential: Credential | None = field(default=None, repr=False, compare=False)

    def headers(self) -> dict[str, str]:
        """Handshake headers, asking the credential provider now."""
        if self.auth is AuthStyle.NONE or self.credential is None:
            return {}
        secret = self.credential()
        if self.auth is AuthStyle.API_KEY:
            return {"api-key": secret}
        return {"Authorization": f"Bearer {secret}"}

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or self.url

    @property
    def is_preview(self) -> bool:
        return self.dialect is Dialect.BETA

    def describe(self) -> str:
        """A one-line description safe to show and log (no secrets, even in the query)."""
        dialect = Sentence("Transport", DIALECT_NAMES[self.dialect])
        url = safe_url(self.url)
        return Sentence(
            "Transport", DESCRIBED, provider=self.provider.value, url=url, dialect=dialect
        )


def safe_url(url: str) -> str:
    parts = urlsplit(url)
    query = [
        (k, "***" if k.lower() in _SECRET_QUERY_KEYS else v) for k, v in parse_qsl(parts.query)
    ]
    return urlunsplit(parts._replace(query=urlencode(query, safe="*")))


def openai(
    model: str = DEFAULT_MODEL, credential: Credential | None = None, *, base: str = OPENAI_URL
) -> Endpoint:
    """OpenAI; a GPT-Live model connects to /v1/live/sessions with no query at all."""
    if is_live_model(model):
        live_base = OPENAI_LIVE_URL if base == OPENAI_URL else base
        return Endpoint(
            Provider.OPENAI, live_base, Dialect.LIVE, model, AuthStyle.BEARER, credential
        )
    url = f"{base}?model={quote(model)}"
    return Endpoint(Provider.OPENAI, url, Dialect.GA, model, AuthStyle.BEARER, credential)


def azure(
    resource: str,
    deployment: str,
    credential: Credential | None = None,
    *,
    entra_id: bool = False,
    api_version: str | None = None,
    live: bool = False,
) -> Endpoint:
    """Azure OpenAI. `resource` is a name, an https:// endpoint or a full wss:// URL.

    A URL of the preview shape (`/openai/realtime?api-version=...`), or an `api_version`,
    selects the legacy preview protocol; a GPT-Live deployment (`gpt-live-1`), `live=True` or
    a `/live/sessions` URL selects GPT-Live (`/openai/v1/live/sessions`, Bearer for a key
    and for Entra ID alike); otherwise the GA `/openai/v1/realtime?model=` path.
    """
    auth = AuthStyle.BEARER if entra_id else AuthStyle.API_KEY
    host = _azure_host(resource)
    if live or is_live_model(deployment) or resource.rstrip("/").endswith("/live/sessions"):
        url = f"wss://{host}/openai{LIVE_PATH}"
        return Endpoint(Provider.AZURE, url, Dialect.LIVE, deployment, AuthStyle.BEARER, credential)
    query = dict(parse_qsl(urlsplit(resource).query)) if "://" in resource else {}
    preview = api_version or query.get("api-version")
    if preview or "/openai/realtime" in resource:
        version = preview or AZURE_PREVIEW_API_VERSION
        params = urlencode({"api-version": version, "deployment": deployment})
        url = f"wss://{host}/openai/realtime?{params}"
        return Endpoint(Provider.AZURE, url, Dialect.BETA, deployment, auth, credential)
    url = f"wss://{host}/openai/v1/realtime?model={quote(deployment)}"
    return Endpoint(Provider.AZURE, url, Dialect.GA, deployment, auth, credential)


def custom(url: str, credential: Credential | None = None, model: str | None = None) -> Endpoint:
    """Any Realtime-compatible server (self-hosted, a proxy, the built-in simulator); a path
    ending in /v1/live/sessions speaks GPT-Live (the model then goes in `session.start`)."""
    dialect = dialect_of_url(url)
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if model and "model" not in query and dialect is Dialect.GA:
        query["model"] = model
        url = urlunsplit(parts._replace(query=urlencode(query)))
    auth = AuthStyle.BEARER if credential else AuthStyle.NONE
    return Endpoint(Provider.CUSTOM, url, dialect, model or query.get("model"), auth, credential)


def dialect_of_url(url: str) -> Dialect:
    """The preview shape is `/openai/realtime?api-version=...`, GPT-Live `.../v1/live/sessions`;
    everything else speaks GA."""
    parts = urlsplit(url)
    if parts.path.rstrip("/").endswith(LIVE_PATH):
        return Dialect.LIVE
    preview_path = parts.path.rstrip("/").endswith("/openai/realtime")
    has_version = any(k == "api-version" for k, _ in parse_qsl(parts.query))
    return Dialect.BETA if preview_path or has_version else Dialect.GA


def _azure_host(resource: str) -> str:
    if "://" in resource:
        return urlsplit(resource).netloc
    name = resource.strip().strip("/")
    return name if "." in name else f"{name}.openai.azure.com"
