#!/usr/bin/env bash
# CI packaging step (called by .ci/run after the tests): builds the Linux bundle, the archive and
# the .deb from this checkout, then proves they work on a machine with no display:
#   1. the wheel carries the icons and translations (package data);
#   2. `realtime-assistant --self-test` from the bundle, offscreen, passes;
#   3. under Xvfb with PulseAudio and a keyring (scripts/with-services.sh) every self-test check
#      passes, the window opens and connects to the built-in simulator, and the device helper
#      (`--watch-audio-devices`) lists the virtual devices;
#   4. the .deb unpacks (dpkg -x) into a throw-away root whose desktop file and AppStream data
#      validate and whose app passes its self-test;
#   5. install.sh installs for a throw-away user, the command runs, --uninstall removes it.
# Prints how long each step took.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh test
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[package]'

started=$SECONDS
timed() { local t=$SECONDS; "$@"; echo "== $1 ${2:-}: $((SECONDS - t)) s"; }
scratch=$(mktemp -d /tmp/ra-package.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
app=dist/realtime-assistant/realtime-assistant
no_display=(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM)

# Reads a self-test report on stdin; fails unless it passed (with "all": every check passed).
verdict() {
  python3 -c '
import json, sys
report = json.load(sys.stdin)
failed = [c for c in report["checks"] if not c["ok"] and (c["required"] or sys.argv[1] == "all")]
for c in report["checks"]:
    print("ok  " if c["ok"] else "FAIL" if c["required"] else "warn", c["name"] + ":", c["detail"])
print("self-test", report["version"], "frozen:", report["frozen"], "seconds:", report["seconds"])
sys.exit(1 if failed or not report["ok"] or not report["frozen"] else 0)
' "$1"
}

wheel() {
  rm -rf build/wheel
  .venv/bin/python -m pip wheel -q --disable-pip-version-check --no-deps -w build/wheel .
  python3 - build/wheel/*.whl <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
wanted = {f"assistant/ui/icons/realtime-assistant-{s}.png" for s in (16, 24, 32, 48, 64, 128, 256, 512)}
wanted.add("assistant/ui/translations/realtime_assistant_ja.qm")
missing = wanted - names
sys.exit(f"the wheel lacks {sorted(missing)}" if missing else 0)
PY
}

build() { .venv/bin/python packaging/build.py --deb; }

offscreen_self_test() {
  "${no_display[@]}" QT_QPA_PLATFORM=offscreen "$app" --self-test | verdict required
}

xvfb_self_test() {
  bash scripts/with-services.sh env -u QT_QPA_PLATFORM "$app" --self-test | verdict all
  bash scripts/with-services.sh env -u QT_QPA_PLATFORM REALTIME_ASSISTANT_SMOKE_TEST=1 \
    "$app" --demo 2>&1 | grep -F "smoke test: connected"
  # The bundle's device helper (assistant.audio.lister) lists the virtual devices.
  bash scripts/with-services.sh bash -c \
    '"$0" --watch-audio-devices 0.2 < <(sleep 5) | head -n 1' "$app" | grep -F '"name": "fakemic"'
}

deb_root() {
  local root=$scratch/root deb
  deb=$(ls dist/realtime-assistant_*.deb)
  dpkg-deb --field "$deb" Depends | grep -q libxcb-cursor0
  dpkg -x "$deb" "$root"
  desktop-file-validate "$root/usr/share/applications/realtime-assistant.desktop"
  appstreamcli validate --no-net "$root"/usr/share/metainfo/*.metainfo.xml
  [ -f "$root/usr/share/icons/hicolor/512x512/apps/realtime-assistant.png" ]
  [ "$(readlink "$root/usr/bin/realtime-assistant")" = /opt/realtime-assistant/realtime-assistant ]
  "${no_display[@]}" "$root/opt/realtime-assistant/realtime-assistant" --self-test | verdict required
}

user_data_sums() { # $1: home; the sha256 of every file of the user's history and settings
  (cd "$1" && find .local/share/realtime-assistant .config/realtime-assistant -type f \
    -not -path '*/_internal/*' -not -name realtime-assistant -not -name install.sh \
    2>/dev/null | sort | xargs -r sha256sum)
}

user_install() {
  local home=$scratch/home kept as_user
  as_user=(env HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config")
  mkdir -p "$home/.local/share/realtime-assistant" "$home/.config/realtime-assistant"
  # the user's history lives where versions up to 0.1 installed the program: it must survive
  head -c 4096 /dev/urandom > "$home/.local/share/realtime-assistant/old-history-copy.bin"
  echo '{"voice": "marin"}' > "$home/.config/realtime-assistant/settings.json"
  "${as_user[@]}" bash dist/realtime-assistant/install.sh
  desktop-file-validate "$home/.local/share/applications/realtime-assistant.desktop"
  grep -q "^Exec=$home/.local/lib/realtime-assistant/realtime-assistant" \
    "$home/.local/share/applications/realtime-assistant.desktop"
  [ -f "$home/.local/share/icons/hicolor/scalable/apps/realtime-assistant.svg" ]
  "$home/.local/bin/realtime-assistant" --version
  # a real conversation written by the installed app: a SQLite history and its event log
  "${as_user[@]}" "${no_display[@]}" "$home/.local/bin/realtime-assistant" chat --provider demo \
    --text "keep me" >/dev/null
  [ -s "$home/.local/share/realtime-assistant/history.sqlite3" ]
  kept=$(user_data_sums "$home")
  "${as_user[@]}" bash dist/realtime-assistant/install.sh  # the upgrade (same version here)
  [ "$(user_data_sums "$home")" = "$kept" ]
  "${as_user[@]}" bash "$home/.local/lib/realtime-assistant/install.sh" --uninstall
  [ ! -e "$home/.local/bin/realtime-assistant" ] && [ ! -e "$home/.local/lib/realtime-assistant" ]
  [ "$(user_data_sums "$home")" = "$kept" ]
  found=$("${as_user[@]}" .venv/bin/realtime-assistant history search "keep me")
  grep -qF "keep me" <<<"$found"
}

timed wheel
timed build
du -sh dist/realtime-assistant dist/*.tar.gz dist/*.deb
timed offscreen_self_test
timed xvfb_self_test
timed deb_root
timed user_install
echo "== packaging check passed in $((SECONDS - started)) s"
