#!/usr/bin/env bash
# Takes the screenshots in docs/screenshots/ from the real window under Xvfb (a real X server),
# driven through a demo conversation against the built-in simulator (scripts/screenshots.py).
set -euo pipefail
cd "$(dirname "$0")/.."
# Then the same window in a dark palette (--dark): main-window-dark.png, connection-problem-dark.png.
out="${1:-docs/screenshots}"
bash scripts/with-services.sh env QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots.py "$out"
exec bash scripts/with-services.sh env QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots.py --dark "$out"
