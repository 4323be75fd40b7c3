#!/usr/bin/env bash
# The navigation experiment of the README: every shipped policy on the held-out
# suites, with both senses, with frames blanked, with audio muted and (test-heard)
# with both taken away, the four evaluations of a Shapley-style split.
# Usage: experiments/navigation/run.sh [EPISODES_PER_SCENARIO [POLICY...]]
#   EPISODES_PER_SCENARIO: default 100, i.e. 200 per held-out suite (two scenarios);
#   the training suite runs a quarter of that, with both senses only.
#   POLICY...: names in assets/policies to evaluate again, their entries replacing
#   the same policies' in the existing result files (default: every policy, afresh).
# Writes results/navigation/*.{json,csv} and prints one table per condition.
# EARSHOT=path/to/earshot uses another binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/../.."
episodes=${1:-100}
shift || true
earshot=${EARSHOT:-.build/release/earshot}
[[ -n ${EARSHOT:-} ]] || swift build -c release --product earshot >/dev/null
mkdir -p results/navigation
every=(oracle random)
for p in vision audio fused fused-regularizer fused-dropout fused-ogm-ge \
  fused-ppo fused-regularizer-ppo; do
  [[ -f assets/policies/$p.safetensors ]] && every+=("assets/policies/$p.safetensors")
done
named=()
for p in "$@"; do named+=("assets/policies/$p.safetensors"); done
run() {  # suite, mask, episodes per scenario
  local out=results/navigation/$1-$2 fresh=results/navigation/$1-$2 chosen=("${every[@]}")
  # Named policies replace their own entries in a file that exists; a missing file
  # is made whole, with every policy.
  if [[ ${#named[@]} -gt 0 && -f $out.json ]]; then
    chosen=("${named[@]}")
    fresh=$out.new
  fi
  echo "== $1, senses: $2, $3 episodes per scenario, ${#chosen[@]} policies"
  local args=()
  for p in "${chosen[@]}"; do args+=(--policy "$p"); done
  "$earshot" bench "scenarios/$1" "${args[@]}" --episodes "$3" --mask "$2" \
    --json "$fresh.json" --csv "$fresh.csv"
  [[ $fresh == "$out" ]] && return
  python3 - "$out" "$fresh" <<'PY'
import csv, json, sys
old, new = sys.argv[1], sys.argv[2]
fresh = json.load(open(new + ".json"))
fresh = fresh if isinstance(fresh, list) else [fresh]
names = {r["policy"] for r in fresh}
kept = [r for r in json.load(open(old + ".json")) if r["policy"] not in names]
with open(old + ".json", "w") as f:
    json.dump(kept + fresh, f, indent=1)
rows = [r for r in csv.DictReader(open(old + ".csv")) if r["policy"] not in names]
rows += list(csv.DictReader(open(new + ".csv")))
with open(old + ".csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    w.writeheader()
    w.writerows(rows)
PY
  rm -f "$fresh.json" "$fresh.csv"
}
for mask in none blank-frames mute-audio no-senses; do run test-heard "$mask" "$episodes"; done
for mask in none blank-frames mute-audio; do run test-unheard "$mask" "$episodes"; done
run train none $((episodes / 4))
python3 experiments/navigation/summarize.py results/navigation
