#!/usr/bin/env bash
# One command to install what the app needs and start it.
# With no API key configured the app starts in offline demo mode against its built-in simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh run
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
exec .venv/bin/realtime-assistant "$@"
