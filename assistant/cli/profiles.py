"""Turning endpoint options into an `Endpoint` and a key, without the key touching argv.

Keys come from an environment variable named with `--api-key-env` (or the provider's usual
one), else from the OS keyring entry of the profile (`realtime-assistant keys set PROFILE`).
With no provider chosen and no OpenAI key anywhere, the caller runs the offline demo.

`--model` is checked against the list of models when it names an OpenAI model (`--provider
openai`, or no provider with an OpenAI key). A retired model is a bad argument: exit status 2
with one sentence naming the replacement, before anything connects (the service would refuse
it anyway). A retiring model and an unknown one (perhaps newer than this version) only get a
warning on stderr; the run goes on. A custom endpoint gets the warnings for known models only
(its own names are its business); an Azure deployment name is not checked.
"""

from __future__ import annotations

import argparse
import datetime
import os
from dataclasses import dataclass, replace

from assistant.app.connection import KEY_ENV, build_endpoint
from assistant.realtime import Lifecycle, model_notice, model_status
from assistant.realtime.live import is_live_model
from assistant.settings.checks import ConnectionFields, check_connection
from assistant.settings.secrets import KeyringSecretStore, SecretStore, SecretStoreUnavailable
from assistant.transport import Endpoint


class UsageError(Exception):
    """Options that cannot work together (exit status 2)."""


@dataclass(frozen=True)
class Choice:
    endpoint: Endpoint | None  # None: run the offline demo
    note: str = ""
    live_demo: bool = False  # the offline demo speaks GPT-Live (--model gpt-live-1)


def add_endpoint_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("endpoint")
    group.add_argument("--provider", choices=["openai", "azure", "custom", "demo"])
    group.add_argument("--endpoint", help="Azure resource endpoint or name, or a custom wss:// URL")
    group.add_argument(
        "--model",
        help="model name (OpenAI) or model hint for prices (others); a GPT-Live model "
        "(gpt-live-1, gpt-live-1.1) selects GPT-Live for openai and azure",
    )
    group.add_argument("--deployment", help="Azure deployment name")
    group.add_argument(
        "--api-version", help="Azure preview api-version (selects the preview protocol)"
    )
    group.add_argument(
        "--entra-id",
        action="store_true",
        help="sign in to Azure with Microsoft Entra ID (az login, managed identity...), no key",
    )
    group.add_argument("--api-key-env", metavar="VAR", help="environment variable holding the key")
    group.add_argument("--profile", help="keyring profile to read the key from (default: provider)")


def choose_endpoint(args: argparse.Namespace, store: SecretStore | None = None) -> Choice:
    provider = args.provider or _implied_provider(args)
    if provider == "demo":
        live = is_live_model(args.model)
        return Choice(None, "Offline demo: talking to the built-in simulator.", live_demo=live)
    key = _find_key(args, provider or "openai", store or KeyringSecretStore())
    if provider is None:
        if key is None:
            return Choice(
                None, "Offline demo: no OpenAI key is set (OPENAI_API_KEY or the keyring)."
            )
        provider = "openai"
    return Choice(_endpoint(provider, args, key), model_warning(provider, args.model))


def _implied_provider(args: argparse.Namespace) -> str | None:
    if args.deployment or args.entra_id:
        return "azure"
    if args.endpoint and args.endpoint.startswith(("ws://", "wss://")):
        return "custom"
    return None


def _endpoint(provider: str, args: argparse.Namespace, key: str | None) -> Endpoint:
    """The endpoint of the options, checked by the same rules as the app's settings; a
    GPT-Live model (`--model gpt-live-1`) on Azure is also the deployment's default name."""
    live = is_live_model(args.model)
    fields = ConnectionFields(
        provider,
        endpoint=args.endpoint or "",
        deployment=args.deployment or (args.model if live and provider == "azure" else ""),
        model=args.model or "",
        api_version=args.api_version or "",
        entra_id=args.entra_id,
        has_key=bool(key),
    )
    problems = check_connection(fields)
    if problems:
        first = problems[0]
        option = "" if first.field == "key" else f"--{first.field.replace('_', '-')}: "
        raise UsageError(f"{option}{first.sentence}")
    if live and provider == "azure":
        fields = replace(fields, provider="azure-live")
    return build_endpoint(fields, key, interactive=False)


def _find_key(args: argparse.Namespace, provider: str, store: SecretStore) -> str | None:
    env = args.api_key_env or KEY_ENV.get(provider)
    if args.api_key_env and not args.api_key_env.isidentifier():
        raise UsageError("--api-key-env takes the NAME of an environment variable, not the key.")
    if args.api_key_env and not os.environ.get(args.api_key_env):
        raise UsageError(f"The environment variable {args.api_key_env} is not set or empty.")
    if env and os.environ.get(env):
        return os.environ[env]
    try:
        return store.get(args.profile or provider)
    except SecretStoreUnavailable:
        return None  # no keyring here: the env variable was the only way, and it is unset


def model_warning(provider: str, model: str | None, today: datetime.date | None = None) -> str:
    """The sentence for stderr about `--model` ("" when fine); raises `UsageError` for a
    retired OpenAI model (see the module docstring)."""
    if not model or provider == "azure" or is_live_model(model):  # GPT-Live: another API
        return ""
    day = (today or datetime.date.today()).isoformat()
    status = model_status(model, day)
    if provider == "openai" and status.lifecycle is Lifecycle.RETIRED:
        raise UsageError(model_notice(model, day))
    if provider == "custom" and status.lifecycle is Lifecycle.UNKNOWN:
        return ""
    notice = model_notice(model, day)
    return f"realtime-assistant: {notice}" if notice else ""
