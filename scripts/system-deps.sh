#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the app (`run`) or the test suite (`test`) needs.
# Safe to run again: apt-get skips what is already installed. Needs root or sudo.
set -euo pipefail
what=${1:-run}

run_pkgs=(
  python3 python3-venv python3-pip
  libportaudio2 libasound2-plugins                      # sounddevice -> PortAudio -> ALSA (+ pulse plugin)
  libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0   # Qt
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxkbcommon-x11-0                      # Qt on X11 (xcb)
  gcc python3-dev                                       # evdev (pynput's Linux dependency) compiles
)
test_pkgs=(
  pulseaudio pulseaudio-utils espeak-ng                 # virtual audio devices and a speaking fake microphone
  xvfb xdotool                                          # real windows without a display
  dbus-daemon dbus-bin gnome-keyring                    # a real Secret Service keyring
  desktop-file-utils appstream binutils                 # packaging: validate .desktop/metainfo, strip
)

pkgs=("${run_pkgs[@]}")
[ "$what" = test ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them as root (apt-get install ${missing[*]}) and run this again." >&2
    exit 1
  fi
fi
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
