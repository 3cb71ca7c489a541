#!/usr/bin/env bash
# Takes the screenshots in docs/screenshots/ from the real window under Xvfb (a real X server),
# driven through a demo conversation against the built-in simulator (scripts/screenshots.py).
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash scripts/with-services.sh env QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots.py "${1:-docs/screenshots}"
