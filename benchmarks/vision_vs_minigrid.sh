#!/usr/bin/env bash
# Earshot's first-person frames against MiniGrid's RGB partial observation, per core.
#
# Builds the benchmarks in release, runs `earshot-benchmarks vision`, installs MiniGrid
# into a throwaway virtual environment (needs PyPI), times FourRooms with
# RGBImgPartialObsWrapper, and prints the ratio of frames per CPU-second.
# Usage: benchmarks/vision_vs_minigrid.sh [SECONDS]   (run from anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-2}"
venv="${MINIGRID_VENV:-/tmp/earshot-minigrid-venv}"

swift build -c release --product earshot-benchmarks >&2
swift_output="$(.build/release/earshot-benchmarks vision scenarios/default/four_rooms_piano.json "$seconds")"
echo "$swift_output"
# The single-thread 64×64 row: frames per CPU-second is the fourth field.
earshot_fps="$(echo "$swift_output" | awk '$1 == "64×64" && $2 == 1 { print $4 }')"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet minigrid >&2
fi
minigrid_output="$("$venv/bin/python" benchmarks/vision_vs_minigrid.py "$seconds")"
echo "$minigrid_output"
minigrid_fps="$(echo "$minigrid_output" | awk '{ print $2 }')"

python3 -c "
e, m = float('$earshot_fps'), float('$minigrid_fps')
print(f'earshot 64x64 first-person: {e:.0f} frames per CPU-second')
print(f'minigrid 56x56 RGB partial view (env.step): {m:.0f} per CPU-second')
print(f'ratio earshot / minigrid: {e / m:.1f}')
"
