#!/usr/bin/env bash
# PPO after imitation for each variant and seed: the variant's imitation policy of
# that seed (results/seeds/VARIANT-seedS.safetensors, from seeds/train.sh) fine-tuned
# with the PPO settings of configs/fused-ppo.json and the variant's own modalities and
# balance method. (The shipped PPO policies are trained by their own configs,
# configs/*-ppo.json, from the shipped imitation policies.)
# Checkpoints and logs go to results/ppo/ (not committed); a finished run is kept,
# so the script resumes. Usage:
#   experiments/navigation/ppo/train.sh ["1 2 3"] ["fused fused-regularizer audio"]
# EARSHOT=path/to/earshot uses another binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/../../.."
seeds=${1:-"1 2 3"}
variants=${2:-"fused fused-regularizer audio"}
earshot=${EARSHOT:-.build/release/earshot}
[[ -n ${EARSHOT:-} ]] || swift build -c release --product earshot >/dev/null
mkdir -p results/ppo
for seed in $seeds; do
  for v in $variants; do
    out=results/ppo/$v-ppo-seed$seed.safetensors
    [[ -f $out && -f results/ppo/$v-ppo-seed$seed.done ]] && continue
    config=results/ppo/$v-ppo-seed$seed.json
    init=results/seeds/$v-seed$seed.safetensors
    python3 - "$v" "$seed" "$PWD" "$PWD/$init" > "$config" <<'PY'
import json, sys
variant, seed, root, init = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
config = json.load(open(f"{root}/configs/{variant}.json"))
ppo = json.load(open(f"{root}/configs/fused-ppo.json"))
del config["imitation"]
config.update(name=f"{variant}-ppo", seed=seed, init=init, train=[f"{root}/scenarios/train"],
              ppo=ppo["ppo"], optimizer=ppo["optimizer"])
print(json.dumps(config, indent=1))
PY
    start=$(date +%s)
    "$earshot" train "$config" --out "$out" --log "results/ppo/$v-ppo-seed$seed.log.jsonl" \
      2>/dev/null
    echo "$v-ppo seed $seed $(( $(date +%s) - start ))s" | tee -a results/ppo/wall-times.txt
    touch "results/ppo/$v-ppo-seed$seed.done"
  done
done
