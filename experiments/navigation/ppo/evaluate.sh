#!/usr/bin/env bash
# Evaluates the PPO policies of ppo/train.sh for seeds 2 and 3 as seeds/evaluate.sh
# does the imitation ones (seed 1 of fused-ppo and fused-regularizer-ppo is shipped
# and evaluated by run.sh; seed 1 of the others is evaluated here too). Writes
# results/ppo/bench/SUITE-MASK.{json,csv}. Usage:
#   experiments/navigation/ppo/evaluate.sh [EPISODES_PER_SCENARIO]
# EARSHOT=path/to/earshot uses another binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/../../.."
episodes=${1:-100}
earshot=${EARSHOT:-.build/release/earshot}
[[ -n ${EARSHOT:-} ]] || swift build -c release --product earshot >/dev/null
mkdir -p results/ppo/bench
args=()
for f in results/ppo/*-ppo-seed[0-9].safetensors; do
  v=$(basename "$f" | sed 's/-seed[0-9]*\.safetensors//')
  [[ $f == *-seed1.safetensors && -f assets/policies/$v.safetensors ]] && continue
  args+=(--policy "$f")
done
run() {  # suite, mask, episodes per scenario
  echo "== $1, senses: $2, $3 episodes per scenario"
  "$earshot" bench "scenarios/$1" "${args[@]}" --episodes "$3" --mask "$2" \
    --json "results/ppo/bench/$1-$2.json" --csv "results/ppo/bench/$1-$2.csv"
}
run test-heard none "$episodes"
run test-unheard none "$episodes"
run test-heard blank-frames "$episodes"
run test-heard mute-audio "$episodes"
run train none $((episodes / 4))
