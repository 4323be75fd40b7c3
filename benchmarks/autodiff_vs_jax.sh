#!/usr/bin/env bash
# Side by side: Earshot's autodiff against JAX on the CPU, same network, batch and steps.
# Builds the release benchmark, then runs it and benchmarks/autodiff_vs_jax.py (in the
# throwaway venv of Tests/Reference, created on first use; needs PyPI) one after the other,
# ROUNDS times, so that both see the same load on a shared machine. Each round gives its
# own ratios; the summary is their median (and the spread), not one lucky or unlucky run.
# Usage: benchmarks/autodiff_vs_jax.sh [STEPS [ROUNDS]]   (default 10 steps, 5 rounds)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STEPS="${1:-10}"
ROUNDS="${2:-5}"
for value in "$STEPS" "$ROUNDS"; do
  if ! [[ "$value" =~ ^[1-9][0-9]*$ ]]; then
    echo "autodiff_vs_jax.sh: STEPS and ROUNDS must be whole numbers of at least 1, not '$value'" >&2
    exit 2
  fi
done
cd "$ROOT"

swift build -c release --product earshot-benchmarks >&2
source "$ROOT/Tests/Reference/venv.sh"
ROUND_FILE="$(mktemp)"
trap 'rm -f "$ROUND_FILE"' EXIT
for round in $(seq 1 "$ROUNDS"); do
  SWIFT_OUT="$(.build/release/earshot-benchmarks autodiff --steps "$STEPS")"
  JAX_OUT="$(JAX_PLATFORMS=cpu "$VENV_PYTHON" "$ROOT/benchmarks/autodiff_vs_jax.py" \
    --steps "$STEPS")"
  echo "# round $round"
  echo "$SWIFT_OUT"
  echo "$JAX_OUT"
  echo "$SWIFT_OUT $JAX_OUT" | tr ' ' '\n' | grep -v '^$' | paste - - >> "$ROUND_FILE"
done

python3 - "$ROUND_FILE" "$ROUNDS" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if "\t" in line]
rounds = int(sys.argv[2])
values = {}
for name, value in rows:
    try:
        values.setdefault(name, []).append(float(value))
    except ValueError:
        pass  # a version string
def ratios(a, b):
    return [x / y for x, y in zip(values[a], values[b])]
figures = [
    ("ratio.train_step_earshot_over_jax",
     ratios("autodiff.train_step_ms", "jax.train_step_ms"), "(goal <= 1)"),
    ("ratio.double_step_earshot_over_jax",
     ratios("autodiff.double_backprop_step_ms", "jax.double_backprop_step_ms"), ""),
    ("ratio.double_over_train_earshot", values["autodiff.double_over_train"], "(goal <= 3)"),
    ("ratio.sgemm_fraction_of_peak_in_train_step",
     values["autodiff.train_sgemm_fraction_of_peak"], "(goal >= 0.5)"),
]
print(f"# {rounds} rounds; median (min..max over rounds)")
for name in ["autodiff.train_step_ms", "jax.train_step_ms", "autodiff.double_backprop_step_ms",
             "jax.double_backprop_step_ms"]:
    v = values[name]
    print(f"median.{name} {statistics.median(v):.1f}   ({min(v):.1f}..{max(v):.1f})")
for name, v, goal in figures:
    print(f"{name} {statistics.median(v):.3f}   ({min(v):.3f}..{max(v):.3f})   {goal}")
PY
