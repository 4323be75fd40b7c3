#!/bin/sh
# Copies the recordings named in assets/sounds/manifest.json from installed Debian
# packages into assets/sounds/<name>.<ext>. Never downloads anything. Safe to run again:
# files already identical are left alone. Synthesised clips need no file.
#
# Usage: scripts/prepare_sounds.sh [ASSETS_FOLDER]   (default: assets next to scripts/)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
sounds=${1:-"$root/assets"}/sounds
manifest="$sounds/manifest.json"
[ -f "$manifest" ] || { echo "prepare_sounds: no manifest at $manifest" >&2; exit 1; }

missing=0
copied=0
# The manifest keeps one clip per line, so each line can be read without a JSON parser.
grep '"name"' "$manifest" | while IFS= read -r line; do
  name=$(printf '%s\n' "$line" | sed -n 's/.*"name": *"\([^"]*\)".*/\1/p')
  source=$(printf '%s\n' "$line" | sed -n 's/.*"source": *"\([^"]*\)".*/\1/p')
  package=$(printf '%s\n' "$line" | sed -n 's/.*"package": *"\([^"]*\)".*/\1/p')
  [ "$source" = "synthesised" ] && continue
  if [ ! -f "$source" ]; then
    echo "prepare_sounds: $source is missing; install the Debian package '$package'" >&2
    exit 3
  fi
  ext=${source##*.}
  target="$sounds/$name.$ext"
  if [ -f "$target" ] && cmp -s "$source" "$target"; then continue; fi
  cp "$source" "$target.partial"
  mv "$target.partial" "$target"
  echo "prepare_sounds: $name <- $source"
done || { echo "prepare_sounds: some recordings are missing" >&2; exit 1; }
