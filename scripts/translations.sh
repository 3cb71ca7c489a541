#!/usr/bin/env bash
# Collects the window's strings into resources/translations/*.ts (lupdate) and compiles the
# .qm files that ship with the app in assistant/ui/translations/ (lrelease).
# Below the UI, modules that write sentences for the user mark them with assistant.text's
# QT_TRANSLATE_NOOP (see assistant/text.py); they are listed here too.
# Translate in the .ts files (Qt Linguist: .venv/bin/pyside6-linguist), then run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
sources=(assistant/text.py assistant/ui/*.py assistant/app/*.py assistant/transport/*.py assistant/settings/*.py assistant/audio/canceller.py assistant/audio/voice_activity.py assistant/store/recorder.py assistant/tools/*.py)
for language in ja; do
  ts="resources/translations/realtime_assistant_${language}.ts"
  "$bin/pyside6-lupdate" -no-obsolete "${sources[@]}" -ts "$ts"
  "$bin/pyside6-lrelease" "$ts" -qm "assistant/ui/translations/realtime_assistant_${language}.qm"
done
