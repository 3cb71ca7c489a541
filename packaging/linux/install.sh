#!/usr/bin/env bash
# Installs Realtime Assistant for the current user, from the unpacked archive this script is in:
#   ~/.local/lib/realtime-assistant/     the app (a copy of this folder)
#   ~/.local/bin/realtime-assistant      the command (a link)
#   ~/.local/share/applications, icons/hicolor, metainfo   the menu entry, icons, AppStream data
# No root needed. `install.sh --uninstall` removes all of it.
#
# User data is never touched: history.sqlite3, event-logs/ and audio/ live in
# ~/.local/share/realtime-assistant/ (settings in ~/.config, keys in the keyring). Versions up to
# 0.1 installed the program into that same data folder; upgrading from them removes only the
# program's own entries from it, by name, and never the folder as a whole. This script never
# runs `rm -rf` on a folder that can hold user data.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
name=realtime-assistant
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
app=$HOME/.local/lib/$name
legacy=$data/$name # where versions up to 0.1 put the program, next to the user's history
# The top-level entries of the bundle (PyInstaller's executable and _internal, this script, the
# desktop files, the licences): the only names removed from a folder.
program_entries=("$name" _internal install.sh share LICENSE THIRD-PARTY-NOTICES.md)

remove_program() { # $1: a folder; removes the program's entries, then the folder if empty
  local dir=$1 entry
  [ -d "$dir" ] || return 0
  for entry in "${program_entries[@]}"; do
    rm -rf -- "${dir:?}/$entry"
  done
  rmdir -- "$dir" 2>/dev/null || true
}

remove_desktop_files() {
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
  remove_desktop_files
  remove_program "$app"
  [ -x "$legacy/$name" ] && remove_program "$legacy"
  refresh
  echo "Realtime Assistant was removed. Your settings, keys and history were kept."
  exit 0
fi
[ -x "$here/$name" ] || { echo "Run this script from the unpacked $name folder." >&2; exit 1; }

if [ "$here" != "$app" ]; then
  remove_desktop_files
  remove_program "$app"
  mkdir -p "$app"
  cp -a "$here/." "$app/"
fi
# An install of 0.1 or older: its program sits beside the user's data; take only the program.
if [ "$here" != "$legacy" ] && [ -x "$legacy/$name" ] && [ -d "$legacy/_internal" ]; then
  remove_program "$legacy"
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
