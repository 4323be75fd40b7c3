#!/usr/bin/env bash
# Trains the shipped configs (configs/*.json) with seeds 1, 2 and 3, for the
# three-seed comparison in the README; seed 1 gives the shipped policy's weights.
# Checkpoints and logs go to results/seeds/ (not committed); a checkpoint already
# there is kept, so the script resumes a partial run. Usage:
#   experiments/navigation/seeds/train.sh "1 2 3" "fused fused-regularizer vision ..."
# EARSHOT=path/to/earshot uses another binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/../../.."
seeds=${1:-"1 2 3"}
variants=${2:-"fused fused-regularizer vision audio fused-dropout fused-ogm-ge"}
earshot=${EARSHOT:-.build/release/earshot}
[[ -n ${EARSHOT:-} ]] || swift build -c release --product earshot >/dev/null
mkdir -p results/seeds
for seed in $seeds; do
  for v in $variants; do
    out=results/seeds/$v-seed$seed.safetensors
    [[ -f $out && -f results/seeds/$v-seed$seed.done ]] && continue
    # The shipped config with another seed; the training suite by absolute path.
    python3 - "$v" "$seed" "$PWD" > "results/seeds/$v-seed$seed.json" <<'PY'
import json, sys
variant, seed, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
config = json.load(open(f"{root}/configs/{variant}.json"))
config["seed"] = seed
config["train"] = [f"{root}/scenarios/train"]
print(json.dumps(config, indent=1))
PY
    start=$(date +%s)
    "$earshot" train "results/seeds/$v-seed$seed.json" --out "$out" 2>/dev/null
    echo "$v seed $seed $(( $(date +%s) - start ))s" | tee -a results/seeds/wall-times.txt
    touch "results/seeds/$v-seed$seed.done"
  done
done
