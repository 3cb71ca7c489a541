#!/usr/bin/env bash
# Installs Realtime Assistant for the current user, from the unpacked archive this script is in:
#   ~/.local/share/realtime-assistant/   the app (this folder)
#   ~/.local/bin/realtime-assistant      the command (a link)
#   ~/.local/share/applications, icons/hicolor, metainfo   the menu entry, icons, AppStream data
# No root needed. `install.sh --uninstall` removes all of it (settings, keys and history stay).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
name=realtime-assistant
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
app=$data/$name

remove() {
  rm -rf "$app"
  rm -f "$bin/$name" "$data/applications/$name.desktop" \
        "$data/metainfo/org.realtimeassistant.RealtimeAssistant.metainfo.xml" \
        "$data/icons/hicolor/scalable/apps/$name.svg"
  rm -f "$data"/icons/hicolor/*x*/apps/"$name.png"
}

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
}

if [ "${1:-}" = --uninstall ]; then
  remove
  refresh
  echo "Realtime Assistant was removed. Settings, keys and history were kept."
  exit 0
fi
[ -x "$here/$name" ] || { echo "Run this script from the unpacked $name folder." >&2; exit 1; }

if [ "$here" != "$app" ]; then
  remove
  mkdir -p "$app"
  cp -a "$here/." "$app/"
fi
mkdir -p "$bin" "$data/applications" "$data/metainfo"
ln -sfn "$app/$name" "$bin/$name"
# The menu may not search ~/.local/bin: the entry names the program by its full path.
sed "s#^Exec=$name#Exec=$app/$name#" "$app/share/applications/$name.desktop" \
  > "$data/applications/$name.desktop"
cp "$app/share/metainfo/"*.xml "$data/metainfo/"
(cd "$app/share" && find icons -type f) | while read -r icon; do
  mkdir -p "$data/$(dirname "$icon")"
  cp "$app/share/$icon" "$data/$icon"
done
refresh
echo "Installed Realtime Assistant in $app."
case ":$PATH:" in *":$bin:"*) ;; *) echo "Add $bin to PATH to run '$name' from a terminal." ;; esac
