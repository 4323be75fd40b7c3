#!/usr/bin/env bash
# Chooses the regularizer's λ on the validation suite (scenarios/validation), never
# on the test suites: configs/fused-regularizer.json is trained again with each λ
# (seed 1, everything else unchanged), then every checkpoint, λ = 0 being the
# shipped fused policy, runs on scenarios/validation. The λ with the highest
# success (SPL breaks ties) is the one configs/fused-regularizer.json keeps. Checkpoints, logs and the
# bench files go to results/lambda/ (not committed); a finished run is kept, so the
# script resumes. Usage:
#   experiments/navigation/lambda/sweep.sh ["0.01 0.1 1"] [EPISODES_PER_SCENARIO]
# EARSHOT=path/to/earshot uses another binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/../../.."
lambdas=${1:-"0.01 0.1 1"}
episodes=${2:-100}
earshot=${EARSHOT:-.build/release/earshot}
[[ -n ${EARSHOT:-} ]] || swift build -c release --product earshot >/dev/null
mkdir -p results/lambda
for lambda in $lambdas; do
  out=results/lambda/lambda-$lambda.safetensors
  [[ -f $out && -f results/lambda/lambda-$lambda.done ]] && continue
  python3 - "$lambda" "$PWD" > "results/lambda/lambda-$lambda.json" <<'PY'
import json, sys
value, root = float(sys.argv[1]), sys.argv[2]
config = json.load(open(f"{root}/configs/fused-regularizer.json"))
config["name"] = f"fused-regularizer-lambda-{sys.argv[1]}"
config["balance"]["lambda"] = value
config["train"] = [f"{root}/scenarios/train"]
print(json.dumps(config, indent=1))
PY
  start=$(date +%s)
  "$earshot" train "results/lambda/lambda-$lambda.json" --out "$out" \
    --log "results/lambda/lambda-$lambda.log.jsonl" 2>/dev/null
  echo "lambda $lambda $(( $(date +%s) - start ))s" | tee -a results/lambda/wall-times.txt
  touch "results/lambda/lambda-$lambda.done"
done
args=(--policy assets/policies/fused.safetensors)
for lambda in $lambdas; do args+=(--policy "results/lambda/lambda-$lambda.safetensors"); done
"$earshot" bench scenarios/validation "${args[@]}" --episodes "$episodes" \
  --json results/lambda/validation.json --csv results/lambda/validation.csv
