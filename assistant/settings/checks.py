"""Can these connection settings work? One rule set, checked before anything connects.

The settings dialog checks each field as it is typed (Save stays off while one is wrong), the
app checks what it loads from the settings file before it connects (a file is hostile input:
edited by hand, from another version, or damaged), and the command line checks its options.
The two global hotkeys are checked here too
(`check_hotkeys`): the same combination cannot both talk and capture the screen.
Each problem names the field it belongs to and says in one sentence (`assistant.text`,
translatable) what a right value looks like. The rules are about form only: whether a key is
accepted, or a deployment exists, only the server can say (Test connection).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from assistant.text import QT_TRANSLATE_NOOP, Sentence

FIELDS = ("endpoint", "deployment", "model", "api_version", "key")
MAX_URL = 2048
_RESOURCE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?")
_HOST = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?")
_DEPLOYMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_MODEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")
_API_VERSION = re.compile(r"\d{4}-\d{2}-\d{2}(?:-preview)?")

AZURE_ENDPOINT_MISSING = QT_TRANSLATE_NOOP(
    "Checks",
    "Azure needs the resource endpoint: its name (my-resource) or its address "
    "(https://my-resource.openai.azure.com).",
)
AZURE_ENDPOINT_BAD = QT_TRANSLATE_NOOP(
    "Checks",
    "The endpoint is neither an Azure resource name (letters, digits and hyphens) nor an "
    "https:// or wss:// address with a host name.",
)
CUSTOM_ENDPOINT_MISSING = QT_TRANSLATE_NOOP(
    "Checks", "A custom endpoint needs its ws:// or wss:// address."
)
CUSTOM_ENDPOINT_BAD = QT_TRANSLATE_NOOP(
    "Checks",
    "The endpoint is not a ws:// or wss:// address with a host name "
    "(for example wss://example.com/v1/realtime).",
)
DEPLOYMENT_MISSING = QT_TRANSLATE_NOOP("Checks", "Azure needs the name of a realtime deployment.")
DEPLOYMENT_BAD = QT_TRANSLATE_NOOP(
    "Checks",
    "A deployment name has only letters, digits, dots, hyphens and underscores (at most 64).",
)
MODEL_BAD = QT_TRANSLATE_NOOP(
    "Checks",
    "A model name has only letters, digits, dots, colons, hyphens and underscores (at most 100).",
)
API_VERSION_BAD = QT_TRANSLATE_NOOP(
    "Checks", "The Azure api-version is not a date such as 2025-04-01-preview."
)
OPENAI_KEY_MISSING = QT_TRANSLATE_NOOP(
    "Checks",
    "No OpenAI API key: type one in Settings, set OPENAI_API_KEY, or store one with "
    "'realtime-assistant keys set openai'.",
)
AZURE_KEY_MISSING = QT_TRANSLATE_NOOP(
    "Checks",
    "No Azure key: type one in Settings, set AZURE_OPENAI_API_KEY, or store one with "
    "'realtime-assistant keys set azure'; or sign in with Microsoft Entra ID.",
)
KEY_BAD = QT_TRANSLATE_NOOP(
    "Checks",
    "The key has spaces, line breaks or characters an API key cannot have: paste it again.",
)
MAX_KEY = 1024
HOTKEY_CLASH = QT_TRANSLATE_NOOP(
    "Checks",
    "The screen key is the same combination as the talk key: choose another one for one of them.",
)


@dataclass(frozen=True)
class ConnectionFields:
    """The values a connection is made from; `has_key`: a key is typed, stored or in the
    environment (never the key itself)."""

    provider: str
    endpoint: str = ""
    deployment: str = ""
    model: str = ""
    api_version: str = ""
    entra_id: bool = False
    has_key: bool = False


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field (`field` is one of `FIELDS`, or "screen_hotkey")."""

    field: str
    sentence: Sentence


def check_connection(values: ConnectionFields, typed_key: str = "") -> list[FieldProblem]:
    """Every problem of `values`, in the order the fields are shown (empty: it can work);
    `typed_key`, a key typed or pasted in a dialog, is checked for its form too."""
    checks = {
        "openai": _openai,
        "azure": _azure,
        "custom": _custom,
        "openai-live": _openai,  # GPT-Live: the same account, key and model rules
        "azure-live": _azure_live,
    }.get(values.provider)
    problems = [] if checks is None else checks(values)
    if checks is not None and typed_key and not is_key(typed_key):
        problems.append(_problem("key", KEY_BAD))
    return problems


