#!/usr/bin/env bash
# Draws docs/images/training_curves.png from the shipped policies' training logs,
# with matplotlib from PyPI in a throwaway virtual environment.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.build/venv-plots
[[ -x $venv/bin/python ]] || { python3 -m venv "$venv"; "$venv/bin/pip" install -q matplotlib==3.9.2; }
"$venv/bin/python" experiments/navigation/plot_training.py \
  experiments/navigation/training-logs/*.log.jsonl docs/images/training_curves.png
