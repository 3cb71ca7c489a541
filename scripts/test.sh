#!/usr/bin/env bash
# One command to install what the tests need and run the whole suite:
# system packages, a virtualenv with the test extras, static checks, then pytest with
# real services started here (virtual PulseAudio devices, Xvfb, a Secret Service keyring).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh test
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
export PATH="$PWD/.venv/bin:$PATH"

echo "== static checks"
ruff check .
ruff format --check .
mypy
lint-imports --no-cache

echo "== tests"
exec bash scripts/with-services.sh python -m pytest "$@"
