#!/usr/bin/env bash
# Installs what Earshot needs on a fresh Debian machine with the Swift toolchain,
# then prepares the assets. As root, missing Debian packages are installed;
# otherwise the exact apt-get line is printed and the script exits 2.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  libopenblas-dev libsdl2-dev libsndfile1-dev libfftw3-dev libsamplerate0-dev
  libsdl2-image-dev libsdl2-ttf-dev fonts-dejavu-core sound-theme-freedesktop sound-icons xvfb
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]]; then
    echo "setup: installing ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "earshot: error: missing Debian packages; run as root:" >&2
    echo "  apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
fi

command -v swift >/dev/null || {
  echo "earshot: error: no 'swift' on PATH; install the Swift toolchain (6.x) first" >&2
  exit 2
}

if [[ -x scripts/prepare_sounds.sh ]]; then
  scripts/prepare_sounds.sh
fi
