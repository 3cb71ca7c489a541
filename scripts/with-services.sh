#!/usr/bin/env bash
# Runs a command with the services the tests talk to, all started here and stopped after:
# a throw-away HOME, a PulseAudio server with virtual devices, an Xvfb display and a D-Bus
# session with an unlocked gnome-keyring. Works on a machine with no display and no sound card.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
state=$(mktemp -d /tmp/ra-services.XXXXXX)
export HOME="$state/home" XDG_RUNTIME_DIR="$state/xdg" XDG_CONFIG_HOME="$state/home/.config" \
       XDG_DATA_HOME="$state/home/.local/share" PULSE_LATENCY_MSEC=20
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pulseaudio --kill 2>/dev/null || true
  # Daemons may still write their last lines while exiting: retry, and never let the clean-up
  # turn a passing run into a failing one (a failing command in an EXIT trap sets the status).
  for _ in 1 2 3 4 5 6 7 8 9 10; do rm -rf "$state" 2>/dev/null && break; sleep 0.2; done
  return 0
}
trap cleanup EXIT

if command -v pulseaudio >/dev/null 2>&1; then
  bash "$here/virtual-audio.sh"
fi
if command -v Xvfb >/dev/null 2>&1; then
  display=":$((90 + RANDOM % 400))"
  # -noreset: Xvfb otherwise resets whenever its last client leaves, dropping new connections
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp -noreset >/dev/null 2>&1 & pids+=($!)
  for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.05; done
  export DISPLAY="$display"
fi
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  exec_cmd=(dbus-run-session -- bash "$here/with-keyring.sh" "$@")
else
  exec_cmd=("$@")
fi
set +e
"${exec_cmd[@]}"
rc=$?
exit $rc
