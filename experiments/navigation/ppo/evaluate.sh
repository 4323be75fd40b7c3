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
EARSHOT=$earshot experiments/navigation/bench_conditions.sh results/ppo/bench \
  "test-heard none $episodes; test-unheard none $episodes" \
  results/ppo/*-ppo-seed[0-9].safetensors
