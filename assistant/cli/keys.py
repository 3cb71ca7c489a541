"""`realtime-assistant keys set|delete PROFILE`: keep API keys in the OS keyring."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from assistant.cli.runtime import EXIT_OK, EXIT_USAGE
from assistant.settings.secrets import KeyringSecretStore, SecretStoreUnavailable


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("keys", help="store or remove an API key in the OS keyring")
    parser.add_argument("action", choices=["set", "delete"])
    parser.add_argument("profile", help="openai, azure, custom, or a profile name of your own")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    store = KeyringSecretStore()
    try:
        if args.action == "delete":
            store.delete(args.profile)
            print(f"Removed the key of '{args.profile}' from the keyring.")
            return EXIT_OK
        secret = _read_secret(args.profile)
        if not secret:
            sys.stderr.write("realtime-assistant: no key entered; nothing stored.\n")
            return EXIT_USAGE
        store.set(args.profile, secret)
    except SecretStoreUnavailable as exc:
        sys.stderr.write(f"realtime-assistant: {exc.message}\n")
        return EXIT_USAGE
    print(f"Stored the key of '{args.profile}' in the keyring ({store.backend_name()}).")
    return EXIT_OK


def _read_secret(profile: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"API key for {profile} (not shown): ").strip()
    return sys.stdin.readline().strip()
