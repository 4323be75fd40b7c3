#!/usr/bin/env bash
# Runs `earshot bench` once per condition for a set of policies, writing
# OUT/SUITE-MASK.{json,csv}. The evaluation scripts of seeds/ and ppo/ call it.
# Usage: experiments/navigation/bench_conditions.sh OUT "SUITE MASK EPISODES; ..." POLICY...
#   EPISODES is per scenario; EARSHOT names the binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$1 conditions=$2
shift 2
earshot=${EARSHOT:-.build/release/earshot}
args=()
for p in "$@"; do args+=(--policy "$p"); done
mkdir -p "$out"
IFS=";" read -ra list <<< "${conditions//$'\n'/ }"
for condition in "${list[@]}"; do
  read -r suite mask episodes <<< "$condition"
  echo "== $suite, senses: $mask, $episodes episodes per scenario"
  "$earshot" bench "scenarios/$suite" "${args[@]}" --episodes "$episodes" --mask "$mask" \
    --json "$out/$suite-$mask.json" --csv "$out/$suite-$mask.csv"
done
