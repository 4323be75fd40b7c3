#!/usr/bin/env bash
# Runs one JAX reference script, which writes its values into a safetensors file.
# Usage: Tests/Reference/run_reference.sh SCRIPT.py OUTPUT.safetensors
#   (jax_reference.py for the autodiff tests, attribution_reference.py for attribution)
# Exit status is non-zero, with the reason on stderr, when the reference cannot be made
# (no python3, no network for pip, a JAX error).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 SCRIPT.py OUTPUT.safetensors" >&2
  exit 2
fi
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/venv.sh"
JAX_PLATFORMS=cpu "$VENV_PYTHON" "$HERE/$1" "$2"
