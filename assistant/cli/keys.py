"""`realtime-assistant keys set|delete [--tool] NAME`: keep API keys and tool secrets in the
OS keyring. Without `--tool`, NAME is a profile and the secret its API key; with it, NAME is a
`{secret:NAME}` of the user tools file (kept apart from the API keys: see
`assistant.settings.secrets`)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from assistant.cli.runtime import EXIT_OK, EXIT_USAGE
from assistant.settings.secrets import KeyringSecretStore, SecretStoreUnavailable, tool_account


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("keys", help="store or remove an API key in the OS keyring")
    parser.add_argument("action", choices=["set", "delete"])
    parser.add_argument("profile", help="openai, azure, custom, or a profile name of your own")
    parser.add_argument(
        "--tool",
        action="store_true",
        help="PROFILE names a tool secret ({secret:NAME} in tools.toml), not an API key",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    store = KeyringSecretStore()
    account = tool_account(args.profile) if args.tool else args.profile
    what = f"the tool secret '{args.profile}'" if args.tool else f"the key of '{args.profile}'"
    try:
        if args.action == "delete":
            store.delete(account)
            print(f"Removed {what} from the keyring.")
            return EXIT_OK
        secret = _read_secret(what)
        if not secret:
            sys.stderr.write("realtime-assistant: nothing entered; nothing stored.\n")
            return EXIT_USAGE
        store.set(account, secret)
    except SecretStoreUnavailable as exc:
        sys.stderr.write(f"realtime-assistant: {exc.message}\n")
        return EXIT_USAGE
    print(f"Stored {what} in the keyring ({store.backend_name()}).")
    return EXIT_OK


def _read_secret(what: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"{what[0].upper()}{what[1:]} (not shown): ").strip()
    return sys.stdin.readline().strip()
