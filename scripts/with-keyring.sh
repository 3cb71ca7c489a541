#!/usr/bin/env bash
# Inside a D-Bus session: start gnome-keyring with an unlocked throw-away collection, then run "$@".
set -euo pipefail
eval "$(printf 'test-keyring-password' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL RA_SECRET_SERVICE=1
exec "$@"
