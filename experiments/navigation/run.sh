#!/usr/bin/env bash
# The navigation experiment of the README: every shipped policy on the held-out
# suites, with both senses, with frames blanked and with audio muted.
# Usage: experiments/navigation/run.sh [EPISODES_PER_SCENARIO]   (default 50)
# Writes results/navigation/*.json and prints one table per condition.
set -euo pipefail
cd "$(dirname "$0")/../.."
episodes=${1:-50}
swift build -c release --product earshot >/dev/null
mkdir -p results/navigation
policies=(oracle random)
for p in vision audio fused fused-regularizer fused-dropout fused-ogm-ge; do
  [[ -f assets/policies/$p.safetensors ]] && policies+=("assets/policies/$p.safetensors")
done
args=()
for p in "${policies[@]}"; do args+=(--policy "$p"); done
for suite in test-heard test-unheard train; do
  for mask in none blank-frames mute-audio; do
    echo "== $suite, senses: $mask, $episodes episodes per scenario"
    .build/release/earshot bench "scenarios/$suite" "${args[@]}" --episodes "$episodes" \
      --mask "$mask" --json "results/navigation/$suite-$mask.json" \
      --csv "results/navigation/$suite-$mask.csv"
  done
done
python3 experiments/navigation/summarize.py results/navigation
