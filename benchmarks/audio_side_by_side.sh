#!/usr/bin/env bash
# The audio benchmark of an earlier revision, of this checkout, and of this checkout built
# for the host CPU, alternating in one run, as docs/audio.md's Speed table was measured.
#
# Builds each (the earlier revision in a throwaway git worktree), then runs
# `earshot-benchmarks audio --steps STEPS` ROUNDS times for each build in turn, and prints,
# per build and source count, the lowest of the rounds' one-thread medians (mix,
# spectrogram, total, in µs) and the best steps/s on every core. The lowest, not the mean:
# on a shared machine a round only ever comes out slower than the code is. (Revisions
# before 58fbaae count each thread's set-up in their steps/s; the medians are the same
# measure throughout.)
# Usage: benchmarks/audio_side_by_side.sh [REVISION] [ROUNDS] [STEPS]
#   (run from anywhere; default f7dccfa, the audio code before the speed-ups of docs/audio.md)
set -euo pipefail
cd "$(dirname "$0")/.."
revision="${1:-f7dccfa}"
rounds="${2:-5}"
steps="${3:-2000}"
scratch="$(mktemp -d)"
trap 'git worktree remove --force "$scratch/before" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT

git worktree add --detach "$scratch/before" "$revision" >/dev/null 2>&1
(cd "$scratch/before" && scripts/setup.sh >/dev/null \
  && swift build -c release --product earshot-benchmarks --scratch-path "$scratch/before-build" >&2)
swift build -c release --product earshot-benchmarks >&2
swift build -c release --product earshot-benchmarks --scratch-path "$scratch/native-build" \
  -Xswiftc -target-cpu -Xswiftc native >&2

declare -A binaries=(
  [before]="$scratch/before-build/release/earshot-benchmarks"
  [now]=".build/release/earshot-benchmarks"
  [native]="$scratch/native-build/release/earshot-benchmarks"
)
for round in $(seq "$rounds"); do
  for build in before now native; do
    # Both versions run from this checkout, so that they find the same clips.
    "${binaries[$build]}" audio --steps "$steps" \
      | awk -v build="$build" '$1 ~ /^[0-9]+$/ { print build, $0 }'
  done
done > "$scratch/rows.txt"

python3 - "$scratch/rows.txt" "$revision" "$rounds" <<'PY'
import collections, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    build, sources, threads, steps_per_second, _, mix, spectrogram, total = line.split()
    rows[build, int(sources), int(threads)].append(
        (float(steps_per_second), float(mix), float(spectrogram), float(total)))
print(f"lowest of {sys.argv[3]} rounds' medians, µs per step, one thread; best steps/s, all cores")
print("build   sources    mix  spectrogram  total   steps/s (all cores)")
names = {"before": sys.argv[2], "now": "now", "native": "now, host CPU"}
for build in ["before", "now", "native"]:
    for sources in sorted({s for b, s, _ in rows if b == build}):
        one = rows[build, sources, 1]
        every = [r for (b, s, t), v in rows.items()
                 if b == build and s == sources and t > 1 for r in v]
        best = max(r[0] for r in every) if every else max(r[0] for r in one)
        print(f"{names[build]:>14} {sources:3d}  {min(r[1] for r in one):6.1f}"
              f"  {min(r[2] for r in one):11.1f}  {min(r[3] for r in one):5.1f}  {best:8.0f}")
PY
