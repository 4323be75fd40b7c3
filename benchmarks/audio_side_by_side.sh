#!/usr/bin/env bash
# The audio benchmark of an earlier revision, of this checkout, and of this checkout built
# for the host CPU, alternating in one run, as docs/audio.md's Speed table was measured;
# and, in the same rounds, the whole-observation benchmark of this checkout and of its
# host-CPU build.
#
# Builds each (the earlier revision in a throwaway git worktree), then runs
# `earshot-benchmarks audio --steps STEPS` for each build in turn, then `observation
# --steps STEPS` for the two builds of this checkout, ROUNDS times, and prints, per build,
# the lowest of the rounds' one-thread medians (µs) and the best steps/s on every core.
# The lowest, not the mean: on a shared machine a round only ever comes out slower than the
# code is. (Revisions before 58fbaae count each thread's set-up in their steps/s; the
# medians are the same measure throughout.)
# Usage: benchmarks/audio_side_by_side.sh [REVISION] [ROUNDS] [STEPS]
#   (run from anywhere; default f7dccfa, the audio code before the speed-ups of docs/audio.md)
set -euo pipefail
cd "$(dirname "$0")/.."
revision="${1:-f7dccfa}"
rounds="${2:-5}"
steps="${3:-2000}"
if ! git rev-parse --verify --quiet "$revision^{commit}" >/dev/null; then
  echo "audio_side_by_side.sh: no revision '$revision' in this repository" >&2
  exit 2
fi
for value in "$rounds" "$steps"; do
  if ! [[ $value =~ ^[1-9][0-9]*$ ]]; then
    echo "audio_side_by_side.sh: ROUNDS and STEPS need whole numbers (1 or more), not '$value'" \
      >&2
    exit 2
  fi
done
scratch="$(mktemp -d)"
trap 'git worktree remove --force "$scratch/before" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT

git worktree add --detach "$scratch/before" "$revision" >/dev/null
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
      | awk -v build="$build" '$1 ~ /^[0-9]+$/ { print "audio", build, $0 }'
  done
  for build in now native; do
    "${binaries[$build]}" observation --steps "$steps" \
      | awk -v build="$build" '$1 ~ /^[0-9]+$/ { print "observation", build, $0 }'
  done
done > "$scratch/rows.txt"

python3 - "$scratch/rows.txt" "$revision" "$rounds" <<'PY'
import collections, sys
audio, observation = collections.defaultdict(list), collections.defaultdict(list)
for line in open(sys.argv[1]):
    fields = line.split()
    if fields[0] == "audio":
        build, sources, threads, rate, _, mix, spectrogram, total = fields[1:]
        audio[build, int(sources), int(threads)].append(
            (float(rate), float(mix), float(spectrogram), float(total)))
    else:
        build, threads, rate, _, median = fields[1:]
        observation[build, int(threads)].append((float(rate), float(median)))
names = {"before": sys.argv[2], "now": "now", "native": "now, host CPU"}

def best_rate(rows, build, match):
    every = [r for key, v in rows.items() if key[0] == build and match(key) for r in v]
    return max(r[0] for r in every)

print(f"audio: lowest of {sys.argv[3]} rounds' medians, µs per step, one thread;"
      " best steps/s, all cores")
print("         build  sources    mix  spectrogram  total   steps/s (all cores)")
for build in ["before", "now", "native"]:
    for sources in sorted({s for b, s, _ in audio if b == build}):
        one = audio[build, sources, 1]
        best = best_rate(audio, build, lambda k: k[1] == sources and k[2] > 1)
        print(f"{names[build]:>14} {sources:8d}  {min(r[1] for r in one):5.1f}"
              f"  {min(r[2] for r in one):11.1f}  {min(r[3] for r in one):5.1f}  {best:8.0f}")
print()
print(f"whole observation, 3 sources: lowest of {sys.argv[3]} rounds' medians, one thread;"
      " best steps/s, all cores")
print("         build  median µs  steps/s (all cores)")
for build in ["now", "native"]:
    one = observation[build, 1]
    best = best_rate(observation, build, lambda k: k[1] > 1)
    print(f"{names[build]:>14}  {min(r[1] for r in one):9.1f}  {best:8.0f}")
PY
