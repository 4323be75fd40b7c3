#!/usr/bin/env bash
# Side by side: Earshot's autodiff against JAX on the CPU, same network, batch and steps.
# Builds the release benchmark, runs it, runs benchmarks/autodiff_vs_jax.py in the
# throwaway venv of Tests/Reference (created on first use; needs PyPI), prints the ratios.
# Usage: benchmarks/autodiff_vs_jax.sh [STEPS]   (default 10)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STEPS="${1:-10}"
cd "$ROOT"

swift build -c release --product earshot-benchmarks >&2
SWIFT_OUT="$(.build/release/earshot-benchmarks autodiff --steps "$STEPS")"
source "$ROOT/Tests/Reference/venv.sh"
JAX_OUT="$(JAX_PLATFORMS=cpu "$VENV_PYTHON" "$ROOT/benchmarks/autodiff_vs_jax.py" --steps "$STEPS")"

echo "$SWIFT_OUT"
echo "$JAX_OUT"
value() { echo "$SWIFT_OUT $JAX_OUT" | tr ' ' '\n' | grep -A1 -x "$1" | tail -1; }
python3 - "$(value autodiff.train_step_ms)" "$(value jax.train_step_ms)" \
  "$(value autodiff.double_backprop_step_ms)" "$(value jax.double_backprop_step_ms)" \
  "$(value autodiff.double_over_train)" "$(value autodiff.train_sgemm_fraction_of_peak)" <<'PY'
import sys
st, jt, sd, jd, ratio, fraction = map(float, sys.argv[1:])
print(f"ratio.train_step_earshot_over_jax {st / jt:.3f}   (goal <= 1)")
print(f"ratio.double_step_earshot_over_jax {sd / jd:.3f}")
print(f"ratio.double_over_train_earshot {ratio:.3f}   (goal <= 3)")
print(f"ratio.sgemm_fraction_of_peak_in_train_step {fraction:.3f}   (goal >= 0.5)")
PY
