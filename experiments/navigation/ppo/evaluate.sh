#!/usr/bin/env bash
# Evaluates every PPO policy of ppo/train.sh (results/ppo/*-ppo-seedS.safetensors)
# with both senses on the held-out suites. Writes results/ppo/bench/SUITE-none.{json,csv};
# seeds/summarize.py results/ppo/bench prints mean ± sd over seeds. Usage:
#   experiments/navigation/ppo/evaluate.sh [EPISODES_PER_SCENARIO]
# EARSHOT=path/to/earshot uses another binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/../../.."
episodes=${1:-100}
earshot=${EARSHOT:-.build/release/earshot}
[[ -n ${EARSHOT:-} ]] || swift build -c release --product earshot >/dev/null
mkdir -p results/ppo/bench
args=()
for f in results/ppo/*-ppo-seed[0-9].safetensors; do args+=(--policy "$f"); done
run() {  # suite, mask, episodes per scenario
  echo "== $1, senses: $2, $3 episodes per scenario"
  "$earshot" bench "scenarios/$1" "${args[@]}" --episodes "$3" --mask "$2" \
    --json "results/ppo/bench/$1-$2.json" --csv "results/ppo/bench/$1-$2.csv"
}
run test-heard none "$episodes"
run test-unheard none "$episodes"
