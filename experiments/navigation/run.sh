#!/usr/bin/env bash
# The navigation experiment of the README: every shipped policy on the held-out
# suites, with both senses, with frames blanked and with audio muted.
# Usage: experiments/navigation/run.sh [EPISODES_PER_SCENARIO]   (default 100: 200 per
# held-out suite, which has two scenarios; the training suite runs a quarter of that,
# with both senses only)
# Writes results/navigation/*.json and prints one table per condition.
set -euo pipefail
cd "$(dirname "$0")/../.."
episodes=${1:-100}
swift build -c release --product earshot >/dev/null
mkdir -p results/navigation
policies=(oracle random)
for p in vision audio fused fused-regularizer fused-dropout fused-ogm-ge; do
  [[ -f assets/policies/$p.safetensors ]] && policies+=("assets/policies/$p.safetensors")
done
args=()
for p in "${policies[@]}"; do args+=(--policy "$p"); done
run() {  # suite, mask, episodes per scenario
  echo "== $1, senses: $2, $3 episodes per scenario"
  .build/release/earshot bench "scenarios/$1" "${args[@]}" --episodes "$3" --mask "$2" \
    --json "results/navigation/$1-$2.json" --csv "results/navigation/$1-$2.csv"
}
for suite in test-heard test-unheard; do
  for mask in none blank-frames mute-audio; do run "$suite" "$mask" "$episodes"; done
done
run train none $((episodes / 4))
python3 experiments/navigation/summarize.py results/navigation
