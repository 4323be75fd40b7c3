#!/usr/bin/env bash
# Evaluates the policies of experiments/navigation/seeds/train.sh as run.sh does the
# shipped ones: both senses on test-heard, test-unheard and train; frames blanked and
# audio muted on test-heard. Writes results/seeds/bench/SUITE-MASK.{json,csv};
# seeds/summarize.py then prints mean ± standard deviation over the seeds. Usage:
#   experiments/navigation/seeds/evaluate.sh ["1 2 3"] [EPISODES_PER_SCENARIO]
# EARSHOT=path/to/earshot uses another binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/../../.."
seeds=${1:-"1 2 3"}
episodes=${2:-100}
earshot=${EARSHOT:-.build/release/earshot}
[[ -n ${EARSHOT:-} ]] || swift build -c release --product earshot >/dev/null
policies=()
for seed in $seeds; do
  for v in vision audio fused fused-regularizer fused-regularizer-inputs fused-dropout \
    fused-ogm-ge; do
    f=results/seeds/$v-seed$seed.safetensors
    [[ -f $f ]] && policies+=("$f")
  done
done
EARSHOT=$earshot experiments/navigation/bench_conditions.sh results/seeds/bench \
  "test-heard none $episodes; test-unheard none $episodes; test-heard blank-frames $episodes;
   test-heard mute-audio $episodes; train none $((episodes / 4))" "${policies[@]}"