def check_hotkeys(talk: str, screen: str) -> list[FieldProblem]:
    """The screen key's problem with the talk key (`AppSettings.global_hotkey`, `screen_hotkey`):
    the same combination, in any case and order ("shift+ctrl+f8", "Ctrl+Shift+F8"). Both are
    Qt's key names as the settings dialog writes them; whether a text is a hotkey at all is the
    listener's to say (assistant.hotkey, a layer beside this one)."""
    same = bool(talk.strip()) and _keys(talk) == _keys(screen)
    return [_problem("screen_hotkey", HOTKEY_CLASH)] if same else []


def _keys(hotkey: str) -> frozenset[str]:
    return frozenset(part.strip().lower() for part in hotkey.split("+"))


def is_key(key: str) -> bool:
    """A key goes into an HTTP header: printable ASCII, no spaces, of a sane length."""
    return len(key) <= MAX_KEY and key.isascii() and key.isprintable() and " " not in key


def _openai(values: ConnectionFields) -> list[FieldProblem]:
    problems = _model(values.model)  # empty: the default model
    if not values.has_key:
        problems.append(_problem("key", OPENAI_KEY_MISSING))
    return problems


def _azure(values: ConnectionFields) -> list[FieldProblem]:
    problems = []
    if not values.endpoint:
        problems.append(_problem("endpoint", AZURE_ENDPOINT_MISSING))
    elif not _is_azure_resource(values.endpoint):
        problems.append(_problem("endpoint", AZURE_ENDPOINT_BAD))
    if not values.deployment:
        problems.append(_problem("deployment", DEPLOYMENT_MISSING))
    elif not _DEPLOYMENT.fullmatch(values.deployment):
        problems.append(_problem("deployment", DEPLOYMENT_BAD))
    if values.api_version and not _API_VERSION.fullmatch(values.api_version):
        problems.append(_problem("api_version", API_VERSION_BAD))
    if not (values.has_key or values.entra_id):
        problems.append(_problem("key", AZURE_KEY_MISSING))
    return problems


def _azure_live(values: ConnectionFields) -> list[FieldProblem]:
    """Azure GPT-Live: as Azure, but the deployment may be left empty (it is then gpt-live-1)
    and there is no api-version (Live has no preview protocol)."""
    named = values.deployment or "gpt-live-1"
    return _azure(replace(values, deployment=named, api_version=""))


def _custom(values: ConnectionFields) -> list[FieldProblem]:
    problems = []
    if not values.endpoint:
        problems.append(_problem("endpoint", CUSTOM_ENDPOINT_MISSING))
    elif not is_url(values.endpoint, ("ws", "wss")):
        problems.append(_problem("endpoint", CUSTOM_ENDPOINT_BAD))
    return problems + _model(values.model)


def _model(model: str) -> list[FieldProblem]:
    """An empty model is fine: OpenAI then uses the default one, others the server's."""
    return [] if not model or _MODEL.fullmatch(model) else [_problem("model", MODEL_BAD)]


def _is_azure_resource(endpoint: str) -> bool:
    """A resource name, a host name, or an https:// or wss:// address."""
    if "://" in endpoint:
        return is_url(endpoint, ("https", "wss"))
    return bool(_RESOURCE.fullmatch(endpoint) or ("." in endpoint and _is_host(endpoint)))


def is_url(text: str, schemes: tuple[str, ...]) -> bool:
    """`text` is an address with one of `schemes`, a well-formed host and nothing unprintable."""
    if len(text) > MAX_URL or not text.isprintable() or any(c.isspace() for c in text):
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number in range)
    except ValueError:
        return False
    return parts.scheme.lower() in schemes and _is_host(parts.hostname or "")


def _is_host(host: str) -> bool:
    """A DNS name or an IP address (IPv6 without its brackets)."""
    if ":" in host:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    return len(host) <= 253 and bool(_HOST.fullmatch(host))


def _problem(field: str, template: str) -> FieldProblem:
    return FieldProblem(field, Sentence("Checks", template))
