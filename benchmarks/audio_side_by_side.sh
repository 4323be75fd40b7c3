#!/usr/bin/env bash
# The audio benchmark of earlier revisions, of this checkout, and of this checkout built for
# the host CPU, alternating in one run, as docs/audio.md's Speed tables were measured; and,
# in the same rounds, the whole-observation benchmark of every build that has it.
#
# Builds each (earlier revisions in throwaway git worktrees), then runs `earshot-benchmarks
# audio --steps STEPS` for each build in turn, then `observation --steps STEPS` for the
# builds that have it, ROUNDS times, and prints, per build, the lowest of the rounds'
# one-thread medians (µs) and the best steps/s on every core. The lowest, not the mean: on
# a shared machine a round only ever comes out slower than the code is. (Revisions before
# 58fbaae count each thread's set-up in their steps/s; the medians are the same measure
# throughout.)
# Usage: benchmarks/audio_side_by_side.sh [REVISIONS] [ROUNDS] [STEPS]
#   (run from anywhere; REVISIONS is one revision or several joined by commas; default
#   f7dccfa,3449e47: the audio code before any speed-up of docs/audio.md, and after the
#   speed-ups that kept every observation bit for bit)
set -euo pipefail
cd "$(dirname "$0")/.."
revisions="${1:-f7dccfa,3449e47}"
rounds="${2:-5}"
steps="${3:-2000}"
IFS=, read -r -a revisions <<< "$revisions"
declare -A seen=()
for revision in "${revisions[@]}"; do
  if ! git rev-parse --verify --quiet "$revision^{commit}" >/dev/null; then
    echo "audio_side_by_side.sh: no revision '$revision' in this repository" >&2
    exit 2
  fi
  if [[ -n ${seen[$revision]:-} ]]; then
    echo "audio_side_by_side.sh: revision '$revision' is named twice" >&2
    exit 2
  fi
  seen[$revision]=1
done
for value in "$rounds" "$steps"; do
  # At most 7 digits, so that the shell's arithmetic cannot overflow.
  if ! [[ $value =~ ^[0-9]{1,7}$ ]] || (( 10#$value < 1 )); then
    echo "audio_side_by_side.sh: ROUNDS and STEPS need whole numbers from 1" \
      "(STEPS to 1000000), not '$value'" >&2
    exit 2
  fi
done
rounds=$((10#$rounds)) steps=$((10#$steps))
if (( steps > 1000000 )); then
  echo "audio_side_by_side.sh: STEPS is at most 1000000 (the benchmark's own limit), not $steps" >&2
  exit 2
fi
scratch="$(mktemp -d)"
cleanup() {
  for revision in "${revisions[@]}"; do
    git worktree remove --force "$scratch/$revision" >/dev/null 2>&1 || true
  done
  rm -rf "$scratch"
}
trap cleanup EXIT

builds=() binaries=()
for revision in "${revisions[@]}"; do
  git worktree add --detach "$scratch/$revision" "$revision" >/dev/null
  (cd "$scratch/$revision" && scripts/setup.sh >/dev/null \
    && swift build -c release --product earshot-benchmarks \
      --scratch-path "$scratch/$revision-build" >&2)
  builds+=("$revision")
  binaries+=("$scratch/$revision-build/release/earshot-benchmarks")
done
swift build -c release --product earshot-benchmarks >&2
swift build -c release --product earshot-benchmarks --scratch-path "$scratch/native-build" \
  -Xswiftc -target-cpu -Xswiftc native >&2
builds+=(now native)
binaries+=(.build/release/earshot-benchmarks "$scratch/native-build/release/earshot-benchmarks")
# Builds whose benchmark program has the whole-observation benchmark.
observing=()
for k in "${!builds[@]}"; do
  if "${binaries[$k]}" observation --steps 1 >/dev/null 2>&1; then observing+=("$k"); fi
done

for round in $(seq "$rounds"); do
  for k in "${!builds[@]}"; do
    # Every version runs from this checkout, so that they find the same clips.
    "${binaries[$k]}" audio --steps "$steps" \
      | awk -v build="${builds[$k]}" '$1 ~ /^[0-9]+$/ { print "audio", build, $0 }'
  done
  for k in "${observing[@]}"; do
    "${binaries[$k]}" observation --steps "$steps" \
      | awk -v build="${builds[$k]}" '$1 ~ /^[0-9]+$/ { print "observation", build, $0 }'
  done
done > "$scratch/rows.txt"

python3 - "$scratch/rows.txt" "$rounds" "${builds[@]}" <<'PY'
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
rounds, builds = sys.argv[2], sys.argv[3:]
names = {build: build for build in builds}
names.update({"now": "now", "native": "now, host CPU"})

def best_rate(rows, build, match):
    every = [r for key, v in rows.items() if key[0] == build and match(key) for r in v]
    return max(r[0] for r in every)

print(f"audio: lowest of {rounds} rounds' medians, µs per step, one thread;"
      " best steps/s, all cores")
print("         build  sources    mix  spectrogram  total   steps/s (all cores)")
for build in builds:
    for sources in sorted({s for b, s, _ in audio if b == build}):
        one = audio[build, sources, 1]
        best = best_rate(audio, build, lambda k: k[1] == sources and k[2] > 1)
        print(f"{names[build]:>14} {sources:8d}  {min(r[1] for r in one):5.1f}"
              f"  {min(r[2] for r in one):11.1f}  {min(r[3] for r in one):5.1f}  {best:8.0f}")
print()
print(f"whole observation, 3 sources: lowest of {rounds} rounds' medians, one thread;"
      " best steps/s, all cores")
print("         build  median µs  steps/s (all cores)")
for build in [b for b in builds if (b, 1) in observation]:
    one = observation[build, 1]
    best = best_rate(observation, build, lambda k: k[1] > 1)
    print(f"{names[build]:>14}  {min(r[1] for r in one):9.1f}  {best:8.0f}")
PY
