#!/usr/bin/env bash
# Balance judged by measures the regularizer does not optimise: Integrated Gradients
# at the raw inputs (the regularizer penalises the embeddings) beside the embeddings,
# |IG| and net shares, for every fused policy of every seed, on the decisions of
# test-heard episodes (the policies of seeds/train.sh and ppo/train.sh). Writes results/attribution/NAME-SPACE.json; summarize_attribution.py
# prints mean ± sd over seeds. Usage:
#   experiments/navigation/attribution.sh [EPISODES_PER_SCENARIO]   (default 5)
# EARSHOT=path/to/earshot uses another binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/../.."
episodes=${1:-5}
earshot=${EARSHOT:-.build/release/earshot}
[[ -n ${EARSHOT:-} ]] || swift build -c release --product earshot >/dev/null
mkdir -p results/attribution
checkpoints=()
for v in fused fused-regularizer fused-regularizer-inputs fused-dropout fused-ogm-ge fused-ppo \
  fused-regularizer-ppo; do
  for f in results/seeds/$v-seed[0-9].safetensors results/ppo/$v-seed[0-9].safetensors; do
    [[ -f $f ]] && checkpoints+=("$f")
  done
done
for f in "${checkpoints[@]}"; do
  name=$(basename "$f" .safetensors)
  for space in embeddings inputs; do
    out=results/attribution/$name-$space.json
    [[ -f $out ]] && continue
    "$earshot" attribute "$f" scenarios/test-heard --episodes "$episodes" --space "$space" \
      --json "$out" >/dev/null 2>&1
    echo "$name $space done"
  done
done
python3 experiments/navigation/summarize_attribution.py results/attribution
